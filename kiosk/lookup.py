"""Status lookup by provisional reference or application number (Qt-free).

`look_up` first asks this kiosk's outbox: a provisional reference becomes the
central's application number once its submission is delivered; while it is
still queued there is nothing to ask the central, and the answer says so. Then
it asks the central (``POST /v1/applications/{no}/lookups``) with the
applicant's identity number. The technicians' ``kiosk lookup`` uses it, and the
citizens' status lookup (`kiosk.status_desk`) does.

Like the central, a wrong identity number and an unknown reference get the
same "not found", so references cannot be probed at the kiosk either. A queued
body is sealed at rest: the outbox given here must hold the kiosk's data key
(`kiosk.sealed_outbox`), which opens it for the comparison; a body it cannot
open names nobody, so it answers "not found" too. A
delivered submission keeps no identity number here (its body is purged), so the
central alone checks it; its "not found" is then answered as the kiosk's own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kiosk.references import looks_like_reference
from kiosk.sync.client import CentralClient
from kiosk.sync.endpoints import APPLICATIONS
from offline_cache.outbox import Outbox, OutboxItem, OutboxState


class LookupOutcome(StrEnum):
    FOUND = "found"
    """The central answered with the status and history."""
    NOT_FOUND = "not_found"
    """No such application, or not this identity number's."""
    NOT_SENT = "not_sent"
    """Queued on this kiosk: the central has not received it yet."""
    REFUSED = "refused"
    """The central refused the submission: staff must look at it (no number exists)."""


@dataclass(frozen=True, slots=True)
class LookupResult:
    outcome: LookupOutcome
    reference: str | None = None
    """The provisional reference, when the outbox knows the submission."""
    application_no: str | None = None
    service: str | None = None
    status: str | None = None
    history: list[dict[str, Any]] = field(default_factory=list)
    """``{"status", "at", "note"}`` entries, oldest first, as the central sent them."""
    licence: dict[str, Any] | None = None
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome.value,
            "reference": self.reference,
            "application_no": self.application_no,
            "service": self.service,
            "status": self.status,
            "history": self.history,
            "licence": self.licence,
            "detail": self.detail,
        }


def look_up(
    name: str, id_number: str, outbox: Outbox, client: Callable[[], CentralClient]
) -> LookupResult:
    """The status of the application ``name`` (reference or number) of ``id_number``.

    ``client`` is called only when the central must be asked. Raises
    `kiosk.sync.errors.SyncError` when the central cannot answer, and
    `offline_cache.db.StorageError` when the outbox cannot be read.
    """
    # Applications only: a rating queued beside them has no applicant to look up.
    item = outbox.find(name, endpoint=APPLICATIONS)
    if item is None and looks_like_reference(name):
        return LookupResult(LookupOutcome.NOT_FOUND, detail="no submission with this reference")
    reference = (item.reference or item.idempotency_key) if item is not None else None
    number = name.strip().upper()
    if item is not None:
        # A delivered body may be purged (no personal data kept): then the central,
        # which checks the identity number against the application, decides alone.
        if not item.purged and not _same_applicant(item, id_number):
            return LookupResult(LookupOutcome.NOT_FOUND, detail="no submission with this reference")
        if item.state is OutboxState.REJECTED:
            return LookupResult(LookupOutcome.REFUSED, reference, detail=item.last_error)
        if item.state is not OutboxState.DELIVERED or not item.result_ref:
            return LookupResult(
                LookupOutcome.NOT_SENT,
                reference,
                detail="not sent yet: the kiosk sends it as soon as it reaches the central",
            )
        number = item.result_ref
    answer = client().lookup(number, id_number)
    if answer is None and item is not None and item.purged:
        # Not this identity number's (the central says so): the same answer as a
        # wrong number gets before delivery, so the reference cannot be probed.
        return LookupResult(LookupOutcome.NOT_FOUND, detail="no submission with this reference")
    if answer is None:
        return LookupResult(
            LookupOutcome.NOT_FOUND,
            reference,
            detail="the central has no application with this number for this identity number",
        )
    history = answer.get("history")
    licence = answer.get("licence")
    return LookupResult(
        LookupOutcome.FOUND,
        reference,
        str(answer.get("application_no") or number),
        str(answer.get("service") or ""),
        str(answer.get("status") or ""),
        [entry for entry in history if isinstance(entry, dict)]
        if isinstance(history, list)
        else [],
        licence if isinstance(licence, dict) else None,
    )


def _same_applicant(item: OutboxItem, id_number: str) -> bool:
    applicant = item.body.get("applicant")
    stored = applicant.get("id_number") if isinstance(applicant, dict) else None
    return isinstance(stored, str) and stored.strip().upper() == id_number.strip().upper()
