"""The citizens' status lookup: one answer the screen can say, whatever happened (Qt-free).

`StatusDesk.look_up` runs `kiosk.lookup.look_up` (this kiosk's outbox first for
a provisional reference, then the central) on a worker and turns everything
into a `StatusAnswer`: found (status, history, licence), not found, not sent yet
(queued here), refused (staff must look), a reference from another kiosk, or
cannot ask now (the central out of reach). It never raises for the network or
the store.

Not found is one answer: an unknown number, a wrong identity number and
anything else the central refuses to show look the same to the citizen, as they
do at the central, so numbers cannot be probed at the kiosk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from kiosk.lookup import LookupOutcome, LookupResult, look_up
from kiosk.references import kiosk_number, looks_like_reference
from kiosk.sync.client import CentralClient
from kiosk.sync.errors import CentralRefused, CentralUnreachable, NotEnrolled, SyncError
from offline_cache.db import StorageError
from offline_cache.outbox import Outbox

log = logging.getLogger(__name__)

STATUSES = ("received", "under_review", "needs_correction", "approved", "rejected")
"""The statuses of central-api.md; a central may send another, shown as "being handled"."""


class Answer(StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    NOT_SENT = "not_sent"
    """Kept on this kiosk, not yet received by the central."""
    REFUSED = "refused"
    """The central refused the submission when it was sent: staff must look at it."""
    OTHER_KIOSK = "other_kiosk"
    """A provisional reference another kiosk gave: only that kiosk knows it until it
    has a number."""
    CANNOT_ASK = "cannot_ask"
    """The central cannot be asked now (out of reach, busy, the kiosk not enrolled)."""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    status: str
    at: datetime | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class StatusAnswer:
    """What the lookup found for ``number`` (as the citizen gave it)."""

    answer: Answer
    number: str
    reference: str | None = None
    """The provisional reference, when the citizen gave one (or the outbox knows it)."""
    application_no: str | None = None
    service: str = ""
    status: str = ""
    history: tuple[HistoryEntry, ...] = ()
    licence_uscc: str | None = None
    licence_printable: bool = False

    @property
    def renamed(self) -> bool:
        """Asked by a provisional reference that now has the central's application number."""
        return bool(
            self.reference
            and self.number == self.reference
            and self.application_no
            and self.application_no != self.reference
        )

    def latest_note(self, status: str) -> str:
        """The office's words when it last set ``status`` (a correction asked, a refusal)."""
        for entry in reversed(self.history):
            if entry.status == status and entry.note:
                return entry.note
        return ""


@dataclass(frozen=True, slots=True)
class LastLookup:
    """The application the citizen has just looked up, for a service they go on with in
    the same session (printing the licence: `uscc`, `application_no` and the identity
    number the central checks again)."""

    application_no: str
    service: str
    status: str
    uscc: str | None
    printable: bool
    id_number: str = field(repr=False)


class StatusDesk:
    """Looks applications up for citizens; ``client`` gives the signed client once the
    kiosk is connected (None before)."""

    def __init__(
        self, outbox: Outbox, client: Callable[[], CentralClient | None], kiosk_id: str
    ) -> None:
        self._outbox = outbox
        self._client = client
        self._kiosk_number = kiosk_number(kiosk_id)

    def look_up(self, number: str, id_number: str) -> StatusAnswer:
        """Blocks on the store and the network: call it on a worker."""
        if looks_like_reference(number) and not number.startswith(self._kiosk_number + "-"):
            return StatusAnswer(Answer.OTHER_KIOSK, number, reference=number)
        try:
            result = look_up(number, id_number, self._outbox, self._connected)
        except NotEnrolled:
            log.error("status lookup: this kiosk is not enrolled with the central")
            return StatusAnswer(Answer.CANNOT_ASK, number)
        except CentralRefused as exc:
            # Whatever else the central refuses to show is "not found" to the citizen.
            log.info("status lookup refused by the central: %s", exc.status)
            return StatusAnswer(Answer.NOT_FOUND, number)
        except (SyncError, StorageError) as exc:
            log.warning("status lookup not possible now: %s", type(exc).__name__)
            return StatusAnswer(Answer.CANNOT_ASK, number)
        return answer_of(number, result)

    def _connected(self) -> CentralClient:
        client = self._client()
        if client is None:
            raise CentralUnreachable("not connected to the central yet")
        return client


def answer_of(number: str, result: LookupResult) -> StatusAnswer:
    """The screen's answer for a `kiosk.lookup.LookupResult`."""
    match result.outcome:
        case LookupOutcome.NOT_FOUND:
            # Nothing of what was found on the way is kept: the same answer every time.
            return StatusAnswer(Answer.NOT_FOUND, number)
        case LookupOutcome.NOT_SENT:
            return StatusAnswer(Answer.NOT_SENT, number, reference=result.reference or number)
        case LookupOutcome.REFUSED:
            return StatusAnswer(Answer.REFUSED, number, reference=result.reference or number)
    licence = result.licence or {}
    uscc = licence.get("uscc")
    return StatusAnswer(
        Answer.FOUND,
        number,
        reference=result.reference,
        application_no=result.application_no or number,
        service=result.service or "",
        status=result.status or "",
        history=_history(result.history),
        licence_uscc=uscc if isinstance(uscc, str) and uscc else None,
        licence_printable=licence.get("printable") is True,
    )


def last_lookup(answer: StatusAnswer, id_number: str) -> LastLookup | None:
    """What a following service may use of ``answer``: only an application found."""
    if answer.answer is not Answer.FOUND or not answer.application_no:
        return None
    return LastLookup(
        answer.application_no,
        answer.service,
        answer.status,
        answer.licence_uscc,
        answer.licence_printable,
        id_number,
    )


def _history(entries: list[dict[str, Any]]) -> tuple[HistoryEntry, ...]:
    """The history oldest first (a central may send it in any order), leniently read."""
    history = [
        HistoryEntry(
            str(entry.get("status") or ""),
            _when(entry.get("at")),
            str(entry.get("note") or "").strip(),
        )
        for entry in entries
    ]
    if all(entry.at is not None for entry in history):
        history.sort(key=lambda entry: entry.at)  # type: ignore[arg-type, return-value]
    return tuple(history)


def _when(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        at = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return at if at.tzinfo is not None else None
