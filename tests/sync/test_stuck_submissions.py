"""A submission the central keeps failing stops being sent and waits for staff, with its
key and body; staff release it and it is sent with the same key (real SQLite file, a
real local HTTP server, the real `kiosk outbox` command)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import ManualClock
from kiosk.sync.client import CentralClient
from kiosk.sync.engine import SyncEngine, SyncPolicy, retry_delay_s
from offline_cache.db import Database
from offline_cache.outbox import Outbox, OutboxState
from tests.sync.scripted_central import ScriptedCentral

KEY = "7d1c1f0e-3b5a-4c61-9a53-2f8e6f1b0a11"
BODY = {"service": "GT-SETUP", "form": {"trade_name": "金华市婺城区丽华百货店"}}


def queued(db: Database, key: str = KEY) -> Outbox:
    outbox = Outbox(db)
    outbox.enqueue_numbered(
        key, "/v1/applications", "2026-11-23T10:00:00+08:00", lambda n: (f"K0001-{n:06d}", BODY)
    )
    return outbox


def sender(
    db: Database, url: str, clock: ManualClock, policy: SyncPolicy | None = None
) -> SyncEngine:
    client = CentralClient(url, timeout_s=2)
    return SyncEngine(Outbox(db), lambda: client, clock, policy=policy)


def state(outbox: Outbox) -> OutboxState:
    item = outbox.get(KEY)
    assert item is not None
    return item.state


def outbox_command(data: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    assert main(["outbox", *args, "--data-dir", str(data)]) == 0, capsys.readouterr().err
    return capsys.readouterr().out.splitlines()


def test_submission_refused_with_5xx_ten_times_becomes_stuck_for_staff_with_its_key(
    central: ScriptedCentral, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outbox = queued(db)
    clock = ManualClock()
    engine = sender(db, central.url, clock)  # the defaults: stuck after 10 failures
    central.default = (500, {}, {"title": "Internal Server Error"})

    reports = []
    for _ in range(12):
        reports.append(engine.run_once())
        clock.advance(retry_delay_s(99))  # whatever the back-off, the row is due again

    assert len(central.received) == 10  # not one more after it became stuck
    assert [r.stuck for r in reports] == [0] * 9 + [1, 0, 0]
    assert set(central.keys()) == {KEY}
    stuck = outbox.get(KEY)
    assert stuck is not None
    assert (stuck.state, stuck.attempts, stuck.failures) == (OutboxState.STUCK, 10, 10)
    assert stuck.body == BODY
    assert "500" in stuck.last_error
    assert outbox.depth() == 1  # not delivered: still counted, never dropped

    # Staff see it among what waits, under the reference the citizen holds.
    [row] = [json.loads(line) for line in outbox_command(tmp_path / "data", capsys, "--json")]
    assert (row["reference"], row["state"], row["key"], row["failures"]) == (
        "K0001-000001",
        "stuck",
        KEY,
        10,
    )


def test_staff_release_a_stuck_submission_and_it_is_sent_once_more_with_the_same_key_and_body(
    central: ScriptedCentral, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outbox = queued(db)
    clock = ManualClock()
    engine = sender(db, central.url, clock, SyncPolicy(stuck_after_failures=3))
    central.default = (503, {}, {"title": "Service Unavailable"})
    for _ in range(3):
        engine.run_once()
        clock.advance(retry_delay_s(99))
    assert engine.deliver("K0001-000001") is None  # a citizen's "send now" does not either
    assert len(central.received) == 3

    said = outbox_command(tmp_path / "data", capsys, "release", "K0001-000001")
    assert said == [f"released K0001-000001: the kiosk sends it again with its key {KEY}"]
    central.script = [(201, {}, {"application_no": "GT20261123000007"})]
    assert engine.run_once().delivered == 1

    assert central.keys() == [KEY] * 4
    assert all(request["body"] == BODY for request in central.received)
    item = outbox.get(KEY)
    assert item is not None
    assert (item.state, item.result_ref, item.attempts) == (
        OutboxState.DELIVERED,
        "GT20261123000007",
        4,
    )


def test_a_released_submission_gets_a_fresh_count_of_failures(
    central: ScriptedCentral, db: Database
) -> None:
    outbox = queued(db)
    clock = ManualClock()
    engine = sender(db, central.url, clock, SyncPolicy(stuck_after_failures=2))
    for _ in range(2):
        engine.run_once()
        clock.advance(retry_delay_s(99))
    assert outbox.release_stuck(KEY)

    engine.run_once()  # one more 500: one failure since the release, not three

    item = outbox.get(KEY)
    assert item is not None
    assert (item.state, item.failures, item.attempts) == (OutboxState.PENDING, 1, 3)


def test_a_submission_refused_for_longer_than_a_day_becomes_stuck_before_its_count(
    central: ScriptedCentral, db: Database
) -> None:
    outbox = queued(db)
    clock = ManualClock()
    engine = sender(
        db, central.url, clock, SyncPolicy(stuck_after_failures=10, stuck_after_s=24 * 3600)
    )

    engine.run_once()  # the first 500
    clock.advance(23 * 3600)
    engine.run_once()
    assert state(outbox) is OutboxState.PENDING
    clock.advance(2 * 3600)  # 25 hours after the first refusal
    assert engine.run_once().stuck == 1

    item = outbox.get(KEY)
    assert item is not None
    assert (item.state, item.failures) == (OutboxState.STUCK, 3)


def test_an_overloaded_central_and_a_network_down_never_make_a_submission_stuck(
    central: ScriptedCentral, db: Database
) -> None:
    outbox = queued(db)
    clock = ManualClock()
    paced = sender(db, central.url, clock, SyncPolicy(stuck_after_failures=2))
    central.default = (429, {"Retry-After": "30"}, {"title": "Too Many Requests"})
    for _ in range(5):
        paced.run_once()
        clock.advance(retry_delay_s(99))
    offline = sender(
        db, "http://127.0.0.1:9", clock, SyncPolicy(stuck_after_failures=2)
    )  # nothing listens
    for _ in range(5):
        offline.run_once()
        clock.advance(retry_delay_s(99))

    item = outbox.get(KEY)
    assert item is not None
    assert (item.state, item.attempts, item.failures) == (OutboxState.PENDING, 10, 0)


def test_the_first_real_failure_waits_the_base_delay_however_often_the_row_was_claimed(
    central: ScriptedCentral, db: Database
) -> None:
    outbox = queued(db)
    clock = ManualClock()
    now = clock.now().timestamp()
    for died in range(19):  # senders that claimed the row and died before sending
        assert outbox.claim(now + died * 61, lease_s=60) != []
    clock.advance(19 * 61)
    unsent = outbox.get(KEY)
    assert unsent is not None
    assert unsent.attempts == 0

    engine = sender(db, central.url, clock)
    engine.run_once()  # the first real send: 500

    item = outbox.get(KEY)
    assert item is not None
    assert item.attempts == 1
    assert (
        item.next_attempt_at
        == clock.now().timestamp() + retry_delay_s(1)
        == (clock.now().timestamp() + 5)
    )


def test_releasing_a_submission_that_is_not_stuck_changes_nothing(
    central: ScriptedCentral, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outbox = queued(db)
    data = str(tmp_path / "data")

    assert main(["outbox", "release", "K0001-000001", "--data-dir", data]) == 1
    assert "K0001-000001 is pending, not stuck" in capsys.readouterr().err
    assert main(["outbox", "release", "K0001-000099", "--data-dir", data]) == 2
    assert "no submission K0001-000099" in capsys.readouterr().err
    item = outbox.get(KEY)
    assert item is not None
    assert (item.state, item.attempts) == (OutboxState.PENDING, 0)
