"""The feedback desk: a citizen's rating goes through the outbox, never lost offline.

A rating is queued like an application: its own idempotency key (a UUID made
when the citizen presses "send"), stored with the body (sealed at rest) before
anything is sent, then delivered to ``POST /v1/feedback`` by the same sync
engine, exactly once; the central's 201 names it by its ``feedback_id``. It has
no provisional reference: nobody reads a rating out at a counter, and the
look-ups and receipts, which name applications, never see it (`kiosk.sync.endpoints`).
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from kiosk.clock import Clock, rfc3339
from kiosk.references import application_no_for
from kiosk.sync.endpoints import FEEDBACK
from kiosk.sync.engine import SyncEngine
from offline_cache.outbox import Outbox

log = logging.getLogger(__name__)


class OutboxFeedbackDesk:
    """Queues ratings in ``outbox`` and delivers them through ``engine``."""

    def __init__(self, outbox: Outbox, engine: SyncEngine, clock: Clock) -> None:
        self._outbox = outbox
        self._engine = engine
        self._clock = clock

    def queue(self, body: dict[str, Any], reference: str | None = None) -> str:
        """Store the rating durably; its idempotency key.

        ``reference``: the provisional reference of the submission rated while it
        was queued; if it has been delivered since, the rating carries its
        application number (the case it is tied to). A body is never changed
        once stored: a rating of a submission still queued goes without one.
        Raises StorageError (or StorageFullError) when it cannot be stored.
        """
        if body.get("application_no") is None and reference is not None:
            body = {**body, "application_no": application_no_for(self._outbox, reference)}
        key = str(uuid.uuid4())
        self._outbox.enqueue(key, FEEDBACK, body, rfc3339(self._clock.now()))
        log.info("rating queued (key %s)", key)
        return key

    def deliver(self, key: str) -> str | None:
        """Try to send the rating now; the central's feedback id, or None if still queued."""
        return self._engine.deliver(key)
