"""The central's database, SQLite or PostgreSQL, behind one small interface.

The database is named by a URL: ``sqlite:///relative/path``,
``sqlite:////absolute/path`` or a plain file path for SQLite;
``postgresql://user:password@host:port/dbname`` (any libpq URL, e.g.
``postgresql:///central?host=/run/postgresql``) for PostgreSQL. Handlers see
a :class:`Connection` whose ``execute(sql, parameters)`` takes SQLite's ``?``
placeholders on both, and rows read by column name or position.

Connections are kept and reused (a pool per process), never opened per
request. Units of work come in two kinds:

* :meth:`Database.transaction` (``serialized=True``, the default) runs alone
  among the writers of every process on the database, so a read followed by
  a write inside it cannot race (the idempotency claim, the print-once check,
  counters, reservations): SQLite's ``BEGIN IMMEDIATE``, PostgreSQL's
  transaction-scoped advisory lock. Writers queue for it in order instead of
  polling (see the two backends).
* ``transaction(serialized=False)`` is for work that is correct by itself
  under PostgreSQL's READ COMMITTED: inserts guarded by a unique key and
  single-statement updates (a signature's nonce, a heartbeat). On PostgreSQL
  it does not wait for the other writers; on SQLite it is the same as the
  other kind (one writer at a time is all SQLite has).

:meth:`Database.reading` reads one consistent snapshot without blocking
writers. The schema is upgraded from the numbered scripts in
``central/schema`` (portable SQL: PostgreSQL gets them with SQLite's types
translated, see :mod:`central.database_postgresql`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

POSTGRESQL_SCHEMES = ("postgresql", "postgres")


class DatabaseUrlError(ValueError):
    """The database URL names no usable database."""


class Cursor(Protocol):
    """What ``execute`` returns: rows to fetch, or how many rows a change touched."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """A connection inside a unit of work; SQL with ``?`` placeholders."""

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor: ...


class Row(Protocol):
    """A row: ``row["column"]``, ``row[0]``, ``dict(row)``."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def keys(self) -> list[str]: ...


class Backend(Protocol):
    """What a database engine provides (:mod:`central.database_sqlite`, ``_postgresql``)."""

    dialect: str

    def migrate(self, scripts: list[tuple[int, list[str]]]) -> None: ...

    def has_schema(self) -> bool: ...

    def transaction(self, serialized: bool) -> AbstractContextManager[Connection]: ...

    def reading(self) -> AbstractContextManager[Connection]: ...

    def close(self) -> None: ...


def is_postgresql(url: str) -> bool:
    """Whether ``url`` names a PostgreSQL database."""
    return url.partition("://")[0].lower() in POSTGRESQL_SCHEMES and "://" in url


def database_path(url: str) -> Path:
    """Return the file path named by a SQLite URL or plain path.

    Raises:
        DatabaseUrlError: for another scheme, an empty path or ``:memory:``
            (each connection would see a different, empty database).
    """
    if "://" in url:
        scheme, _, rest = url.partition("://")
        if scheme != "sqlite":
            raise DatabaseUrlError(
                f"unsupported database URL scheme {scheme!r}; use sqlite:///path or"
                " postgresql://user@host/dbname"
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


def shown_url(url: str) -> str:
    """``url`` fit to print: a PostgreSQL password replaced by ``***``."""
    if not is_postgresql(url):
        return url
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def migrations() -> list[tuple[int, list[str]]]:
    """The schema scripts in order: ``(number, statements)``."""
    scripts = []
    for entry in resources.files("central.schema").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            scripts.append((int(name[:4]), list(_statements(entry.read_text(encoding="utf-8")))))
    return sorted(scripts)


def _statements(script: str) -> Iterator[str]:
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip().rstrip(";")
            buffer = ""
    if buffer.strip():
        raise ValueError("schema script ends with an incomplete statement")


def _backend(url: str) -> Backend:
    if is_postgresql(url):
        from central.database_postgresql import PostgresBackend

        return PostgresBackend(url)
    from central.database_sqlite import SqliteBackend

    return SqliteBackend(database_path(url))


class Database:
    """The central's database: pooled connections, units of work; safe across threads.

    Opening it creates (SQLite: the file) and upgrades the schema. Close it when
    done (:meth:`close`, or use it as a context manager) to let its connections go.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self._backend = _backend(url)
        self.dialect = self._backend.dialect
        try:
            self._backend.migrate(migrations())
        except BaseException:
            self._backend.close()
            raise

    def transaction(self, *, serialized: bool = True) -> AbstractContextManager[Connection]:
        """A unit of work: commits on success, rolls back on error (see the module's notes)."""
        return self._backend.transaction(serialized)

    def reading(self) -> AbstractContextManager[Connection]:
        """Read-only queries on one consistent snapshot."""
        return self._backend.reading()

    def close(self) -> None:
        """Close the pooled connections (units of work already running finish first)."""
        self._backend.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def database_exists(url: str) -> bool:
    """Whether ``url`` names a central's database already set up (without creating one)."""
    if not is_postgresql(url):
        return database_path(url).is_file()
    from central.database_postgresql import PostgresBackend

    backend = PostgresBackend(url, pool_size=1)
    try:
        return backend.has_schema()
    finally:
        backend.close()
