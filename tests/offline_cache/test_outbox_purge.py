"""A delivered submission keeps its names and a hash, not its body (issue 9, point 4)."""

from __future__ import annotations

import json
import sqlite3
import stat
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from offline_cache.db import Database
from offline_cache.outbox import Outbox, OutboxState, body_sha256

ID_NUMBER = "110105199003071234"
AT = datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def body(reference: str) -> dict[str, object]:
    return {
        "kiosk_reference": reference,
        "applicant": {"name": "赵思远", "id_number": ID_NUMBER},
        "form": {"mobile": "13957162483", "note": "x" * 5000},  # on overflow pages too
    }


def stored(reference: str) -> str:
    return json.dumps(body(reference), ensure_ascii=False, sort_keys=True)


def queue(outbox: Outbox, key: str) -> str:
    return outbox.enqueue_numbered(
        key,
        "/v1/applications",
        AT.isoformat(),
        lambda n: (f"K0001-{n:06d}", body(f"K0001-{n:06d}")),
    )


def deliver(outbox: Outbox, key: str, number: str, at: datetime) -> None:
    [item] = outbox.claim(at.timestamp(), 60, key)
    answer = {"application_no": number, "receipt": {"applicant": {"id_number": ID_NUMBER}}}
    outbox.mark_delivered(item.idempotency_key, answer, number, at.isoformat())


def files_hold(folder: Path, text: str) -> list[str]:
    return [
        path.name
        for path in folder.iterdir()
        if path.is_file()
        and any(text.encode(codec) in path.read_bytes() for codec in ("utf-8", "utf-16-le"))
    ]


def test_delivered_body_is_purged_at_once_and_the_row_still_names_it(
    db: Database, db_path: Path
) -> None:
    outbox = Outbox(db, keep_delivered_s=0)
    reference = queue(outbox, "key-1")
    assert files_hold(db_path.parent, ID_NUMBER)  # pending: the body is there to be sent

    deliver(outbox, "key-1", "KA20261122-000001", AT)

    item = outbox.get("key-1")
    assert item is not None
    assert (item.state, item.reference, item.result_ref) == (
        OutboxState.DELIVERED,
        reference,
        "KA20261122-000001",
    )
    assert (item.body, item.response, item.purged) == ({}, None, True)
    assert item.body_sha256 == body_sha256(stored(reference))
    for name in (reference, "KA20261122-000001", "key-1"):
        found = outbox.find(name)
        assert found is not None
        assert found.idempotency_key == "key-1"
    assert outbox.claim(AT.timestamp() + 999, 60, "key-1") == []  # never sent again
    assert outbox.depth() == 0
    assert files_hold(db_path.parent, ID_NUMBER) == []
    assert files_hold(db_path.parent, "赵思远") == []


def test_a_retention_keeps_the_body_until_it_is_over(db: Database) -> None:
    outbox = Outbox(db, keep_delivered_s=3600)
    queue(outbox, "key-1")
    queue(outbox, "key-2")
    deliver(outbox, "key-1", "KA20261122-000001", AT)

    kept = outbox.get("key-1")
    assert kept is not None
    assert not kept.purged
    assert kept.body["applicant"] == {"name": "赵思远", "id_number": ID_NUMBER}
    assert kept.body_sha256 == body_sha256(stored("K0001-000001"))

    # Another delivery an hour later purges the first, not itself.
    deliver(outbox, "key-2", "KA20261122-000002", AT + timedelta(hours=1))
    first, second = outbox.get("key-1"), outbox.get("key-2")
    assert first is not None
    assert first.purged
    assert first.body == {}
    assert second is not None
    assert not second.purged


def test_purge_delivered_catches_rows_delivered_by_a_tool_that_kept_them(db: Database) -> None:
    keeping = Outbox(db)  # e.g. a tool built without the kiosk's retention
    queue(keeping, "key-1")
    queue(keeping, "key-2")
    deliver(keeping, "key-1", "KA20261122-000001", AT)
    item = keeping.get("key-1")
    assert item is not None
    assert not item.purged

    assert Outbox(db).purge_delivered(AT + timedelta(minutes=5), 0) == 1

    purged, pending = keeping.get("key-1"), keeping.get("key-2")
    assert purged is not None
    assert purged.purged
    assert purged.result_ref == "KA20261122-000001"
    assert pending is not None
    assert pending.body["applicant"]["id_number"] == ID_NUMBER


def test_the_database_is_private(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    db = Database.open(folder / "kiosk.sqlite3")
    try:
        Outbox(db).enqueue("key-1", "/v1/feedback", {"a": 1}, AT.isoformat())
        modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in folder.iterdir()}
    finally:
        db.close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert modes == {
        "kiosk.sqlite3": 0o600,
        "kiosk.sqlite3-wal": 0o600,
        "kiosk.sqlite3-shm": 0o600,
    }


def test_an_older_database_file_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    Database.open(path).close()
    path.chmod(0o644)
    Database.open(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_negative_retention_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="negative"):
        Outbox(db, keep_delivered_s=-1)


def test_a_reader_holding_the_log_delays_its_emptying_without_blocking_delivery(
    db: Database, db_path: Path
) -> None:
    outbox = Outbox(db, keep_delivered_s=0)
    queue(outbox, "key-1")
    reader = sqlite3.connect(db_path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT COUNT(*) FROM outbox").fetchone()  # holds an older snapshot
        started = time.monotonic()
        deliver(outbox, "key-1", "KA20261122-000001", AT)
        assert time.monotonic() - started < 5  # not the 10 s a write may wait
        item = outbox.get("key-1")
        assert item is not None
        assert item.purged
    finally:
        reader.close()
    assert db.checkpoint()  # the next checkpoint empties it
    assert files_hold(db_path.parent, ID_NUMBER) == []


def test_a_purged_row_is_never_sent_again_even_if_marked_for_a_retry(db: Database) -> None:
    outbox = Outbox(db, keep_delivered_s=0)
    queue(outbox, "key-1")
    deliver(outbox, "key-1", "KA20261122-000001", AT)

    outbox.mark_retry("key-1", "a tool's mistake", 0)

    assert outbox.claim(AT.timestamp() + 999, 60) == []
    assert outbox.claim(AT.timestamp() + 999, 60, "key-1") == []


def test_a_delivery_time_without_an_offset_still_purges(db: Database) -> None:
    outbox = Outbox(db, keep_delivered_s=0)
    queue(outbox, "key-1")
    [item] = outbox.claim(AT.timestamp(), 60, "key-1")
    outbox.mark_delivered(item.idempotency_key, {}, "KA1", "2026-11-22T10:00:00")
    purged = outbox.get("key-1")
    assert purged is not None
    assert purged.purged
