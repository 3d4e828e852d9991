"""The kiosk's heartbeat reaches the real central sandbox over HTTP with its state, its
devices and its outbox, and the central's remote commands are carried out once each,
their results reported, even when the central sends them again."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from central.app import create_app
from kiosk.clock import rfc3339
from kiosk.config import load_config
from kiosk.errors import ConfigError
from kiosk.maintenance import MaintenanceSwitch
from kiosk.sync.commands import CommandOutcome, CommandRunner
from kiosk.sync.heartbeat import Command
from offline_cache.kiosk_state import KioskStateStore
from offline_cache.remote_commands import CommandLog
from tests.central.support import Central, FakeClock, HttpServer, running_server
from tests.sync.enrolled import KIOSK_ID
from tests.sync.remote_kiosk import command_row, last_heartbeat, queue, remote_kiosk

ID_NUMBER = "330702196205050824"
MOBILE = "13800138000"
NAME = "王丽华"


@pytest.fixture(scope="module")
def http_server() -> Iterator[HttpServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def central(http_server: HttpServer, tmp_path: Path) -> Central:
    return http_server.install(tmp_path / "central.db")


def test_heartbeat_tells_the_central_the_kiosk_state_devices_and_outbox(
    central: Central, tmp_path: Path
) -> None:
    with remote_kiosk(central, tmp_path) as kiosk:
        kiosk.outbox.enqueue("key-1", "/v1/applications", {"n": 1}, "2026-11-22T09:00:00+08:00")
        kiosk.outbox.enqueue("key-2", "/v1/applications", {"n": 2}, "2026-11-22T09:30:00+08:00")
        kiosk.printer.set_paper("out")
        kiosk.scanner.set_attached(False)

        report = kiosk.heartbeat()

        assert report.sent
        assert not report.maintenance
        body = last_heartbeat(central)
        assert body["state"] == "in_service"
        assert body["app_version"]
        assert body["outbox_depth"] == 2
        assert body["oldest_unsent_at"] == "2026-11-22T09:00:00+08:00"
        devices = {device["name"]: device for device in body["devices"]}
        assert devices["id_reader"]["status"] == "ok"
        assert devices["id_reader"]["kind"] == "identity_reader"
        assert devices["printer"]["status"] == "warning"
        assert "paper out" in devices["printer"]["detail"]
        assert devices["scanner"]["status"] == "absent"
        # The central's time measured the clock: this machine's, so no offset to speak of.
        offset = kiosk.connection.state.clock_offset_s
        assert offset is not None
        assert abs(offset) <= 2
        assert kiosk.connection.state.waiting == 2


def test_a_reader_that_cannot_read_is_reported_out_of_service(
    central: Central, tmp_path: Path
) -> None:
    with remote_kiosk(central, tmp_path) as kiosk:
        kiosk.reader.set_attached(False)
        for _ in range(3):  # unplugged for three polls: really gone, not a glitch
            kiosk.watch.poll()

        kiosk.heartbeat()

        assert last_heartbeat(central)["state"] == "out_of_service"


def test_refresh_catalogue_fetches_it_whole_once_and_reports_done(
    central: Central, tmp_path: Path
) -> None:
    with remote_kiosk(central, tmp_path) as kiosk:
        command = queue(central, "refresh_catalogue")

        report = kiosk.heartbeat()

        assert report.catalogue is not None
        assert report.catalogue.services
        [done] = report.commands
        assert done.ran
        assert done.reported
        row = command_row(central, command)
        assert row["result"] == "done"
        assert report.catalogue.version in row["detail"]
        # The central has the result: the next heartbeat brings no command.
        assert kiosk.heartbeat().commands == ()


def test_a_command_sent_again_before_its_result_arrived_is_reported_again_not_run_again(
    central: Central, tmp_path: Path
) -> None:
    with remote_kiosk(central, tmp_path) as kiosk:
        command = queue(central, "refresh_catalogue")
        assert kiosk.heartbeat().catalogue is not None
        # The result never reached the central (say its database lost it): it sends
        # the command again with the next heartbeat.
        with central.database.transaction() as connection:
            connection.execute("UPDATE commands SET result = NULL WHERE id = ?", (command,))

        again = kiosk.heartbeat()

        [report] = again.commands
        assert not report.ran
        assert report.reported
        assert again.catalogue is None  # nothing fetched a second time
        assert command_row(central, command)["result"] == "done"


def test_a_command_is_not_run_again_after_a_restart(central: Central, tmp_path: Path) -> None:
    with remote_kiosk(central, tmp_path) as kiosk:
        command = queue(central, "enter_maintenance")
        kiosk.heartbeat()
    with central.database.transaction() as connection:
        connection.execute("UPDATE commands SET result = NULL WHERE id = ?", (command,))

    with remote_kiosk(central, tmp_path) as restarted:
        [report] = restarted.heartbeat().commands

    assert not report.ran
    assert report.outcome.result == "done"


def test_enter_and_leave_maintenance_switch_the_kiosk_and_survive_a_restart(
    central: Central, tmp_path: Path
) -> None:
    with remote_kiosk(central, tmp_path) as kiosk:
        kiosk.in_session = True
        entered = queue(central, "enter_maintenance")

        report = kiosk.heartbeat()

        assert report.maintenance
        row = command_row(central, entered)
        assert row["result"] == "done"
        assert "once the citizen now using the kiosk has finished" in row["detail"]
        assert kiosk.heartbeat().commands == ()  # reported: not sent again
        assert last_heartbeat(central)["state"] == "maintenance"
        # A restart keeps the kiosk out of service.
        assert MaintenanceSwitch(KioskStateStore(kiosk.db), kiosk.desk._clock).is_on()

        left = queue(central, "leave_maintenance")
        assert not kiosk.heartbeat().maintenance
        assert command_row(central, left)["result"] == "done"
        assert kiosk.heartbeat().commands == ()
        assert last_heartbeat(central)["state"] == "in_service"


def test_upload_logs_sends_recent_lines_without_personal_data(
    central: Central, tmp_path: Path
) -> None:
    logger = logging.getLogger("kiosk.test.careless_driver")
    logger.setLevel(logging.INFO)
    with remote_kiosk(central, tmp_path) as kiosk:
        logger.info("reader said: read card of %s, id %s, mobile %s", NAME, ID_NUMBER, MOBILE)
        logger.warning("printer paper low on tray 2")
        try:
            raise ValueError(f"bad applicant {{'name': '{NAME}', 'id_number': '{ID_NUMBER}'}}")
        except ValueError:
            logger.exception("a driver failed")
        command = queue(central, "upload_logs")

        [report] = kiosk.heartbeat().commands
        assert kiosk.heartbeat().commands == ()

    assert report.outcome.result == "done", report.outcome
    assert command_row(central, command)["result"] == "done"
    with central.database.reading() as connection:
        rows = connection.execute(
            "SELECT command_id, lines_json FROM kiosk_logs WHERE kiosk_id = ?", (KIOSK_ID,)
        ).fetchall()
    [(command_id, uploaded)] = [(row["command_id"], row["lines_json"]) for row in rows]
    assert command_id == command
    assert "printer paper low on tray 2" in uploaded
    assert "a driver failed" in uploaded
    assert "Traceback" in uploaded
    for personal in (ID_NUMBER, MOBILE, NAME, "0824", "8000"):
        assert personal not in uploaded


def test_upload_logs_to_a_central_without_log_upload_fails_with_a_clear_detail(
    http_server: HttpServer, tmp_path: Path
) -> None:
    clock = FakeClock()
    database_url = f"sqlite:///{tmp_path / 'central.db'}"
    http_server.dispatcher.app = create_app(database_url, clock=clock, without=frozenset({"logs"}))
    central = Central(url=http_server.url, database_url=database_url, clock=clock)
    with remote_kiosk(central, tmp_path) as kiosk:
        command = queue(central, "upload_logs")
        refresh = queue(central, "refresh_catalogue")

        reports = kiosk.heartbeat().commands

    assert [r.outcome.result for r in reports] == ["failed", "done"]
    row = command_row(central, command)
    assert row["result"] == "failed"
    assert row["detail"] == "this central has no log upload (POST /v1/logs answered 404)"
    assert command_row(central, refresh)["result"] == "done"


def test_an_unknown_command_is_reported_failed_and_the_next_one_still_runs(
    central: Central, tmp_path: Path
) -> None:
    with remote_kiosk(central, tmp_path) as kiosk:
        # A newer central's command this kiosk does not know.
        with central.database.transaction() as connection:
            connection.execute(
                "INSERT INTO commands (id, kiosk_id, kind, created_at) VALUES (?, ?, ?, ?)",
                ("CMD-reboot", KIOSK_ID, "reboot", rfc3339(central.clock())),
            )
        after = queue(central, "leave_maintenance")

        reports = kiosk.heartbeat().commands

    assert [r.command.id for r in reports] == ["CMD-reboot", after]
    row = command_row(central, "CMD-reboot")
    assert row["result"] == "failed"
    assert row["detail"] == "unknown command: 'reboot'"
    assert command_row(central, after)["result"] == "done"


def test_a_command_whose_work_raises_is_reported_failed_and_the_rest_go_on(
    central: Central, tmp_path: Path
) -> None:
    def broken(command: Command) -> CommandOutcome:
        raise RuntimeError(f"disk gone while working for {NAME} ({MOBILE})")

    with remote_kiosk(central, tmp_path) as kiosk:
        first = queue(central, "refresh_catalogue")
        second = queue(central, "leave_maintenance")
        runner = CommandRunner(
            CommandLog(kiosk.db),
            {
                "refresh_catalogue": broken,
                "leave_maintenance": lambda command: CommandOutcome.done("in service again"),
            },
            kiosk.desk._clock,
        )

        reports = runner.run(
            kiosk.client,
            (Command(first, "refresh_catalogue"), Command(second, "leave_maintenance")),
        )

    assert [r.outcome.result for r in reports] == ["failed", "done"]
    detail = command_row(central, first)["detail"]
    assert detail.startswith("RuntimeError: disk gone while working for")
    assert NAME not in detail
    assert MOBILE not in detail
    assert command_row(central, second)["result"] == "done"


def test_the_heartbeat_interval_is_configured_under_sync(tmp_path: Path) -> None:
    file = tmp_path / "kiosk.toml"
    file.write_text("[sync]\nheartbeat_interval_s = 30\n", encoding="utf-8")
    assert load_config(file).heartbeat_interval_s == 30.0
    assert load_config(None).heartbeat_interval_s == 60.0

    file.write_text("[sync]\nheartbeat_interval_s = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="sync.heartbeat_interval_s must be more than 0"):
        load_config(file)
