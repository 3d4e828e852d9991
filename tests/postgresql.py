"""A throwaway PostgreSQL cluster for the central's tests and benchmarks.

``initdb`` makes a cluster in a new temporary folder and ``pg_ctl`` starts its
server listening on a Unix socket in that folder only (no TCP port to clash
with anything). The server refuses to run as root, so when the tests run as
root it runs as the ``postgres`` account (Debian's package makes it), else as
``nobody``. Each central gets a schema of its own (:meth:`PostgresCluster.new_database`),
named in its URL's ``search_path``: quicker than a database per test and as
separate. :meth:`PostgresCluster.stop` stops the server and deletes the folder.

The server binaries are looked for on ``PATH``, then in Debian's
``/usr/lib/postgresql/<version>/bin`` (newest first); ``KIOSK_POSTGRESQL_BIN``
names another folder.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

USER = "central"
DATABASE = "central"
DATABASES = ("sqlite", "postgresql")
"""The central's databases, as test parameters."""


def server_binaries() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, if they are installed."""
    given = os.environ.get("KIOSK_POSTGRESQL_BIN")
    candidates = [Path(given)] if given else []
    found = shutil.which("initdb")
    if found:
        candidates.append(Path(found).parent)
    debian = Path("/usr/lib/postgresql")
    if debian.is_dir():
        versions = [d for d in debian.iterdir() if d.name.isdigit()]
        candidates += [d / "bin" for d in sorted(versions, key=lambda d: -int(d.name))]
    for folder in candidates:
        if all((folder / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def driver_missing() -> str | None:
    """Why the central cannot talk to PostgreSQL from here, or ``None`` if it can."""
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401
    except ImportError as exc:
        return f"the PostgreSQL driver is not installed ({exc.name}; pip extra 'postgresql')"
    return None


def _server_account() -> pwd.struct_passwd | None:
    """Whom the server runs as: ``None`` (ourselves) unless we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError(
        "running as root, and there is no postgres or nobody account to run the server"
    )


class PostgresCluster:
    """A PostgreSQL server of our own in a temporary folder, on a Unix socket there.

    ``durable=False`` (tests) turns off fsync and synchronous commit: a crash of the
    machine may lose the cluster, which is thrown away anyway. Benchmarks keep the
    defaults, as a real deployment would. ``settings``: more server settings.
    """

    def __init__(
        self,
        binaries: Path,
        *,
        durable: bool = False,
        max_connections: int = 300,
        settings: dict[str, str] | None = None,
    ):
        self.binaries = binaries
        self.durable = durable
        self.settings = settings or {}
        self.max_connections = max_connections
        self.folder = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self._account = _server_account()
        self._started = False

    def _run(self, *args: str) -> None:
        account = self._account
        done = subprocess.run(
            [str(self.binaries / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            stdin=subprocess.DEVNULL,
            user=account.pw_uid if account else None,
            group=account.pw_gid if account else None,
            extra_groups=[] if account else None,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stderr[-2000:]}")

    def start(self) -> PostgresCluster:
        """initdb and start the server; returns itself once it accepts connections."""
        if self._account is not None:
            os.chown(self.folder, self._account.pw_uid, self._account.pw_gid)
        sync = [] if self.durable else ["--no-sync"]
        self._run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", USER, "-E", "UTF8",
            "--locale=C", *sync,
        )  # fmt: skip
        options = [
            f"-k {self.folder}",
            "-c listen_addresses=''",
            f"-c max_connections={self.max_connections}",
        ]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        options += [f"-c {name}={value}" for name, value in self.settings.items()]
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
            "-o", " ".join(options), "start",
        )  # fmt: skip
        self._started = True
        self._create_database()
        return self

    def _create_database(self) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')

    def url(self, database: str = DATABASE, *, schema: str | None = None) -> str:
        """The URL of ``database`` (with ``search_path`` set to ``schema`` if given)."""
        url = f"postgresql://{USER}@/{database}?host={quote(str(self.folder), safe='/')}"
        if schema is not None:
            url += "&options=" + quote(f"-csearch_path={schema}", safe="")
        return url

    def new_database(self) -> str:
        """A URL of an empty schema of its own: a fresh, empty database for one central."""
        import psycopg

        schema = "central_" + secrets.token_hex(6)
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{schema}"')
        return self.url(schema=schema)

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete the folder."""
        try:
            if self._started:
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")
                self._started = False
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> PostgresCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def unavailable() -> str | None:
    """Why no PostgreSQL cluster can be started here, or ``None``."""
    if server_binaries() is None:
        return (
            "the PostgreSQL server is not installed (initdb, pg_ctl and postgres;"
            " apt-get install postgresql)"
        )
    return driver_missing()


@pytest.fixture(scope="session")
def postgresql_cluster() -> Iterator[PostgresCluster]:
    """A PostgreSQL server for the whole session, started when a test first needs it."""
    reason = unavailable()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL unavailable under CI: {reason}")
        pytest.skip(f"PostgreSQL unavailable: {reason}")
    binaries = server_binaries()
    assert binaries is not None
    cluster = PostgresCluster(binaries).start()
    try:
        yield cluster
    finally:
        cluster.stop()


def fresh_database_url(kind: str, folder: Path, request: pytest.FixtureRequest) -> str:
    """A new, empty database of ``kind`` for one central (a file in ``folder``, or a schema)."""
    if kind == "sqlite":
        return f"sqlite:///{folder / 'central.db'}"
    if kind == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgresql_cluster")
        return cluster.new_database()
    raise ValueError(f"no such database kind {kind!r}")
