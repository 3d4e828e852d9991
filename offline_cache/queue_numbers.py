"""The kiosk's own queue-ticket numbers, for a central that gives none.

Numbered per day and series (a series is the number's letters, e.g. ``A`` or
``PA``), from the durable ``sequences`` counters the provisional references
use: bumped and read in one write transaction, so two tickets never get the
same number, even from two processes. The counters of earlier days are dropped
as the next day's first number is given. Knows nothing of the kiosk.
"""

from __future__ import annotations

import re

from offline_cache.db import Database

_PREFIX = "queue:"
_SERIES = re.compile(r"[0-9A-Z]{1,6}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class QueueNumbers:
    """Per-day counters of queue-ticket numbers; every write may raise `StorageError`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def next(self, day: str, series: str) -> int:
        """The next number (1, 2, ...) of ``series`` on ``day`` (``YYYY-MM-DD``)."""
        if not _DAY.fullmatch(day) or not _SERIES.fullmatch(series):
            raise ValueError(f"bad queue day {day!r} or series {series!r}")
        name = f"{_PREFIX}{day}:{series}"
        with self._db.transaction() as conn:
            # Text dates compare in date order: every earlier day's counters go.
            conn.execute(
                "DELETE FROM sequences WHERE name LIKE ? AND substr(name, ?, 10) < ?",
                (f"{_PREFIX}%", len(_PREFIX) + 1, day),
            )
            conn.execute(
                "INSERT INTO sequences (name, last) VALUES (?, 1)"
                " ON CONFLICT (name) DO UPDATE SET last = last + 1",
                (name,),
            )
            row = conn.execute("SELECT last FROM sequences WHERE name = ?", (name,)).fetchone()
        return int(row[0])
