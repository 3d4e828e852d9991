"""The receipt's QR payload: a short text a lookup screen or a desk scanner can parse.

Format, version 1 (ASCII, ``|``-separated, six fields)::

    KRV1|<kind>|<number>|<service code>|<kiosk id>|<YYYY-MM-DD>

``kind`` is ``A`` when ``number`` is the central's application number and ``R``
when it is the kiosk's provisional reference (the application was still queued
when the receipt printed): a lookup screen asks the central for an ``A`` and the
kiosk's outbox, or waits for the SMS, for an ``R``. The date is the day of
submission in China time. Fields are short identifiers (letters, digits, ``.``,
``_``, ``:``, ``-``), so the separator never needs escaping; only the number
must be present.

Nothing personal is in the payload: anyone can scan a slip left behind. The
kiosk prints it signed with its own key, as ``KRV2.<key id>.<base64url of the
KRV1 text>.<base64url signature>`` (`kiosk.verification`): ``parse_receipt_qr``
reads both forms (without checking the signature: ``kiosk verify`` and the
"scan to verify" screen do that) and refuses versions it does not know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kiosk.verification.envelope import RECEIPT, SlipQrError, parse_signed_qr

VERSION = "KRV1"
SEPARATOR = "|"
_FIELD = re.compile(r"[0-9A-Za-z._:-]{0,64}")


class NumberKind(StrEnum):
    """What the receipt's number is."""

    APPLICATION = "A"
    """The central's application number (申请编号)."""
    REFERENCE = "R"
    """The kiosk's provisional reference, until the application number comes by SMS."""


class ReceiptQrError(ValueError):
    """The text is not a receipt QR payload this kiosk understands."""


@dataclass(frozen=True, slots=True)
class ReceiptQr:
    """What a receipt's QR code says."""

    kind: NumberKind
    number: str
    service: str
    kiosk_id: str
    submitted_on: date


def format_receipt_qr(qr: ReceiptQr) -> str:
    """The payload text; raises `ReceiptQrError` for a field it cannot carry."""
    for name, value in (
        ("number", qr.number),
        ("service", qr.service),
        ("kiosk_id", qr.kiosk_id),
    ):
        _check_field(name, value)
    if not qr.number:
        raise ReceiptQrError("a receipt QR code needs a number")
    return SEPARATOR.join(
        (
            VERSION,
            qr.kind.value,
            qr.number,
            qr.service,
            qr.kiosk_id,
            qr.submitted_on.isoformat(),
        )
    )


def parse_receipt_qr(text: str) -> ReceiptQr:
    """Read a receipt's code, plain (`format_receipt_qr`) or signed by the kiosk (``KRV2``);
    raises `ReceiptQrError` otherwise. The signature is not checked here."""
    if text.strip().startswith(RECEIPT + "."):
        try:
            signed = parse_signed_qr(text)
        except SlipQrError as exc:
            raise ReceiptQrError(f"not a signed receipt code: {exc}") from None
        return parse_krv1(signed.text)
    return parse_krv1(text)


def parse_krv1(text: str) -> ReceiptQr:
    """Read a plain payload made by `format_receipt_qr`; raises `ReceiptQrError` otherwise."""
    parts = text.strip().split(SEPARATOR)
    if not parts or parts[0] != VERSION:
        raise ReceiptQrError(f"not a {VERSION} receipt code")
    if len(parts) != 6:
        raise ReceiptQrError(f"a {VERSION} receipt code has 6 fields, this one {len(parts)}")
    _, kind, number, service, kiosk_id, day = parts
    try:
        number_kind = NumberKind(kind)
    except ValueError:
        raise ReceiptQrError(f"unknown number kind {kind!r}") from None
    for name, value in (("number", number), ("service", service), ("kiosk_id", kiosk_id)):
        _check_field(name, value)
    if not number:
        raise ReceiptQrError("the receipt code carries no number")
    try:
        submitted_on = date.fromisoformat(day)
    except ValueError:
        raise ReceiptQrError(f"bad date {day!r}") from None
    if submitted_on.isoformat() != day:  # fromisoformat also takes 20261102
        raise ReceiptQrError(f"bad date {day!r}")
    return ReceiptQr(number_kind, number, service, kiosk_id, submitted_on)


def _check_field(name: str, value: str) -> None:
    if not _FIELD.fullmatch(value):
        raise ReceiptQrError(f"{name} {value!r} cannot go in a receipt code")
