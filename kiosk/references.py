"""Provisional references: what a citizen reads out before the central's number exists.

An application made offline is known to the kiosk only by its idempotency key,
a UUID nobody can read out on the phone. At Submit it also gets a short
reference, the kiosk's number and a sequence (``K0001-000123``), which the
result screen and the receipt show and the central receives as the extension
field ``kiosk_reference``. Once delivered, the outbox row holds the central's
application number next to it, so either name finds the submission.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.sync.endpoints import APPLICATIONS
from offline_cache.outbox import Outbox, OutboxItem, OutboxState

REFERENCE_FIELD = "kiosk_reference"
"""The application body's extension field that carries the provisional reference."""

# What `provisional_reference` makes, and not the central's numbers (KA20261122-000001).
_REFERENCE = re.compile(r"K(?:\d{4,6}|[A-Z]{1,8})-\d{6,}")


def kiosk_number(kiosk_id: str) -> str:
    """The short kiosk number of a kiosk id: ``K-330702-0001`` -> ``K0001``.

    The last group of digits names the kiosk at its site; an id without digits
    keeps its letters (at most 8), so the rule never fails.
    """
    groups = re.findall(r"\d+", kiosk_id)
    if groups:
        return f"K{groups[-1][-6:]:0>4}"
    letters = re.sub(r"[^A-Za-z]", "", kiosk_id).upper()[:8]
    return f"K{letters or '0000'}"


def provisional_reference(kiosk_id: str, sequence: int) -> str:
    """``K0001-000123``: the kiosk's number and the outbox's sequence number."""
    return f"{kiosk_number(kiosk_id)}-{sequence:06d}"


def looks_like_reference(name: str) -> bool:
    """True for text shaped like a provisional reference (not an application number)."""
    return _REFERENCE.fullmatch(name.strip().upper()) is not None


@dataclass(frozen=True, slots=True)
class SubmissionName:
    """A submission as people name it: the reference and, once received, the number."""

    reference: str
    """The provisional reference (the idempotency key for rows from before references)."""
    application_no: str | None
    state: OutboxState
    idempotency_key: str
    last_error: str


def find_submission(outbox: Outbox, name: str) -> SubmissionName | None:
    """The submission a provisional reference, application number or key names (an
    application: a rating queued in the same outbox is no submission)."""
    item = outbox.find(name, endpoint=APPLICATIONS)
    return _named(item) if item is not None else None


def application_no_for(outbox: Outbox, reference: str) -> str | None:
    """The central's application number for a provisional reference, once delivered."""
    found = find_submission(outbox, reference)
    if found is None or found.state is not OutboxState.DELIVERED:
        return None
    return found.application_no


def _named(item: OutboxItem) -> SubmissionName:
    return SubmissionName(
        reference=item.reference or item.idempotency_key,
        application_no=item.result_ref,
        state=item.state,
        idempotency_key=item.idempotency_key,
        last_error=item.last_error,
    )
