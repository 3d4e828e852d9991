"""Benchmark: the central serving 500 kiosks at their own pace (an open loop).

Run: .venv/bin/python bench/bench_central_kiosks.py [--kiosks 500] [--seconds 90]
         [--setups sqlite:1,sqlite:2,postgresql:1,postgresql:2] [--before DIR]

Each simulated kiosk does what a kiosk in service does, through the kiosk's own
client (`kiosk.sync.client.CentralClient`, every request signed with its own
enrolment key, RFC 9421): a heartbeat every ``--heartbeat-s`` (30 s) and a
submission (a new GT-SETUP application, with its own idempotency key) every
``--submission-s`` (60 s). Each kiosk starts at a random moment within its
first period and each interval is jittered by up to ±10%, so the load is
spread as a hall's kiosks spread it; the run lasts ``--seconds`` (bounded).
The kiosks are enrolled first (codes written into the central's database,
then ``POST /v1/enrolments`` as a technician's kiosk does).

An open loop: requests are sent when they are due, whether or not the central
has answered the earlier ones, so a slow central makes a queue and its latency
shows. Latency is from the moment a request was due to its answer (the load
generator's own delay counts against the central, never hides it; its send
delay is printed too). The schedule is run by one thread handing each due
request to a pool of ``--threads`` senders (a kiosk's requests never overlap):
not one thread per kiosk. An error is any request without its 2xx answer.

A set-up is ``database:workers``. Every set-up's figures are printed at the end
in one table: requests, throughput, p50, p99 and worst latency, errors (targets:
p99 under 100 ms, no error). ``--before DIR`` also measures the central of
another checkout (``git archive <commit> central | tar -x -C DIR``) on SQLite
with one worker. Everything runs on this machine, on loopback.
"""

from __future__ import annotations

import argparse
import base64
import heapq
import random
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from central_harness import (  # noqa: E402
    CentralUnderTest,
    add_enrolment_codes,
    planned_runs,
    postgresql_cluster,
    start_central,
    submission,
)
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat  # noqa: E402

from kiosk.clock import SystemClock  # noqa: E402
from kiosk.sync.client import CentralClient  # noqa: E402
from kiosk.sync.endpoints import APPLICATIONS  # noqa: E402
from kiosk.sync.errors import SyncError  # noqa: E402
from kiosk.sync.signing import RequestSigner  # noqa: E402

KINDS = ("heartbeat", "submission")


@dataclass
class SimulatedKiosk:
    """One kiosk: its signed client, and a lock so its own requests never overlap."""

    kiosk_id: str
    client: CentralClient
    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: int = 0


@dataclass(frozen=True)
class Sample:
    kind: str
    late_s: float
    """How long after it was due the request was sent (the load generator's delay)."""
    latency_s: float
    """From when it was due to its answer."""
    ok: bool


def enrol_kiosks(central: CentralUnderTest, count: int) -> list[SimulatedKiosk]:
    """``count`` kiosks enrolled with the central, each with its own key and client."""
    ids = [f"K-330702-{n:04d}" for n in range(count)]
    codes = add_enrolment_codes(central.database, ids)
    plain = CentralClient(central.url, timeout_s=60)

    def enrol(kiosk_id: str) -> SimulatedKiosk:
        key = Ed25519PrivateKey.generate()
        public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        answer = plain.enrol(codes[kiosk_id], kiosk_id, base64.b64encode(public).decode(), "bench")
        signer = RequestSigner(key, str(answer["key_id"]), SystemClock())
        return SimulatedKiosk(kiosk_id, CentralClient(central.url, signer=signer, timeout_s=30))

    with ThreadPoolExecutor(4) as pool:
        return list(pool.map(enrol, ids))


def heartbeat() -> dict[str, object]:
    return {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": "bench",
        "state": "in_service",
        "devices": [
            {"name": "id_reader", "kind": "id_reader", "status": "ok"},
            {"name": "printer", "kind": "printer", "status": "ok"},
        ],
        "outbox_depth": 0,
        "oldest_unsent_at": None,
    }


def schedule(
    kiosks: int, seconds: float, heartbeat_s: float, submission_s: float, rng: random.Random
) -> list[tuple[float, int, str]]:
    """(due offset s, kiosk index, kind) of every request of the run, in time order."""
    due: list[tuple[float, int, str]] = []
    for index in range(kiosks):
        for kind, period in (("heartbeat", heartbeat_s), ("submission", submission_s)):
            moment = rng.uniform(0, period)
            while moment < seconds:
                due.append((moment, index, kind))
                moment += period * rng.uniform(0.9, 1.1)
    heapq.heapify(due)
    return [heapq.heappop(due) for _ in range(len(due))]


def send(kiosk: SimulatedKiosk, kind: str, due: float, number: int) -> Sample:
    """One request of ``kiosk``, due at ``due`` (perf_counter seconds)."""
    with kiosk.lock:
        sent = time.perf_counter()
        try:
            if kind == "heartbeat":
                kiosk.client.post("/v1/heartbeats", heartbeat())
            else:
                body, _ = submission(number)
                kiosk.client.post_idempotent(APPLICATIONS, str(uuid.uuid4()), body)
            ok = True
        except SyncError:
            ok = False
        answered = time.perf_counter()
    return Sample(kind, sent - due, answered - due, ok)


def run(kiosks: list[SimulatedKiosk], args: argparse.Namespace) -> list[Sample]:
    """Send every request of the schedule when it is due; the samples."""
    plan = schedule(
        len(kiosks), args.seconds, args.heartbeat_s, args.submission_s, random.Random(args.seed)
    )
    futures = []
    with ThreadPoolExecutor(args.threads, thread_name_prefix="kiosk") as pool:
        start = time.perf_counter() + 0.5
        for number, (offset, index, kind) in enumerate(plan):
            due = start + offset
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            futures.append(pool.submit(send, kiosks[index], kind, due, number))
        return [future.result() for future in futures]


@dataclass(frozen=True)
class Figures:
    label: str
    requests: int
    per_second: float
    p50_ms: dict[str, float]
    p99_ms: dict[str, float]
    worst_ms: float
    errors: int
    late_p99_ms: float


def _quantile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def figures(label: str, samples: list[Sample], seconds: float) -> Figures:
    by_kind = {kind: [s.latency_s * 1000 for s in samples if s.kind == kind] for kind in KINDS}
    every = [s.latency_s * 1000 for s in samples]
    return Figures(
        label=label,
        requests=len(samples),
        per_second=len(samples) / seconds,
        p50_ms={"all": _quantile(every, 0.5)} | {k: _quantile(v, 0.5) for k, v in by_kind.items()},
        p99_ms={"all": _quantile(every, 0.99)}
        | {k: _quantile(v, 0.99) for k, v in by_kind.items()},
        worst_ms=max(every, default=float("nan")),
        errors=sum(not s.ok for s in samples),
        late_p99_ms=_quantile([s.late_s * 1000 for s in samples], 0.99),
    )


def table(results: list[Figures]) -> None:
    print(
        f"\n{'set-up':<25}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'worst ms':>9}"
        f"{'errors':>7}   {'heartbeat p50/p99':>18}   {'submission p50/p99':>19}"
        f"   {'sent late p99':>13}"
    )
    for f in results:
        print(
            f"{f.label:<25}{f.requests:>9}{f.per_second:>8.1f}{f.p50_ms['all']:>8.1f}"
            f"{f.p99_ms['all']:>8.1f}{f.worst_ms:>9.1f}{f.errors:>7}"
            f"   {f.p50_ms['heartbeat']:>8.1f} /{f.p99_ms['heartbeat']:>7.1f}"
            f"   {f.p50_ms['submission']:>9.1f} /{f.p99_ms['submission']:>7.1f}"
            f"   {f.late_p99_ms:>10.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kiosks", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=90.0, help="the run, per set-up")
    parser.add_argument("--heartbeat-s", type=float, default=30.0)
    parser.add_argument("--submission-s", type=float, default=60.0)
    parser.add_argument("--threads", type=int, default=32, help="the load generator's senders")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--setups", default="sqlite:1,sqlite:2,postgresql:1,postgresql:2")
    parser.add_argument("--before", type=Path, help="a checkout's central to measure first")
    args = parser.parse_args()
    runs = planned_runs(args.setups, args.before)
    print(
        f"{args.kiosks} kiosks, open loop: a heartbeat every {args.heartbeat_s:.0f} s and a"
        f" submission every {args.submission_s:.0f} s each (staggered, ±10% jitter),"
        f" {args.seconds:.0f} s per set-up; latency from when a request was due"
    )
    results = []
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
            central = start_central(database, here, workers=workers, source=source)
            try:
                kiosks = enrol_kiosks(central, args.kiosks)
                samples = run(kiosks, args)
            finally:
                central.stop()
            results.append(figures(label, samples, args.seconds))
            f = results[-1]
            print(
                f"{label}: {f.requests} requests, p50 {f.p50_ms['all']:.1f} ms,"
                f" p99 {f.p99_ms['all']:.1f} ms, {f.errors} errors"
            )
            sys.stdout.flush()
    table(results)


if __name__ == "__main__":
    main()
