"""One SQLite database file per kiosk, with numbered migrations.

Schema changes are numbered SQL files applied in order by ``PRAGMA user_version``;
the database is never reset on a schema change, because that would lose
submissions not yet sent. Connections are per thread (the sync worker and the
UI-side jobs both use the store); WAL lets them read while one writes.

The store holds personal data until it is purged, so it is private: its folder
is made 0700 and the database file 0600 (SQLite gives its -wal and -shm files
the database's mode), deleted content is overwritten (``secure_delete``), and
`Database.checkpoint` empties the write-ahead log after a purge.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
_BUSY_TIMEOUT_MS = 10_000
_CHECKPOINT_WAIT_MS = 200


class StorageError(Exception):
    """The local store could not be read or written."""


class StorageFullError(StorageError):
    """The disk is full: nothing new can be stored until space is freed."""


def private_directory(path: Path) -> Path:
    """Make ``path`` (and missing parents) if needed; a folder made here is 0700.

    An existing folder keeps its mode: it may be shared (a parent, a test's).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.mkdir(path, PRIVATE_DIR_MODE)
        os.chmod(path, PRIVATE_DIR_MODE)  # mkdir's mode passes through the umask
    return path


def make_private(path: Path) -> None:
    """Take group and other permissions off an existing file (0600 for a 0644 one)."""
    with contextlib.suppress(FileNotFoundError):
        mode = os.stat(path).st_mode & 0o777
        if mode & 0o077:
            os.chmod(path, mode & PRIVATE_FILE_MODE)


def _sha256_hex(value: str | bytes | None) -> str | None:
    if value is None:
        return None
    data = value.encode("utf-8") if isinstance(value, str) else bytes(value)
    return hashlib.sha256(data).hexdigest()


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("offline_cache") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


class Database:
    """A migrated SQLite database; use `Database.open` or `Database.in_memory`."""

    def __init__(self, uri: str, *, shared_memory: bool = False, path: Path | None = None) -> None:
        self._uri = uri
        self._path = path
        self._local = threading.local()
        # An in-memory database lives as long as one connection to it does.
        self._keeper = self._connect() if shared_memory else None
        self._migrate()

    @classmethod
    def open(cls, path: Path) -> Database:
        """The database file ``path``, made private (0600 in a 0700 folder made here)."""
        private_directory(path.parent)
        # Made before SQLite opens it, so it is never readable by others, even briefly;
        # SQLite makes the -wal and -shm files with the database file's mode.
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
        for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
            make_private(name)  # made by an earlier version, 0644
        return cls(f"file:{path}", path=path)

    @classmethod
    def in_memory(cls, name: str = "kiosk") -> Database:
        return cls(f"file:{name}?mode=memory&cache=shared", shared_memory=True)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self._uri, uri=True, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
        conn.row_factory = sqlite3.Row
        conn.create_function("sha256_hex", 1, _sha256_hex, deterministic=True)
        conn.execute("PRAGMA foreign_keys = ON")
        # Deleted and overwritten content is zeroed, not left in free space.
        conn.execute("PRAGMA secure_delete = ON")
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
    def transaction(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, with SQLite errors turned into StorageError.

        ``durable=False`` commits without waiting for the disk (``synchronous =
        NORMAL`` for this transaction alone). In WAL mode that commit is in the log
        before COMMIT returns, so it survives the process dying (a crash, SIGKILL)
        as a FULL one does; only a power cut or a crash of the machine may take it
        back, whole (the database stays consistent, as of an earlier commit), and
        the next durable commit, or a checkpoint, makes it durable too. Only for
        what may be lost that way: records the kiosk can make again (a send's
        lease, a 2xx recorded: the row is then sent again with its own
        idempotency key, and the central answers as before), never what a citizen
        was told is kept.
        """
        conn = self.connection
        relaxed = not durable and self._path is not None
        try:
            if relaxed:
                conn.execute("PRAGMA synchronous = NORMAL")
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
            finally:
                if relaxed:
                    conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            raise _storage_error(exc) from exc

    def checkpoint(self) -> bool:
        """Copy the write-ahead log into the database and empty it; False if it could not
        be emptied now (a reader holds it: the next checkpoint does it)."""
        if self._path is None:
            return True  # in memory: no log on disk
        conn = self.connection
        try:
            # TRUNCATE waits for readers of older snapshots: briefly, never the 10 s a
            # write may wait. A log left full is emptied by the next checkpoint.
            conn.execute(f"PRAGMA busy_timeout = {_CHECKPOINT_WAIT_MS}")
            try:
                busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            finally:
                conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        except sqlite3.Error:
            log.warning("could not checkpoint the database's write-ahead log", exc_info=True)
            return False
        return not busy

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
