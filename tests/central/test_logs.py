"""The sandbox's log upload (extension ``POST /v1/logs``, for ``upload_logs``): lines
kept for the operators, and a line holding an identity or mobile number refused."""

from __future__ import annotations

import pytest

from central.cli import main
from central.heartbeats import queue_command
from tests.central.support import Central, Kiosk

pytestmark = pytest.mark.both_databases


def test_a_kiosk_uploads_its_log_lines_and_the_operators_read_them(
    central: Central, kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    with central.database.transaction() as connection:
        command = queue_command(connection, kiosk.kiosk_id, "upload_logs", central.clock())
    lines = ["2026-11-22 10:15:00,123 WARNING kiosk.device_health: printer paper low", ""]

    response = kiosk.post(
        "/v1/logs", {"at": "2026-11-22T10:15:05+08:00", "command_id": command, "lines": lines}
    )

    assert response.status_code == 201
    assert response.json()["lines"] == 2
    assert response.json()["log_id"].startswith("LOG-")
    assert main(["logs", kiosk.kiosk_id, "--database", central.database_url]) == 0
    shown = capsys.readouterr().out
    assert "printer paper low" in shown
    assert response.json()["log_id"] in shown


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("read card 330702196205050824 ok", "an identity number"),
        ("sms to 13800138000 failed", "a mobile number"),
    ],
)
def test_a_line_holding_personal_data_is_refused_without_repeating_it(
    kiosk: Kiosk, line: str, found: str
) -> None:
    response = kiosk.post("/v1/logs", {"at": "2026-11-22T10:15:05+08:00", "lines": ["fine", line]})

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "lines[1]"
    assert error["code"] == "personal_data"
    assert found in error["message"]
    assert line.split()[2] not in response.text


def test_an_invalid_identity_like_number_is_not_taken_for_one(kiosk: Kiosk) -> None:
    # 18 digits that fail the check character: a counter, not a citizen.
    response = kiosk.post(
        "/v1/logs", {"at": "2026-11-22T10:15:05+08:00", "lines": ["bytes 330702196205050825"]}
    )

    assert response.status_code == 201


@pytest.mark.parametrize("line", ["one\ntwo", "bell\x07", "x" * 1001])
def test_a_line_that_is_not_one_printable_line_of_1000_characters_is_refused(
    kiosk: Kiosk, line: str
) -> None:
    response = kiosk.post("/v1/logs", {"at": "2026-11-22T10:15:05+08:00", "lines": ["ok", line]})

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["lines[1]"]
