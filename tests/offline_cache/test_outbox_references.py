"""The outbox numbers submissions for their provisional references: durable, monotonic,
never handed out twice, in the same transaction as the insert (real SQLite file)."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path
from typing import Any

import pytest

from offline_cache.db import Database, StorageError
from offline_cache.outbox import Outbox


def numbered(sequence: int) -> tuple[str, dict[str, Any]]:
    reference = f"K0001-{sequence:06d}"
    return reference, {"kiosk_reference": reference}


def test_two_senders_at_once_never_get_the_same_number(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "kiosk.sqlite3")
    references: list[str] = []

    def submit_many() -> None:
        outbox = Outbox(db)  # each thread has its own connection
        for _ in range(25):
            references.append(outbox.enqueue_numbered(str(uuid.uuid4()), "/v1/x", "t", numbered))

    threads = [threading.Thread(target=submit_many) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(references) == [f"K0001-{n:06d}" for n in range(1, 101)]
    for item in Outbox(db).items():
        assert item.body["kiosk_reference"] == item.reference
    db.close()


def test_a_failed_insert_stores_nothing_and_the_next_number_follows_the_last_stored(
    tmp_path: Path,
) -> None:
    db = Database.open(tmp_path / "kiosk.sqlite3")
    outbox = Outbox(db)
    key = str(uuid.uuid4())
    assert outbox.enqueue_numbered(key, "/v1/x", "t", numbered) == "K0001-000001"

    with pytest.raises(StorageError):
        outbox.enqueue_numbered(key, "/v1/x", "t", numbered)  # same key: refused

    assert [item.reference for item in outbox.items()] == ["K0001-000001"]
    assert outbox.enqueue_numbered(str(uuid.uuid4()), "/v1/x", "t", numbered) == "K0001-000002"
    db.close()


def test_a_submission_is_found_by_reference_application_number_or_key(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "kiosk.sqlite3")
    outbox = Outbox(db)
    key = str(uuid.uuid4())
    outbox.enqueue_numbered(key, "/v1/applications", "t", numbered)
    outbox.mark_delivered(key, {}, "KA20261122-000009", "t")
    outbox.enqueue("old-uuid-key", "/v1/applications", {}, "t")  # queued before references

    for name in ("K0001-000001", "k0001-000001 ", "KA20261122-000009", key, key.upper()):
        found = outbox.find(name)
        assert found is not None, name
        assert (found.idempotency_key, found.result_ref) == (key, "KA20261122-000009")
    old = outbox.find("old-uuid-key")
    assert old is not None
    assert old.reference is None
    assert outbox.find("K0001-000002") is None
    db.close()
