"""Bench support: a central sandbox process, on SQLite or PostgreSQL, from this tree or another.

``start_central`` runs ``python -m central serve`` on an ephemeral loopback port
with a database of the chosen kind and a number of worker processes. With
``source`` it runs the central of another checkout instead (its ``central``
package comes first on the path), so a benchmark can measure the central
before a change: ``git archive HEAD central | tar -x -C /tmp/before``.
PostgreSQL is a throwaway cluster with the server's default durability
(fsync, synchronous commit), as a deployment would have it.

Kiosks are enrolled by writing enrolment codes straight into the database
(the ``enrolment_codes`` table has not changed since the first schema, so this
works for an older central too), then enrolling each over HTTP as a kiosk does.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.central.support import resident_id, sign  # noqa: E402
from tests.postgresql import PostgresCluster, server_binaries  # noqa: E402

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

Run = tuple[str, str, int, Path | None]
"""(what the figures are called, "sqlite" or "postgresql", workers, another checkout or None)."""


def planned_runs(setups: str, before: Path | None) -> list[Run]:
    """The runs ``--setups kind:workers,…`` asks for, after another checkout's (``--before``)."""
    runs: list[Run] = []
    if before is not None:
        runs.append(("before (sqlite, 1)", "sqlite", 1, before.resolve()))
    for setup in setups.split(","):
        kind, workers = setup.split(":")
        runs.append((f"{kind}, {workers} worker(s)", kind, int(workers), None))
    return runs


SHOP_WORDS = "丽华明德兴隆顺发祥瑞福康安泰和美佳鑫盛源"


@contextmanager
def postgresql_cluster(synchronous_commit: str = "on") -> Iterator[PostgresCluster]:
    """A throwaway cluster without the tests' shortcuts: fsync on; ``synchronous_commit``
    as given (``on``, the default, waits for the disk at every commit; ``off`` answers
    before, losing the last moment's commits if the server dies, as SQLite's
    ``synchronous = NORMAL`` may lose them if the machine does)."""
    binaries = server_binaries()
    if binaries is None:
        raise SystemExit("PostgreSQL is not installed here (apt-get install postgresql)")
    settings = {"synchronous_commit": synchronous_commit}
    with PostgresCluster(binaries, durable=True, settings=settings) as cluster:
        yield cluster


@dataclass
class CentralUnderTest:
    """A central process: its URL, database URL and server processes."""

    url: str
    database: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_central(
    database: str, folder: Path, *, workers: int = 1, source: Path | None = None
) -> CentralUnderTest:
    """``python -m central serve`` on ``database`` (from ``source`` if given)."""
    folder.mkdir(parents=True, exist_ok=True)
    port_file = folder / "port"
    log = folder / "central.log"
    command = [sys.executable, "-m", "central", "--database", database, "serve"]
    command += ["--host", "127.0.0.1", "--port", "0", "--port-file", str(port_file)]
    command += ["--log-level", "warning"]
    if workers != 1:
        command += ["--workers", str(workers)]
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(source)
    with log.open("ab") as out:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=source or REPO,
            env=env,
        )
    deadline = time.monotonic() + 60
    while not (port_file.is_file() and port_file.read_text().strip().isdigit()):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"the central did not start; see {log}")
        time.sleep(0.02)
    port = int(port_file.read_text().strip())
    return CentralUnderTest(f"http://127.0.0.1:{port}", database, process, log)


def add_enrolment_codes(database: str, kiosk_ids: list[str]) -> dict[str, str]:
    """One enrolment code per kiosk id, written into the central's database."""
    now = datetime.now(UTC)
    rows = []
    codes = {}
    for kiosk_id in kiosk_ids:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
        codes[kiosk_id] = code
        rows.append(
            (
                code,
                kiosk_id,
                json.dumps({"name": "压测大厅", "region": "330702"}, ensure_ascii=False),
                now.isoformat(timespec="microseconds"),
                (now + timedelta(hours=1)).isoformat(timespec="microseconds"),
            )
        )
    insert = (
        "INSERT INTO enrolment_codes (code, kiosk_id, site_json, created_at, expires_at)"
        " VALUES ({0}, {0}, {0}, {0}, {0})"
    )
    if database.startswith("sqlite:///"):
        connection = sqlite3.connect(database[len("sqlite:///") :], timeout=30)
        with connection:
            connection.executemany(insert.format("?"), rows)
        connection.close()
    else:
        import psycopg

        with psycopg.connect(database) as pg, pg.cursor() as cursor:
            cursor.executemany(insert.format("%s"), rows)
    return codes


@dataclass
class BenchKiosk:
    """An enrolled kiosk sending signed requests as the kiosk does."""

    central_url: str
    kiosk_id: str
    key: Ed25519PrivateKey
    key_id: str = ""
    session: requests.Session = field(default_factory=requests.Session)

    def enrol(self, code: str) -> None:
        public = self.key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        body = {
            "code": code,
            "kiosk_id": self.kiosk_id,
            "public_key": base64.b64encode(public).decode(),
            "app_version": "bench",
        }
        response = self.session.post(self.central_url + "/v1/enrolments", json=body, timeout=60)
        response.raise_for_status()
        self.key_id = response.json()["key_id"]

    def signed(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> requests.PreparedRequest:
        """A request signed as the kiosk signs it (RFC 9421, Ed25519)."""
        prepared = requests.Request(
            method, self.central_url + path, json=body, headers=headers or {}
        ).prepare()
        sign(
            prepared,
            self.key,
            self.key_id,
            created=datetime.now(UTC),
            nonce=secrets.token_urlsafe(16),
        )
        return prepared

    def send(
        self, prepared: requests.PreparedRequest, *, fresh_connection: bool = False
    ) -> requests.Response:
        """Send on the kiosk's kept-alive connection, or on a new one of its own."""
        if fresh_connection:
            with requests.Session() as once:
                return once.send(prepared, timeout=60)
        return self.session.send(prepared, timeout=60)

    def submission(self, body: dict[str, Any]) -> requests.PreparedRequest:
        return self.signed("POST", "/v1/applications", body, {"Idempotency-Key": str(uuid.uuid4())})


def enrolled_kiosks(central: CentralUnderTest, count: int, prefix: str) -> list[BenchKiosk]:
    """``count`` kiosks enrolled with the central, ids ``K-330702-<prefix><n>``."""
    ids = [f"K-330702-{prefix}{n:04d}" for n in range(count)]
    codes = add_enrolment_codes(central.database, ids)
    kiosks = []
    for kiosk_id in ids:
        kiosk = BenchKiosk(central.url, kiosk_id, Ed25519PrivateKey.generate())
        kiosk.enrol(codes[kiosk_id])
        kiosks.append(kiosk)
    return kiosks


def submission(index: int) -> tuple[dict[str, Any], str]:
    """A valid GT-SETUP application of its own person and name; with the id number."""
    id_number = resident_id(date(1960, 1, 1) + timedelta(days=index % 15000), f"{index % 997:03d}")
    # Three words of twenty: 8,000 names, each its own.
    words = (
        SHOP_WORDS[(index // 400) % 20] + SHOP_WORDS[(index // 20) % 20] + SHOP_WORDS[index % 20]
    )
    body = {
        "service": "GT-SETUP",
        "catalogue_version": "2026.11.1",
        "submitted_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "applicant": {"name": "王丽华", "document_type": "cn_resident_id", "id_number": id_number},
        "form": {
            "operator_name": "王丽华",
            "operator_id_number": id_number,
            "mobile": f"1380013{index % 10000:04d}",
            "trade_name": f"金华市婺城区{words}百货店",
            "business_address": f"浙江省金华市婺城区八一南街{index % 999 + 1}号",
            "business_scope": "日用百货销售",
        },
        "attachments": [],
    }
    return body, id_number
