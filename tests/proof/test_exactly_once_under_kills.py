"""The kiosk's sync process SIGKILLed 30 times while it sends 300 submissions, and
started again each time: the central holds exactly 300, each once, as submitted.

Each round starts ``kiosk sync run --until-empty`` (the first one enrols with the
configured code), waits until it has delivered a drawn number of submissions,
lets a drawn fraction of a send go by, and kills it: before a request, while the
central works on it, between the central's commit and the kiosk's record, in the
middle of the outbox's own transactions. What the dead process held under its
lease is sent again by a later one once the lease runs out, with the same key.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from offline_cache.outbox import OutboxState
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

pytestmark = pytest.mark.proof

KILLS = 30
LEASE_S = 1.0
"""Short, so that what a killed process held is sent again soon."""
ROUND_BOUND_S = 30.0
FINAL_BOUND_S = 90.0


def test_every_submission_arrives_once_though_the_kiosk_is_killed_while_sending(
    tmp_path: Path, central: CentralProcess
) -> None:
    seed = proof_seed()
    said = f"(seed {seed}; replay with KIOSK_PROOF_SEED={seed})"
    rng = random.Random(seed)
    kiosk = KioskDir(
        tmp_path / "kiosk",
        central.url,
        timeout_s=5.0,
        lease_s=LEASE_S,
        batch_size=10,
        enrolment_code=central.enrolment_code(KIOSK_ID),
    )
    db, outbox = kiosk.open_outbox()
    started = time.monotonic()
    unrecorded: set[str] = set()
    between = 0  # kills that left an application made by the central unrecorded by the kiosk
    try:
        enqueue(outbox, SUBMISSIONS)
        queued = {i.idempotency_key: i.body for i in outbox.items()}
        for round_no in range(1, KILLS + 1):
            before = outbox.depth()
            assert before > 0, f"all sent before kill {round_no}: draw fewer per round {said}"
            # Few rows and a short moment a round: with several sends in flight the
            # drain is fast, and 30 rounds must not empty the 300-row outbox.
            sends = rng.randint(1, 3)
            moment = rng.uniform(0.0, 0.01)
            sync = kiosk.start_sync()
            try:
                deadline = time.monotonic() + ROUND_BOUND_S
                while outbox.depth() > before - sends and sync.poll() is None:
                    assert time.monotonic() < deadline, (
                        f"round {round_no}: nothing sent in {ROUND_BOUND_S:.0f} s {said}"
                        f"\n{kiosk.log_tail()}"
                    )
                    time.sleep(0.002)
                time.sleep(moment)
                assert sync.poll() is None, (
                    f"round {round_no}: kiosk sync exited {sync.returncode} by itself {said}"
                    f"\n{kiosk.log_tail()}"
                )
            finally:
                kill(sync)
            now_unrecorded = central.idempotency_keys() - {
                item.idempotency_key for item in outbox.items(OutboxState.DELIVERED)
            }
            between += bool(now_unrecorded - unrecorded)
            unrecorded = now_unrecorded
        # Started once more, it finishes.
        sync = kiosk.start_sync()
        try:
            code = sync.wait(timeout=FINAL_BOUND_S)
        except subprocess.TimeoutExpired:
            kill(sync)
            pytest.fail(f"not drained within {FINAL_BOUND_S:.0f} s {said}\n{kiosk.log_tail()}")
        assert code == 0, f"kiosk sync exited {code} {said}\n{kiosk.log_tail()}"
        items = outbox.items()
    finally:
        db.close()
    took = time.monotonic() - started
    sys.stdout.write(
        f"{KILLS} kills in {took:.1f} s; {between} of them between the central's commit and"
        " the kiosk's record\n"
    )

    assert_exactly_once(central.applications(), items, seed, queued)
