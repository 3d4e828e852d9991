"""Encrypted drafts on a real SQLite file: round trip, owners, expiry, tampering, no plaintext."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from offline_cache.db import Database
from offline_cache.drafts import DraftStore, normalise_identity_number

ENC_KEY = bytes(range(32))
OWNER_KEY = bytes(range(32, 64))
CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 12, 4, 9, 0, tzinfo=CST)
WEEK = timedelta(days=7)

NAME = "欧阳娜娜"
ID_NUMBER = "33070219850314002X"
MOBILE = "13905791234"
SECRET_TEXTS = (NAME, ID_NUMBER, MOBILE, ID_NUMBER.lower())


@pytest.fixture
def store(db: Database) -> DraftStore:
    return DraftStore(db, ENC_KEY, OWNER_KEY)


def body() -> bytes:
    state = {"applicant_name": NAME, "id_number": ID_NUMBER, "mobile": MOBILE, "capital": "100"}
    return json.dumps(state, ensure_ascii=False).encode("utf-8")


def test_a_saved_draft_comes_back_with_its_times(store: DraftStore) -> None:
    store.save("GS-SETUP", ID_NUMBER, body(), T0, T0 + WEEK)

    draft = store.load("GS-SETUP", ID_NUMBER, T0 + timedelta(days=1))

    assert draft is not None
    assert draft.body == body()
    assert draft.service == "GS-SETUP"
    assert draft.created_at == T0
    assert draft.expires_at == T0 + WEEK


def test_saving_again_replaces_the_body_and_keeps_the_creation_time(store: DraftStore) -> None:
    store.save("GS-SETUP", ID_NUMBER, b'{"v":1}', T0, T0 + WEEK)
    later = T0 + timedelta(days=2)
    store.save("GS-SETUP", ID_NUMBER, b'{"v":2}', later, later + WEEK)

    draft = store.load("GS-SETUP", ID_NUMBER, later)

    assert draft is not None
    assert draft.body == b'{"v":2}'
    assert (draft.created_at, draft.updated_at, draft.expires_at) == (T0, later, later + WEEK)
    assert store.count() == 1


def test_another_identity_number_or_service_finds_nothing(store: DraftStore) -> None:
    store.save("GS-SETUP", ID_NUMBER, body(), T0, T0 + WEEK)

    assert store.load("GS-SETUP", "330702198503140038", T0) is None
    assert store.load("GT-SETUP", ID_NUMBER, T0) is None


def test_the_number_is_found_however_it_was_typed(store: DraftStore) -> None:
    store.save("GS-SETUP", ID_NUMBER, body(), T0, T0 + WEEK)

    # Full-width digits from an on-screen keyboard, a lower-case checksum, spaces.
    typed = " ３３０７０２ 19850314002x "
    assert normalise_identity_number(typed) == ID_NUMBER
    assert store.load("GS-SETUP", typed, T0) is not None


def test_the_owner_key_is_a_keyed_hmac_not_the_number_nor_its_hash(db: Database) -> None:
    import hashlib

    one = DraftStore(db, ENC_KEY, OWNER_KEY).owner_key(ID_NUMBER)
    other = DraftStore(db, ENC_KEY, bytes(32) + b"x").owner_key(ID_NUMBER)

    assert one != other
    assert one != hashlib.sha256(ID_NUMBER.encode()).digest()
    assert ID_NUMBER.encode() not in one


def test_a_draft_expires(store: DraftStore) -> None:
    store.save("GS-SETUP", ID_NUMBER, body(), T0, T0 + WEEK)

    assert store.load("GS-SETUP", ID_NUMBER, T0 + WEEK - timedelta(seconds=1)) is not None
    assert store.load("GS-SETUP", ID_NUMBER, T0 + WEEK) is None


def test_expiry_compares_instants_not_text_whatever_the_offset(store: DraftStore) -> None:
    store.save("GS-SETUP", ID_NUMBER, body(), T0, T0 + WEEK)
    just_before_in_utc = (T0 + WEEK - timedelta(minutes=1)).astimezone(UTC)

    assert store.load("GS-SETUP", ID_NUMBER, just_before_in_utc) is not None


def test_purge_deletes_only_expired_drafts(store: DraftStore) -> None:
    store.save("GS-SETUP", ID_NUMBER, body(), T0, T0 + timedelta(days=1))
    store.save("GT-SETUP", ID_NUMBER, body(), T0, T0 + WEEK)

    assert store.purge_expired(T0 + timedelta(days=2)) == 1
    assert store.count() == 1
    assert store.load("GT-SETUP", ID_NUMBER, T0 + timedelta(days=2)) is not None


def test_delete_removes_the_draft(store: DraftStore) -> None:
    store.save("GS-SETUP", ID_NUMBER, body(), T0, T0 + WEEK)

    assert store.delete("GS-SETUP", ID_NUMBER) is True
    assert store.delete("GS-SETUP", ID_NUMBER) is False
    assert store.load("GS-SETUP", ID_NUMBER, T0) is None


def test_a_flipped_ciphertext_byte_gives_none_and_is_logged(
    store: DraftStore, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    store.save("GS-SETUP", ID_NUMBER, body(), T0, T0 + WEEK)
    (cipher,) = db.connection.execute("SELECT body FROM drafts").fetchone()
    damaged = bytearray(cipher)
    damaged[5] ^= 0x01
    db.connection.execute("UPDATE drafts SET body = ?", (bytes(damaged),))

    with caplog.at_level(logging.WARNING, logger="offline_cache.drafts"):
        assert store.load("GS-SETUP", ID_NUMBER, T0) is None
    assert "does not decrypt" in caplog.text
    assert ID_NUMBER not in caplog.text


def test_a_body_moved_to_another_owner_does_not_decrypt(store: DraftStore, db: Database) -> None:
    other = "330702198503140038"
    store.save("GS-SETUP", ID_NUMBER, body(), T0, T0 + WEEK)
    store.save("GS-SETUP", other, b'{"mine":true}', T0, T0 + WEEK)
    conn = db.connection
    # Swap the two rows' owner keys: each body now sits under the other citizen.
    keys = [bytes(r[0]) for r in conn.execute("SELECT owner_key FROM drafts ORDER BY rowid")]
    conn.execute("UPDATE drafts SET owner_key = ? WHERE owner_key = ?", (b"tmp", keys[0]))
    conn.execute("UPDATE drafts SET owner_key = ? WHERE owner_key = ?", (keys[0], keys[1]))
    conn.execute("UPDATE drafts SET owner_key = ? WHERE owner_key = ?", (keys[1], b"tmp"))

    assert store.load("GS-SETUP", ID_NUMBER, T0) is None
    assert store.load("GS-SETUP", other, T0) is None


def test_a_body_moved_to_another_service_or_a_longer_expiry_does_not_decrypt(
    store: DraftStore, db: Database
) -> None:
    store.save("GS-SETUP", ID_NUMBER, body(), T0, T0 + timedelta(days=1))
    later = (T0 + timedelta(days=30)).astimezone(UTC).isoformat(timespec="microseconds")
    db.connection.execute("UPDATE drafts SET expires_at = ?", (later,))
    assert store.load("GS-SETUP", ID_NUMBER, T0) is None

    store.save("GS-SETUP", ID_NUMBER, body(), T0, T0 + WEEK)
    db.connection.execute("UPDATE drafts SET service = 'GT-SETUP'")
    assert store.load("GT-SETUP", ID_NUMBER, T0) is None


@pytest.mark.parametrize(
    ("column", "value"),
    [("nonce", b""), ("nonce", "text"), ("body", b"short"), ("body", 42), ("expires_at", 12)],
)
def test_damaged_columns_give_none_never_an_exception(
    store: DraftStore, db: Database, column: str, value: object
) -> None:
    store.save("GS-SETUP", ID_NUMBER, body(), T0, T0 + WEEK)
    db.connection.execute(f"UPDATE drafts SET {column} = ?", (value,))

    assert store.load("GS-SETUP", ID_NUMBER, T0) is None


def test_another_key_reads_nothing(db: Database) -> None:
    DraftStore(db, ENC_KEY, OWNER_KEY).save("GS-SETUP", ID_NUMBER, body(), T0, T0 + WEEK)

    assert DraftStore(db, bytes(32), OWNER_KEY).load("GS-SETUP", ID_NUMBER, T0) is None


def test_each_write_uses_a_fresh_nonce(store: DraftStore, db: Database) -> None:
    nonces = set()
    for _ in range(5):
        store.save("GS-SETUP", ID_NUMBER, body(), T0, T0 + WEEK)
        (nonce,) = db.connection.execute("SELECT nonce FROM drafts").fetchone()
        assert len(nonce) == 12
        nonces.add(bytes(nonce))
    assert len(nonces) == 5


def test_bad_keys_and_naive_times_are_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        DraftStore(db, b"short", OWNER_KEY)
    with pytest.raises(ValueError, match="differ"):
        DraftStore(db, ENC_KEY, ENC_KEY)
    store = DraftStore(db, ENC_KEY, OWNER_KEY)
    with pytest.raises(ValueError, match="time zone"):
        store.save("GS-SETUP", ID_NUMBER, b"{}", datetime(2026, 1, 1), T0 + WEEK)
    with pytest.raises(ValueError, match="identity number"):
        store.save("GS-SETUP", "  ", b"{}", T0, T0 + WEEK)


def test_the_database_file_and_its_wal_hold_no_personal_data(
    store: DraftStore, db_path: Path
) -> None:
    store.save("GS-SETUP", ID_NUMBER, body(), T0, T0 + WEEK)
    store.save("GS-SETUP", ID_NUMBER, body(), T0 + timedelta(hours=1), T0 + WEEK)

    files = [p for p in (db_path, db_path.with_name(db_path.name + "-wal")) if p.exists()]
    assert db_path.with_name(db_path.name + "-wal") in files  # the write went through the WAL
    raw = b"".join(p.read_bytes() for p in files)
    assert raw.count(b"GS-SETUP") >= 1  # the scan does see plain text in these files
    for text in SECRET_TEXTS:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert text.encode(encoding) not in raw, (text, encoding)
