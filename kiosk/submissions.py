"""The submission desk: puts a citizen's application in the outbox and sends it.

The idempotency key is made here, when the citizen presses Submit, and stored
with the body: every later attempt, after a crash or a network failure, sends
the same key, so the central makes exactly one application.
"""

from __future__ import annotations

import logging
import uuid

from kiosk.clock import Clock, rfc3339
from kiosk.sync.engine import SyncEngine
from kiosk.workflow.ports import StoreOutcome, Submission
from offline_cache.db import StorageError, StorageFullError
from offline_cache.outbox import Outbox

log = logging.getLogger(__name__)

APPLICATIONS = "/v1/applications"


class OutboxSubmissionDesk:
    def __init__(self, outbox: Outbox, engine: SyncEngine, clock: Clock) -> None:
        self._outbox = outbox
        self._engine = engine
        self._clock = clock

    def store(self, submission: Submission) -> StoreOutcome:
        key = str(uuid.uuid4())
        submitted_at = rfc3339(self._clock.now())
        body = {
            "service": submission.service,
            "catalogue_version": submission.catalogue_version,
            "submitted_at": submitted_at,
            "applicant": submission.applicant,
            "form": submission.form,
            "attachments": [],
        }
        try:
            self._outbox.enqueue(key, APPLICATIONS, body, submitted_at)
        except StorageFullError:
            log.exception("outbox full")
            return StoreOutcome(problem="storage_full")
        except StorageError:
            log.exception("outbox write failed")
            return StoreOutcome(problem="storage_failed")
        return StoreOutcome(reference=key)

    def deliver(self, reference: str) -> str | None:
        return self._engine.deliver(reference)
