"""Benchmark: how long a citizen's Submit takes to be kept in the outbox (median, p99).

Run: .venv/bin/python bench/bench_outbox_enqueue.py [--submissions 1000] [--folder DIR]

Each submission is stored as the kiosk stores it when a citizen presses Submit
(`kiosk.submissions.OutboxSubmissionDesk.store`): a new idempotency key, the
next provisional reference from the outbox's counter, the body sealed with
AES-GCM under the data key's outbox subkey, one SQLite transaction committed
with ``synchronous = FULL`` in WAL mode (the submission survives a power cut
once the citizen is told it is kept) on a database file in ``--folder``
(default: a temporary folder, on the disk the kiosk's data would be on). The
time of each store is taken alone; the figures are the median, the 90th and
99th percentiles and the worst.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.clock import SystemClock  # noqa: E402
from kiosk.keys import open_data_key  # noqa: E402
from kiosk.sealed_outbox import sealed_outbox  # noqa: E402
from kiosk.submissions import OutboxSubmissionDesk  # noqa: E402
from kiosk.sync.engine import SyncEngine  # noqa: E402
from kiosk.workflow.ports import Submission  # noqa: E402
from offline_cache.db import Database  # noqa: E402
from tests.central.support import resident_id  # noqa: E402

WORDS = "丽华明德兴隆顺发祥瑞福康安泰和美佳鑫盛源"


def submission(index: int) -> Submission:
    """A GT-SETUP application of its own person, mobile and name, with a signature."""
    id_number = resident_id(date(1960, 1, 1) + timedelta(days=index % 15000), f"{index % 997:03d}")
    name = WORDS[(index // 400) % 20] + WORDS[(index // 20) % 20] + WORDS[index % 20]
    return Submission(
        service="GT-SETUP",
        catalogue_version="2026.11.1",
        applicant={"name": "王丽华", "document_type": "cn_resident_id", "id_number": id_number},
        form={
            "operator_name": "王丽华",
            "operator_id_number": id_number,
            "mobile": f"1380013{index % 10000:04d}",
            "trade_name": f"金华市婺城区{name}百货店",
            "business_address": f"浙江省金华市婺城区八一南街{index % 999 + 1}号",
            "business_scope": "日用百货销售",
        },
        # A signature drawn on the pad is a PNG of a few kilobytes.
        attachments=[{"kind": "signature", "media_type": "image/png", "data": "iVBORw0K" * 600}],
    )


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(folder: Path, count: int) -> list[float]:
    """Seconds each of ``count`` stores took."""
    db = Database.open(folder / "kiosk.sqlite3")
    try:
        outbox = sealed_outbox(db, open_data_key(folder))
        clock = SystemClock()
        desk = OutboxSubmissionDesk(
            outbox, SyncEngine(outbox, lambda: None, clock), clock, kiosk_id="K-330702-0001"
        )
        times = []
        for index in range(count):
            citizen = submission(index)
            started = time.perf_counter()
            outcome = desk.store(citizen)
            times.append(time.perf_counter() - started)
            if outcome.reference is None:
                raise RuntimeError(f"not stored: {outcome.problem}")
        return times
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--folder", type=Path, help="where the database file is made")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        times = sorted(measure(Path(folder), args.submissions))
    ms = [t * 1000 for t in times]
    print(
        f"outbox enqueue, {args.submissions} sealed submissions on a file database"
        f" (WAL, synchronous = FULL): median {statistics.median(ms):.2f} ms,"
        f" p90 {percentile(ms, 0.90):.2f} ms, p99 {percentile(ms, 0.99):.2f} ms,"
        f" worst {ms[-1]:.2f} ms"
    )


if __name__ == "__main__":
    main()
