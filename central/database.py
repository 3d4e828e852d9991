"""SQLite persistence shared by the server and the operator command line.

The database is named by a URL (``sqlite:///relative/path``,
``sqlite:////absolute/path``) or a plain file path. Every unit of work opens
its own connection, so the server's worker threads and a concurrently running
``kiosk-central`` command can use the same file safely: the journal is WAL,
writers take the lock up front (``BEGIN IMMEDIATE``) and wait for each other
(busy timeout) instead of failing. The schema is versioned with
``PRAGMA user_version`` and upgraded by the numbered scripts in
``central/schema``.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

BUSY_TIMEOUT_MS = 15_000


class DatabaseUrlError(ValueError):
    """The database URL names no usable SQLite file."""


def database_path(url: str) -> Path:
    """Return the file path named by a database URL or plain path.

    Raises:
        DatabaseUrlError: for another scheme, an empty path or ``:memory:``
            (each connection would see a different, empty database).
    """
    if "://" in url:
        scheme, _, rest = url.partition("://")
        if scheme != "sqlite":
            raise DatabaseUrlError(
                f"unsupported database URL scheme {scheme!r}; use sqlite:///path"
            )
        if not rest.startswith("/"):
            raise DatabaseUrlError(
                "a sqlite URL needs three slashes: sqlite:///relative or sqlite:////absolute"
            )
        path_text = rest[1:]
    else:
        path_text = url
    if path_text in ("", ":memory:"):
        raise DatabaseUrlError("the central needs a database file shared by all its connections")
    return Path(path_text)


def _migrations() -> list[tuple[int, str]]:
    scripts = []
    for entry in resources.files("central.schema").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            scripts.append((int(name[:4]), entry.read_text(encoding="utf-8")))
    return sorted(scripts)


def _statements(script: str) -> Iterator[str]:
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        raise ValueError("schema script ends with an incomplete statement")


class Database:
    """A handle on the central's SQLite file; cheap to copy, safe across threads."""

    def __init__(self, url: str) -> None:
        self.path = database_path(url)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._migrate()

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        connection.row_factory = sqlite3.Row
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = NORMAL")
        return connection

    def _migrate(self) -> None:
        connection = self._connect()
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("BEGIN IMMEDIATE")
            try:
                version = int(connection.execute("PRAGMA user_version").fetchone()[0])
                for number, script in _migrations():
                    if number <= version:
                        continue
                    for statement in _statements(script):
                        connection.execute(statement)
                    connection.execute(f"PRAGMA user_version = {number}")
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
        finally:
            connection.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a unit of work holding the write lock; commit on success, roll back on error."""
        connection = self._connect()
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        finally:
            connection.close()

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """Run read-only queries on one consistent snapshot."""
        connection = self._connect()
        try:
            connection.execute("BEGIN")
            try:
                yield connection
            finally:
                connection.execute("ROLLBACK")
        finally:
            connection.close()
