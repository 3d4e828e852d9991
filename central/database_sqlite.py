"""The central's SQLite backend: a file in WAL mode, pooled connections, queued writers.

Connections are kept in a small pool and reused (opening one per unit of work
cost the old central ~25 ms under load). The journal is WAL, so readers never
wait for the writer. Writers must take turns, and SQLite's own way of waiting
(the busy handler) polls with sleeps of up to 100 ms, which under load lets a
writer wait for seconds while others keep getting in. So before ``BEGIN
IMMEDIATE`` a writer queues on a lock: a thread lock within the process, then
an ``flock`` on ``<database>-writer.lock`` across processes (several server
workers, the operators' command line). Both wake the next waiter at once. A
writer that does not take these locks (another program) still gets in through
the busy timeout. The schema is versioned with ``PRAGMA user_version``.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from central.database import Connection

BUSY_TIMEOUT_MS = 15_000
IDLE_CONNECTIONS = 16
"""Connections kept open for reuse; more may be open at busy moments, then closed."""


class SqliteBackend:
    """A SQLite file shared by the threads of this process and by other processes."""

    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._idle: list[sqlite3.Connection] = []
        self._idle_lock = threading.Lock()
        self._writer = threading.Lock()
        self._writer_file: int | None = None
        self._closed = False

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        connection.row_factory = sqlite3.Row
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = NORMAL")
        return connection

    def _acquire(self) -> sqlite3.Connection:
        with self._idle_lock:
            if self._idle:
                return self._idle.pop()
        return self._connect()

    def _release(self, connection: sqlite3.Connection) -> None:
        if not connection.in_transaction:
            with self._idle_lock:
                if not self._closed and len(self._idle) < IDLE_CONNECTIONS:
                    self._idle.append(connection)
                    return
        connection.close()

    @contextmanager
    def _queued_writer(self) -> Iterator[None]:
        """Wait for our turn among this database's writers, in this process and others."""
        with self._writer:
            if self._writer_file is None:
                lock_path = self.path.with_name(self.path.name + "-writer.lock")
                self._writer_file = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            fcntl.flock(self._writer_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._writer_file, fcntl.LOCK_UN)

    @contextmanager
    def _unit(self, begin: str) -> Iterator[sqlite3.Connection]:
        connection = self._acquire()
        try:
            connection.execute(begin)
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        finally:
            self._release(connection)

    @contextmanager
    def transaction(self, serialized: bool) -> Iterator[Connection]:
        # SQLite has one writer at a time: both kinds queue the same way.
        with self._queued_writer(), self._unit("BEGIN IMMEDIATE") as connection:
            yield connection

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        connection = self._acquire()
        try:
            connection.execute("BEGIN")
            try:
                yield connection
            finally:
                connection.execute("ROLLBACK")
        finally:
            self._release(connection)

    def migrate(self, scripts: list[tuple[int, list[str]]]) -> None:
        with self._queued_writer():
            connection = self._connect()
            try:
                connection.execute("PRAGMA journal_mode = WAL")
                connection.execute("BEGIN IMMEDIATE")
                try:
                    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
                    for number, statements in scripts:
                        if number <= version:
                            continue
                        for statement in statements:
                            connection.execute(statement)
                        connection.execute(f"PRAGMA user_version = {number}")
                    connection.execute("COMMIT")
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
            finally:
                connection.close()

    def has_schema(self) -> bool:
        return self.path.is_file()

    def close(self) -> None:
        with self._idle_lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()
        with self._writer:
            if self._writer_file is not None:
                os.close(self._writer_file)
                self._writer_file = None
