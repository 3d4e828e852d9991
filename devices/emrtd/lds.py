"""Decoding the LDS files the kiosk uses: EF.COM, DG1, DG2 (face) and DG11.

ICAO 9303-10 (LDS 1.7) and ISO/IEC 19794-5:2005 for the facial record inside
DG2. Every decoder raises `TlvError`/`ProtocolError` on malformed input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from devices.emrtd import tlv
from devices.emrtd.errors import ProtocolError, TlvError
from devices.emrtd.mrz import Mrz, parse_mrz

# LDS tag -> data group number (ICAO 9303-10 table 'LDS1 data groups')
DG_BY_TAG: dict[int, int] = {
    0x61: 1, 0x75: 2, 0x63: 3, 0x76: 4, 0x65: 5, 0x66: 6, 0x67: 7, 0x68: 8,
    0x69: 9, 0x6A: 10, 0x6B: 11, 0x6C: 12, 0x6D: 13, 0x6E: 14, 0x6F: 15, 0x70: 16,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class EfCom:
    """EF.COM: LDS and Unicode versions and the data groups present."""

    lds_version: str
    unicode_version: str
    data_groups: tuple[int, ...]


def parse_ef_com(data: bytes) -> EfCom:
    items = tlv.parse_one(data)[0]
    if items.tag != 0x60:
        raise TlvError(f"EF.COM starts with tag {items.tag:X}, not 60")
    children = items.children()
    version = tlv.find(children, 0x5F01)
    unicode = tlv.find(children, 0x5F36)
    tag_list = tlv.find(children, 0x5C)
    if tag_list is None:
        raise ProtocolError("EF.COM has no tag list (5C)")
    groups = tuple(sorted({DG_BY_TAG[t] for t in tag_list.value if t in DG_BY_TAG}))
    return EfCom(
        lds_version=version.value.decode("ascii", "replace") if version else "",
        unicode_version=unicode.value.decode("ascii", "replace") if unicode else "",
        data_groups=groups,
    )


def parse_dg1(data: bytes) -> Mrz:
    """DG1: the MRZ (5F1F inside 61)."""
    body = tlv.parse(tlv.unwrap(data, 0x61))
    mrz = tlv.find(body, 0x5F1F)
    if mrz is None:
        raise ProtocolError("DG1 has no MRZ (5F1F)")
    try:
        text = mrz.value.decode("ascii")
    except UnicodeDecodeError as exc:
        raise ProtocolError("DG1 MRZ is not ASCII") from exc
    return parse_mrz([text])


@dataclass(frozen=True, slots=True)
class FaceImage:
    """The face image from DG2 and its media type."""

    data: bytes
    media_type: str
    width: int = 0
    height: int = 0


_JP2_SIGNATURE = bytes.fromhex("0000000C6A5020200D0A870A")
_J2K_CODESTREAM = bytes.fromhex("FF4FFF51")


def media_type_of(image: bytes, declared: int | None = None) -> str:
    """MIME type by magic bytes; ``declared`` = 19794-5 image data type (0 JPEG, 1 JP2)."""
    if image.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if image.startswith(_JP2_SIGNATURE):
        return "image/jp2"
    if image.startswith(_J2K_CODESTREAM):
        return "image/j2c"
    if declared == 0:
        return "image/jpeg"
    if declared == 1:
        return "image/jp2"
    return "application/octet-stream"


def parse_dg2(data: bytes) -> FaceImage:
    """The first face image in DG2 (75 > 7F61 > 7F60 > 5F2E/7F2E > 19794-5 record)."""
    group = tlv.parse(tlv.unwrap(data, 0x75))
    info = tlv.find(group, 0x7F61)
    if info is None:
        raise ProtocolError("DG2 has no biometric information group template (7F61)")
    for template in info.children():
        if template.tag != 0x7F60:
            continue
        block = tlv.find(template.children(), 0x5F2E) or tlv.find(template.children(), 0x7F2E)
        if block is not None:
            return parse_facial_record(block.value)
    raise ProtocolError("DG2 holds no biometric data block (5F2E)")


def parse_facial_record(record: bytes) -> FaceImage:
    """ISO/IEC 19794-5:2005 facial record: header, facial info, feature points, image."""
    if len(record) < 14 or record[:4] != b"FAC\x00":
        raise ProtocolError("DG2 biometric data is not an ISO/IEC 19794-5 'FAC' record")
    faces = int.from_bytes(record[12:14], "big")
    if faces < 1:
        raise ProtocolError("ISO/IEC 19794-5 record has no face")
    pos = 14
    if len(record) < pos + 20:
        raise ProtocolError("ISO/IEC 19794-5 facial information is truncated")
    block_length = int.from_bytes(record[pos : pos + 4], "big")
    feature_points = int.from_bytes(record[pos + 4 : pos + 6], "big")
    end = pos + block_length
    image_info = pos + 20 + 8 * feature_points
    image_start = image_info + 12
    if block_length < 32 or end > len(record) or image_start > end:
        raise ProtocolError("ISO/IEC 19794-5 facial record lengths are inconsistent")
    data_type = record[image_info + 1]
    width = int.from_bytes(record[image_info + 2 : image_info + 4], "big")
    height = int.from_bytes(record[image_info + 4 : image_info + 6], "big")
    image = bytes(record[image_start:end])
    if not image:
        raise ProtocolError("ISO/IEC 19794-5 facial record holds an empty image")
    return FaceImage(image, media_type_of(image, data_type), width, height)


@dataclass(frozen=True, slots=True)
class Dg11:
    """DG11 additional personal details (only what is present)."""

    full_name: str = ""
    other_names: tuple[str, ...] = ()
    personal_number: str = ""
    full_date_of_birth: date | None = None
    place_of_birth: str = ""
    address: str = ""
    extra: dict[str, str] = field(default_factory=dict)


_DG11_TEXT = {
    0x5F11: "place_of_birth",
    0x5F42: "address",
    0x5F12: "telephone",
    0x5F13: "profession",
    0x5F14: "title",
    0x5F15: "personal_summary",
    0x5F17: "other_valid_td_numbers",
    0x5F18: "custody_information",
}


def _text(value: bytes) -> str:
    return value.decode("utf-8", "replace")


def _full_date(value: bytes) -> date | None:
    """5F2B: CCYYMMDD as ASCII digits or as 4 BCD bytes."""
    text = value.hex() if len(value) == 4 else value.decode("ascii", "replace")
    if not re.fullmatch(r"\d{8}", text):
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def parse_dg11(data: bytes) -> Dg11:
    items = tlv.parse(tlv.unwrap(data, 0x6B))
    fields: dict[str, str] = {}
    other: list[str] = []
    birth: date | None = None
    for item in items:
        if item.tag == 0x5F0E:
            fields["full_name"] = _text(item.value)
        elif item.tag == 0x5F10:
            fields["personal_number"] = _text(item.value)
        elif item.tag == 0x5F2B:
            birth = _full_date(item.value)
        elif item.tag == 0xA0:
            other += [_text(c.value) for c in item.children() if c.tag == 0x5F0F]
        elif item.tag == 0x5F0F:
            other.append(_text(item.value))
        elif item.tag in _DG11_TEXT:
            fields[_DG11_TEXT[item.tag]] = _text(item.value)
    extra = {k: v for k, v in fields.items() if k not in ("full_name", "personal_number")}
    return Dg11(
        full_name=fields.get("full_name", ""),
        other_names=tuple(other),
        personal_number=fields.get("personal_number", "").replace("<", ""),
        full_date_of_birth=birth,
        place_of_birth=extra.pop("place_of_birth", ""),
        address=extra.pop("address", ""),
        extra=extra,
    )
