"""A queued body is sealed at rest (issue 9, point 4): the database file holds no identity
number, name or mobile while a submission waits, and exactly-once is as it was (the same
key, the same text sent, the hash of the clear body)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from offline_cache.db import Database, StorageError
from offline_cache.outbox import Outbox, OutboxState, body_sha256
from tests.offline_cache.test_outbox_migration import database_as_of

ID_NUMBER = "110105199003071234"
NAME = "赵思远"
MOBILE = "13957162483"
AT = datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
BEFORE_SEALING = 6  # the last migration before bodies could be sealed


def body(reference: str) -> dict[str, object]:
    return {
        "kiosk_reference": reference,
        "applicant": {"name": NAME, "id_number": ID_NUMBER},
        "form": {"mobile": MOBILE, "note": "x" * 5000},  # on overflow pages too
    }


def clear_text(reference: str) -> str:
    """The body's text as the outbox always stored, sent and hashed it."""
    return json.dumps(body(reference), ensure_ascii=False, sort_keys=True)


def queue(outbox: Outbox, key: str) -> str:
    return outbox.enqueue_numbered(
        key,
        "/v1/applications",
        AT.isoformat(),
        lambda n: (f"K0001-{n:06d}", body(f"K0001-{n:06d}")),
    )


def personal_data_in(folder: Path) -> list[str]:
    """Files of ``folder`` holding the identity number, name or mobile (UTF-8 or UTF-16)."""
    found = []
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for text in (ID_NUMBER, NAME, MOBILE):
            if any(text.encode(codec) in data for codec in ("utf-8", "utf-16-le", "utf-16-be")):
                found.append(f"{path.name}: {text}")
    return found


def raw_rows(db_path: Path) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute("SELECT * FROM outbox ORDER BY created_at, reference").fetchall()
    finally:
        conn.close()


def test_a_queued_submission_is_sealed_on_disk_and_opens_as_it_was_queued(
    db: Database, db_path: Path
) -> None:
    outbox = Outbox(db, body_key=KEY)
    reference = queue(outbox, "key-1")

    [row] = raw_rows(db_path)
    assert row["body"] == ""
    assert ID_NUMBER.encode() not in bytes(row["sealed_body"])
    assert personal_data_in(db_path.parent) == []  # the database, its -wal and -shm

    item = outbox.get("key-1")
    assert item is not None
    assert item.body == body(reference)
    assert not item.unreadable
    [claimed] = outbox.claim(AT.timestamp(), 60)  # what the engine sends
    assert claimed.body == body(reference)


def test_the_hash_kept_once_delivered_is_of_the_clear_body_as_sent(db: Database) -> None:
    outbox = Outbox(db, keep_delivered_s=0, body_key=KEY)
    reference = queue(outbox, "key-1")
    [item] = outbox.claim(AT.timestamp(), 60)
    outbox.mark_delivered(item.idempotency_key, {"application_no": "KA1"}, "KA1", AT.isoformat())

    delivered = outbox.get("key-1")
    assert delivered is not None
    assert delivered.purged
    assert delivered.body_sha256 == body_sha256(clear_text(reference))
    # The same hash a kiosk that never sealed kept (exactly-once is checked against it).
    plain = Outbox(Database.in_memory("plain"), keep_delivered_s=0)
    queue(plain, "key-1")
    [same] = plain.claim(AT.timestamp(), 60)
    plain.mark_delivered(same.idempotency_key, {}, "KA1", AT.isoformat())
    assert (plain_item := plain.get("key-1")) is not None
    assert plain_item.body_sha256 == delivered.body_sha256


def test_a_purged_row_keeps_nothing_sealed_either(db: Database, db_path: Path) -> None:
    outbox = Outbox(db, keep_delivered_s=0, body_key=KEY)
    queue(outbox, "key-1")
    [item] = outbox.claim(AT.timestamp(), 60)
    outbox.mark_delivered(item.idempotency_key, {}, "KA1", AT.isoformat())
    [row] = raw_rows(db_path)
    assert (row["body"], row["sealed_body"], row["response"]) == ("", None, None)


def test_a_sealed_body_moved_to_another_row_does_not_open_and_is_never_sent(
    db: Database, db_path: Path
) -> None:
    outbox = Outbox(db, body_key=KEY)
    queue(outbox, "key-1")
    queue(outbox, "key-2")
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        # Someone swaps the two bodies in the file: each is bound to its own key.
        first, second = (
            r[0] for r in conn.execute("SELECT sealed_body FROM outbox ORDER BY reference")
        )
        conn.execute("UPDATE outbox SET sealed_body = ? WHERE idempotency_key = 'key-1'", (second,))
        conn.execute("UPDATE outbox SET sealed_body = ? WHERE idempotency_key = 'key-2'", (first,))
    finally:
        conn.close()

    assert outbox.claim(AT.timestamp(), 60) == []
    for key in ("key-1", "key-2"):
        item = outbox.get(key)
        assert item is not None
        assert item.unreadable
        assert item.body == {}
        assert item.state is OutboxState.STUCK  # for staff, with the reason
        assert "does not open" in item.last_error


def test_a_body_moved_to_another_endpoint_does_not_open(db: Database, db_path: Path) -> None:
    outbox = Outbox(db, body_key=KEY)
    queue(outbox, "key-1")
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("UPDATE outbox SET endpoint = '/v1/feedback'")
    finally:
        conn.close()
    item = outbox.get("key-1")
    assert item is not None
    assert item.unreadable


def test_a_kiosk_with_another_key_sends_nothing_and_says_so_to_staff(db: Database) -> None:
    queue(Outbox(db, body_key=KEY), "key-1")
    wrong = Outbox(db, body_key=OTHER_KEY)

    assert wrong.claim(AT.timestamp(), 60) == []
    item = wrong.get("key-1")
    assert item is not None
    assert item.state is OutboxState.STUCK
    assert "restore the data key" in item.last_error

    # The right key back, staff release it: the very same body goes.
    right = Outbox(db, body_key=KEY)
    assert right.release_stuck("key-1")
    [again] = right.claim(AT.timestamp(), 60)
    assert again.body == body("K0001-000001")


def test_a_reader_without_the_key_leaves_sealed_rows_alone(db: Database) -> None:
    queue(Outbox(db, body_key=KEY), "key-1")
    keyless = Outbox(db)

    assert keyless.claim(AT.timestamp(), 60) == []  # never sends an empty body
    item = keyless.get("key-1")
    assert item is not None
    assert (item.state, item.unreadable, item.reference) == (
        OutboxState.PENDING,
        True,
        "K0001-000001",  # it can still be named
    )
    [row] = keyless.items()
    with pytest.raises(StorageError):
        keyless.mark_delivered(row.idempotency_key, {}, "KA1", AT.isoformat())  # no hash to make


def test_a_wrong_sized_key_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        Outbox(db, body_key=b"short")


def test_clear_rows_from_before_sealing_are_read_then_sealed_on_upgrade(db_path: Path) -> None:
    old = database_as_of(db_path, BEFORE_SEALING)
    rows = [
        # key, state, reference, delivered_at, body_sha256
        ("waiting", "pending", "K0001-000001", None, None),
        ("refused", "rejected", "K0001-000002", None, None),
        ("kept-after-delivery", "delivered", "K0001-000003", AT.isoformat(), None),
    ]
    for n, (key, state, reference, delivered_at, digest) in enumerate(rows):
        old.execute(
            "INSERT INTO outbox (idempotency_key, endpoint, body, created_at, state, reference,"
            " delivered_at, body_sha256) VALUES (?, '/v1/applications', ?, ?, ?, ?, ?, ?)",
            (
                key,
                clear_text(reference),
                f"2026-11-22T10:0{n}:00+08:00",
                state,
                reference,
                delivered_at,
                digest,
            ),
        )
    old.close()

    db = Database.open(db_path)
    try:
        # Read as they are, by the kiosk with its key, before anything is sealed.
        outbox = Outbox(db, body_key=KEY)
        assert {i.idempotency_key: i.body for i in outbox.items()} == {
            key: body(reference) for key, _, reference, _, _ in rows
        }
        assert personal_data_in(db_path.parent) != []  # the search finds what is there

        assert outbox.seal_clear_rows() == 3
        assert outbox.seal_clear_rows() == 0  # once

        assert all(row["body"] == "" for row in raw_rows(db_path))
        assert {i.idempotency_key: i.body for i in outbox.items()} == {
            key: body(reference) for key, _, reference, _, _ in rows
        }
        kept = outbox.get("kept-after-delivery")
        assert kept is not None
        assert kept.body_sha256 == body_sha256(clear_text("K0001-000003"))
        waiting = outbox.get("waiting")
        assert waiting is not None
        assert waiting.body_sha256 is None  # hashed when it is delivered, as always
        assert personal_data_in(db_path.parent) == []
    finally:
        db.close()
    assert personal_data_in(db_path.parent) == []


def test_an_outbox_without_a_key_cannot_seal(db: Database) -> None:
    with pytest.raises(ValueError, match="key"):
        Outbox(db).seal_clear_rows()


def test_the_nonce_is_fresh_for_every_body(db: Database, db_path: Path) -> None:
    outbox = Outbox(db, body_key=KEY)
    for n in range(20):
        outbox.enqueue(f"key-{n}", "/v1/feedback", {"rating": 5}, AT.isoformat())
    nonces = {bytes(row["sealed_body"])[:12] for row in raw_rows(db_path)}
    assert len(nonces) == 20
