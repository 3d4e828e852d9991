"""ICAO 9303 machine readable zone: check digits, TD1/TD2/TD3 parsing, the BAC key.

Reference: ICAO Doc 9303 parts 4-6 (layouts) and the project's
``domain/id_numbers.md`` §3. Every check digit is verified; a parse either
returns a `Mrz` or raises `MrzError` (a ``ValueError``), whatever the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from devices.emrtd.errors import MrzError

_WEIGHTS = (7, 3, 1)
_MRZ_CHARS = re.compile(r"[0-9A-Z<]*")


def check_digit(field: str) -> str:
    """ICAO 9303 check digit: weights 7-3-1, A=10..Z=35, '<'=0, sum mod 10."""
    total = 0
    for i, ch in enumerate(field):
        if "0" <= ch <= "9":
            value = ord(ch) - 48
        elif "A" <= ch <= "Z":
            value = ord(ch) - 55
        elif ch == "<":
            value = 0
        else:
            raise MrzError(f"character {ch!r} is not allowed in an MRZ")
        total += value * _WEIGHTS[i % 3]
    return str(total % 10)


def _expect(field: str, digit: str, what: str) -> None:
    if check_digit(field) != digit:
        raise MrzError(f"check digit of the {what} is wrong ({field!r} -> {digit!r})")


def _yymmdd_ok(value: str) -> bool:
    if not re.fullmatch(r"\d{6}", value):
        return False
    month, day = int(value[2:4]), int(value[4:6])
    return 1 <= month <= 12 and 1 <= day <= 31


def birth_date(yymmdd: str, today: date | None = None) -> date | None:
    """Birth date from YYMMDD: the latest century that is not in the future."""
    if not _yymmdd_ok(yymmdd):
        return None
    today = today or date.today()
    yy, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    year = 2000 + yy
    if (year, month, day) > (today.year, today.month, today.day):
        year -= 100
    try:
        return date(year, month, day)
    except ValueError:
        return None


def expiry_date(yymmdd: str, today: date | None = None) -> date | None:
    """Expiry date from YYMMDD: within 50 years after, or 50 years before, today."""
    if not _yymmdd_ok(yymmdd):
        return None
    today = today or date.today()
    yy, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    year = 2000 + yy
    if year > today.year + 50:
        year -= 100
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class MrzKey:
    """What BAC needs from the MRZ: document number, birth and expiry (YYMMDD).

    The kiosk gets these typed by the customer or from an OCR/QR scan; build
    one with `MrzKey(...)`, `MrzKey.from_dates(...)` or `Mrz.key`.
    """

    document_number: str
    birth_date: str
    expiry_date: str

    def __post_init__(self) -> None:
        number = self.document_number.upper().replace(" ", "")
        if not number or not _MRZ_CHARS.fullmatch(number):
            raise MrzError(f"document number {self.document_number!r} has non-MRZ characters")
        object.__setattr__(self, "document_number", number)
        for label, value in (("birth", self.birth_date), ("expiry", self.expiry_date)):
            if not re.fullmatch(r"[0-9<]{6}", value):
                raise MrzError(f"{label} date must be YYMMDD, got {value!r}")

    @classmethod
    def from_dates(cls, document_number: str, birth: date, expiry: date) -> MrzKey:
        """A key from `date` values."""
        return cls(document_number, birth.strftime("%y%m%d"), expiry.strftime("%y%m%d"))

    @property
    def mrz_information(self) -> str:
        """ICAO 9303-11 §9.7.1: number (padded to 9) + CD + birth + CD + expiry + CD.

        A number longer than 9 characters goes in whole, followed by its check
        digit, as on a TD1 with a long document number.
        """
        number = self.document_number.ljust(9, "<")
        return (
            number
            + check_digit(number)
            + self.birth_date
            + check_digit(self.birth_date)
            + self.expiry_date
            + check_digit(self.expiry_date)
        )


class MrzFormat(StrEnum):
    """ICAO 9303 document formats."""

    TD1 = "TD1"
    TD2 = "TD2"
    TD3 = "TD3"


@dataclass(frozen=True, slots=True)
class Mrz:
    """A parsed, check-digit-verified MRZ. Fields keep MRZ spelling ('<' removed)."""

    format: MrzFormat
    document_code: str
    issuing_state: str
    document_number: str
    birth_date_raw: str
    sex: str
    expiry_date_raw: str
    nationality: str
    surname: str
    given_names: str
    optional_data: str
    optional_data_2: str = ""

    @property
    def key(self) -> MrzKey:
        """The BAC key of this document."""
        return MrzKey(self.document_number, self.birth_date_raw, self.expiry_date_raw)

    @property
    def birth_date(self) -> date | None:
        return birth_date(self.birth_date_raw)

    @property
    def expiry_date(self) -> date | None:
        return expiry_date(self.expiry_date_raw)


def _strip(field: str) -> str:
    return field.replace("<", " ").strip()


def _names(field: str) -> tuple[str, str]:
    primary, _, secondary = field.partition("<<")
    return _strip(primary), _strip(secondary)


def _sex(ch: str) -> str:
    if ch in ("M", "F"):
        return ch
    if ch in ("<", "X"):
        return "X"
    raise MrzError(f"sex must be M, F, X or '<', got {ch!r}")


def _lines(text: str | list[str] | tuple[str, ...]) -> list[str]:
    raw = text.splitlines() if isinstance(text, str) else list(text)
    lines = [line.strip().upper() for line in raw if line.strip()]
    if len(lines) == 1 and len(lines[0]) in (90, 72, 88):
        # DG1 holds the lines concatenated
        whole = lines[0]
        width = {90: 30, 72: 36, 88: 44}[len(whole)]
        lines = [whole[i : i + width] for i in range(0, len(whole), width)]
    for line in lines:
        if not _MRZ_CHARS.fullmatch(line):
            raise MrzError("MRZ lines may hold only A-Z, 0-9 and '<'")
    return lines


def parse_mrz(text: str | list[str] | tuple[str, ...]) -> Mrz:
    """Parse TD1 (3x30), TD2 (2x36) or TD3 (2x44) and verify every check digit."""
    lines = _lines(text)
    shape = tuple(len(line) for line in lines)
    if shape == (30, 30, 30):
        return _td1(lines)
    if shape == (36, 36):
        return _td2_td3(lines, MrzFormat.TD2)
    if shape == (44, 44):
        return _td2_td3(lines, MrzFormat.TD3)
    raise MrzError(f"not a TD1/TD2/TD3 MRZ (line lengths {list(shape)})")


def _td2_td3(lines: list[str], fmt: MrzFormat) -> Mrz:
    l1, l2 = lines
    width = len(l2)
    number, nationality = l2[0:9], l2[10:13]
    birth, sex, expiry = l2[13:19], l2[20], l2[21:27]
    optional = l2[28 : width - 2] if fmt is MrzFormat.TD3 else l2[28 : width - 1]
    full_number = number
    if fmt is MrzFormat.TD2 and l2[9] == "<" and optional.strip("<"):
        # TD2 long document number (9303-6 §4.2.4): the rest and its CD in optional data
        rest = optional.split("<", 1)[0]
        if len(rest) < 2:
            raise MrzError("long document number overflow is too short")
        full_number = number + rest[:-1]
        _expect(full_number, rest[-1], "long document number")
    else:
        _expect(number, l2[9], "document number")
    _expect(birth, l2[19], "date of birth")
    _expect(expiry, l2[27], "date of expiry")
    if fmt is MrzFormat.TD3:
        opt_digit = l2[42]
        all_filler = optional.strip("<") == ""
        if not (all_filler and opt_digit in "<0"):
            _expect(optional, opt_digit, "personal number")
        composite = l2[0:10] + l2[13:20] + l2[21:43]
    else:
        composite = l2[0:10] + l2[13:20] + l2[21:35]
    _expect(composite, l2[width - 1], "composite")
    surname, given = _names(l1[5:])
    return Mrz(
        format=fmt,
        document_code=_strip(l1[0:2]),
        issuing_state=_strip(l1[2:5]),
        document_number=_strip(full_number),
        birth_date_raw=birth,
        sex=_sex(sex),
        expiry_date_raw=expiry,
        nationality=_strip(nationality),
        surname=surname,
        given_names=given,
        optional_data=_strip(optional),
    )


def _td1(lines: list[str]) -> Mrz:
    l1, l2, l3 = lines
    number, digit, optional1 = l1[5:14], l1[14], l1[15:30]
    if digit == "<" and optional1.strip("<"):
        # long document number (9303-5 §4.2.4): the rest and its CD start at pos 16
        rest = optional1.split("<", 1)[0]
        if len(rest) < 2:
            raise MrzError("long document number overflow is too short")
        number += rest[:-1]
        _expect(number, rest[-1], "long document number")
        optional1 = optional1[len(rest) :]
    else:
        _expect(number, digit, "document number")
    birth, sex, expiry = l2[0:6], l2[7], l2[8:14]
    _expect(birth, l2[6], "date of birth")
    _expect(expiry, l2[14], "date of expiry")
    composite = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    _expect(composite, l2[29], "composite")
    surname, given = _names(l3)
    return Mrz(
        format=MrzFormat.TD1,
        document_code=_strip(l1[0:2]),
        issuing_state=_strip(l1[2:5]),
        document_number=_strip(number),
        birth_date_raw=birth,
        sex=_sex(sex),
        expiry_date_raw=expiry,
        nationality=_strip(l2[15:18]),
        surname=surname,
        given_names=given,
        optional_data=_strip(optional1),
        optional_data_2=_strip(l2[18:29]),
    )
