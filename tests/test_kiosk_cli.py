"""`kiosk` as a technician types it: options anywhere, the outbox, one kiosk per data dir."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import control
from kiosk.cli import _parser, main
from kiosk.clock import ManualClock
from kiosk.config import KioskConfig
from kiosk.control import ControlServer
from kiosk.instance import PID_FILE, KioskAlreadyRunning, KioskInstance, running_kiosk
from kiosk.runtime import KioskServices
from kiosk.submissions import OutboxSubmissionDesk
from kiosk.sync.engine import SyncEngine
from kiosk.sync.identity import IdentityStore
from kiosk.workflow.ports import Submission
from offline_cache.db import Database
from offline_cache.outbox import Outbox
from tests.central.support import running_server

REPO = Path(__file__).resolve().parents[1]


def test_technician_enrols_with_options_after_the_sub_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with running_server() as server:
        central = server.install(tmp_path / "central.db")
        code = central.enrolment_code("K-330702-0001")
        data = tmp_path / "data"

        # As the README writes it: the options after the sub-command.
        done = main(["enrol", "--code", code, "--central", central.url, "--data-dir", str(data)])

    assert done == 0, capsys.readouterr().err
    identity = IdentityStore(data / "identity").load()
    assert identity is not None
    assert identity.kiosk_id == "K-330702-0001"
    assert capsys.readouterr().out == f"enrolled K-330702-0001 with key {identity.key_id}\n"


def test_options_before_and_after_the_sub_command_both_count_and_neither_clobbers() -> None:
    def parse(argv: list[str]) -> argparse.Namespace:
        return _parser(argv).parse_args(argv)

    before = parse(["--data-dir", "/d", "--lang", "en", "prints", "list", "--central", "http://c"])
    after = parse(["devices", "test", "printer", "--config", "k.toml", "-v", "--demo"])
    bare = parse(["outbox"])

    assert (before.data_dir, before.lang, before.central) == (Path("/d"), "en", "http://c")
    assert (after.config, after.verbose, after.demo, after.name) == (
        Path("k.toml"),
        True,
        True,
        "printer",
    )
    assert (bare.data_dir, bare.central, bare.windowed, bare.verbose) == (None, None, False, False)
    assert parse(["--smoke", "--windowed"]).smoke is True
    assert parse([]).smoke is False


def test_the_kiosk_itself_imports_no_technician_command() -> None:
    """Starting the kiosk parses its options only: no sub-command's module (nor the
    receipts, the requests library and the rest they pull in) is imported for it."""
    code = (
        "import sys; from kiosk.cli import _parser; _parser(['--windowed']).parse_args(['--windowed']);"
        "print(sorted(m for m in sys.modules if m.endswith('_cli') or m in ('requests', 'reportlab')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _outbox_with_every_state(data: Path) -> list[str]:
    db = Database.open(data / "kiosk.sqlite3")
    outbox = Outbox(db)
    desk = OutboxSubmissionDesk(
        outbox, SyncEngine(outbox, lambda: None, ManualClock()), ManualClock(), kiosk_id="K-1-0002"
    )
    refs = []
    for _ in range(3):
        stored = desk.store(Submission("GT-SETUP", "2026.11.1", {"name": "王丽华"}, {}))
        assert stored.reference is not None
        refs.append(stored.reference)
    delivered, rejected = (outbox.find(ref) for ref in refs[:2])
    assert delivered is not None
    assert rejected is not None
    outbox.mark_delivered(
        delivered.idempotency_key, {}, "KA20261122-000001", "2026-11-22T10:15:00+08:00"
    )
    outbox.mark_rejected(rejected.idempotency_key, "422 form invalid", None)
    db.close()
    return refs


def test_outbox_shows_what_waits_and_all_shows_delivered_ones_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    delivered, rejected, pending = _outbox_with_every_state(data)

    waiting = main(["outbox", "--json", "--data-dir", str(data)])
    waiting_rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    everything = main(["outbox", "--all", "--data-dir", str(data)])
    lines = capsys.readouterr().out.splitlines()

    assert waiting == everything == 0
    assert [(row["reference"], row["state"]) for row in waiting_rows] == [
        (rejected, "rejected"),
        (pending, "pending"),
    ]
    assert waiting_rows[0]["last_error"] == "422 form invalid"
    assert [line.split()[:3] for line in lines] == [
        [delivered, "KA20261122-000001", "delivered"],
        [rejected, "-", "rejected"],
        [pending, "-", "pending"],
    ]


def test_outbox_help_says_what_it_lists(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["outbox", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
    said = " ".join(capsys.readouterr().out.split())

    assert (
        "outbox what waits to be sent (pending, sending, stuck, rejected); --all: everything;"
        " release NAME: send a stuck one again" in said
    )
    assert (
        "wait to be sent: pending, sending, stuck (the central kept failing: staff release"
        " them) or rejected by the central" in said
    )
    assert "--all every submission, delivered ones too" in said


def test_empty_outbox_says_nothing_waits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["outbox", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "nothing waits to be sent\n"


def test_a_second_kiosk_on_the_same_data_dir_refuses_to_start(tmp_path: Path) -> None:
    config = KioskConfig(data_dir=tmp_path / "data", fullscreen=False)
    first = KioskServices(config)
    try:
        assert running_kiosk(config.data_dir) is not None
        with pytest.raises(KioskAlreadyRunning, match="already running on"):
            KioskServices(config)
    finally:
        first.close()

    assert running_kiosk(config.data_dir) is None
    assert not (config.data_dir / PID_FILE).exists()
    KioskServices(config).close()  # the data dir is free again


def test_a_crashed_kiosks_pid_file_does_not_block_the_next_start(tmp_path: Path) -> None:
    (tmp_path / PID_FILE).write_text("999999\n", encoding="ascii")  # no process holds it

    assert running_kiosk(tmp_path) is None
    instance = KioskInstance.acquire(tmp_path)
    try:
        assert running_kiosk(tmp_path) is not None
    finally:
        instance.release()


def test_a_second_kiosk_started_from_the_command_line_says_why_it_cannot_start(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    running = KioskInstance.acquire(data)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kiosk", "--smoke", "--data-dir", str(data)],
            cwd=REPO,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        running.release()

    assert done.returncode == 2, done.stderr
    assert (
        f"kiosk: another kiosk (pid {os.getpid()}) is already running on {data};"
        " stop it first, or give this one another --data-dir"
    ) in done.stderr


def test_the_control_socket_answers_its_commands_and_nothing_else(tmp_path: Path) -> None:
    server = ControlServer(tmp_path, {"echo": lambda request: {"got": request["x"]}})
    assert server.start()
    try:
        assert (tmp_path / "control.sock").stat().st_mode & 0o077 == 0  # the kiosk's user only
        assert control.call(tmp_path, {"command": "echo", "x": "纸"}) == {"got": "纸"}
        with pytest.raises(control.ControlUnavailable, match="bad request"):
            control.call(tmp_path, {"command": "format-disk"})
    finally:
        server.close()

    assert not (tmp_path / "control.sock").exists()
    with pytest.raises(control.ControlUnavailable, match="does not answer"):
        control.call(tmp_path, {"command": "echo", "x": 1})


def test_kiosk_refuses_to_start_with_a_data_key_others_can_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "kiosk-data"
    (data / "keys").mkdir(parents=True, mode=0o700)
    key = data / "keys" / "data.key"
    key.write_bytes(os.urandom(32))
    key.chmod(0o644)  # a careless copy: every local user could read the citizens' drafts
    status = main(["--data-dir", str(data), "--windowed", "--smoke"])
    assert status == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "data.key" in err[0]
    assert "chmod" in err[0]


def test_kiosk_screen_prints_what_the_running_kiosk_shows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = ControlServer(tmp_path, {})
    assert server.start()
    try:
        # The window's command is added once the window exists (kiosk.shell.screen_dump).
        server.add(
            "screen",
            lambda request: {
                "state": "Attract",
                "in_session": False,
                "texts": ["点击这里开始", *(["（隐藏）"] if request["all"] else [])],
            },
        )
        assert main(["screen", "--data-dir", str(tmp_path)]) == 0
        assert capsys.readouterr().out == "state: Attract (nobody in a session)\n点击这里开始\n"
        assert main(["screen", "--all", "--json", "--data-dir", str(tmp_path)]) == 0
        assert json.loads(capsys.readouterr().out)["texts"] == ["点击这里开始", "（隐藏）"]
    finally:
        server.close()

    assert main(["screen", "--data-dir", str(tmp_path)]) == 2
    assert "kiosk screen: the kiosk does not answer" in capsys.readouterr().err
