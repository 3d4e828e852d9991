"""BER-TLV as used by ICAO 9303 (LDS files, secure-messaging data objects).

Strict by design: chip data are hostile input. Indefinite lengths, lengths
of more than 4 bytes, tags of more than 4 bytes and values running past the
end raise `TlvError`; nothing else escapes.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.emrtd.errors import TlvError

_MAX_TAG_BYTES = 4
_MAX_LENGTH_BYTES = 4


class TlvTruncatedError(TlvError):
    """The bytes end inside a TLV header or value (more bytes may follow)."""


@dataclass(frozen=True, slots=True)
class Tlv:
    """One data object: tag as an int (``0x5F1F``), value bytes."""

    tag: int
    value: bytes

    @property
    def constructed(self) -> bool:
        """True if the tag says the value is itself a sequence of TLVs."""
        first = self.tag
        while first > 0xFF:
            first >>= 8
        return bool(first & 0x20)

    def children(self) -> list[Tlv]:
        """The nested objects of a constructed value."""
        return parse(self.value)


def read_tag(data: bytes, pos: int) -> tuple[int, int]:
    """(tag, position after it) at ``pos``."""
    if pos >= len(data):
        raise TlvTruncatedError("TLV ends before its tag")
    tag = data[pos]
    pos += 1
    if tag & 0x1F == 0x1F:
        count = 1
        while True:
            if pos >= len(data):
                raise TlvTruncatedError("TLV ends inside a multi-byte tag")
            byte = data[pos]
            pos += 1
            count += 1
            if count > _MAX_TAG_BYTES:
                raise TlvError("tag longer than 4 bytes")
            tag = (tag << 8) | byte
            if not byte & 0x80:
                break
    return tag, pos


def read_length(data: bytes, pos: int) -> tuple[int, int]:
    """(length, position after it) at ``pos``."""
    if pos >= len(data):
        raise TlvTruncatedError("TLV ends before its length")
    first = data[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    count = first & 0x7F
    if count == 0:
        raise TlvError("indefinite length is not allowed")
    if count > _MAX_LENGTH_BYTES:
        raise TlvError(f"length field of {count} bytes")
    if pos + count > len(data):
        raise TlvTruncatedError("TLV ends inside its length")
    return int.from_bytes(data[pos : pos + count], "big"), pos + count


def parse_one(data: bytes, pos: int = 0) -> tuple[Tlv, int]:
    """The object at ``pos`` and the position after it."""
    tag, pos = read_tag(data, pos)
    length, pos = read_length(data, pos)
    end = pos + length
    if end > len(data):
        raise TlvError(f"value of tag {tag:X} runs {end - len(data)} bytes past the end")
    return Tlv(tag, bytes(data[pos:end])), end


def parse(data: bytes) -> list[Tlv]:
    """A flat sequence of objects that must fill ``data`` exactly."""
    out: list[Tlv] = []
    pos = 0
    while pos < len(data):
        item, pos = parse_one(data, pos)
        out.append(item)
    return out


def unwrap(data: bytes, tag: int) -> bytes:
    """The value of the single object ``tag`` that starts ``data``.

    Trailing bytes after it are ignored: files read from a chip may be padded.
    """
    item, _ = parse_one(data)
    if item.tag != tag:
        raise TlvError(f"expected tag {tag:X}, found {item.tag:X}")
    return item.value


def find(items: list[Tlv], tag: int) -> Tlv | None:
    """The first object with ``tag`` in ``items``."""
    for item in items:
        if item.tag == tag:
            return item
    return None


def total_length(prefix: bytes) -> int | None:
    """Length of the whole first object (header + value) from its first bytes.

    None when ``prefix`` is still too short to tell; `TlvError` if it is not TLV.
    """
    try:
        _, pos = read_tag(prefix, 0)
        length, pos = read_length(prefix, pos)
    except TlvTruncatedError:
        return None
    return pos + length


def encode_length(length: int) -> bytes:
    """DER length octets."""
    if length < 0:
        raise ValueError("negative length")
    if length < 0x80:
        return bytes([length])
    raw = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def encode(tag: int, value: bytes) -> bytes:
    """One object: tag bytes, DER length, value."""
    tag_bytes = tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")
    return tag_bytes + encode_length(len(value)) + value
