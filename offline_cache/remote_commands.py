"""The central's remote commands this kiosk has carried out, and whether it reported them.

The central repeats a command in every heartbeat until it has the command's
result, so a command the kiosk ran but could not report yet (the network went,
the kiosk restarted) comes again: this log says it was done, and how, so it is
reported again and never run twice.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from offline_cache.db import Database


@dataclass(frozen=True, slots=True)
class CommandRecord:
    """One command carried out: its result ("done" or "failed") and when it was reported."""

    id: str
    kind: str
    result: str
    detail: str
    done_at: str
    reported_at: str | None

    @property
    def reported(self) -> bool:
        return self.reported_at is not None


class CommandLog:
    """Remote commands by id (thread-safe: each thread uses its own connection)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, command_id: str) -> CommandRecord | None:
        row = self._db.connection.execute(
            "SELECT * FROM remote_commands WHERE id = ?", (command_id,)
        ).fetchone()
        return _record(row) if row is not None else None

    def record(self, command_id: str, kind: str, result: str, detail: str, done_at: str) -> None:
        """Remember a command carried out (a second record of the same id changes nothing)."""
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO remote_commands (id, kind, result, detail, done_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (command_id, kind, result, detail, done_at),
            )

    def mark_reported(self, command_id: str, reported_at: str) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE remote_commands SET reported_at = ? WHERE id = ? AND reported_at IS NULL",
                (reported_at, command_id),
            )

    def recent(self, limit: int = 20) -> list[CommandRecord]:
        """The latest commands carried out, newest first."""
        rows = self._db.connection.execute(
            "SELECT * FROM remote_commands ORDER BY done_at DESC, id DESC LIMIT ?", (limit,)
        ).fetchall()
        return [_record(row) for row in rows]


def _record(row: sqlite3.Row) -> CommandRecord:
    return CommandRecord(
        row["id"], row["kind"], row["result"], row["detail"], row["done_at"], row["reported_at"]
    )
