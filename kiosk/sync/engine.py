"""`SyncEngine`: delivers the outbox to the central, exactly once, whatever happens.

Synchronous and Qt-free: the shell calls ``run_once()`` from a worker every few
seconds and ``deliver(name)`` right after a citizen submits. One lock serialises
the two, and the outbox's lease keeps any second process from sending the same
row at the same time. A row is resent only with its original idempotency key,
so the central never makes a second application.

A drain takes the due rows batch by batch and renews the lease of the batch it
holds while it sends, so a long backlog never outlives its lease. It stops when
the central cannot be reached (or does not know the kiosk): every other row
would fail the same way, each after a timeout. A row the central answers 5xx to
too often or for too long becomes stuck for staff (`SyncPolicy`).
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.clock import Clock, rfc3339
from kiosk.config import KioskConfig
from kiosk.sync.client import CentralClient
from kiosk.sync.errors import CentralBusy, CentralRefused, CentralUnreachable, NotEnrolled
from offline_cache.db import StorageError
from offline_cache.outbox import Outbox, OutboxItem, OutboxState, StuckRule

log = logging.getLogger(__name__)

#: The answer field that names what the central made of each endpoint's request.
RESULT_FIELDS = {"/v1/applications": "application_no", "/v1/feedback": "feedback_id"}


def retry_delay_s(sends: int, retry_after_s: float | None = None, base_s: float = 5.0) -> float:
    """Seconds before the next attempt after ``sends`` real sends: the central's
    Retry-After, else ``base_s`` after the first, doubling to 60 times it (5 s to 5 min)."""
    if retry_after_s is not None:
        return min(max(retry_after_s, 1.0), 3600.0)
    return float(min(60 * base_s, base_s * 2 ** max(0, sends - 1)))


@dataclass(frozen=True, slots=True)
class SyncPolicy:
    """How the engine drains the outbox, and when it gives a row up to staff."""

    lease_s: float = 60.0
    batch_size: int = 50
    stuck_after_failures: int = 10
    """The central's 5xx answers to one row before it is stuck for staff."""
    stuck_after_s: float = 24 * 3600.0
    """Or: how long after the first 5xx answer a further one makes it stuck."""
    backoff_base_s: float = 5.0
    """The wait after a row's first failed send, doubled after each further one."""

    @classmethod
    def from_config(cls, config: KioskConfig) -> SyncPolicy:
        return cls(
            lease_s=config.sync_lease_s,
            batch_size=config.sync_batch_size,
            backoff_base_s=config.sync_backoff_base_s,
            stuck_after_failures=config.stuck_after_failures,
            stuck_after_s=config.stuck_after_hours * 3600.0,
        )


@dataclass(frozen=True, slots=True)
class SyncReport:
    delivered: int = 0
    retrying: int = 0
    rejected: int = 0
    stuck: int = 0


class _Stop(Exception):
    """The drain must stop: the rows left would fail as the last one did."""

    def __init__(self, outcome: str) -> None:
        super().__init__(outcome)
        self.outcome = outcome


class SyncEngine:
    """Sends due outbox rows through the client the provider returns (None: not enrolled)."""

    def __init__(
        self,
        outbox: Outbox,
        client: Callable[[], CentralClient | None],
        clock: Clock,
        *,
        policy: SyncPolicy | None = None,
    ) -> None:
        self._outbox = outbox
        self._client = client
        self._clock = clock
        self._policy = policy or SyncPolicy()
        self._stuck = StuckRule(self._policy.stuck_after_failures, self._policy.stuck_after_s)
        self._lock = threading.Lock()

    def run_once(self) -> SyncReport:
        """Send every row due when the drain starts, batch by batch, once each."""
        with self._lock:
            client = self._client()
            if client is None:
                return SyncReport()
            started = _epoch(self._clock)
            counts: Counter[str] = Counter()
            try:
                while batch := self._outbox.claim(
                    _epoch(self._clock),
                    self._policy.lease_s,
                    limit=self._policy.batch_size,
                    due_by=started,
                ):
                    if not self._send_batch(client, batch, counts):
                        break
            except StorageError:
                # What was claimed and not recorded is sent again after its lease.
                log.exception("could not read or write the outbox")
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
                items = self._outbox.claim(_epoch(self._clock), self._policy.lease_s, key)
                self._send_batch(client, items, Counter())
            except StorageError:
                log.exception("could not read or write the outbox")
                return None
            item_now = self._outbox.get(key)
            if item_now is not None and item_now.state is OutboxState.DELIVERED:
                return item_now.result_ref
            return None

    def _send_batch(
        self, client: CentralClient, batch: list[OutboxItem], counts: Counter[str]
    ) -> bool:
        """Send a claimed batch in order; False when the drain must stop."""
        if not batch:
            return True
        held_until = batch[0].lease_until
        left = list(batch)
        while left:
            if _epoch(self._clock) >= held_until - self._policy.lease_s / 2:
                # Half the lease gone: renew it for what is still held, before
                # another sender may take it over.
                until = _epoch(self._clock) + self._policy.lease_s
                renewed = self._outbox.renew_lease(
                    [item.idempotency_key for item in left], held_until, until
                )
                left = [item for item in left if item.idempotency_key in renewed]
                held_until = until
                if not left:
                    break
            item = left.pop(0)
            try:
                counts[self._send(client, item)] += 1
            except _Stop as stop:
                counts[stop.outcome] += 1
                self._outbox.hand_back([i.idempotency_key for i in left], held_until)
                return False
        return True

    def _send(self, client: CentralClient, item: OutboxItem) -> str:
        """Send one row and record the outcome: "delivered", "retrying", "rejected", "stuck".

        Raises _Stop (with the outcome) when the rows after it would fail the same way.
        """
        sends = item.attempts + 1  # this one included
        key = item.idempotency_key
        try:
            answer = client.post_idempotent(item.endpoint, key, item.body)
        except NotEnrolled as exc:
            # Not the row's fault: keep it until a technician enrols the kiosk again.
            self._outbox.mark_retry(key, str(exc), _epoch(self._clock) + 300)
            raise _Stop("retrying") from exc
        except CentralRefused as exc:
            if exc.status == 409:  # the first attempt is still being processed
                self._outbox.mark_retry(key, str(exc), _epoch(self._clock) + self._retry_delay_s(1))
                return "retrying"
            log.warning("central refused %s: %s", key, exc)
            self._outbox.mark_rejected(key, str(exc), exc.problem)
            return "rejected"
        except CentralBusy as exc:
            now = _epoch(self._clock)
            retry_at = now + self._retry_delay_s(sends, exc.retry_after_s)
            if exc.status == 429:  # the central paces this kiosk: no fault of the row's
                self._outbox.mark_retry(key, str(exc), retry_at)
                return "retrying"
            state = self._outbox.mark_failed(
                key, str(exc), now=now, next_attempt_at=retry_at, stuck=self._stuck
            )
            if state is OutboxState.STUCK:
                log.error("central keeps failing %s (key %s): stuck for staff", item.reference, key)
                return "stuck"
            return "retrying"
        except CentralUnreachable as exc:
            now = _epoch(self._clock)
            self._outbox.mark_retry(key, str(exc), now + self._retry_delay_s(sends))
            raise _Stop("retrying") from exc
        field = RESULT_FIELDS.get(item.endpoint, "")
        ref = answer.get(field) if field else None
        self._outbox.mark_delivered(
            key, answer, str(ref) if ref is not None else None, rfc3339(self._clock.now())
        )
        log.info("delivered %s (key %s) as %s", item.reference or "-", key, ref)
        return "delivered"

    def _retry_delay_s(self, sends: int, retry_after_s: float | None = None) -> float:
        return retry_delay_s(sends, retry_after_s, self._policy.backoff_base_s)


def _epoch(clock: Clock) -> float:
    # The outbox schedules by wall-clock epoch seconds: they survive a restart,
    # which monotonic time does not.
    return clock.now().timestamp()
