"""300 submissions through a network that fails in every way it can: the central
holds exactly 300, each once, as submitted.

The central runs as a process; the kiosk's sync engine as another (``kiosk sync
run --until-empty``); between them a fault-injecting proxy (`fault_proxy`)
refuses, resets mid-request and after the central answered, truncates answers,
holds requests and answers past the kiosk's timeout, answers bursts of 500 and
503 itself, and takes its listener down for a moment, each drawn from the
printed seed.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.proof import (
    KIOSK_ID,
    SUBMISSIONS,
    CentralProcess,
    KioskDir,
    assert_exactly_once,
    enqueue,
    kill,
    proof_seed,
)
from tests.proof.fault_proxy import FaultProxy

pytestmark = pytest.mark.proof

TIMEOUT_S = 0.5
"""The kiosk's HTTP timeout: every delayed request or answer costs it this long."""
BOUND_S = 150.0


def test_every_submission_arrives_once_through_a_failing_network(
    tmp_path: Path, central: CentralProcess
) -> None:
    seed = proof_seed()
    said = f"(seed {seed}; replay with KIOSK_PROOF_SEED={seed})"
    proxy = FaultProxy(("127.0.0.1", central.port), random.Random(seed), client_timeout_s=TIMEOUT_S)
    try:
        kiosk = KioskDir(
            tmp_path / "kiosk", proxy.url, timeout_s=TIMEOUT_S, lease_s=10.0, batch_size=20
        )
        db, outbox = kiosk.open_outbox()
        try:
            enqueue(outbox, SUBMISSIONS)
            queued = {i.idempotency_key: i.body for i in outbox.items()}
            # A technician enrols the kiosk on a good line; then the line goes bad.
            kiosk.enrol(central.enrolment_code(KIOSK_ID), central.url)

            started = time.monotonic()
            sync = kiosk.start_sync()
            try:
                code = sync.wait(timeout=BOUND_S)
            except subprocess.TimeoutExpired:
                kill(sync)
                pytest.fail(
                    f"not drained within {BOUND_S:.0f} s {said}; injected {proxy.summary()}"
                    f"\n{kiosk.log_tail()}"
                )
            took = time.monotonic() - started
            assert code == 0, f"kiosk sync exited {code} {said}\n{kiosk.log_tail()}"
            items = outbox.items()
        finally:
            db.close()
    finally:
        proxy.close()
    sys.stdout.write(f"drained in {took:.1f} s; injected: {proxy.summary()}\n")

    assert_exactly_once(central.applications(), items, seed, queued)
    assert set(proxy.counts) >= {
        "refuse",
        "reset_mid_request",
        "reset_after_answer",
        "truncate_answer",
        "delay_request",
        "delay_answer",
        "error_5xx",
        "error_after_answer",
        "listener_down",
    }, f"not every fault happened: {proxy.summary()} {said}"
    # Answers lost after the central made the application: each came back as a replay.
    assert proxy.counts["lost_2xx"] > 0, said
