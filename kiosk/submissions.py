"""The submission desk: puts a citizen's application in the outbox and sends it.

The idempotency key is made here, when the citizen presses Submit, and stored
with the body: every later attempt, after a crash or a network failure, sends
the same key, so the central makes exactly one application. In the same
transaction the submission gets its provisional reference (`kiosk.references`):
the short name the citizen is shown and can read out, sent to the central with
the body and used by the workflow to name the submission.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from kiosk.clock import Clock, rfc3339
from kiosk.references import REFERENCE_FIELD, provisional_reference
from kiosk.sync.engine import SyncEngine
from kiosk.workflow.ports import StoreOutcome, Submission
from offline_cache.db import StorageError, StorageFullError
from offline_cache.outbox import Outbox

log = logging.getLogger(__name__)

APPLICATIONS = "/v1/applications"


class OutboxSubmissionDesk:
    """Stores submissions of the kiosk ``kiosk_id`` and delivers them through ``engine``."""

    def __init__(self, outbox: Outbox, engine: SyncEngine, clock: Clock, *, kiosk_id: str) -> None:
        self._outbox = outbox
        self._engine = engine
        self._clock = clock
        self._kiosk_id = kiosk_id

    def store(self, submission: Submission) -> StoreOutcome:
        """Queue the submission durably; its ``reference`` is the provisional reference."""
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
