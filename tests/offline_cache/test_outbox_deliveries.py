"""Several 2xx answers recorded at once are recorded as one by one would record them, and
a record committed without waiting for the disk survives the process being killed
(real SQLite files, a real child process killed with SIGKILL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from offline_cache.db import Database
from offline_cache.outbox import Delivery, Outbox, OutboxState, body_sha256

AT = "2026-11-22T10:00:00+08:00"
KEY = bytes(range(32))


def body(n: int) -> dict[str, object]:
    return {"n": n, "applicant": {"name": "赵思远", "id_number": "110105199003071234"}}


def test_answers_recorded_together_are_recorded_as_one_by_one(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "kiosk.sqlite3")
    together, alone = Outbox(db, keep_delivered_s=0, body_key=KEY), Outbox(db, body_key=KEY)
    for n in range(4):
        together.enqueue(f"key-{n}", "/v1/applications", body(n), AT)
    claimed = together.claim(1000.0, 60, limit=3)

    together.mark_delivered_many(
        [
            Delivery(
                claimed[0].idempotency_key,
                {"application_no": "A0"},
                "A0",
                AT,
                claimed[0].clear_sha256,
            ),
            Delivery(
                claimed[1].idempotency_key,
                {"application_no": "A1"},
                "A1",
                AT,
                claimed[1].clear_sha256,
            ),
            Delivery(
                claimed[2].idempotency_key, {"application_no": "A2"}, "A2", AT
            ),  # no hash given
        ]
    )
    alone.mark_delivered("key-3", {"application_no": "A3"}, "A3", AT)

    items = together.items()
    for n, item in enumerate(items[:3]):
        assert (item.state, item.result_ref, item.attempts) == (OutboxState.DELIVERED, f"A{n}", 1)
        stored = json.dumps(body(n), ensure_ascii=False, sort_keys=True)
        assert item.body_sha256 == body_sha256(stored)
        assert item.purged  # a retention of 0: gone with the answer
    assert items[3].body_sha256 == body_sha256(
        json.dumps(body(3), ensure_ascii=False, sort_keys=True)
    )
    assert not items[3].purged  # the second outbox keeps delivered bodies
    # What a citizen submits next waits for the disk again (FULL is 2).
    assert db.connection.execute("PRAGMA synchronous").fetchone()[0] == 2
    db.close()


KILLED_AFTER_RECORDING = """
import os, signal, sys
from pathlib import Path
from offline_cache.db import Database
from offline_cache.outbox import Delivery, Outbox
outbox = Outbox(Database.open(Path(sys.argv[1])))
[item] = outbox.claim(1000.0, 60)
outbox.mark_delivered_many(
    [Delivery(item.idempotency_key, {"application_no": "A1"}, "A1", sys.argv[2])], checkpoint=False
)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_delivery_recorded_without_waiting_for_the_disk_survives_a_killed_process(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kiosk.sqlite3"
    db = Database.open(path)
    Outbox(db).enqueue("key-1", "/v1/applications", body(1), AT)
    db.close()

    done = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_RECORDING, str(path), AT],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
        env=dict(os.environ),
    )

    assert done.returncode == -9, done.stderr
    reopened = Database.open(path)
    item = Outbox(reopened).get("key-1")
    assert item is not None
    assert (item.state, item.result_ref) == (OutboxState.DELIVERED, "A1")
    reopened.close()
