"""A long backlog drains batch by batch, each row once, and no lease runs out mid-drain
(real SQLite file, a real local HTTP server, a clock the central moves as it answers)."""

from __future__ import annotations

from typing import Any

from kiosk.clock import ManualClock
from kiosk.sync.client import CentralClient
from kiosk.sync.engine import SyncEngine, SyncPolicy
from offline_cache.db import Database
from offline_cache.outbox import Outbox, OutboxState
from tests.sync.scripted_central import ScriptedCentral


def backlog(outbox: Outbox, count: int) -> list[str]:
    keys = [f"key-{n:04d}" for n in range(count)]
    for n, key in enumerate(keys):
        outbox.enqueue(
            key, "/v1/applications", {"n": n}, f"2026-11-23T10:{n // 60:02d}:{n % 60:02d}+08:00"
        )
    return keys


def test_a_backlog_larger_than_one_batch_drains_each_row_once_without_a_lease_running_out(
    central: ScriptedCentral, db: Database
) -> None:
    outbox = Outbox(db)
    keys = backlog(outbox, 120)
    clock = ManualClock()
    policy = SyncPolicy(lease_s=60, batch_size=50)
    engine = SyncEngine(
        outbox, lambda: CentralClient(central.url, timeout_s=5), clock, policy=policy
    )
    # Another sender (another process) tries, at every request the central gets,
    # to take the very row being sent: it may only once that row's lease ran out.
    other = Outbox(db)
    taken_over: list[str] = []
    held: list[int] = []

    def slow_central(request: dict[str, Any]) -> None:
        clock.advance(3)  # 120 answers take 6 minutes: six leases' worth
        key = request["headers"]["Idempotency-Key"]
        now = clock.now().timestamp()
        taken_over.extend(i.idempotency_key for i in other.claim(now, 60, key=key))
        held.append(len(outbox.items(OutboxState.SENDING)))

    central.on_request = slow_central
    central.default = (201, {}, lambda request: {"application_no": f"A-{request['body']['n']}"})

    report = engine.run_once()

    assert report.delivered == 120
    assert taken_over == []
    assert sorted(central.keys()) == keys  # each once
    assert max(held) <= 50  # never more than one batch under lease
    assert {(i.state, i.attempts) for i in outbox.items()} == {(OutboxState.DELIVERED, 1)}


def test_a_sender_whose_lease_was_taken_over_leaves_the_rows_to_the_new_holder(
    db: Database,
) -> None:
    outbox = Outbox(db)
    backlog(outbox, 3)
    [first, *rest] = outbox.claim(1000.0, 60, limit=50)
    assert outbox.renew_lease([first.idempotency_key], 1060.0, 1090.0) == {"key-0000"}
    # The rest were not renewed (the sender froze): another sender takes them.
    taken = Outbox(db).claim(1061.0, 60)
    assert [i.idempotency_key for i in taken] == ["key-0001", "key-0002"]

    # The first sender wakes: what it held is now someone else's.
    assert outbox.renew_lease([i.idempotency_key for i in rest], 1060.0, 1120.0) == set()
    assert outbox.claim(1089.0, 60) == []  # key-0000's renewed lease still holds


def test_a_claim_takes_a_bounded_batch_oldest_first_and_counts_no_send(db: Database) -> None:
    outbox = Outbox(db)
    keys = backlog(outbox, 120)

    batches = [outbox.claim(1000.0, 60, limit=50) for _ in range(4)]

    assert [len(batch) for batch in batches] == [50, 50, 20, 0]
    assert [i.idempotency_key for batch in batches for i in batch] == keys
    assert {i.attempts for i in outbox.items()} == {0}


def test_an_unreachable_central_stops_the_drain_after_one_try_and_the_rest_wait_unsent(
    db: Database,
) -> None:
    outbox = Outbox(db)
    backlog(outbox, 5)
    clock = ManualClock()
    client = CentralClient("http://127.0.0.1:9", timeout_s=2)  # the discard port: nothing listens
    engine = SyncEngine(outbox, lambda: client, clock)

    report = engine.run_once()

    assert report.retrying == 1
    items = outbox.items()
    assert [(i.state, i.attempts) for i in items] == [(OutboxState.PENDING, 1)] + [
        (OutboxState.PENDING, 0)
    ] * 4
    now = clock.now().timestamp()
    assert items[0].next_attempt_at == now + 5
    assert all(i.next_attempt_at <= now for i in items[1:])  # due at the next drain


def test_a_row_that_fails_during_a_drain_waits_for_the_next_drain(
    central: ScriptedCentral, db: Database
) -> None:
    outbox = Outbox(db)
    backlog(outbox, 3)
    clock = ManualClock()
    policy = SyncPolicy(batch_size=1)
    engine = SyncEngine(
        outbox, lambda: CentralClient(central.url, timeout_s=5), clock, policy=policy
    )
    # The central asks for a second; each answer takes two.
    central.on_request = lambda request: clock.advance(2)
    central.default = (503, {"Retry-After": "1"}, {"title": "busy"})

    report = engine.run_once()

    assert report.retrying == 3
    assert len(central.received) == 3  # each once, though each was due again before the end
