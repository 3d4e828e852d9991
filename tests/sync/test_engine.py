"""The outbox sender against a real HTTP server that misbehaves on cue."""

from __future__ import annotations

import pytest
import requests

from kiosk.clock import ManualClock
from kiosk.sync.client import CentralClient
from kiosk.sync.engine import SyncEngine, retry_delay_s
from kiosk.sync.errors import CentralBusy, CentralRefused, CentralUnreachable
from offline_cache.db import Database
from offline_cache.outbox import Outbox, OutboxState
from tests.sync.scripted_central import ScriptedCentral


def _engine(db: Database, url: str, clock: ManualClock) -> tuple[Outbox, SyncEngine]:
    outbox = Outbox(db)
    client = CentralClient(url, timeout_s=2)
    return outbox, SyncEngine(outbox, lambda: client, clock)


def test_central_error_then_success_delivers_once_with_the_same_key(
    central: ScriptedCentral, db: Database
) -> None:
    clock = ManualClock()
    outbox, engine = _engine(db, central.url, clock)
    outbox.enqueue(
        "key-1", "/v1/applications", {"service": "GT-SETUP"}, "2026-11-23T10:00:00+08:00"
    )
    central.script = [
        (500, {}, {"title": "boom"}),
        (201, {}, {"application_no": "GT20261123000001"}),
    ]

    assert engine.run_once().retrying == 1
    assert engine.run_once().delivered == 0  # not due yet: backing off
    clock.advance(retry_delay_s(1))
    assert engine.run_once().delivered == 1
    assert engine.run_once().delivered == 0

    assert [r["headers"]["Idempotency-Key"] for r in central.received] == ["key-1", "key-1"]
    item = outbox.get("key-1")
    assert item is not None
    assert (item.state, item.result_ref) == (OutboxState.DELIVERED, "GT20261123000001")


def test_retry_after_from_an_overloaded_central_is_honoured(
    central: ScriptedCentral, db: Database
) -> None:
    clock = ManualClock()
    outbox, engine = _engine(db, central.url, clock)
    outbox.enqueue("key-2", "/v1/applications", {}, "2026-11-23T10:00:00+08:00")
    central.script = [(503, {"Retry-After": "120"}, {}), (201, {}, {"application_no": "A2"})]
    engine.run_once()
    clock.advance(119)
    assert engine.run_once().delivered == 0
    clock.advance(2)
    assert engine.run_once().delivered == 1


def test_refused_application_is_kept_for_staff_and_never_resent(
    central: ScriptedCentral, db: Database
) -> None:
    clock = ManualClock()
    outbox, engine = _engine(db, central.url, clock)
    outbox.enqueue("key-3", "/v1/applications", {}, "2026-11-23T10:00:00+08:00")
    problem = {
        "type": "about:blank",
        "title": "Invalid",
        "status": 422,
        "errors": [{"field": "form.mobile"}],
    }
    central.script = [(422, {}, problem)]
    assert engine.run_once().rejected == 1
    clock.advance(3600)
    engine.run_once()
    assert len(central.received) == 1
    item = outbox.get("key-3")
    assert item is not None
    assert item.state is OutboxState.REJECTED
    assert item.response == problem
    assert outbox.depth() == 1  # still counted as not delivered


def test_unreachable_central_leaves_the_application_queued(db: Database) -> None:
    clock = ManualClock()
    outbox, engine = _engine(db, "http://127.0.0.1:9", clock)  # discard port: nothing listens
    outbox.enqueue("key-4", "/v1/applications", {}, "2026-11-23T10:00:00+08:00")
    assert engine.deliver("key-4") is None
    item = outbox.get("key-4")
    assert item is not None
    assert item.state is OutboxState.PENDING
    assert "CentralUnreachable" in item.last_error or "Connection" in item.last_error


def test_a_sender_that_died_mid_send_is_replaced_after_its_lease(db: Database) -> None:
    outbox = Outbox(db)
    outbox.enqueue("key-5", "/v1/applications", {}, "2026-11-23T10:00:00+08:00")
    [claimed] = outbox.claim(now=1000.0, lease_s=60)
    assert claimed.state is OutboxState.SENDING
    assert outbox.claim(now=1030.0, lease_s=60) == []  # the first sender still holds it
    [again] = outbox.claim(now=1061.0, lease_s=60)
    assert again.idempotency_key == "key-5"  # same key: the central will not make a second one


@pytest.mark.parametrize(
    ("exc", "mapped"),
    [
        (requests.exceptions.ConnectionError, CentralUnreachable),
        (requests.exceptions.ConnectTimeout, CentralUnreachable),
        (requests.exceptions.ReadTimeout, CentralUnreachable),
        (requests.exceptions.SSLError, CentralUnreachable),
        (requests.exceptions.ChunkedEncodingError, CentralUnreachable),
        (requests.exceptions.TooManyRedirects, CentralUnreachable),
        (requests.exceptions.InvalidURL, CentralUnreachable),
    ],
)
def test_every_requests_exception_is_mapped(exc: type[Exception], mapped: type[Exception]) -> None:
    class Failing(requests.adapters.BaseAdapter):
        def send(self, *args: object, **kwargs: object) -> requests.Response:
            raise exc("simulated")

        def close(self) -> None:
            pass

    session = requests.Session()
    session.mount("http://", Failing())
    with pytest.raises(mapped):
        CentralClient("http://central.test", session=session).post("/v1/x", {})


def test_status_codes_map_to_busy_or_refused(central: ScriptedCentral) -> None:
    client = CentralClient(central.url)
    central.script = [
        (429, {"Retry-After": "7"}, {}),
        (404, {}, {"title": "Not found", "status": 404}),
    ]
    with pytest.raises(CentralBusy) as busy:
        client.post("/v1/x", {})
    assert busy.value.retry_after_s == 7
    with pytest.raises(CentralRefused) as refused:
        client.post("/v1/x", {})
    assert refused.value.status == 404
