"""Small facts the kiosk keeps about itself across restarts, as JSON values by name.

The central's maintenance command must outlive a restart (a kiosk switched off
for service stays so), and technicians read how the kiosk last stood with the
central (`kiosk status`) whether or not the kiosk is running.
"""

from __future__ import annotations

import json
from typing import Any

from offline_cache.db import Database


class KioskStateStore:
    """JSON values by name in the ``kiosk_state`` table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, name: str) -> Any:
        """The value stored under ``name``, or None."""
        row = self._db.connection.execute(
            "SELECT value FROM kiosk_state WHERE name = ?", (name,)
        ).fetchone()
        return json.loads(row["value"]) if row is not None else None

    def put(self, name: str, value: Any, updated_at: str) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO kiosk_state (name, value, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value,"
                " updated_at = excluded.updated_at",
                (name, json.dumps(value, ensure_ascii=False), updated_at),
            )
