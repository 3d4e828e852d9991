"""`SyncEngine`: delivers the outbox to the central, exactly once, whatever happens.

Synchronous and Qt-free: the shell calls ``run_once()`` from a worker every few
seconds and ``deliver(name)`` right after a citizen submits. One lock serialises
the two, and the outbox's lease keeps any second process from sending the same
row at the same time. A row is resent only with its original idempotency key,
so the central never makes a second application.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.clock import Clock, rfc3339
from kiosk.sync.client import CentralClient
from kiosk.sync.errors import CentralBusy, CentralRefused, CentralUnreachable, NotEnrolled
from offline_cache.db import StorageError
from offline_cache.outbox import Outbox, OutboxItem, OutboxState

log = logging.getLogger(__name__)

#: The answer field that names what the central made of each endpoint's request.
RESULT_FIELDS = {"/v1/applications": "application_no", "/v1/feedback": "feedback_id"}


def retry_delay_s(attempts: int, retry_after_s: float | None = None) -> float:
    """Seconds before the next attempt: the central's Retry-After, else 5 s doubling to 5 min."""
    if retry_after_s is not None:
        return min(max(retry_after_s, 1.0), 3600.0)
    return float(min(300, 5 * 2 ** max(0, attempts - 1)))


@dataclass(frozen=True, slots=True)
class SyncReport:
    delivered: int = 0
    retrying: int = 0
    rejected: int = 0


class SyncEngine:
    """Sends due outbox rows through the client the provider returns (None: not enrolled)."""

    def __init__(
        self,
        outbox: Outbox,
        client: Callable[[], CentralClient | None],
        clock: Clock,
        *,
        lease_s: float = 60.0,
    ) -> None:
        self._outbox = outbox
        self._client = client
        self._clock = clock
        self._lease_s = lease_s
        self._lock = threading.Lock()

    def run_once(self) -> SyncReport:
        """Send every due row once."""
        with self._lock:
            client = self._client()
            if client is None:
                return SyncReport()
            try:
                items = self._claim()
            except StorageError:
                log.exception("could not read the outbox")
                return SyncReport()
            counts = {"delivered": 0, "retrying": 0, "rejected": 0}
            for item in items:
                counts[self._send(client, item)] += 1
            return SyncReport(**counts)

    def deliver(self, name: str) -> str | None:
        """Try to send one row now; the central's reference for it, or None if still queued.

        ``name`` is the row's provisional reference (what the workflow holds) or
        its idempotency key.
        """
        with self._lock:
            existing = self._outbox.find(name)
            if existing is None:
                log.warning("no outbox row named %s", name)
                return None
            if existing.state is OutboxState.DELIVERED:
                return existing.result_ref
            key = existing.idempotency_key
            client = self._client()
            if client is None:
                return None
            try:
                items = self._claim(key)
            except StorageError:
                log.exception("could not read the outbox")
                return None
            for item in items:
                self._send(client, item)
            item_now = self._outbox.get(key)
            if item_now is not None and item_now.state is OutboxState.DELIVERED:
                return item_now.result_ref
            return None

    def _claim(self, key: str | None = None) -> list[OutboxItem]:
        return self._outbox.claim(_epoch(self._clock), self._lease_s, key)

    def _send(self, client: CentralClient, item: OutboxItem) -> str:
        now = _epoch(self._clock)
        try:
            answer = client.post_idempotent(item.endpoint, item.idempotency_key, item.body)
        except NotEnrolled as exc:
            # Not the row's fault: keep it until a technician enrols the kiosk again.
            self._outbox.mark_retry(item.idempotency_key, str(exc), now + 300)
            return "retrying"
        except CentralRefused as exc:
            if exc.status == 409:  # the first attempt is still being processed
                self._outbox.mark_retry(item.idempotency_key, str(exc), now + retry_delay_s(1))
                return "retrying"
            log.warning("central refused %s: %s", item.idempotency_key, exc)
            self._outbox.mark_rejected(item.idempotency_key, str(exc), exc.problem)
            return "rejected"
        except CentralBusy as exc:
            delay = retry_delay_s(item.attempts, exc.retry_after_s)
            self._outbox.mark_retry(item.idempotency_key, str(exc), now + delay)
            return "retrying"
        except CentralUnreachable as exc:
            self._outbox.mark_retry(
                item.idempotency_key, str(exc), now + retry_delay_s(item.attempts)
            )
            return "retrying"
        field = RESULT_FIELDS.get(item.endpoint, "")
        ref = answer.get(field) if field else None
        self._outbox.mark_delivered(
            item.idempotency_key,
            answer,
            str(ref) if ref is not None else None,
            rfc3339(self._clock.now()),
        )
        log.info("delivered %s (key %s) as %s", item.reference or "-", item.idempotency_key, ref)
        return "delivered"


def _epoch(clock: Clock) -> float:
    # The outbox schedules by wall-clock epoch seconds: they survive a restart,
    # which monotonic time does not.
    return clock.now().timestamp()
