"""The operators' command line, run the way the kiosk runs it: as ``python -m central``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central.cli import main
from central.identifiers import uscc_problem
from tests.central.support import (
    VALID_ID,
    Central,
    HttpServer,
    Kiosk,
    enrolment_body,
    gt_setup_body,
)

pytestmark = pytest.mark.both_databases

REPO = Path(__file__).resolve().parents[2]


def _run(
    *args: str, env: dict[str, str] | None = None, cwd: Path = REPO
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "central", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_serve_writes_the_port_file_once_it_accepts_connections_and_stops_cleanly_on_sigterm(
    tmp_path: Path,
) -> None:
    port_file = tmp_path / "run" / "port"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "central",
            "serve",
            "--port",
            "0",
            "--port-file",
            str(port_file),
            "--database",
            f"sqlite:///{tmp_path / 'central.db'}",
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not port_file.exists():
            assert process.poll() is None, process.communicate()[0]
            assert time.monotonic() < deadline, "no port file"
            time.sleep(0.02)
        port = int(port_file.read_text())
        # The file appears only once the server accepts connections: no retry needed.
        keys = requests.get(f"http://127.0.0.1:{port}/v1/keys", timeout=5)
        assert keys.status_code == 200
        assert keys.json()["keys"][0]["public_key"]
    finally:
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=20)[0]
    assert process.returncode == 0, output
    assert not port_file.exists()


def test_operator_enrols_a_kiosk_and_sees_exactly_the_application_that_arrived(
    central: Central,
) -> None:
    database = ["--database", central.database_url]
    made = _run(
        *database, "enrolment-code", "--kiosk-id", "K-330701-0001", "--site", "婺城区行政服务中心"
    )
    assert made.returncode == 0, made.stderr
    code = made.stdout.strip().splitlines()[-1]

    key = Ed25519PrivateKey.generate()
    enrolled = requests.post(
        central.url + "/v1/enrolments", json=enrolment_body(code, "K-330701-0001", key), timeout=10
    )
    assert enrolled.status_code == 201
    assert enrolled.json()["site"]["name"] == "婺城区行政服务中心"
    kiosk = Kiosk(central, "K-330701-0001", key, enrolled.json()["key_id"])
    idempotency_key = str(uuid.uuid4())
    receipt = kiosk.submit(gt_setup_body(), idempotency_key).json()
    kiosk.submit(gt_setup_body(), idempotency_key)  # a retry adds nothing
    kiosk.session.close()

    listed = _run("applications", "--json", env={"KIOSK_CENTRAL_DATABASE": central.database_url})
    assert listed.returncode == 0, listed.stderr
    [application] = json.loads(listed.stdout)
    assert application["application_no"] == receipt["application_no"]
    assert application["kiosk_id"] == "K-330701-0001"
    assert application["idempotency_key"] == idempotency_key
    assert application["service"] == "GT-SETUP"
    assert application["applicant"]["id_number"] == VALID_ID
    assert application["form"] == gt_setup_body()["form"]


def test_approve_prints_the_new_credit_code_on_its_last_line(
    central: Central, kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    number = kiosk.submit(gt_setup_body()).json()["application_no"]

    assert main(["approve", number, "--database", central.database_url]) == 0

    uscc = capsys.readouterr().out.strip().splitlines()[-1]
    assert uscc_problem(uscc) is None
    status = kiosk.post(f"/v1/applications/{number}/lookups", {"id_number": VALID_ID}).json()
    assert status["licence"]["uscc"] == uscc


def test_operator_decisions_show_in_the_history(central: Central, kiosk: Kiosk) -> None:
    number = kiosk.submit(gt_setup_body()).json()["application_no"]
    database = ["--database", central.database_url]

    assert main([*database, "needs-correction", number, "--note", "请补充门牌号"]) == 0
    assert main([*database, "reject", number, "--reason", "经营场所不符合规定"]) == 0

    history = kiosk.post(f"/v1/applications/{number}/lookups", {"id_number": VALID_ID}).json()[
        "history"
    ]
    assert [(entry["status"], entry["note"]) for entry in history] == [
        ("received", None),
        ("needs_correction", "请补充门牌号"),
        ("rejected", "经营场所不符合规定"),
    ]


def test_operator_mistakes_exit_with_status_one_and_say_why(
    central: Central, kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    number = kiosk.submit(gt_setup_body()).json()["application_no"]
    database = ["--database", central.database_url]
    main([*database, "reject", number, "--reason", "test"])
    capsys.readouterr()

    assert main([*database, "approve", "KA20990101-000001"]) == 1
    assert "no application KA20990101-000001" in capsys.readouterr().err
    assert main([*database, "approve", number]) == 1
    assert "rejected; it cannot become approved" in capsys.readouterr().err
    assert main([*database, "revoke-kiosk", "K-NOBODY"]) == 1
    assert main([*database, "enrolment-code", "--kiosk-id", "bad id!", "--site", "x"]) == 1


def test_queued_command_and_revocation_reach_the_kiosk(
    central: Central, kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    database = ["--database", central.database_url]
    assert main([*database, "command", kiosk.kiosk_id, "enter_maintenance"]) == 0
    command_id = capsys.readouterr().out.strip().splitlines()[-1]
    heartbeat = {
        "at": "2026-11-22T10:15:00+08:00",
        "app_version": "0.1.0",
        "state": "in_service",
        "devices": [],
        "outbox_depth": 0,
        "oldest_unsent_at": None,
    }
    assert kiosk.post("/v1/heartbeats", heartbeat).json()["commands"] == [
        {"id": command_id, "kind": "enter_maintenance"}
    ]

    assert main([*database, "revoke-kiosk", kiosk.kiosk_id]) == 0
    assert kiosk.post("/v1/heartbeats", heartbeat).status_code == 401


def _kiosk_user(home: Path) -> dict[str, str]:
    """The environment of a user whose data directory is under ``home``, with no
    database named: what an operator types on the kiosk's machine."""
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share")}
    env.pop("KIOSK_CENTRAL_DATABASE", None)
    return env


def _run_as(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "central", *args],
        cwd=home,
        env=_kiosk_user(home),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_kiosk_central_reads_the_embedded_sandbox_database_by_default(
    http_server: HttpServer, tmp_path: Path
) -> None:
    # The kiosk's embedded sandbox keeps its database in the kiosk user's data directory.
    sandbox_db = tmp_path / ".local" / "share" / "business-kiosk" / "central-sandbox" / "central.db"
    central = http_server.install(sandbox_db)
    kiosk = central.enrol("K-330702-0001")
    number = kiosk.submit(gt_setup_body()).json()["application_no"]
    kiosk.session.close()

    listed = _run_as(tmp_path, "applications")

    assert listed.returncode == 0, listed.stderr
    assert number in listed.stdout
    assert listed.stderr.splitlines()[0] == (
        f"kiosk-central: database sqlite:///{sandbox_db} (the kiosk's embedded sandbox)"
    )
    assert not (tmp_path / "central.db").exists()  # nothing made in the working directory


def test_read_only_commands_refuse_a_missing_database_instead_of_making_one(
    tmp_path: Path,
) -> None:
    listed = _run_as(tmp_path, "applications")
    kiosks = _run_as(tmp_path, "kiosks", "--database", f"sqlite:///{tmp_path / 'typo.db'}")

    assert listed.returncode == 1
    assert "No applications received" not in listed.stdout
    default = tmp_path / ".local" / "share" / "kiosk-central" / "central.db"
    assert f"there is no database at sqlite:///{default}" in listed.stderr
    assert kiosks.returncode == 1
    assert "there is no database at" in kiosks.stderr
    assert not default.exists()
    assert not (tmp_path / "typo.db").exists()
    assert not (tmp_path / "central.db").exists()


def test_a_sandbox_of_its_own_is_set_up_in_a_clearly_named_default(tmp_path: Path) -> None:
    made = _run_as(tmp_path, "enrolment-code", "--kiosk-id", "K-330702-0001", "--site", "x")
    kiosks = _run_as(tmp_path, "kiosks")

    default = tmp_path / ".local" / "share" / "kiosk-central" / "central.db"
    assert made.returncode == 0, made.stderr
    assert f"kiosk-central: database sqlite:///{default} (the default)" in made.stderr
    assert default.is_file()
    assert kiosks.returncode == 0, kiosks.stderr
    assert "No kiosks enrolled." in kiosks.stdout


def test_database_is_accepted_before_or_after_the_sub_command_and_said_on_stderr(
    central: Central, kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    number = kiosk.submit(gt_setup_body()).json()["application_no"]

    for argv in (
        ["--database", central.database_url, "applications"],
        ["applications", "--database", central.database_url],
    ):
        assert main(argv) == 0
        captured = capsys.readouterr()
        assert number in captured.out
        assert captured.err == f"kiosk-central: database {central.database_url} (--database)\n"
