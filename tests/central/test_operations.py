"""Heartbeats carry remote commands until their results arrive; feedback arrives exactly once."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from central.heartbeats import kiosk_overview, queue_command
from tests.central.support import Central, Kiosk

pytestmark = pytest.mark.both_databases


def _heartbeat(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "at": "2026-11-22T10:15:00+08:00",
        "app_version": "0.1.0",
        "state": "in_service",
        "devices": [{"name": "receipt printer", "kind": "printer", "status": "ok", "detail": ""}],
        "outbox_depth": 2,
        "oldest_unsent_at": "2026-11-22T10:10:00+08:00",
    }
    body.update(changes)
    return body


def _queue(central: Central, kiosk_id: str, kind: str) -> str:
    with central.database.transaction() as connection:
        return queue_command(connection, kiosk_id, kind, central.clock())


def test_heartbeat_is_recorded_and_answered_with_the_server_time(
    central: Central, kiosk: Kiosk
) -> None:
    response = kiosk.post("/v1/heartbeats", _heartbeat())

    assert response.status_code == 200
    assert response.json()["commands"] == []
    assert response.json()["server_time"].endswith("+08:00")
    with central.database.reading() as connection:
        [overview] = kiosk_overview(connection)
    assert (overview["kiosk_id"], overview["state"]) == (kiosk.kiosk_id, "in_service")


def test_command_is_repeated_in_every_heartbeat_until_its_result_arrives(
    central: Central, kiosk: Kiosk, other_kiosk: Kiosk
) -> None:
    command = _queue(central, kiosk.kiosk_id, "refresh_catalogue")

    first = kiosk.post("/v1/heartbeats", _heartbeat()).json()["commands"]
    second = kiosk.post("/v1/heartbeats", _heartbeat()).json()["commands"]
    theirs = other_kiosk.post("/v1/heartbeats", _heartbeat()).json()["commands"]
    assert first == second == [{"id": command, "kind": "refresh_catalogue"}]
    assert theirs == []

    assert other_kiosk.post(f"/v1/commands/{command}/result", {"result": "done"}).status_code == 404
    done = kiosk.post(
        f"/v1/commands/{command}/result", {"result": "done", "detail": "catalogue 2026.11.1"}
    )
    assert done.status_code == 200
    assert kiosk.post(f"/v1/commands/{command}/result", {"result": "done"}).status_code == 200
    assert kiosk.post(f"/v1/commands/{command}/result", {"result": "failed"}).status_code == 409
    assert kiosk.post("/v1/heartbeats", _heartbeat()).json()["commands"] == []


def test_malformed_heartbeat_lists_its_problems(kiosk: Kiosk) -> None:
    response = kiosk.post(
        "/v1/heartbeats",
        _heartbeat(
            state="asleep",
            outbox_depth=-1,
            at="now",
            devices=[{"name": "printer", "kind": "printer", "status": "on fire"}],
        ),
    )

    assert response.status_code == 422
    assert {error["field"] for error in response.json()["errors"]} == {
        "state",
        "outbox_depth",
        "at",
        "devices[0].status",
    }


def _feedback(rating: Any = 5) -> dict[str, Any]:
    return {
        "application_no": None,
        "service": "GT-SETUP",
        "rating": rating,
        "tags": ["quick"],
        "comment": "很快",
    }


def test_feedback_is_received_once_per_idempotency_key(central: Central, kiosk: Kiosk) -> None:
    key = str(uuid.uuid4())
    first = kiosk.post("/v1/feedback", _feedback(), headers={"Idempotency-Key": key})
    again = kiosk.post("/v1/feedback", _feedback(), headers={"Idempotency-Key": key})
    changed = kiosk.post("/v1/feedback", _feedback(4), headers={"Idempotency-Key": key})

    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json() == again.json()
    assert first.json()["feedback_id"].startswith("FB-")
    assert changed.status_code == 422
    assert changed.json()["type"].endswith("/idempotency-key-reused")
    with central.database.reading() as connection:
        assert connection.execute("SELECT COUNT(*) FROM feedback").fetchone()[0] == 1


def test_feedback_needs_a_key_and_a_rating_from_one_to_five(kiosk: Kiosk) -> None:
    assert kiosk.post("/v1/feedback", _feedback()).status_code == 400
    for rating in (0, 6, True, "5", 4.5):
        response = kiosk.post(
            "/v1/feedback", _feedback(rating), headers={"Idempotency-Key": str(uuid.uuid4())}
        )
        assert response.status_code == 422, rating
        assert [error["field"] for error in response.json()["errors"]] == ["rating"]


def test_queue_tickets_are_numbered_per_hall_and_business_type(kiosk: Kiosk) -> None:
    first = kiosk.post("/v1/queue-tickets", {"business_type": "enterprise_registration"})
    second = kiosk.post("/v1/queue-tickets", {"business_type": "enterprise_registration"})
    collection = kiosk.post("/v1/queue-tickets", {"business_type": "licence_collection"})
    unknown = kiosk.post("/v1/queue-tickets", {"business_type": "haircut"})

    assert first.status_code == 201
    assert (first.json()["ticket"], first.json()["waiting"]) == ("A001", 0)
    assert (second.json()["ticket"], second.json()["waiting"]) == ("A002", 1)
    assert collection.json()["ticket"] == "C001"
    assert first.json()["hall"] == "Test hall"
    assert first.json()["label"]["zh"] == "企业登记"
    assert unknown.status_code == 422


def test_maintenance_mode_answers_503_with_retry_after_until_switched_off(
    central: Central, kiosk: Kiosk
) -> None:
    from central.cli import main

    database = ["--database", central.database_url]
    assert main([*database, "maintenance", "on", "--retry-after", "30"]) == 0

    refused = kiosk.post("/v1/heartbeats", _heartbeat())
    keys = kiosk.session.get(central.url + "/v1/keys", timeout=10)

    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "30"
    assert refused.json()["type"].endswith("/service-unavailable")
    assert keys.status_code == 200
    assert main([*database, "maintenance", "off"]) == 0
    assert kiosk.post("/v1/heartbeats", _heartbeat()).status_code == 200
