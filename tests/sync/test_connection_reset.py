"""A connection that breaks after it was made (reset, closed before the answer, answer cut
short) is tried once more at once for an idempotent request, and never for another
(a real local TCP server that breaks connections on cue, a real SQLite file)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kiosk.clock import ManualClock
from kiosk.sync.client import CentralClient
from kiosk.sync.engine import SyncEngine
from kiosk.sync.errors import CentralUnreachable
from offline_cache.db import Database
from offline_cache.outbox import Outbox, OutboxState
from tests.sync.scripted_central import CLOSE, CUT, RESET, BreakingCentral

KEY = "5b0f7d8e-2a4c-4e1b-8f3d-9c6a1e2b7d40"
BODY = {"service": "GT-SETUP", "form": {"trade_name": "金华市婺城区丽华百货店"}}
CREATED = {"application_no": "GT20261123000042", "status": "received"}


@pytest.fixture
def breaking() -> Iterator[list[BreakingCentral]]:
    servers: list[BreakingCentral] = []
    yield servers
    for server in servers:
        server.close()


def central(servers: list[BreakingCentral], *script: str | tuple[int, dict[str, Any]]) -> str:
    server = BreakingCentral(list(script))
    servers.append(server)
    return server.url


def sender(db: Database, url: str) -> tuple[Outbox, SyncEngine, ManualClock]:
    outbox = Outbox(db)
    outbox.enqueue(KEY, "/v1/applications", BODY, "2026-11-23T10:00:00+08:00")
    clock = ManualClock()
    client = CentralClient(url, timeout_s=5)
    return outbox, SyncEngine(outbox, lambda: client, clock), clock


@pytest.mark.parametrize("broken", [RESET, CLOSE, CUT])
def test_a_submission_whose_connection_broke_is_sent_again_at_once_with_the_same_key(
    breaking: list[BreakingCentral], db: Database, broken: str
) -> None:
    url = central(breaking, broken, (201, CREATED))
    outbox, engine, _ = sender(db, url)

    report = engine.run_once()

    assert report.delivered == 1  # in the same drain: no back-off
    [server] = breaking
    assert server.keys() == [KEY, KEY]
    assert [r["body"] for r in server.received] == [BODY, BODY]
    item = outbox.get(KEY)
    assert item is not None
    assert (item.state, item.result_ref, item.attempts) == (
        OutboxState.DELIVERED,
        "GT20261123000042",
        1,  # one send, as the outbox counts them: the client's retry is inside it
    )


def test_two_broken_connections_in_a_row_leave_the_submission_to_the_back_off(
    breaking: list[BreakingCentral], db: Database
) -> None:
    url = central(breaking, RESET, RESET, (201, CREATED))
    outbox, engine, clock = sender(db, url)

    report = engine.run_once()

    assert report.retrying == 1
    [server] = breaking
    assert len(server.received) == 2  # tried once more, not a third time
    item = outbox.get(KEY)
    assert item is not None
    assert (item.state, item.attempts) == (OutboxState.PENDING, 1)
    assert item.next_attempt_at == clock.now().timestamp() + 5
    assert "ConnectionError" in item.last_error


def test_a_catalogue_fetch_whose_connection_was_reset_is_fetched_again_at_once(
    breaking: list[BreakingCentral],
) -> None:
    url = central(breaking, RESET, (200, {"version": "2026.11.1", "services": []}))

    catalogue, _ = CentralClient(url, timeout_s=5).catalogue(None)

    assert catalogue == {"version": "2026.11.1", "services": []}
    [server] = breaking
    assert [r["method"] for r in server.received] == ["GET", "GET"]


def test_a_request_that_is_not_idempotent_is_not_sent_twice_after_a_reset(
    breaking: list[BreakingCentral],
) -> None:
    # A name check may reserve the name: sending it again is not the client's call.
    url = central(breaking, RESET, (200, {"full_name": "x", "available": True}))

    with pytest.raises(CentralUnreachable):
        CentralClient(url, timeout_s=5).name_check("330702", "丽华", "百货", "店")

    [server] = breaking
    assert len(server.received) == 1


def test_a_refused_connection_is_not_tried_again_at_once(db: Database) -> None:
    # Nothing listens: the next drain, after the back-off, is soon enough.
    outbox, engine, clock = sender(db, "http://127.0.0.1:9")

    assert engine.run_once().retrying == 1

    item = outbox.get(KEY)
    assert item is not None
    assert (item.attempts, item.next_attempt_at) == (1, clock.now().timestamp() + 5)
    assert "MaxRetryError" in item.last_error or "refused" in item.last_error
