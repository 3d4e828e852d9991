"""The SAM serial frame: encode commands, find and decode answers (id_numbers.md §4.2).

::

    command  host -> SAM: AA AA AA 96 69 | Len1 Len2 | CMD  Para        | Data | CHK
    response SAM -> host: AA AA AA 96 69 | Len1 Len2 | SW1  SW2  SW3    | Data | CHK

``Len`` is big-endian and counts every byte after itself (payload + CHK); ``CHK``
is the XOR of ``Len1`` .. the last data byte. Pure functions over bytes: no I/O,
so the parser can be fuzzed on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.resident_id.errors import FrameError
from devices.resident_id.status_words import Command

PREAMBLE = bytes.fromhex("AAAAAA9669")
HEADER_SIZE = len(PREAMBLE) + 2
# SW1 SW2 SW3 + CHK: the shortest answer a SAM can give.
MIN_RESPONSE_LEN = 4
# The longest documented answer is 30 10 with 1024 fingerprint bytes: a 2321-byte
# frame, Len 2314. Anything longer is a corrupted length field, and refusing it
# at once beats waiting for kilobytes that will never come.
MAX_RESPONSE_LEN = 2321 - HEADER_SIZE
# The SAM refuses command bodies above 0x400 (SW3 11); we never send one either.
MAX_COMMAND_LEN = 0x0400
MIN_COMMAND_LEN = 3


def xor_checksum(data: bytes) -> int:
    """XOR of all bytes (the frame's CHK over Len1 .. last data byte)."""
    x = 0
    for b in data:
        x ^= b
    return x


def encode_frame(payload: bytes) -> bytes:
    """Wrap a payload (CMD Para Data, or SW1 SW2 SW3 Data) into a full frame."""
    length = len(payload) + 1
    if length > 0xFFFF:
        raise FrameError(f"payload of {len(payload)} bytes does not fit a 16-bit length")
    body = length.to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes([xor_checksum(body)])


def encode_command(command: Command, data: bytes = b"") -> bytes:
    """The host-to-SAM frame for a command, e.g. find card -> AA AA AA 96 69 00 03 20 01 22."""
    if len(data) + 3 > MAX_COMMAND_LEN:
        raise FrameError(f"command data of {len(data)} bytes exceeds the SAM's limit")
    return encode_frame(bytes([command.cmd, command.para]) + data)


def decode_frame(frame: bytes) -> bytes:
    """Check one complete frame and return its payload (without Len and CHK).

    Raises FrameError naming the first rule broken: short, preamble, length, checksum.
    """
    if len(frame) < HEADER_SIZE + 1:
        raise FrameError(f"short frame: {len(frame)} bytes")
    if frame[: len(PREAMBLE)] != PREAMBLE:
        raise FrameError("frame does not start with the preamble AA AA AA 96 69")
    declared = int.from_bytes(frame[5:7], "big")
    if declared != len(frame) - HEADER_SIZE:
        raise FrameError(
            f"length field says {declared} bytes follow but {len(frame) - HEADER_SIZE} do"
        )
    if xor_checksum(frame[5:-1]) != frame[-1]:
        raise FrameError("checksum mismatch")
    return frame[HEADER_SIZE:-1]


def split_frame(
    buffer: bytes,
    *,
    min_len: int = MIN_RESPONSE_LEN,
    max_len: int = MAX_RESPONSE_LEN,
) -> tuple[int, bytes | None]:
    """Find the first frame in a stream buffer.

    Returns ``(skip, frame)``: the caller drops ``skip`` leading bytes (noise before
    a preamble) and, if ``frame`` is not None, the frame's bytes after them. A
    None frame means "keep reading": either no preamble yet (the tail that could
    still become one is kept) or the frame is incomplete. The checksum is not
    checked here; `decode_frame` does that.

    Raises FrameError if a preamble is followed by an impossible length, since
    no amount of further reading can make that frame whole.
    """
    start = buffer.find(PREAMBLE)
    if start < 0:
        return len(buffer) - _partial_preamble_tail(buffer), None
    if len(buffer) < start + HEADER_SIZE:
        return start, None
    declared = int.from_bytes(buffer[start + 5 : start + 7], "big")
    if not min_len <= declared <= max_len:
        raise FrameError(f"impossible length field {declared} (allowed {min_len}..{max_len})")
    end = start + HEADER_SIZE + declared
    if len(buffer) < end:
        return start, None
    return start, buffer[start:end]


def _partial_preamble_tail(buffer: bytes) -> int:
    """How many trailing bytes could be the start of a preamble split across reads."""
    for k in range(min(len(PREAMBLE) - 1, len(buffer)), 0, -1):
        if PREAMBLE.startswith(buffer[-k:]):
            return k
    return 0


def bytes_still_needed(buffer: bytes) -> int:
    """How many more bytes complete the frame at the start of ``buffer`` (at least 1).

    Lets the transport ask the port for exactly the rest of a frame, so a read
    returns the moment the frame is whole instead of waiting out a poll interval.
    """
    if len(buffer) < HEADER_SIZE or buffer[: len(PREAMBLE)] != PREAMBLE:
        return max(1, HEADER_SIZE - len(buffer))
    declared = int.from_bytes(buffer[5:7], "big")
    return max(1, HEADER_SIZE + declared - len(buffer))


@dataclass(frozen=True, slots=True)
class Response:
    """A decoded SAM answer: the three status bytes and the data after them."""

    sw1: int
    sw2: int
    sw3: int
    data: bytes


def decode_response(frame: bytes) -> Response:
    """Decode a complete SAM-to-host frame; raises FrameError if it is malformed."""
    payload = decode_frame(frame)
    if len(payload) < 3:
        raise FrameError(f"response payload of {len(payload)} bytes has no SW1 SW2 SW3")
    return Response(sw1=payload[0], sw2=payload[1], sw3=payload[2], data=payload[3:])


@dataclass(frozen=True, slots=True)
class BaseMessage:
    """The answer to 30 01: the 256-byte text block and the 1024-byte WLT photo."""

    text: bytes
    photo: bytes


def split_base_message(data: bytes) -> BaseMessage:
    """Split the data of a 30 01 answer: text length, photo length (2 bytes each, big-endian), text, photo."""
    if len(data) < 4:
        raise FrameError(f"read answer of {len(data)} bytes lacks the two length fields")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if 4 + text_len + photo_len != len(data):
        raise FrameError(
            f"read answer announces {text_len} + {photo_len} bytes but carries {len(data) - 4}"
        )
    return BaseMessage(text=data[4 : 4 + text_len], photo=data[4 + text_len :])
