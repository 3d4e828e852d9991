"""The submission desk: puts a citizen's application in the outbox and sends it.

The idempotency key is made here, when the citizen presses Submit, and stored
with the body: every later attempt, after a crash or a network failure, sends
the same key, so the central makes exactly one application. In the same
transaction the submission gets its provisional reference (`kiosk.references`):
the short name the citizen is shown and can read out, sent to the central with
the body and used by the workflow to name the submission.
"""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from kiosk.clock import Clock, rfc3339
from kiosk.references import REFERENCE_FIELD, provisional_reference
from kiosk.sync.endpoints import APPLICATIONS
from kiosk.sync.engine import SyncEngine
from kiosk.workflow.ports import StoreOutcome, Submission
from offline_cache.db import StorageError, StorageFullError
from offline_cache.outbox import Outbox

log = logging.getLogger(__name__)


class OutboxSubmissionDesk:
    """Stores submissions of the kiosk ``kiosk_id`` and delivers them through ``engine``."""

    def __init__(self, outbox: Outbox, engine: SyncEngine, clock: Clock, *, kiosk_id: str) -> None:
        self._outbox = outbox
        self._engine = engine
        self._clock = clock
        self._kiosk_id = kiosk_id

    def store(self, submission: Submission) -> StoreOutcome:
        """Queue the submission durably; its ``reference`` is the provisional reference.

        A submission that cannot be sent as JSON in UTF-8 (a text holding a lone
        UTF-16 surrogate, which typed text never does once normalised but a device's
        text might) is refused here, whole, with the problem ``unencodable_text``:
        nothing of it is stored, and no outbox row waits for a send that cannot be.
        """
        unencodable = _unencodable(submission)
        if unencodable is not None:
            # The path only: the text itself is personal data.
            log.warning("submission not stored: %s cannot be sent as JSON in UTF-8", unencodable)
            return StoreOutcome(problem=UNENCODABLE_TEXT)
        key = str(uuid.uuid4())
        submitted_at = rfc3339(self._clock.now())

        def numbered(sequence: int) -> tuple[str, dict[str, Any]]:
            reference = provisional_reference(self._kiosk_id, sequence)
            body = {
                "service": submission.service,
                "catalogue_version": submission.catalogue_version,
                "submitted_at": submitted_at,
                "applicant": submission.applicant,
                "form": submission.form,
                "attachments": submission.attachments,
                REFERENCE_FIELD: reference,
            }
            if submission.name_reservation is not None:
                body["name_reservation"] = submission.name_reservation
            return reference, body

        try:
            reference = self._outbox.enqueue_numbered(key, APPLICATIONS, submitted_at, numbered)
        except StorageFullError:
            log.exception("outbox full")
            return StoreOutcome(problem="storage_full")
        except StorageError:
            log.exception("outbox write failed")
            return StoreOutcome(problem="storage_failed")
        return StoreOutcome(reference=reference)

    def deliver(self, reference: str) -> str | None:
        """Try to send the submission ``reference`` now; its application number, or None."""
        return self._engine.deliver(reference)


UNENCODABLE_TEXT = "unencodable_text"
"""`StoreOutcome.problem` of a submission with text that cannot be UTF-8."""


def _unencodable(submission: Submission) -> str | None:
    """The path of the first value of the submission's body that cannot be sent as JSON
    in UTF-8 (``form.shareholders[1].name``), or None when the whole body can."""
    parts = {
        "service": submission.service,
        "catalogue_version": submission.catalogue_version,
        "applicant": submission.applicant,
        "form": submission.form,
        "attachments": submission.attachments,
        "name_reservation": submission.name_reservation,
    }
    try:
        json.dumps(parts, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return _first_unencodable(parts, "") or "the body"
    except (TypeError, ValueError):
        return "the body (not JSON)"
    return None


def _first_unencodable(value: Any, path: str) -> str | None:
    if isinstance(value, str):
        return None if _encodable(value) else path
    if isinstance(value, dict):
        for name, item in value.items():
            inner = f"{path}.{_shown(name)}" if path else _shown(name)
            if isinstance(name, str) and not _encodable(name):
                return inner
            found = _first_unencodable(item, inner)
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _first_unencodable(item, f"{path}[{index}]")
            if found is not None:
                return found
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(name: object) -> str:
    """A member name fit for the log (a lone surrogate written ``\\udc80``)."""
    return str(name).encode("utf-8", "backslashreplace").decode("utf-8")
