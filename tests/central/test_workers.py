"""The central in several server processes (``serve --workers 3``), on SQLite and on
PostgreSQL: one port, one stop, and exactly once and print once still hold when the
same request reaches the workers at the same moment.

Each race starts its requests together (a barrier), each on a connection of its own,
so the workers accept them side by side.
"""

from __future__ import annotations

import dataclasses
import functools
import signal
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
import requests

from central.catalogue import load_catalogue
from central.licences import approve
from central.registry import load_registry
from tests.central.support import VALID_ID, Central, FakeClock, Kiosk, gt_setup_body
from tests.postgresql import DATABASES, fresh_database_url
from tests.proof import CentralProcess

WORKERS = 3
RACERS = 12


@pytest.fixture(scope="module", params=DATABASES)
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Central]:
    folder = tmp_path_factory.mktemp("central")
    process = CentralProcess(fresh_database_url(request.param, folder, request), folder, WORKERS)
    central = Central(url=process.url, database_url=process.database, clock=FakeClock())
    try:
        yield central
    finally:
        central.close()
        process.stop()


def _race(count: int, send: Callable[[int], requests.Response]) -> list[requests.Response]:
    """``send(0)`` … ``send(count - 1)`` at the same moment, each on its own thread."""
    start = threading.Barrier(count)
    answers: list[requests.Response | BaseException] = [RuntimeError("no answer")] * count

    def run(index: int) -> None:
        try:
            start.wait(timeout=30)
            answers[index] = send(index)
        except BaseException as exc:  # reported below
            answers[index] = exc

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    failed = [answer for answer in answers if isinstance(answer, BaseException)]
    assert not failed, failed
    return [answer for answer in answers if isinstance(answer, requests.Response)]


def _own_connection(kiosk: Kiosk) -> Kiosk:
    return dataclasses.replace(kiosk, session=requests.Session())


def _submit(kiosk: Kiosk, body: dict[str, Any], key: str, _: int) -> requests.Response:
    return _own_connection(kiosk).submit(body, key)


def test_several_workers_share_one_port_and_all_stop_on_sigterm(tmp_path: Path) -> None:
    process = CentralProcess(f"sqlite:///{tmp_path / 'central.db'}", tmp_path, workers=WORKERS)
    try:
        supervisor = psutil.Process(process.process.pid)
        # Not counting multiprocessing's resource tracker, also a child.
        workers = [c for c in supervisor.children() if "spawn_main" in " ".join(c.cmdline())]
        assert len(workers) == WORKERS
        assert requests.get(process.url + "/v1/keys", timeout=10).status_code == 200
        process.process.send_signal(signal.SIGTERM)
        assert process.process.wait(timeout=30) == 0
        _, alive = psutil.wait_procs(workers, timeout=10)
        assert alive == []
        assert not (tmp_path / "port").exists()
    finally:
        process.stop()


def test_one_submission_sent_to_every_worker_at_once_makes_one_application(
    served: Central,
) -> None:
    kiosk = served.enrol()
    for _ in range(5):
        key, body = str(uuid.uuid4()), gt_setup_body()
        answers = _race(RACERS, functools.partial(_submit, kiosk, body, key))
        assert {answer.status_code for answer in answers} <= {201, 409}, [
            answer.text for answer in answers
        ]
        made = {answer.json()["application_no"] for answer in answers if answer.status_code == 201}
        # The first is still at work when the others come: they are told to retry,
        # and the retry gets the same application.
        made.add(kiosk.submit(body, key).json()["application_no"])
        assert len(made) == 1
        with served.database.reading() as connection:
            rows = connection.execute(
                "SELECT COUNT(*) FROM applications WHERE idempotency_key = ?", (key,)
            ).fetchone()
        assert rows[0] == 1


def test_a_licence_asked_for_by_two_kiosks_at_once_gets_one_print_job(served: Central) -> None:
    first, second = served.enrol(), served.enrol()
    application_no = first.submit(gt_setup_body()).json()["application_no"]
    with served.database.transaction() as connection:
        uscc = approve(
            connection,
            application_no,
            catalogue=load_catalogue(),
            registry=load_registry(),
            now=served.clock(),
        )
    body = {"application_no": application_no, "id_number": VALID_ID}
    path = f"/v1/licences/{uscc}/print-jobs"

    answers = _race(
        RACERS, lambda index: _own_connection((first, second)[index % 2]).post(path, body)
    )

    opened = [answer for answer in answers if answer.status_code in (200, 201)]
    assert sum(answer.status_code == 201 for answer in answers) == 1
    assert len({answer.json()["print_job"] for answer in opened}) == 1
    refused = [answer for answer in answers if answer.status_code == 409]
    assert len(opened) + len(refused) == RACERS
    assert {answer.json()["type"].rsplit("/", 1)[1] for answer in refused} == {"print-job-open"}
    with served.database.reading() as connection:
        jobs = connection.execute("SELECT COUNT(*) FROM print_jobs WHERE uscc = ?", (uscc,))
        assert jobs.fetchone()[0] == 1
