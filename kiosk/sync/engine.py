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

A backlog is sent several rows at a time (``SyncPolicy.senders`` requests in
flight, each on a kept-alive connection of the client's pool), so the kiosk's
work on one row (signing, reading the answer, recording it) overlaps the
central's work on others. Each row still has one sender, its own key and body:
the central's idempotency makes the order of arrival irrelevant to exactly-once
(the central's numbers may then not follow the outbox's order). The first row of
a drain goes alone: a central that cannot be reached costs one try, not one per
sender; the rest follow once the central has answered. Only the drain's own
thread touches the outbox: the senders do nothing but HTTP, and the 2xx answers
that arrived while the drain recorded the last ones are recorded together, in
one transaction (`Outbox.mark_delivered_many`), and the write-ahead log is
emptied of what they purged once per batch rather than once per row (a
checkpoint waits for the disk several times).
"""

from __future__ import annotations

import logging
import threading
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from kiosk.clock import Clock, rfc3339
from kiosk.config import KioskConfig
from kiosk.sync.client import CentralClient
from kiosk.sync.errors import CentralBusy, CentralRefused, NotEnrolled, SyncError
from offline_cache.db import StorageError
from offline_cache.outbox import Delivery, Outbox, OutboxItem, OutboxState, StuckRule

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
    senders: int = 4
    """Requests in flight at once while a backlog drains (1: one after the other)."""

    def __post_init__(self) -> None:
        if self.senders < 1:
            raise ValueError("a drain needs at least one sender")

    @classmethod
    def from_config(cls, config: KioskConfig) -> SyncPolicy:
        return cls(
            senders=config.sync_senders,
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
            drain = _Drain(self._policy.senders)
            try:
                while batch := self._outbox.claim(
                    _epoch(self._clock),
                    self._policy.lease_s,
                    limit=self._policy.batch_size,
                    due_by=started,
                ):
                    if not self._send_batch(client, batch, counts, drain):
                        break
            except StorageError:
                # What was claimed and not recorded is sent again after its lease.
                log.exception("could not read or write the outbox")
            finally:
                drain.close()
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
            drain = _Drain(1)
            try:
                items = self._outbox.claim(_epoch(self._clock), self._policy.lease_s, key)
                self._send_batch(client, items, Counter(), drain)
            except StorageError:
                log.exception("could not read or write the outbox")
                return None
            finally:
                drain.close()
            item_now = self._outbox.get(key)
            if item_now is not None and item_now.state is OutboxState.DELIVERED:
                return item_now.result_ref
            return None

    def _send_batch(
        self, client: CentralClient, batch: list[OutboxItem], counts: Counter[str], drain: _Drain
    ) -> bool:
        """Send a claimed batch, oldest first, through the drain's senders; record each
        outcome as it comes. False when the drain must stop."""
        if not batch:
            return True
        lease_s = self._policy.lease_s
        held_until = batch[0].lease_until
        left = deque(batch)
        flying: dict[Future[dict[str, Any]], OutboxItem] = {}
        stop: _Stop | None = None
        purged = False
        while left or flying:
            if _epoch(self._clock) >= held_until - lease_s / 2:
                # Half the lease gone: renew it for what is still held (in flight or
                # not sent yet), before another sender may take it over.
                until = _epoch(self._clock) + lease_s
                held = [item.idempotency_key for item in (*left, *flying.values())]
                renewed = self._outbox.renew_lease(held, held_until, until)
                left = deque(item for item in left if item.idempotency_key in renewed)
                held_until = until
            # The first row of a drain alone; once the central took one, one row per
            # sender: each row is handed out after the lease was looked at.
            while left and stop is None and len(flying) < drain.width:
                item = left.popleft()
                flying[drain.submit(client, item)] = item
            if not flying:
                break
            renew_in = held_until - lease_s / 2 - _epoch(self._clock)
            done, _ = wait(flying, timeout=max(0.0, renew_in), return_when=FIRST_COMPLETED)
            delivered: list[Delivery] = []
            for future in done:
                item = flying.pop(future)
                try:
                    answer = future.result()
                except SyncError as exc:
                    try:
                        counts[self._record_failure(item, exc)] += 1
                    except _Stop as stopping:
                        counts[stopping.outcome] += 1
                        stop = stopping
                    continue
                delivered.append(self._delivery(item, answer))
            if delivered:
                # The log is emptied of what this purges once the batch is done.
                self._outbox.mark_delivered_many(delivered, checkpoint=False)
                counts["delivered"] += len(delivered)
                drain.widen()
                purged = True
        if purged:
            self._outbox.empty_log()
        if stop is not None:
            self._outbox.hand_back([i.idempotency_key for i in left], held_until)
            return False
        return True

    def _delivery(self, item: OutboxItem, answer: dict[str, Any]) -> Delivery:
        field = RESULT_FIELDS.get(item.endpoint, "")
        ref = answer.get(field) if field else None
        result_ref = str(ref) if ref is not None else None
        log.info("delivered %s (key %s) as %s", item.reference or "-", item.idempotency_key, ref)
        at = rfc3339(self._clock.now())
        return Delivery(item.idempotency_key, answer, result_ref, at, item.clear_sha256)

    def _record_failure(self, item: OutboxItem, exc: SyncError) -> str:
        """Record a send that got no 2xx: "retrying", "rejected" or "stuck".

        Raises _Stop (with the outcome) when the rows after it would fail the same way.
        """
        sends = item.attempts + 1  # this one included
        key = item.idempotency_key
        if isinstance(exc, NotEnrolled):
            # Not the row's fault: keep it until a technician enrols the kiosk again.
            self._outbox.mark_retry(key, str(exc), _epoch(self._clock) + 300)
            raise _Stop("retrying") from exc
        if isinstance(exc, CentralRefused):
            if exc.status == 409:  # the first attempt is still being processed
                self._outbox.mark_retry(key, str(exc), _epoch(self._clock) + self._retry_delay_s(1))
                return "retrying"
            log.warning("central refused %s: %s", key, exc)
            self._outbox.mark_rejected(key, str(exc), exc.problem)
            return "rejected"
        if isinstance(exc, CentralBusy):
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
        # CentralUnreachable, or any other failure to get an answer.
        self._outbox.mark_retry(key, str(exc), _epoch(self._clock) + self._retry_delay_s(sends))
        raise _Stop("retrying") from exc

    def _retry_delay_s(self, sends: int, retry_after_s: float | None = None) -> float:
        return retry_delay_s(sends, retry_after_s, self._policy.backoff_base_s)


class _Drain:
    """The senders of one drain: a pool of ``senders`` threads that only send
    (`CentralClient.post_idempotent`), each on a kept-alive connection of the
    client's pool, and how many rows may be in flight (``width``): one until the
    central has taken a row, then one per sender."""

    def __init__(self, senders: int) -> None:
        self._senders = senders
        self._pool: ThreadPoolExecutor | None = None
        self.width = 1

    def widen(self) -> None:
        self.width = self._senders

    def submit(self, client: CentralClient, item: OutboxItem) -> Future[dict[str, Any]]:
        """Queue ``item`` for the next free sender; its answer, or the client's error."""

        def send() -> dict[str, Any]:
            return client.post_idempotent(item.endpoint, item.idempotency_key, item.body)

        if self._senders == 1:
            # One sender (a single row, or a kiosk set so): in this thread, no pool.
            done: Future[dict[str, Any]] = Future()
            try:
                done.set_result(send())
            except Exception as exc:  # noqa: BLE001 - handed over as the future's outcome
                done.set_exception(exc)
            return done
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self._senders, thread_name_prefix="outbox-send")
        return self._pool.submit(send)

    def close(self) -> None:
        """Wait for the sends still in flight (a drain that raised), then end the threads."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None


def _epoch(clock: Clock) -> float:
    # The outbox schedules by wall-clock epoch seconds: they survive a restart,
    # which monotonic time does not.
    return clock.now().timestamp()
