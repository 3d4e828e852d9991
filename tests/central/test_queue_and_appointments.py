"""The sandbox's queue extensions: tickets by type and series (priority, appointment),
complaint tickets with their call-back number, appointments booked by the operators and
checked in at a kiosk, and a central that leaves the extensions out."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from central.app import create_app, extensions_left_out
from central.appointments import book
from central.catalogue import load_catalogue
from central.cli import main
from central.clock import CHINA_STANDARD_TIME, system_clock
from tests.central.support import OTHER_VALID_ID, VALID_ID, Central, HttpServer, Kiosk


def _book(central: Central, id_number: str, day: date, slot: str, business_type: str) -> str:
    with central.database.transaction() as connection:
        return book(
            connection,
            catalogue=load_catalogue(),
            id_number=id_number,
            business_type=business_type,
            day=day,
            slot=slot,
            minutes=30,
            now=central.clock(),
        )


def _set_china_time(central: Central, day: date, at: str) -> None:
    """Move the central's clock to ``at`` (HH:MM) on ``day``, China time."""
    target = datetime.combine(day, time.fromisoformat(at), CHINA_STANDARD_TIME)
    central.clock.offset = target - system_clock()


def test_priority_tickets_have_their_own_series_and_count_only_who_goes_first(
    kiosk: Kiosk,
) -> None:
    ordinary = kiosk.post("/v1/queue-tickets", {"business_type": "enterprise_registration"})
    priority = kiosk.post(
        "/v1/queue-tickets", {"business_type": "enterprise_registration", "priority": True}
    )
    after = kiosk.post("/v1/queue-tickets", {"business_type": "enterprise_registration"})

    assert priority.status_code == 201, priority.text
    assert (priority.json()["ticket"], priority.json()["priority"]) == ("PA001", True)
    assert priority.json()["waiting"] == 0  # the ordinary ticket before it goes after it
    assert (after.json()["ticket"], after.json()["waiting"]) == ("A002", 2)
    assert after.json()["estimated_wait_minutes"] == 2 * 6
    assert ordinary.json()["window"] == {"zh": "1–4号窗口", "en": "Windows 1–4"}
    assert ordinary.json()["note"]["zh"] == "过号请重新取号"


def test_a_complaint_ticket_needs_a_valid_mobile_and_the_operators_see_it(
    central: Central, kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = kiosk.post("/v1/queue-tickets", {"business_type": "complaint"})
    wrong = kiosk.post("/v1/queue-tickets", {"business_type": "complaint", "mobile": "12345"})
    misplaced = kiosk.post(
        "/v1/queue-tickets", {"business_type": "enquiry", "mobile": "13800138000"}
    )
    taken = kiosk.post(
        "/v1/queue-tickets",
        {"business_type": "complaint", "mobile": "13800138000", "service": "GT-SETUP"},
    )

    assert [e["code"] for e in missing.json()["errors"]] == ["required"]
    assert [e["code"] for e in wrong.json()["errors"]] == ["cn_mobile"]
    assert [e["code"] for e in misplaced.json()["errors"]] == ["misplaced"]
    assert taken.status_code == 201, taken.text
    assert taken.json()["ticket"] == "T001"
    assert taken.json()["label"]["zh"] == "投诉（跑一次没办成）"
    assert main(["--database", central.database_url, "queue-tickets"]) == 0
    listed = capsys.readouterr().out
    assert "T001" in listed
    assert "call back 13800138000" in listed
    assert "about GT-SETUP" in listed


def test_unknown_members_and_a_priority_that_is_not_a_boolean_are_refused(kiosk: Kiosk) -> None:
    response = kiosk.post(
        "/v1/queue-tickets",
        {"business_type": "enquiry", "priority": "yes", "name": "王丽华"},
    )

    assert response.status_code == 422
    assert {(e["field"], e["code"]) for e in response.json()["errors"]} == {
        ("name", "unknown_field"),
        ("priority", "type"),
    }


def test_an_appointment_booked_by_the_operators_is_checked_in_once_with_its_ticket(
    central: Central, kiosk: Kiosk
) -> None:
    day = date.today() + timedelta(days=1)
    _book(central, VALID_ID, day, "09:30", "individual_registration")
    _set_china_time(central, day, "09:10")
    kiosk.post("/v1/queue-tickets", {"business_type": "individual_registration"})

    first = kiosk.post("/v1/appointments/check-ins", {"id_number": VALID_ID})
    again = kiosk.post("/v1/appointments/check-ins", {"id_number": VALID_ID})

    assert first.status_code == 201, first.text
    body = first.json()
    assert body["appointment"]["slot"] == {"start": "09:30", "end": "10:00"}
    assert body["appointment"]["label"]["zh"] == "个体登记"
    assert body["ticket"]["ticket"] == "YB001"
    assert body["ticket"]["waiting"] == 0  # the ordinary ticket taken before waits longer
    assert again.status_code == 200
    assert again.json()["ticket"]["ticket"] == "YB001"
    assert again.json()["ticket"]["ticket_id"] == body["ticket"]["ticket_id"]


def test_no_appointment_today_is_the_same_404_as_any_unknown_resource(
    central: Central, kiosk: Kiosk
) -> None:
    day = date.today() + timedelta(days=2)
    _book(central, VALID_ID, day + timedelta(days=1), "09:30", "enquiry")
    _set_china_time(central, day, "09:30")

    tomorrows = kiosk.post("/v1/appointments/check-ins", {"id_number": VALID_ID})
    nobodys = kiosk.post("/v1/appointments/check-ins", {"id_number": OTHER_VALID_ID})
    malformed = kiosk.post("/v1/appointments/check-ins", {"id_number": "330702199003071234"})

    assert tomorrows.status_code == nobodys.status_code == 404
    assert tomorrows.json() == nobodys.json()
    assert malformed.status_code == 422
    assert [e["code"] for e in malformed.json()["errors"]] == ["cn_resident_id"]


def test_a_missed_appointment_is_refused_and_the_citizen_takes_an_ordinary_ticket(
    central: Central, kiosk: Kiosk
) -> None:
    day = date.today() + timedelta(days=1)
    _book(central, VALID_ID, day, "09:00", "enquiry")
    _set_china_time(central, day, "10:01")  # ended 09:30, 31 minutes ago

    late = kiosk.post("/v1/appointments/check-ins", {"id_number": VALID_ID})

    assert late.status_code == 409
    assert "09:00–09:30" in late.json()["detail"]


def test_the_operators_book_an_appointment_on_the_command_line(
    central: Central, capsys: pytest.CaptureFixture[str]
) -> None:
    database = ["--database", central.database_url]
    booked = main(
        [*database, "book-appointment", "--id-number", VALID_ID, "--business-type", "enquiry"]
        + ["--slot", "14:00", "--date", "2026-11-23"]
    )
    lines = capsys.readouterr().out.strip().splitlines()
    refused = main(
        [*database, "book-appointment", "--id-number", VALID_ID, "--business-type", "haircut"]
        + ["--slot", "14:00"]
    )
    refusal = capsys.readouterr().err
    assert main([*database, "appointments"]) == 0
    listed = capsys.readouterr().out

    assert booked == 0
    assert lines[-1].startswith("AP-")
    assert refused == 1
    assert "business type must be one of" in refusal
    assert f"{lines[-1]}  2026-11-23 14:00–14:30" in listed
    assert "3307**********1233" in listed  # the operators' list masks the number
    assert VALID_ID not in listed


def test_a_central_without_the_extensions_answers_404_there(
    http_server: HttpServer, tmp_path: Path
) -> None:
    central = http_server.install(tmp_path / "central.db")
    http_server.dispatcher.app = create_app(
        central.database_url,
        clock=central.clock,
        without=extensions_left_out("queue-tickets, appointments"),
    )
    kiosk = central.enrol("K-330702-0001")

    ticket = kiosk.post("/v1/queue-tickets", {"business_type": "enquiry"})
    check_in = kiosk.post("/v1/appointments/check-ins", {"id_number": VALID_ID})

    assert ticket.status_code == check_in.status_code == 404
    assert kiosk.post("/v1/heartbeats", {}).status_code == 422  # the rest is served
    with pytest.raises(ValueError, match="unknown extension haircuts"):
        extensions_left_out("haircuts")
