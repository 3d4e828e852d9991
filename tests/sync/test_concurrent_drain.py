"""A backlog goes to the central several rows at a time, each row once, and each 2xx is
recorded with the hash of what was sent (a real local HTTP server, a real SQLite file)."""

from __future__ import annotations

import json
import os
import threading
import time
from typing import Any

from kiosk.clock import ManualClock
from kiosk.sync.client import CentralClient
from kiosk.sync.engine import SyncEngine, SyncPolicy
from offline_cache.db import Database
from offline_cache.outbox import Outbox, OutboxState, body_sha256
from tests.sync.scripted_central import ScriptedCentral


def test_a_backlog_is_sent_several_rows_at_a_time_and_each_row_once(
    central: ScriptedCentral, db: Database
) -> None:
    outbox = Outbox(db, keep_delivered_s=0, body_key=os.urandom(32))
    bodies = {f"key-{n:03d}": {"n": n, "applicant": {"name": "王丽华"}} for n in range(60)}
    for n, (key, body) in enumerate(bodies.items()):
        outbox.enqueue(
            key, "/v1/applications", body, f"2026-11-23T10:{n // 60:02d}:{n % 60:02d}+08:00"
        )
    lock = threading.Lock()
    events: list[tuple[str, int]] = []
    open_now: list[int] = []
    most = 0

    def slow_central(request: dict[str, Any]) -> None:
        nonlocal most
        with lock:
            open_now.append(request["body"]["n"])
            most = max(most, len(open_now))
            events.append(("in", request["body"]["n"]))
        time.sleep(0.02)  # the central takes a moment over each
        with lock:
            open_now.remove(request["body"]["n"])
            events.append(("out", request["body"]["n"]))

    central.on_request = slow_central
    central.default = (201, {}, lambda request: {"application_no": f"A-{request['body']['n']}"})
    engine = SyncEngine(
        outbox,
        lambda: CentralClient(central.url, timeout_s=5),
        ManualClock(),
        policy=SyncPolicy(senders=4),
    )

    report = engine.run_once()

    assert report.delivered == 60
    assert events[:2] == [("in", 0), ("out", 0)]  # the first row alone
    assert 1 < most <= 4  # then several at once, never more than the senders
    assert sorted(central.keys()) == sorted(bodies)  # each once
    for item in outbox.items():
        sent = json.dumps(bodies[item.idempotency_key], ensure_ascii=False, sort_keys=True)
        assert (item.state, item.attempts, item.result_ref) == (
            OutboxState.DELIVERED,
            1,
            f"A-{bodies[item.idempotency_key]['n']}",
        )
        assert item.body_sha256 == body_sha256(sent)  # hashed as sent, though sealed
        assert item.purged


def test_a_drain_with_one_sender_sends_one_row_after_the_other(
    central: ScriptedCentral, db: Database
) -> None:
    outbox = Outbox(db)
    for n in range(10):
        outbox.enqueue(f"key-{n}", "/v1/applications", {"n": n}, f"2026-11-23T10:00:0{n}+08:00")
    lock = threading.Lock()
    open_now: list[int] = []
    most = 0

    def watching(request: dict[str, Any]) -> None:
        nonlocal most
        with lock:
            open_now.append(1)
            most = max(most, len(open_now))
        time.sleep(0.01)
        with lock:
            open_now.pop()

    central.on_request = watching
    central.default = (201, {}, {"application_no": "A"})
    engine = SyncEngine(
        outbox,
        lambda: CentralClient(central.url, timeout_s=5),
        ManualClock(),
        policy=SyncPolicy(senders=1),
    )

    assert engine.run_once().delivered == 10
    assert most == 1
    assert [r["body"]["n"] for r in central.received] == list(range(10))  # oldest first
