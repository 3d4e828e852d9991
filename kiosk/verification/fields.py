"""What a signed payload says, as fields to show, and when it was signed.

The sandbox's licence payload is a JSON object (``uscc``, ``name``, ``type``,
``established``, ``authority``, ``print_job``, ``printed_at``, ``v``); another
central may sign ``key=value`` lines instead, and the kiosk's receipts sign
their ``KRV1|…`` text. All three are read; anything else is shown whole as one
field. Known field names get a label; unknown ones are shown by their own name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, time

from kiosk.clock import CHINA_TZ
from kiosk.documents.receipt_qr import ReceiptQrError, parse_krv1
from kiosk.verification.keys import parse_time

# The time a payload says it was signed, by the first of these names it carries.
SIGNED_AT_NAMES = ("signed_at", "printed_at", "issued_at")

LABELS = {
    "uscc": "Unified social credit code",
    "name": "Name",
    "type": "Type",
    "established": "Date of establishment",
    "date_of_establishment": "Date of establishment",
    "authority": "Registration authority",
    "registration_authority": "Registration authority",
    "print_job": "Print job",
    "printed_at": "Printed at",
    "signed_at": "Signed at",
    "issued_at": "Issued at",
    "number": "Number",
    "number_kind": "Number is",
    "service": "Service",
    "kiosk": "Kiosk",
    "submitted_on": "Submitted on",
    "payload": "Signed text",
}
"""English labels of the field names the kiosk knows (the screen translates them)."""

_HIDDEN = frozenset({"v"})  # the payload's format version: nothing for a clerk
_TIMES = frozenset(SIGNED_AT_NAMES)
# Shown in the order a licence prints them (the sandbox signs its keys sorted);
# names the kiosk does not know follow in the payload's order.
_ORDER = {name: rank for rank, name in enumerate(LABELS)}
_PAIR_SEPARATORS = re.compile(r"[\n&;]")
_MAX_FIELD = 500


@dataclass(frozen=True, slots=True)
class SignedField:
    """One signed item: its name in the payload, a label if known, its value as text."""

    name: str
    value: str

    @property
    def label(self) -> str:
        return LABELS.get(self.name, self.name)


@dataclass(frozen=True, slots=True)
class SignedContent:
    """The payload read: its fields in order and the signing time, if it says one."""

    fields: tuple[SignedField, ...]
    signed_at: datetime | None

    def value(self, name: str) -> str | None:
        return next((f.value for f in self.fields if f.name == name), None)


def read_payload(text: str) -> SignedContent:
    """The fields of a signed payload (never raises: unknown shapes are one field)."""
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            value = json.loads(stripped)
        except ValueError:
            value = None
        if isinstance(value, dict):
            return _from_pairs([(str(k), _text(v)) for k, v in value.items()])
    if stripped.startswith("KRV1|"):
        try:
            receipt = parse_krv1(stripped)
        except ReceiptQrError:
            pass
        else:
            day_start = datetime.combine(receipt.submitted_on, time(0), CHINA_TZ)
            return SignedContent(
                (
                    SignedField("number", receipt.number),
                    SignedField("number_kind", receipt.kind.name.lower()),
                    SignedField("service", receipt.service),
                    SignedField("kiosk", receipt.kiosk_id),
                    SignedField("submitted_on", receipt.submitted_on.isoformat()),
                ),
                # Only the day is signed: its first moment, so a key valid that day counts.
                day_start,
            )
    pairs = [part.partition("=") for part in _PAIR_SEPARATORS.split(stripped) if part.strip()]
    if pairs and all(sep and key.strip() for key, sep, _ in pairs):
        return _from_pairs([(key.strip(), value.strip()) for key, _, value in pairs])
    return SignedContent((SignedField("payload", _clip(stripped)),), None)


def _from_pairs(pairs: list[tuple[str, str]]) -> SignedContent:
    shown = [(k, _shown_time(v) if k in _TIMES else v) for k, v in pairs if k not in _HIDDEN]
    shown.sort(key=lambda pair: _ORDER.get(pair[0], len(_ORDER)))
    fields = tuple(SignedField(_clip(k), _clip(v)) for k, v in shown)
    signed_at = None
    for name in SIGNED_AT_NAMES:
        found = next((v for k, v in pairs if k == name), None)
        if found is not None:
            signed_at = parse_time(found)
            break
    return SignedContent(fields, signed_at)


def _shown_time(value: str) -> str:
    """``2026-11-20 10:00:00 +08:00`` for an RFC 3339 time; anything else as it is."""
    moment = parse_time(value)
    if moment is None:
        return value
    offset = moment.isoformat()[19:].lstrip(".0123456789") or "+00:00"
    return f"{moment:%Y-%m-%d %H:%M:%S} {offset}"


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("zh"), str):
        return str(value["zh"])  # a bilingual text: the Chinese, as the licence prints it
    return json.dumps(value, ensure_ascii=False)


def _clip(text: str) -> str:
    """Printable and short enough to show: control characters go, as in every display."""
    shown = "".join(ch if ch.isprintable() else " " for ch in text)
    return shown if len(shown) <= _MAX_FIELD else shown[: _MAX_FIELD - 1] + "…"
