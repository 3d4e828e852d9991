"""Proof that the kiosk delivers exactly once: real processes, faults and kills.

The central sandbox runs as its own process (``python -m central serve``, uvicorn
on loopback) on a database given by URL; the kiosk's sync engine runs as another
(``python -m kiosk sync run``) on a data directory whose outbox the test fills
through the submission desk. What the central holds is read back through its
operator command (``applications --json``), whatever the database.

Every run draws its faults and kill moments from one seed, printed at the start
and named in every assertion; ``KIOSK_PROOF_SEED=<seed>`` replays it (the same
draws in the same order; the timing of real processes may still differ).

The database is a parameter of the tests (``DATABASES``): SQLite with one server
process, and PostgreSQL (a throwaway cluster, ``tests/postgresql.py``) with two
worker processes, so that a resent request may meet its first attempt in another
process (``WORKERS``).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.clock import SystemClock
from kiosk.keys import open_data_key
from kiosk.sealed_outbox import sealed_outbox
from kiosk.submissions import OutboxSubmissionDesk
from kiosk.sync.engine import SyncEngine
from kiosk.workflow.ports import Submission
from offline_cache.db import Database
from offline_cache.outbox import Outbox, OutboxItem, OutboxState, body_sha256
from tests.central.support import resident_id
from tests.postgresql import fresh_database_url

KIOSK_ID = "K-330702-0001"
SUBMISSIONS = 300
DATABASES = ["sqlite", "postgresql"]
"""The central's databases the proofs run on (a fixture's params)."""
WORKERS = {"sqlite": 1, "postgresql": 2}
"""The central's server processes on each database."""

_SHOP_WORDS = "丽华明德兴隆顺发祥瑞福康安泰和美佳鑫盛源"


def proof_seed() -> int:
    """``KIOSK_PROOF_SEED`` if set (to replay a failure), else a fresh one; said on stdout."""
    text = os.environ.get("KIOSK_PROOF_SEED", "").strip()
    seed = int(text) if text else secrets.randbelow(2**32)
    sys.stdout.write(f"proof seed {seed} (replay: KIOSK_PROOF_SEED={seed})\n")
    return seed


def database_url(kind: str, folder: Path, request: pytest.FixtureRequest) -> str:
    """A fresh, empty database of ``kind`` for the central."""
    return fresh_database_url(kind, folder, request)


class CentralProcess:
    """``python -m central serve`` on an ephemeral loopback port, on ``database``,
    in ``workers`` server processes."""

    def __init__(self, database: str, folder: Path, workers: int = 1) -> None:
        self.database = database
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        port_file = folder / "port"
        with (folder / "central.log").open("ab") as log:
            self.process = subprocess.Popen(
                [
                    *self._command("serve"),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--port-file",
                    str(port_file),
                    "--log-level",
                    "warning",
                    "--workers",
                    str(workers),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + 30
        while not (port_file.is_file() and port_file.read_text().strip().isdigit()):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the central did not start; see {folder / 'central.log'}")
            time.sleep(0.02)
        self.port = int(port_file.read_text().strip())
        self.url = f"http://127.0.0.1:{self.port}"

    def _command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "central", "--database", self.database, *args]

    def _run(self, *args: str) -> str:
        done = subprocess.run(
            self._command(*args), capture_output=True, text=True, timeout=60, check=False
        )
        assert done.returncode == 0, f"central {args[0]} failed: {done.stderr[-500:]}"
        return done.stdout

    def enrolment_code(self, kiosk_id: str) -> str:
        return self._run("enrolment-code", "--kiosk-id", kiosk_id, "--site", "测试大厅").split()[-1]

    def idempotency_keys(self) -> set[str]:
        """The keys of the applications the central holds now, read straight from its
        database (its command is too slow to run every round)."""
        query = "SELECT idempotency_key FROM applications"
        if self.database.startswith("sqlite:///"):
            path = self.database[len("sqlite:///") :]
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
            try:
                rows = connection.execute(query).fetchall()
            finally:
                connection.close()
        else:
            import psycopg

            with psycopg.connect(self.database) as pg:
                rows = pg.execute(query).fetchall()
        return {str(key) for (key,) in rows}

    def applications(self) -> list[dict[str, Any]]:
        value = json.loads(self._run("applications", "--json"))
        return value if isinstance(value, list) else list(value["applications"])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@dataclass
class KioskDir:
    """A kiosk's data directory and configuration, for ``kiosk`` commands run as processes."""

    folder: Path
    central_url: str
    timeout_s: float
    lease_s: float
    batch_size: int
    enrolment_code: str = ""

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        code = f'enrolment_code = "{self.enrolment_code}"\n' if self.enrolment_code else ""
        self.config.write_text(
            f'[kiosk]\nid = "{KIOSK_ID}"\ndata_dir = "{self.folder}"\n\n'
            f'[central]\nurl = "{self.central_url}"\ntimeout_s = {self.timeout_s}\n{code}\n'
            # Quick rounds: a short back-off and lease, and never stuck for staff.
            f"[sync]\ninterval_s = 1.0\nbatch_size = {self.batch_size}\nlease_s = {self.lease_s}\n"
            "backoff_base_s = 0.05\nstuck_after_failures = 1000000\n",
            encoding="utf-8",
        )
        self.log = self.folder / "sync.log"

    @property
    def config(self) -> Path:
        return self.folder / "kiosk.toml"

    def kiosk(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "kiosk", *args, "--config", str(self.config)]

    def enrol(self, code: str, central_url: str) -> None:
        done = subprocess.run(
            self.kiosk("enrol", "--code", code, "--central", central_url),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-500:]

    def start_sync(self) -> subprocess.Popen[bytes]:
        """``kiosk sync run --until-empty``, its output appended to ``sync.log``."""
        with self.log.open("ab") as log:
            return subprocess.Popen(
                self.kiosk("sync", "run", "--until-empty"),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )

    def log_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]

    def open_outbox(self) -> tuple[Database, Outbox]:
        """The kiosk's outbox as the kiosk opens it: bodies sealed under its data key."""
        db = Database.open(self.folder / "kiosk.sqlite3")
        return db, sealed_outbox(db, open_data_key(self.folder))


def submissions(count: int) -> list[Submission]:
    """``count`` valid GT-SETUP applications, each with its own person, mobile and name."""
    result = []
    for index in range(count):
        id_number = resident_id(date(1960, 1, 1) + timedelta(days=53 * index), f"{index % 997:03d}")
        words = _SHOP_WORDS[index // len(_SHOP_WORDS)] + _SHOP_WORDS[index % len(_SHOP_WORDS)]
        result.append(
            Submission(
                service="GT-SETUP",
                catalogue_version="2026.11.1",
                applicant={
                    "name": "王丽华",
                    "document_type": "cn_resident_id",
                    "id_number": id_number,
                },
                form={
                    "operator_name": "王丽华",
                    "operator_id_number": id_number,
                    "mobile": f"1380013{index:04d}",
                    "trade_name": f"金华市婺城区{words}百货店",
                    "business_address": f"浙江省金华市婺城区八一南街{index + 1}号",
                    "business_scope": "日用百货销售",
                },
            )
        )
    return result


def enqueue(outbox: Outbox, count: int) -> None:
    """Queue ``count`` submissions as the kiosk does when citizens press Submit (sealed)."""
    assert outbox.seals, "the proof runs on bodies sealed at rest, as the kiosk stores them"
    clock = SystemClock()
    desk = OutboxSubmissionDesk(
        outbox, SyncEngine(outbox, lambda: None, clock), clock, kiosk_id=KIOSK_ID
    )
    for submission in submissions(count):
        outcome = desk.store(submission)
        assert outcome.reference is not None, outcome.problem


def assert_exactly_once(
    applications: list[dict[str, Any]],
    items: list[OutboxItem],
    seed: int,
    queued: dict[str, dict[str, Any]],
) -> None:
    """The central holds each queued submission once, as queued; the kiosk knows each number.

    ``queued`` is each body as it was queued, by idempotency key: once delivered, the
    kiosk keeps only its hash (the personal data is purged)."""
    said = f"(seed {seed}; replay with KIOSK_PROOF_SEED={seed})"
    ours = [a for a in applications if a["kiosk_id"] == KIOSK_ID]
    assert len(items) == SUBMISSIONS, said
    assert len(ours) == len(applications) == SUBMISSIONS, (
        f"the central holds {len(ours)} applications of {SUBMISSIONS} submitted {said}"
    )
    by_key = {a["idempotency_key"]: a for a in ours}
    assert len(by_key) == SUBMISSIONS, f"a key made two applications {said}"
    assert len({a["application_no"] for a in ours}) == SUBMISSIONS, said
    assert set(by_key) == {item.idempotency_key for item in items}, said
    for item in items:
        held = by_key[item.idempotency_key]
        assert item.state is OutboxState.DELIVERED, f"{item.reference}: {item.state} {said}"
        assert item.result_ref == held["application_no"], f"{item.reference} {said}"
        body = queued[item.idempotency_key]
        for name in ("service", "catalogue_version", "submitted_at", "applicant", "form"):
            assert held[name] == body[name], f"{item.reference}: {name} differs {said}"
        assert item.purged, f"{item.reference}: its personal data was kept {said}"
        # Sealed at rest, the hash kept is still the clear body's, as queued and sent.
        text = json.dumps(body, ensure_ascii=False, sort_keys=True)
        assert item.body_sha256 == body_sha256(text), f"{item.reference}: hash {said}"
    trade_names = {a["form"]["trade_name"] for a in ours}
    assert len(trade_names) == SUBMISSIONS, f"two applications with one form {said}"


def kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL: no clean-up of any kind."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
