"""A citizen's rating is never lost offline and reaches the central once (好差评), against the
real sandbox: queued in the outbox (sealed, with its own idempotency key) while the central
cannot be reached, delivered beside the application by the same sync engine, and not made
twice when a send is repeated."""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tests.core.test_workflow as core
from kiosk.catalogue import Catalogue
from kiosk.clock import ManualClock, SystemClock
from kiosk.embedded_central import EmbeddedCentral
from kiosk.sync.client import CentralClient
from kiosk.sync.enrolment import enrol
from kiosk.sync.identity import IdentityStore
from kiosk.sync.signing import RequestSigner
from kiosk.workflow import events as ev
from kiosk.workflow.states import Finished, SendingFeedback
from offline_cache.db import Database
from offline_cache.outbox import Outbox, OutboxState
from tests.core.test_workflow import Desk
from tests.shell.conftest import central_applications


@pytest.fixture(autouse=True)
def sealed_outbox(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Desk's outbox seals bodies at rest, as the kiosk's does."""
    monkeypatch.setattr(core, "Outbox", functools.partial(Outbox, body_key=bytes(range(32))))


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[EmbeddedCentral]:
    central = EmbeddedCentral(tmp_path)
    central.start()
    yield central
    central.stop()


def central_feedback(data_dir: Path) -> list[dict[str, Any]]:
    """The ratings the central holds (its database, read as its operators would)."""
    conn = sqlite3.connect(data_dir / "central-sandbox" / "central.db")
    try:
        rows = conn.execute(
            "SELECT feedback_id, kiosk_id, application_no, service, rating, body_json"
            " FROM feedback ORDER BY received_at"
        ).fetchall()
    finally:
        conn.close()
    return [
        {
            "feedback_id": feedback_id,
            "kiosk_id": kiosk_id,
            "application_no": number,
            "service": service,
            "rating": rating,
            "body": json.loads(body),
        }
        for feedback_id, kiosk_id, number, service, rating, body in rows
    ]


def signed_client(sandbox: EmbeddedCentral, folder: Path) -> CentralClient:
    assert sandbox.url is not None
    identity = enrol(
        CentralClient(sandbox.url),
        IdentityStore(folder / "id"),
        code=sandbox.enrolment_code("K-330702-0001", "测试大厅"),
        kiosk_id="K-330702-0001",
    )
    return CentralClient(
        sandbox.url, signer=RequestSigner(identity.private_key, identity.key_id, SystemClock())
    )


def rate(desk: Desk, rating: str, comment: str = "", tags: list[str] | None = None) -> None:
    wf = desk.workflow
    wf.rate_service()
    wf.set_json("rating", rating)
    if tags:
        wf.set_json("tags", tags)
    if comment:
        wf.set_value("comment", comment)
    wf.dispatch(ev.NextPressed())
    assert wf.state == SendingFeedback("FEEDBACK", stored=True)


def test_a_rating_given_offline_is_queued_then_delivered_once(
    tmp_path: Path, db: Database, catalogue: Catalogue, sandbox: EmbeddedCentral
) -> None:
    # The network is down: the kiosk's central is unreachable.
    current = [CentralClient("http://127.0.0.1:9", timeout_s=1)]
    desk = Desk(tmp_path, db, catalogue, client=lambda: current[0])
    clock = desk.clock
    assert isinstance(clock, ManualClock)

    desk.fill_and_submit()
    assert isinstance(desk.workflow.state, Finished)
    rate(desk, "2", "等了很久，指引不清楚", ["slow", "unclear_guidance"])
    [rating] = [i for i in desk.outbox.items() if i.endpoint == "/v1/feedback"]
    assert rating.state is OutboxState.PENDING
    assert desk.outbox.seals  # queued sealed, as the kiosk queues it
    assert rating.last_error.startswith("POST /v1/feedback: ConnectionError")  # tried at once
    assert central_feedback(tmp_path) == []

    # The network comes back: one drain sends the application, then the rating.
    current[0] = signed_client(sandbox, tmp_path)
    clock.advance(600)
    report = desk.engine.run_once()
    assert report.delivered == 2, [i.last_error for i in desk.outbox.items()]
    delivered = desk.outbox.get(rating.idempotency_key)
    assert delivered is not None
    assert delivered.state is OutboxState.DELIVERED
    assert delivered.result_ref is not None
    assert delivered.result_ref.startswith("FB-")  # the central's feedback id

    # A crash right after sending, before the answer was stored: sent again, made once.
    desk.outbox.mark_retry(rating.idempotency_key, "simulated crash", 0)
    clock.advance(600)
    assert desk.engine.run_once().delivered == 1
    again = desk.outbox.get(rating.idempotency_key)
    assert again is not None
    assert again.result_ref == delivered.result_ref

    [held] = central_feedback(tmp_path)
    assert held["feedback_id"] == delivered.result_ref
    assert (held["kiosk_id"], held["service"], held["rating"]) == ("K-330702-0001", "GT-SETUP", 2)
    assert held["application_no"] is None  # rated while the application was still queued
    assert held["body"]["tags"] == ["slow", "unclear_guidance"]
    assert held["body"]["comment"] == "等了很久，指引不清楚"
    # The application went as an application, once; the rating did not become one.
    [application] = central_applications(tmp_path)
    assert application["service"] == "GT-SETUP"


def test_a_rating_given_online_is_tied_to_the_application_number(
    tmp_path: Path, db: Database, catalogue: Catalogue, sandbox: EmbeddedCentral
) -> None:
    client = signed_client(sandbox, tmp_path)
    desk = Desk(tmp_path, db, catalogue, client=lambda: client)

    desk.fill_and_submit()
    finished = desk.workflow.state
    assert isinstance(finished, Finished)
    assert finished.application_no is not None
    rate(desk, "5", tags=["quick", "easy"])

    # Sent at once, right after it was stored.
    [rating] = [i for i in desk.outbox.items() if i.endpoint == "/v1/feedback"]
    assert rating.state is OutboxState.DELIVERED
    [held] = central_feedback(tmp_path)
    assert held["application_no"] == finished.application_no  # tied to the case
    assert (held["service"], held["rating"], held["body"]["comment"]) == ("GT-SETUP", 5, "")
