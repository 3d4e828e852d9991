"""One SQLite database file per kiosk, with numbered migrations.

Schema changes are numbered SQL files applied in order by ``PRAGMA user_version``;
the database is never reset on a schema change, because that would lose
submissions not yet sent. Connections are per thread (the sync worker and the
UI-side jobs both use the store); WAL lets them read while one writes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path


class StorageError(Exception):
    """The local store could not be read or written."""


class StorageFullError(StorageError):
    """The disk is full: nothing new can be stored until space is freed."""


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("offline_cache") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


class Database:
    """A migrated SQLite database; use `Database.open` or `Database.in_memory`."""

    def __init__(self, uri: str, *, shared_memory: bool = False) -> None:
        self._uri = uri
        self._local = threading.local()
        # An in-memory database lives as long as one connection to it does.
        self._keeper = self._connect() if shared_memory else None
        self._migrate()

    @classmethod
    def open(cls, path: Path) -> Database:
        path.parent.mkdir(parents=True, exist_ok=True)
        return cls(f"file:{path}")

    @classmethod
    def in_memory(cls, name: str = "kiosk") -> Database:
        return cls(f"file:{name}?mode=memory&cache=shared", shared_memory=True)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._uri, uri=True, timeout=10.0, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if "mode=memory" not in self._uri:
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL: a submission acknowledged to the citizen survives a power cut.
            conn.execute("PRAGMA synchronous = FULL")
        return conn

    @property
    def connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, with SQLite errors turned into StorageError."""
        conn = self.connection
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                # SQLite rolls back by itself on some errors (a full disk among them).
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise _storage_error(exc) from exc

    def _migrate(self) -> None:
        conn = self.connection
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        for number, script in _migrations():
            if number <= current:
                continue
            try:
                conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
            except sqlite3.Error as exc:
                raise _storage_error(exc) from exc

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
        if self._keeper is not None:
            self._keeper.close()
            self._keeper = None


def _storage_error(exc: sqlite3.Error) -> StorageError:
    text = str(exc).lower()
    if isinstance(exc, sqlite3.OperationalError) and ("full" in text or "disk i/o" in text):
        return StorageFullError(f"the kiosk's disk is full: {exc}")
    return StorageError(f"local store failed: {exc}")
