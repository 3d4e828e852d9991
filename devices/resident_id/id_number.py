"""Validation of the card's 18-character citizen identity number (GB 11643-1999).

python-stdnum (`stdnum.cn.ric`) checks length, charset, the MOD 11-2 check
character, the birth date and the birth place. Its birth-place check looks the
six-digit address code up in its own GB/T 2260 table, which the domain notes
(id_numbers.md §1.3 rule 3) warn against requiring: codes are frozen at first
issue and many have since been abolished or renumbered, and residence permits
for Hong Kong, Macao and Taiwan residents use 810000/820000/830000, read by the
same SAM. So an address code stdnum does not know is accepted when its first
two digits are a province-level prefix; every other stdnum failure is final.

The number is also cross-checked against the card's own birth-date and sex
fields: a genuine card never disagrees with itself, so a mismatch means the
block was mis-parsed or tampered with.
"""

from __future__ import annotations

import re
from datetime import date

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric

from devices.resident_id.errors import CardDataError

_SHAPE = re.compile(r"[0-9]{17}[0-9X]")

PROVINCE_PREFIXES = frozenset(
    {
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
        "65", "71", "81", "82", "83",
    }
)  # fmt: skip


def validate_id_number(number: str, *, birth_date: date, sex: str) -> str:
    """Return the number if valid, else raise CardDataError("id_number", why).

    ``sex`` is "M", "F" or "X" (X skips the parity cross-check: the card says
    the sex is unknown or unspecified).
    """
    if not _SHAPE.fullmatch(number):
        # Checked before stdnum, whose clean-up would quietly accept full-width
        # digits, separators or a lower-case x, none of which a chip ever holds.
        if len(number) != 18:
            raise CardDataError("id_number", f"{len(number)} characters instead of 18")
        raise CardDataError("id_number", "not 17 ASCII digits followed by a digit or X")
    try:
        ric.validate(number)
    except stdnum_errors.InvalidComponent:
        _accept_unlisted_address_code(number)
    except stdnum_errors.InvalidChecksum:
        raise CardDataError("id_number", "check character does not match (GB 11643)") from None
    except stdnum_errors.ValidationError as exc:
        raise CardDataError("id_number", f"rejected by stdnum: {exc}") from None
    if ric.get_birth_date(number) != birth_date:
        raise CardDataError("id_number", "birth date in the number differs from the card's")
    parity_sex = "M" if int(number[16]) % 2 else "F"
    if sex in ("M", "F") and sex != parity_sex:
        raise CardDataError("id_number", "sex digit in the number differs from the card's")
    return number


def _accept_unlisted_address_code(number: str) -> None:
    # InvalidComponent comes from either the birth date or the birth place; only
    # the latter is forgiven, and only with a plausible province prefix.
    try:
        ric.get_birth_date(number)
    except stdnum_errors.ValidationError:
        raise CardDataError("id_number", "birth date in the number is not a real date") from None
    if number[:2] not in PROVINCE_PREFIXES:
        raise CardDataError("id_number", f"address code prefix {number[:2]} is no province")
