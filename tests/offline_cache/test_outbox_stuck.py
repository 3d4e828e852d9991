"""The outbox's own rules for a row the central keeps failing: counted per 5xx answer,
stuck after too many or too long, released by staff with its key (real SQLite file)."""

from __future__ import annotations

from offline_cache.db import Database
from offline_cache.outbox import Outbox, OutboxState, StuckRule

RULE = StuckRule(failures=3, after_s=3600)


def queued(db: Database) -> Outbox:
    outbox = Outbox(db)
    outbox.enqueue("key-1", "/v1/applications", {"form": {"a": 1}}, "2026-11-23T10:00:00+08:00")
    return outbox


def failed_at(outbox: Outbox, now: float) -> OutboxState:
    [item] = outbox.claim(now, 60)
    return outbox.mark_failed(item.idempotency_key, "500", now=now, next_attempt_at=now, stuck=RULE)


def test_the_third_5xx_makes_the_row_stuck_and_no_claim_takes_it_any_more(db: Database) -> None:
    outbox = queued(db)

    states = [failed_at(outbox, 1000.0 + n) for n in range(3)]

    assert states == [OutboxState.PENDING, OutboxState.PENDING, OutboxState.STUCK]
    assert outbox.claim(99999.0, 60) == []
    assert outbox.claim(99999.0, 60, key="key-1") == []
    item = outbox.get("key-1")
    assert item is not None
    assert (item.attempts, item.failures, item.first_failed_at) == (3, 3, 1000.0)
    assert outbox.depth() == 1
    assert outbox.oldest_unsent_at() == "2026-11-23T10:00:00+08:00"  # still to be sent


def test_a_5xx_an_hour_after_the_first_makes_the_row_stuck_before_the_count(
    db: Database,
) -> None:
    outbox = queued(db)

    assert failed_at(outbox, 1000.0) is OutboxState.PENDING
    assert failed_at(outbox, 4599.0) is OutboxState.PENDING
    outbox.mark_retry("key-1", "network down", 4600.0)  # the network does not reset the clock
    assert failed_at(outbox, 4600.0) is OutboxState.STUCK


def test_staff_release_makes_the_stuck_row_due_at_once_with_its_key_body_and_history(
    db: Database,
) -> None:
    outbox = queued(db)
    for n in range(3):
        failed_at(outbox, 1000.0 + n)

    assert outbox.release_stuck("key-1")
    assert not outbox.release_stuck("key-1")  # once is enough: it is pending now

    [item] = outbox.claim(1003.0, 60)
    assert (item.idempotency_key, item.body) == ("key-1", {"form": {"a": 1}})
    assert (item.attempts, item.failures, item.first_failed_at) == (3, 0, None)
    assert item.last_error == "500"


def test_only_a_stuck_row_can_be_released(db: Database) -> None:
    outbox = queued(db)
    outbox.enqueue("key-2", "/v1/applications", {}, "2026-11-23T10:01:00+08:00")
    outbox.mark_rejected("key-2", "422", None)

    assert not outbox.release_stuck("key-1")  # pending
    assert not outbox.release_stuck("key-2")  # rejected: resending would be refused again
    assert not outbox.release_stuck("no-such-key")
    assert [i.state for i in outbox.items()] == [OutboxState.PENDING, OutboxState.REJECTED]
