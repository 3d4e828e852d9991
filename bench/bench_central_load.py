"""Benchmark: 200 simulated kiosks against the central: heartbeats, submissions and lookups.

Run: .venv/bin/python bench/bench_central_load.py [--kiosks 200] [--seconds 20]
         [--setups sqlite:1,sqlite:2,postgresql:1,postgresql:2] [--before DIR]

Each kiosk is a thread with its own key and kept-alive connection, sending signed
requests as the kiosk does, in a closed loop (the next as soon as the last is
answered), so the central is saturated: the figures are its throughput and its
latency under that load. Of each kiosk's requests half are heartbeats, a quarter
submissions (a new application each) and a quarter lookups of one of its own
applications. The kiosks run in ``--clients`` processes (Python's lock would
otherwise make the load generator the bottleneck). The first ``--warmup``
seconds are not counted. A set-up is ``database:workers``; ``--before DIR`` also
measures the central in DIR (``git archive <commit> central | tar -x -C DIR``)
on SQLite with one worker, as it was. Everything runs on this machine, on
loopback: the load generator and the server share its cores, so compare the
set-ups with each other, in one run.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from central_harness import (  # noqa: E402
    BenchKiosk,
    CentralUnderTest,
    add_enrolment_codes,
    postgresql_cluster,
    start_central,
    submission,
)
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

KINDS = ("heartbeat", "submission", "lookup")

Sample = tuple[str, float, float, bool]
"""(kind, when it was sent (epoch s), latency s, answered as expected)."""


def _heartbeat() -> dict[str, object]:
    return {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": "bench",
        "state": "in_service",
        "devices": [{"name": "printer", "kind": "printer", "status": "ok"}],
        "outbox_depth": 0,
    }


def _one_kiosk(
    kiosk: BenchKiosk, seed: int, start_at: float, end_at: float, samples: list[Sample]
) -> None:
    rng = random.Random(seed)
    mine: list[tuple[str, str]] = []  # (application number, applicant's id number)
    counter = 0
    while time.time() < start_at:
        time.sleep(0.005)
    while time.time() < end_at:
        draw = rng.random()
        if draw < 0.5:
            kind, expected = "heartbeat", 200
            prepared = kiosk.signed("POST", "/v1/heartbeats", _heartbeat())
        elif draw < 0.75 or not mine:
            kind, expected = "submission", 201
            body, id_number = submission(seed * 10_000 + counter)
            counter += 1
            prepared = kiosk.submission(body)
        else:
            kind, expected = "lookup", 200
            number, id_number = rng.choice(mine)
            prepared = kiosk.signed(
                "POST", f"/v1/applications/{number}/lookups", {"id_number": id_number}
            )
        sent = time.time()
        started = time.perf_counter()
        try:
            response = kiosk.send(prepared)
            ok = response.status_code == expected
        except Exception:
            response, ok = None, False
        samples.append((kind, sent, time.perf_counter() - started, ok))
        if kind == "submission" and ok and response is not None:
            mine.append((response.json()["application_no"], id_number))


def run_kiosks(
    central_url: str, codes: dict[str, str], seed: int, start_at: float, end_at: float
) -> list[Sample]:
    """One client process: enrol its kiosks, then run them all until ``end_at``."""
    kiosks = []
    for kiosk_id, code in codes.items():
        kiosk = BenchKiosk(central_url, kiosk_id, Ed25519PrivateKey.generate())
        kiosk.enrol(code)
        kiosks.append(kiosk)
    samples: list[Sample] = []
    threads = [
        threading.Thread(
            target=_one_kiosk, args=(kiosk, seed + n, start_at, end_at, samples), daemon=True
        )
        for n, kiosk in enumerate(kiosks)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=end_at - time.time() + 120)
    return samples


@dataclass
class Figures:
    label: str
    requests: int
    per_second: float
    errors: float
    p50: dict[str, float]
    p99: dict[str, float]


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def measure(label: str, central: CentralUnderTest, args: argparse.Namespace) -> Figures:
    ids = [f"K-330702-{n:04d}" for n in range(args.kiosks)]
    codes = add_enrolment_codes(central.database, ids)
    shares = [
        {kiosk_id: codes[kiosk_id] for kiosk_id in ids[part :: args.clients]}
        for part in range(args.clients)
    ]
    # Enrolling 200 kiosks takes a while; the clock starts for all at once.
    start_at = time.time() + 10 + args.kiosks * 0.03
    end_at = start_at + args.warmup + args.seconds
    with ProcessPoolExecutor(args.clients, mp_context=get_context("spawn")) as pool:
        futures = [
            pool.submit(run_kiosks, central.url, share, 1000 * part, start_at, end_at)
            for part, share in enumerate(shares)
        ]
        samples = [sample for future in futures for sample in future.result()]
    counted = [s for s in samples if s[1] >= start_at + args.warmup]
    latencies = {kind: [s[2] for s in counted if s[0] == kind] for kind in KINDS}
    latencies["all"] = [s[2] for s in counted]
    return Figures(
        label=label,
        requests=len(counted),
        per_second=len(counted) / args.seconds,
        errors=sum(not s[3] for s in counted) / max(1, len(counted)),
        p50={kind: _quantile(values, 0.50) for kind, values in latencies.items()},
        p99={kind: _quantile(values, 0.99) for kind, values in latencies.items()},
    )


def report(figures: Figures) -> None:
    print(
        f"{figures.label:<24} {figures.per_second:7.1f} req/s  errors {figures.errors:6.2%}"
        f"  p50 {figures.p50['all'] * 1000:7.1f} ms  p99 {figures.p99['all'] * 1000:7.1f} ms"
        f"  ({figures.requests} requests)"
    )
    for kind in KINDS:
        print(
            f"{'':<26}{kind:<11} p50 {figures.p50[kind] * 1000:7.1f} ms"
            f"  p99 {figures.p99[kind] * 1000:7.1f} ms"
        )
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kiosks", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20.0, help="measured, per set-up")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--clients", type=int, default=2, help="load generator processes")
    parser.add_argument("--setups", default="sqlite:1,sqlite:2,postgresql:1,postgresql:2")
    parser.add_argument("--before", type=Path, help="a checkout's central to measure first")
    parser.add_argument(
        "--postgresql-commit",
        choices=["on", "off"],
        default="on",
        help="PostgreSQL's synchronous_commit (on: wait for the disk at each commit)",
    )
    args = parser.parse_args()
    setups = [
        (kind, int(workers)) for kind, workers in (s.split(":") for s in args.setups.split(","))
    ]
    print(
        f"{args.kiosks} kiosks, closed loop, {args.seconds:.0f} s measured per set-up"
        f" ({args.clients} client processes on this machine)"
    )
    runs: list[tuple[str, str, int, Path | None]] = []
    if args.before is not None:
        runs.append(("before (sqlite, 1)", "sqlite", 1, args.before))
    runs += [(f"{kind}, {workers} worker(s)", kind, workers, None) for kind, workers in setups]
    if args.postgresql_commit == "off":
        runs = [
            (label.replace("postgresql", "pg commit=off"), kind, workers, source)
            for label, kind, workers, source in runs
        ]
    results: list[Figures] = []
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        cluster = None
        if any(kind == "postgresql" for _, kind, _, _ in runs):
            cluster = stack.enter_context(postgresql_cluster(args.postgresql_commit))
        for n, (label, kind, workers, source) in enumerate(runs):
            here = Path(folder) / f"run{n}"
            if cluster is not None and kind == "postgresql":
                database = cluster.new_database()
            else:
                database = f"sqlite:///{here / 'central.db'}"
            central = start_central(database, here, workers=workers, source=source)
            try:
                results.append(measure(label, central, args))
            finally:
                central.stop()
            report(results[-1])
    if len(results) > 1:
        base = results[0]
        print(f"\nagainst {base.label}:")
        for figures in results[1:]:
            print(
                f"  {figures.label:<24} throughput x{figures.per_second / base.per_second:5.2f},"
                f" p50 x{figures.p50['all'] / base.p50['all']:5.2f},"
                f" p99 x{figures.p99['all'] / base.p99['all']:5.2f}"
            )


if __name__ == "__main__":
    main()
