"""`kiosk prints ...` for licences: staff see an open licence job, say whether it came out, and
the kiosk tells the central at its next sync; a licence is never resumed nor copied.

The kiosk's side is a real licence desk over the database in ``--data-dir``, printing for
the real central sandbox over HTTP."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from central.catalogue import load_catalogue
from central.licences import approve
from central.registry import load_registry
from devices.simulated import SimulatedPrinter
from kiosk.cli import main
from kiosk.clock import SystemClock
from kiosk.licences import LicenceDesk, LicenceRequest, OpenedLicence
from kiosk.sync.client import CentralClient
from offline_cache.db import Database
from tests.central.support import VALID_ID, Central, HttpServer, gt_setup_body, running_server
from tests.conftest import DriverBugAfterThePage
from tests.sync.enrolled import enrolled_client


@pytest.fixture(scope="module")
def http_server() -> Iterator[HttpServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def central(http_server: HttpServer, tmp_path: Path) -> Central:
    return http_server.install(tmp_path / "central.db")


@pytest.fixture
def client(central: Central, tmp_path: Path) -> CentralClient:
    return enrolled_client(central, tmp_path)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def db(data: Path) -> Iterator[Database]:
    database = Database.open(data / "kiosk.sqlite3")
    yield database
    database.close()


def licence_job(
    central: Central, client: CentralClient, db: Database, data: Path, printer: SimulatedPrinter
) -> tuple[LicenceDesk, OpenedLicence, str]:
    """An approved licence printed at the kiosk on ``printer``: the desk, job and outcome."""
    number = client.post_idempotent("/v1/applications", str(uuid.uuid4()), gt_setup_body())[
        "application_no"
    ]
    with central.database.transaction() as connection:
        uscc = approve(
            connection,
            number,
            catalogue=load_catalogue(),
            registry=load_registry(),
            now=central.clock(),
        )
    assert uscc is not None
    desk = LicenceDesk(lambda: client, printer, data / "licences", db, SystemClock())
    job = desk.open_job(LicenceRequest(uscc, number, VALID_ID))
    assert isinstance(job, OpenedLicence)
    return desk, job, desk.print_licence(job).outcome


def central_state(central: Central, print_job: str) -> str:
    with central.database.transaction() as connection:
        row = connection.execute(
            "SELECT state FROM print_jobs WHERE print_job = ?", (print_job,)
        ).fetchone()
    return str(row["state"])


def prints(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), "prints", *args])


def test_staff_see_an_unconfirmed_licence_and_confirm_it_came_out(
    central: Central,
    client: CentralClient,
    db: Database,
    data: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    desk, job, outcome = licence_job(
        central, client, db, data, DriverBugAfterThePage(data / "kiosk-printed")
    )
    assert outcome == "unconfirmed"

    assert prints(data, "list", "--json") == 0
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["kind"], row["reference"], row["state"]) == (
        "licence",
        job.print_job,
        "unconfirmed",
    )
    assert row["application_no"] == job.application_no

    assert prints(data, "confirm", job.print_job) == 0
    assert "reports it printed at its next sync" in capsys.readouterr().out
    assert central_state(central, job.print_job) == "open"
    assert desk.report_pending() == 1  # the kiosk's next sync
    assert central_state(central, job.print_job) == "printed"

    # One original: staff cannot copy it from the kiosk.
    assert prints(data, "reprint", job.print_job) == 1
    assert "another original needs the registration office's approval" in capsys.readouterr().err


def test_staff_find_nothing_came_out_and_the_central_hears_it_failed(
    central: Central,
    client: CentralClient,
    db: Database,
    data: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    desk, job, _ = licence_job(
        central, client, db, data, DriverBugAfterThePage(data / "kiosk-printed")
    )

    assert prints(data, "not-printed", job.print_job) == 0
    assert "reports it failed at its next sync" in capsys.readouterr().out
    assert desk.report_pending() == 1
    assert central_state(central, job.print_job) == "failed"
    assert prints(data, "not-printed", job.print_job) == 1  # failed now: not unconfirmed


def test_a_failed_licence_is_never_resumed_by_staff(
    central: Central,
    client: CentralClient,
    db: Database,
    data: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    printer = SimulatedPrinter(data / "kiosk-printed")
    printer.set_paper("out")
    _, job, outcome = licence_job(central, client, db, data, printer)
    assert outcome == "failed"

    assert prints(data, "resume", job.print_job) == 1

    assert "never printed again under a job that failed" in capsys.readouterr().err
    assert list((data / "printed").glob("*.pdf")) == []
    assert central_state(central, job.print_job) == "failed"
