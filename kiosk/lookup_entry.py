"""What a citizen gives to look an application up, cleaned and checked (Qt-free).

The application's number is typed or scanned from the receipt's QR code; the
identity number comes from the document read, or is typed by a citizen who has
no document with them. The check is lenient, as the kiosk must work with any
central: the catalogue's own ``application_no`` field (its pattern and example)
says what the central's numbers look like when it has one, and the kiosk's
provisional references (``K0001-000123``) are always accepted, whatever the
catalogue says: they are the kiosk's business. Problems are codes, as the
form's are; the screens say them in words.
"""

from __future__ import annotations

import re
import unicodedata

from kiosk.catalogue import Field, Service
from kiosk.documents.receipt_qr import ReceiptQrError, parse_receipt_qr
from kiosk.forms.validation import FieldProblem, check_named, printable
from kiosk.references import looks_like_reference

NUMBER = "application_no"
"""The catalogue's name for the number field (and the problems' path)."""
ID_NUMBER = "id_number"

# Any central's number: letters, digits and a few separators, never a path or a query.
_NUMBER_SHAPE = re.compile(r"[A-Z0-9][A-Z0-9._:/-]{0,63}")
_ID_SHAPE = re.compile(r"[A-Z0-9]{5,40}")
_RESIDENT_ID_SHAPE = re.compile(r"\d{17}[\dX]")


def clean_number(raw: str) -> str:
    """What the citizen meant: full-width letters and digits folded (a Pinyin keyboard
    types them), spaces dropped, capitals."""
    return _folded(raw)


def clean_id_number(raw: str) -> str:
    return _folded(raw)


def number_problem(number: str, service: Service | None) -> FieldProblem | None:
    """What is wrong with an application number as cleaned, or None.

    ``example`` in the problem's params is the catalogue's example, if it has one.
    """
    spec = number_field(service)
    example = spec.example if spec is not None else ""
    if not number:
        return FieldProblem(NUMBER, "required")
    if looks_like_reference(number):
        return None
    if not _NUMBER_SHAPE.fullmatch(number):
        return FieldProblem(NUMBER, "number_shape", {"example": example})
    if spec is not None and spec.pattern and not _matches(spec.pattern, number):
        return FieldProblem(NUMBER, "number_shape", {"example": example})
    if spec is not None and spec.max_length is not None and len(number) > spec.max_length:
        return FieldProblem(NUMBER, "number_shape", {"example": example})
    return None


def id_number_problem(id_number: str) -> FieldProblem | None:
    """What is wrong with a typed identity number as cleaned, or None.

    A resident identity number's check character is checked (a typo is told at
    once, not as "not found"); another document's number (a passport's) only
    for its shape, whatever validators the catalogue names: the applicant may
    have applied with it.
    """
    if not id_number:
        return FieldProblem(ID_NUMBER, "required")
    if not _ID_SHAPE.fullmatch(id_number):
        return FieldProblem(ID_NUMBER, "id_shape")
    if _RESIDENT_ID_SHAPE.fullmatch(id_number) and not check_named("cn_resident_id", id_number):
        return FieldProblem(ID_NUMBER, "cn_resident_id")
    return None


def number_from_scan(text: str) -> str | None:
    """The number a receipt's QR code carries (application number or provisional
    reference), or None for any other code."""
    try:
        number = clean_number(parse_receipt_qr(text).number)
    except ReceiptQrError:
        return None
    return number or None


def number_field(service: Service | None) -> Field | None:
    """The catalogue's application number field, when the lookup service's form has one."""
    return _field(service, NUMBER)


def id_number_field(service: Service | None) -> Field | None:
    return _field(service, ID_NUMBER)


def _field(service: Service | None, name: str) -> Field | None:
    form = service.form if service is not None else None
    if form is None:
        return None
    return next((f for f in form.fields if f.name == name), None)


def _folded(raw: str) -> str:
    # NFKC folds full-width Latin letters, digits and the full-width hyphen. Dropping
    # spaces or capitalising can make a new composable pair: fold until nothing changes.
    value = printable(raw)
    for _ in range(4):
        folded = "".join(unicodedata.normalize("NFKC", value).split()).upper()
        if folded == value:
            break
        value = folded
    return value


def _matches(pattern: str, value: str) -> bool:
    try:
        return re.fullmatch(pattern, value) is not None
    except re.error:
        # A pattern that does not compile says nothing about the central's numbers.
        return True
