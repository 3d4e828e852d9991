"""A kiosk updated with submissions still queued keeps every one of them: the outbox's
rebuild for real send counts and the stuck state loses no key, body or state (real
SQLite file, made by the migrations that came before)."""

from __future__ import annotations

import json
import sqlite3
from importlib import resources
from pathlib import Path

from offline_cache.db import Database
from offline_cache.outbox import Outbox, OutboxState, StuckRule

BEFORE_STUCK = 4  # the last migration before the outbox could hold stuck rows


def database_as_of(path: Path, version: int) -> sqlite3.Connection:
    """The kiosk's database as a kiosk of schema ``version`` left it."""
    conn = sqlite3.connect(path, isolation_level=None)
    folder = resources.files("offline_cache") / "migrations"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        number = int(entry.name.split("_", 1)[0])
        if entry.name.endswith(".sql") and number <= version:
            conn.executescript(entry.read_text(encoding="utf-8"))
    conn.execute(f"PRAGMA user_version = {version}")
    return conn


def test_queued_submissions_survive_the_update_and_unsent_ones_count_no_send(
    db_path: Path,
) -> None:
    old = database_as_of(db_path, BEFORE_STUCK)
    rows = [
        # key, state, attempts (claims, then), last_error, reference
        ("never-sent", "pending", 19, "", "K0001-000001"),
        ("claimed-at-the-update", "sending", 3, "", "K0001-000002"),
        ("failed-before", "pending", 4, "503 busy", "K0001-000003"),
        ("delivered", "delivered", 2, "", "K0001-000004"),
        ("rejected", "rejected", 1, "422 invalid", None),
    ]
    for n, (key, state, attempts, error, reference) in enumerate(rows):
        old.execute(
            "INSERT INTO outbox (idempotency_key, endpoint, body, created_at, state, attempts,"
            " last_error, reference) VALUES (?, '/v1/applications', ?, ?, ?, ?, ?, ?)",
            (
                key,
                json.dumps({"key": key}),
                f"2026-11-23T10:0{n}:00+08:00",
                state,
                attempts,
                error,
                reference,
            ),
        )
    old.close()

    db = Database.open(db_path)
    outbox = Outbox(db)
    items = {item.idempotency_key: item for item in outbox.items()}

    assert {key: (i.state.value, i.attempts) for key, i in items.items()} == {
        "never-sent": ("pending", 0),
        "claimed-at-the-update": ("sending", 0),
        "failed-before": ("pending", 4),
        "delivered": ("delivered", 2),
        "rejected": ("rejected", 1),
    }
    assert all(item.body == {"key": key} for key, item in items.items())
    assert all(item.failures == 0 and item.first_failed_at is None for item in items.values())
    assert outbox.find("K0001-000003") == items["failed-before"]  # the indexes are back

    # The new state is storable, and released with the key it always had.
    assert (
        outbox.mark_failed(
            "never-sent", "500", now=1000.0, next_attempt_at=1005.0, stuck=StuckRule(1, 3600)
        )
        is OutboxState.STUCK
    )
    assert outbox.release_stuck("never-sent")
    assert outbox.get("never-sent") is not None
    db.close()
