"""Decoder of the 256-byte text block of a resident ID card (id_numbers.md §4.5).

Every field is UTF-16LE, fixed width, padded with spaces:

=======  =====  ==========================  ==============================
offset   bytes  field                       format
=======  =====  ==========================  ==============================
0        30     姓名 name                   15 characters
30       2      性别 sex                    1 male, 2 female, 0/9 unknown
32       4      民族 ethnicity              GB 3304 two-digit code
36       16     出生 birth date             YYYYMMDD
52       70     住址 address                35 characters
122      36     公民身份号码 ID number      18 characters
158      30     签发机关 issuing authority  15 characters
188      16     有效期起 valid from         YYYYMMDD
204      16     有效期止 valid to           YYYYMMDD or 长期
220      36     reserved                    card-type marker (see below)
=======  =====  ==========================  ==============================

Every field is checked: a block that decodes is a block the kiosk can trust to
be what the card holds. Anything else raises CardDataError naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from devices.resident_id.errors import CardDataError
from devices.resident_id.ethnicity import ethnicity_name
from devices.resident_id.id_number import validate_id_number

TEXT_BLOCK_SIZE = 256
APPENDED_ADDRESS_SIZE = 70
LONG_TERM = "长期"

# (field, byte offset, byte length)
LAYOUT: tuple[tuple[str, int, int], ...] = (
    ("name", 0, 30),
    ("sex", 30, 2),
    ("nation", 32, 4),
    ("birth", 36, 16),
    ("address", 52, 70),
    ("id_number", 122, 36),
    ("authority", 158, 30),
    ("valid_from", 188, 16),
    ("valid_to", 204, 16),
    ("reserved", 220, 36),
)

# Vendor SDKs tell other cards read through the same SAM (港澳台居民居住证 'J',
# 外国人永久居留身份证 'I'/'Y') by a letter at byte 248, inside the reserved
# area; their blocks have a different layout (id_numbers.md §4.5, marked
# uncertain there). A resident card leaves the area blank. Refusing marked
# blocks keeps us from reading an English name as an address.
_CARD_TYPE_OFFSET = 248
_OTHER_CARD_TYPES = {"I": "foreign permanent resident card", "J": "HMT residence permit",
                     "Y": "foreign permanent resident card (2023)"}  # fmt: skip

_SEX = {"1": "M", "2": "F", "0": "X", "9": "X"}


@dataclass(frozen=True, slots=True)
class CardText:
    """The decoded, validated text of a second-generation resident ID card."""

    name: str
    sex: str  # "M", "F" or "X"
    ethnicity_code: str
    ethnicity: str
    birth_date: date
    address: str
    id_number: str
    issuing_authority: str
    valid_from: date
    valid_to: date | None  # None: 长期, valid for life


def decode_text_block(block: bytes) -> CardText:
    """Decode and validate a 256-byte text block; raises CardDataError on any defect."""
    if len(block) != TEXT_BLOCK_SIZE:
        raise CardDataError("text", f"{len(block)} bytes instead of {TEXT_BLOCK_SIZE}")
    _refuse_other_card_types(block)
    raw = {name: _utf16_field(block[off : off + size], name) for name, off, size in LAYOUT}

    name = _required(raw, "name")
    address = _required(raw, "address")
    authority = _required(raw, "authority")
    sex = _SEX.get(raw["sex"])
    if sex is None:
        raise CardDataError("sex", "not one of the GB/T 2261.1 codes 0, 1, 2, 9")
    ethnicity = ethnicity_name(raw["nation"])
    if ethnicity is None:
        raise CardDataError("nation", "not a GB 3304 ethnicity code")
    birth_date = _date(raw["birth"], "birth")
    valid_from = _date(raw["valid_from"], "valid_from")
    valid_to = None if raw["valid_to"] == LONG_TERM else _date(raw["valid_to"], "valid_to")
    if valid_to is not None and valid_to <= valid_from:
        raise CardDataError("valid_to", "validity ends before it starts")
    if valid_from < birth_date:
        raise CardDataError("valid_from", "card issued before the holder's birth")
    id_number = validate_id_number(raw["id_number"], birth_date=birth_date, sex=sex)
    return CardText(
        name=name,
        sex=sex,
        ethnicity_code=raw["nation"],
        ethnicity=ethnicity,
        birth_date=birth_date,
        address=address,
        id_number=id_number,
        issuing_authority=authority,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def decode_appended_address(data: bytes) -> str:
    """Decode the 70-byte answer to 30 03 (the newer address); "" if blank."""
    if len(data) != APPENDED_ADDRESS_SIZE:
        raise CardDataError(
            "appended_address", f"{len(data)} bytes instead of {APPENDED_ADDRESS_SIZE}"
        )
    return _utf16_field(data, "appended_address")


def _refuse_other_card_types(block: bytes) -> None:
    marker = chr(block[_CARD_TYPE_OFFSET]) if block[_CARD_TYPE_OFFSET + 1] == 0 else ""
    if marker in _OTHER_CARD_TYPES:
        raise CardDataError("card_type", f"{_OTHER_CARD_TYPES[marker]}: layout not supported")


def _utf16_field(raw: bytes, field: str) -> str:
    try:
        text = raw.decode("utf-16-le")
    except UnicodeDecodeError:
        raise CardDataError(field, "not valid UTF-16LE text") from None
    # Cards pad with spaces; some vendor SDK buffers pad with NULs instead.
    text = text.rstrip(" \x00")
    if any(not ch.isprintable() for ch in text):
        raise CardDataError(field, "contains control characters")
    return text


def _required(raw: dict[str, str], field: str) -> str:
    value = raw[field].strip()
    if not value:
        raise CardDataError(field, "empty")
    return value


def _date(text: str, field: str) -> date:
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        raise CardDataError(field, "not a YYYYMMDD date")
    try:
        return date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise CardDataError(field, "not a real calendar date") from None
