"""Benchmark: a kiosk's outbox of 2,000 submissions drained to the central, against a naive loop.

Run: .venv/bin/python bench/bench_central_drain.py [--submissions 2000]
         [--setups sqlite:1,postgresql:1] [--senders 4] [--before DIR]

For each central set-up (``database:workers``), in one run against the same
central on loopback:

* the kiosk's drain: N submissions queued in a kiosk's outbox as the kiosk
  queues them when citizens press Submit (sealed, numbered), then drained by
  the code of ``kiosk sync run --until-empty`` run in this process: its sync
  engine with ``--senders`` requests in flight, each on a kept-alive
  connection, its outbox records (claims, leases, deliveries, purges);
* the naive loop: N submissions sent one after the other, each signed by the
  kiosk's own signer (RFC 9421, Ed25519) and POSTed on a new connection,
  nothing recorded. Half of it runs before the drain and half after, so that
  a machine whose load drifts during the run weighs on both alike.

Submissions per second, and the drain's against the naive loop's (the target
is 3x). ``--before DIR`` also measures the kiosk of another checkout (``git
archive <commit> kiosk offline_cache | tar -x -C DIR``) on SQLite with one
worker: its drain, in a process of its own, against this tree's central.
Everything runs on this machine: the kiosk, the central and the naive loop
share its cores, so compare the figures of one run with each other.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import requests  # noqa: E402
from central_harness import (  # noqa: E402
    REPO,
    CentralUnderTest,
    add_enrolment_codes,
    planned_runs,
    postgresql_cluster,
    start_central,
    submission,
)
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat  # noqa: E402

from kiosk import sync_cli  # noqa: E402
from kiosk.clock import SystemClock  # noqa: E402
from kiosk.config import load_config  # noqa: E402
from kiosk.keys import open_data_key  # noqa: E402
from kiosk.sealed_outbox import sealed_outbox  # noqa: E402
from kiosk.submissions import OutboxSubmissionDesk  # noqa: E402
from kiosk.sync.client import encode_body  # noqa: E402
from kiosk.sync.engine import SyncEngine  # noqa: E402
from kiosk.sync.signing import RequestSigner  # noqa: E402
from kiosk.workflow.ports import Submission  # noqa: E402
from offline_cache.db import Database  # noqa: E402

KIOSK_ID = "K-330702-0001"


def kiosk_config(folder: Path, central_url: str, senders: int) -> Path:
    """A kiosk's data directory and configuration file, enrolled with nothing yet."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "kiosk.toml"
    config.write_text(
        f'[kiosk]\nid = "{KIOSK_ID}"\ndata_dir = "{folder}"\n\n'
        f'[central]\nurl = "{central_url}"\ntimeout_s = 30\n\n'
        f"[sync]\nsenders = {senders}\nlease_s = 120\n",
        encoding="utf-8",
    )
    return config


def enrol(config: Path, central: CentralUnderTest, kiosk_id: str, source: Path | None) -> None:
    """``kiosk enrol`` with a code written into the central's database."""
    code = add_enrolment_codes(central.database, [kiosk_id])[kiosk_id]
    env = dict(os.environ, PYTHONPATH=str(source)) if source is not None else None
    command = [sys.executable, "-m", "kiosk", "enrol", "--code", code, "--config", str(config)]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=120, check=False, env=env, cwd=source
    )
    if done.returncode != 0:
        raise RuntimeError(f"kiosk enrol failed: {done.stderr[-500:]}")


def queue(folder: Path, count: int, offset: int) -> None:
    """Queue ``count`` submissions as the kiosk does when citizens press Submit."""
    db = Database.open(folder / "kiosk.sqlite3")
    try:
        outbox = sealed_outbox(db, open_data_key(folder))
        clock = SystemClock()
        engine = SyncEngine(outbox, lambda: None, clock)
        desk = OutboxSubmissionDesk(outbox, engine, clock, kiosk_id=KIOSK_ID)
        for n in range(count):
            body, _ = submission(offset + n)
            outcome = desk.store(
                Submission(
                    service=body["service"],
                    catalogue_version=body["catalogue_version"],
                    applicant=body["applicant"],
                    form=body["form"],
                )
            )
            if outcome.reference is None:
                raise RuntimeError(f"could not queue a submission: {outcome.problem}")
    finally:
        db.close()


def drain_here(config: Path, count: int) -> float:
    """Submissions per second through ``kiosk sync run --until-empty``, in this process."""
    arguments = argparse.Namespace(once=False, until_empty=True)
    loaded = load_config(config)
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()) as said:
        status = sync_cli.run(loaded, arguments)
    took = time.perf_counter() - started
    if status != 0 or f"delivered {count}," not in said.getvalue():
        raise RuntimeError(f"the drain did not deliver everything: {said.getvalue()}")
    return count / took


DRAIN_ELSEWHERE = """
import argparse, contextlib, io, sys, time
from pathlib import Path
from kiosk import sync_cli
from kiosk.config import load_config
config = load_config(Path(sys.argv[1]))
started = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()) as said:
    status = sync_cli.run(config, argparse.Namespace(once=False, until_empty=True))
print(time.perf_counter() - started, status, said.getvalue().strip())
"""


def drain_elsewhere(config: Path, count: int, source: Path) -> float:
    """Submissions per second through another checkout's ``kiosk sync run``."""
    done = subprocess.run(
        [sys.executable, "-c", DRAIN_ELSEWHERE, str(config)],
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
        env=dict(os.environ, PYTHONPATH=str(source)),
        cwd=source,
    )
    took, status, said = (done.stdout.split(maxsplit=2) + ["", "", ""])[:3]
    if done.returncode != 0 or status != "0" or f"delivered {count}," not in said:
        raise RuntimeError(f"the drain did not deliver everything: {done.stdout}{done.stderr}")
    return count / float(took)


class NaiveKiosk:
    """A kiosk that sends each submission on a new connection and waits for the answer."""

    def __init__(self, central: CentralUnderTest, kiosk_id: str) -> None:
        self.url = central.url + "/v1/applications"
        key = Ed25519PrivateKey.generate()
        code = add_enrolment_codes(central.database, [kiosk_id])[kiosk_id]
        public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        enrolment = {
            "code": code,
            "kiosk_id": kiosk_id,
            "public_key": __import__("base64").b64encode(public).decode(),
            "app_version": "bench",
        }
        answer = requests.post(central.url + "/v1/enrolments", json=enrolment, timeout=60)
        answer.raise_for_status()
        self.signer = RequestSigner(key, answer.json()["key_id"], SystemClock())

    def send(self, bodies: list[dict[str, Any]]) -> float:
        """Seconds to send ``bodies``, one after the other, each on a new connection."""
        started = time.perf_counter()
        for body in bodies:
            with requests.Session() as once:
                answer = once.post(
                    self.url,
                    data=encode_body("POST", "/v1/applications", body),
                    headers={
                        "Content-Type": "application/json",
                        "Accept": "application/json",
                        "Idempotency-Key": str(uuid.uuid4()),
                    },
                    auth=self.signer,
                    timeout=60,
                )
            if answer.status_code != 201:
                raise RuntimeError(f"the central refused a submission: {answer.text[:300]}")
        return time.perf_counter() - started


def measure(
    central: CentralUnderTest, folder: Path, count: int, senders: int, source: Path | None
) -> tuple[float, float]:
    """(drain, naive loop) in submissions per second."""
    naive = NaiveKiosk(central, "K-330702-9001")
    bodies = [submission(500_000 + n)[0] for n in range(count)]
    config = kiosk_config(folder / "kiosk", central.url, senders)
    enrol(config, central, KIOSK_ID, source)
    queue(folder / "kiosk", count, 0)
    naive_s = naive.send(bodies[: count // 2])
    drain = drain_here(config, count) if source is None else drain_elsewhere(config, count, source)
    naive_s += naive.send(bodies[count // 2 :])
    return drain, count / naive_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=2000)
    parser.add_argument("--setups", default="sqlite:1,postgresql:1")
    parser.add_argument("--senders", type=int, default=4, help="the drain's [sync] senders")
    parser.add_argument("--before", type=Path, help="another checkout's kiosk to measure first")
    args = parser.parse_args()
    runs = planned_runs(args.setups, args.before)
    print(
        f"{args.submissions} queued submissions, sealed; the drain with {args.senders} sender(s);"
        f" the central on loopback (this tree: {REPO.name})"
    )
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        cluster = None
        if any(kind == "postgresql" for _, kind, _, _ in runs):
            cluster = stack.enter_context(postgresql_cluster())
        for n, (label, kind, workers, source) in enumerate(runs):
            here = Path(folder) / f"run{n}"
            if cluster is not None and kind == "postgresql":
                database = cluster.new_database()
            else:
                database = f"sqlite:///{here / 'central.db'}"
            central = start_central(database, here / "central", workers=workers)
            try:
                drain, naive = measure(central, here, args.submissions, args.senders, source)
            finally:
                central.stop()
            print(
                f"{label:<24} drain {drain:6.1f} submissions/s, naive loop {naive:6.1f}/s"
                f"  drain/naive x{drain / naive:4.2f}"
            )
            sys.stdout.flush()


if __name__ == "__main__":
    main()
