"""The MRZ key a citizen types or scans so the kiosk can open a passport chip.

An eMRTD chip opens (Basic Access Control) only with the document number, birth
date and expiry date printed in the passport's machine-readable zone. Citizens
type them as they read them on the photo page (dates as 2030-12-31 or 301231),
or hold the photo page to the scanner, which delivers the two MRZ lines. Both
end here as an `MrzKey`, or as field problems the key screen explains.
"""

from __future__ import annotations

import re
from datetime import date

from devices.emrtd.errors import MrzError
from devices.emrtd.mrz import MrzKey, parse_mrz
from kiosk.forms.validation import FieldProblem

KEY_FIELDS = ("document_number", "birth_date", "expiry_date")

_DOCUMENT_NUMBER = re.compile(r"[A-Z0-9]{5,9}")
_FULL_WIDTH = str.maketrans(
    {chr(0xFF10 + i): str(i) for i in range(10)} | {"－": "-", "／": "/", "．": "."}
)


def key_from_entry(
    document_number: str, birth_date: str, expiry_date: str
) -> MrzKey | tuple[FieldProblem, ...]:
    """The key from what the citizen typed, or what is wrong with each field."""
    number = document_number.translate(_FULL_WIDTH).strip().upper().replace(" ", "")
    problems: list[FieldProblem] = []
    if not number:
        problems.append(FieldProblem("document_number", "required"))
    elif not _DOCUMENT_NUMBER.fullmatch(number):
        problems.append(FieldProblem("document_number", "document_number"))
    birth = _yymmdd("birth_date", birth_date, problems)
    expiry = _yymmdd("expiry_date", expiry_date, problems)
    if problems or birth is None or expiry is None:
        return tuple(problems)
    return MrzKey(number, birth, expiry)


def key_from_scan(text: str) -> MrzKey | None:
    """The key from a scanned machine-readable zone, or None if it is not one."""
    try:
        return parse_mrz(text.strip()).key
    except (MrzError, ValueError):
        return None


def _yymmdd(field: str, raw: str, problems: list[FieldProblem]) -> str | None:
    """YYMMDD from "2030-12-31", "2030/12/31", "20301231" or "301231"."""
    digits = re.sub(r"[-/. ]", "", raw.translate(_FULL_WIDTH).strip())
    if not digits:
        problems.append(FieldProblem(field, "required"))
        return None
    if not digits.isdigit() or len(digits) not in (6, 8):
        problems.append(FieldProblem(field, "not_a_date", {"example": "1990-01-31"}))
        return None
    year = int(digits[:-4])
    if len(digits) == 6:
        year += 2000  # the century does not matter to the key; only the check does
    try:
        date(year, int(digits[-4:-2]), int(digits[-2:]))
    except ValueError:
        problems.append(FieldProblem(field, "not_a_date", {"example": "1990-01-31"}))
        return None
    return digits[-6:]
