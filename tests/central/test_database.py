"""The central's database: URL forms, the schema on SQLite and PostgreSQL, units of work
that take turns (no lost update, whichever database), and what PostgreSQL needs translated."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from central.cli import main as cli_main
from central.database import (
    Database,
    DatabaseUrlError,
    database_exists,
    database_path,
    migrations,
    shown_url,
)
from tests.postgresql import DATABASES, PostgresCluster, fresh_database_url


@pytest.fixture(params=DATABASES)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    with Database(fresh_database_url(request.param, tmp_path, request)) as opened:
        yield opened


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:///central.db", Path("central.db")),
        ("sqlite:///data/central.db", Path("data/central.db")),
        ("sqlite:////var/lib/central.db", Path("/var/lib/central.db")),
        ("/tmp/central.db", Path("/tmp/central.db")),
    ],
)
def test_database_urls_name_files(url: str, path: Path) -> None:
    assert database_path(url) == path


@pytest.mark.parametrize(
    "url", ["postgres://db/central", "sqlite://central.db", "sqlite:///:memory:", ""]
)
def test_database_urls_that_cannot_be_shared_are_refused(url: str) -> None:
    with pytest.raises(DatabaseUrlError):
        database_path(url)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://central:s3cret@db.example:5432/central", "postgresql://central:***@db.example:5432/central"),
        ("postgres://central@/central?host=/run/postgresql", "postgres://central@/central?host=/run/postgresql"),
        ("sqlite:////var/lib/central.db", "sqlite:////var/lib/central.db"),
    ],
)  # fmt: skip
def test_operators_never_see_a_database_password(url: str, shown: str) -> None:
    assert shown_url(url) == shown


def test_new_sqlite_database_is_created_in_wal_mode_with_the_latest_schema(tmp_path: Path) -> None:
    with (
        Database(f"sqlite:///{tmp_path / 'nested' / 'central.db'}") as database,
        Database(
            f"sqlite:///{tmp_path / 'nested' / 'central.db'}"
        ),  # opening again changes nothing
        database.reading() as connection,
    ):
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA user_version").fetchone()[0] == migrations()[-1][0]


def _tables(database: Database) -> set[str]:
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        if database.dialect == "sqlite"
        else "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    )
    with database.reading() as connection:
        return {row[0] for row in connection.execute(query).fetchall()}


def test_both_databases_get_the_same_tables(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    with (
        Database(fresh_database_url("sqlite", tmp_path, request)) as sqlite,
        Database(fresh_database_url("postgresql", tmp_path, request)) as postgresql,
    ):
        assert {"applications", "idempotency_keys", "nonces", "settings"} <= _tables(sqlite)
        assert _tables(postgresql) - {"central_schema_version"} == _tables(sqlite)


def test_postgresql_schema_is_upgraded_once_and_then_left_alone(
    postgresql_cluster: PostgresCluster,
) -> None:
    url = postgresql_cluster.new_database()
    assert not database_exists(url)  # an empty schema is not yet a central's database
    with Database(url) as first, first.transaction() as connection:
        connection.execute("INSERT INTO settings (name, value) VALUES ('kept', 'yes')")
    with Database(url) as again, again.reading() as connection:
        assert connection.execute("SELECT value FROM settings").fetchone()["value"] == "yes"
        version = connection.execute("SELECT version FROM central_schema_version").fetchall()
    assert [row[0] for row in version] == [migrations()[-1][0]]
    assert database_exists(url)


def test_an_unreachable_postgresql_server_is_named_without_its_password(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUrlError, match=r"cannot connect .*postgresql://central:\*\*\*@"):
        Database(f"postgresql://central:s3cret@/central?host={tmp_path}")


def test_rows_are_read_by_column_name_or_position(database: Database) -> None:
    with database.transaction() as connection:
        connection.execute(
            "INSERT INTO central_keys (key_id, private_key, public_key, created_at, not_after) "
            "VALUES (?, ?, ?, ?, ?)",
            ("k1", b"\x00\xff", b"\x01", "2026-01-01T00:00:00Z", "2036-01-01T00:00:00Z"),
        )
    with database.reading() as connection:
        row = connection.execute("SELECT key_id, private_key FROM central_keys").fetchone()
    assert (row["key_id"], row[0], bytes(row["private_key"])) == ("k1", "k1", b"\x00\xff")
    assert dict(row) == {"key_id": "k1", "private_key": row["private_key"]}
    (key_id, _) = row
    assert key_id == "k1"


def test_text_compares_byte_by_byte_as_sqlite_does(database: Database) -> None:
    names = ["b", "B", "a-z", "a_z", "az", "Ä", "中"]
    with database.transaction() as connection:
        for name in names:
            connection.execute("INSERT INTO settings (name, value) VALUES (?, '')", (name,))
    with database.reading() as connection:
        rows = connection.execute("SELECT name FROM settings ORDER BY name").fetchall()
    ordered = [row[0] for row in rows]
    assert ordered == sorted(names, key=lambda name: name.encode())


def test_a_literal_percent_sign_and_question_mark_pass_unharmed(database: Database) -> None:
    with database.transaction() as connection:
        connection.execute("INSERT INTO settings (name, value) VALUES ('?%', ?)", ("100%?",))
    with database.reading() as connection:
        row = connection.execute(
            "SELECT name, value FROM settings WHERE value LIKE '%?'"
        ).fetchone()
    assert (row[0], row[1]) == ("?%", "100%?")


def _insert_then_fail(database: Database) -> None:
    with database.transaction() as connection:
        connection.execute("INSERT INTO counters (name, value) VALUES ('x', 1)")
        raise RuntimeError("boom")


def test_failed_unit_of_work_leaves_nothing_behind(database: Database) -> None:
    with pytest.raises(RuntimeError, match="boom"):
        _insert_then_fail(database)
    with database.reading() as connection:
        assert connection.execute("SELECT COUNT(*) FROM counters").fetchone()[0] == 0


def _insert_twice(database: Database) -> None:
    with database.transaction() as connection:
        connection.execute("INSERT INTO settings (name, value) VALUES ('one', '1')")
        connection.execute("INSERT INTO settings (name, value) VALUES ('one', '2')")


def test_a_failed_statement_leaves_the_pooled_connection_usable(database: Database) -> None:
    with pytest.raises(Exception, match="(?i)unique|constraint"):  # noqa: PT011 - the driver's own
        _insert_twice(database)
    for _ in range(20):  # more than the pool holds: every connection was given back clean
        with database.transaction() as connection:
            assert connection.execute("SELECT COUNT(*) FROM settings").fetchone()[0] == 0


def test_serialized_units_of_work_lose_no_update_across_databases_and_threads(
    database: Database,
) -> None:
    """Each thread reads the counter, waits a moment, writes it plus one: without turns,
    two threads would read the same value and one update would be lost."""
    with database.transaction() as connection:
        connection.execute("INSERT INTO counters (name, value) VALUES ('race', 0)")
    # A second handle on the same database stands for another server process.
    other = Database(database.url)
    start = threading.Barrier(6)
    failures: list[BaseException] = []

    def increment(handle: Database) -> None:
        try:
            start.wait()
            for _ in range(5):
                with handle.transaction() as connection:
                    value = connection.execute(
                        "SELECT value FROM counters WHERE name = 'race'"
                    ).fetchone()[0]
                    time.sleep(0.002)  # widen the window a lost update would need
                    connection.execute(
                        "UPDATE counters SET value = ? WHERE name = 'race'", (value + 1,)
                    )
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)

    threads = [
        threading.Thread(target=increment, args=(database if n % 2 else other,)) for n in range(6)
    ]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        other.close()
    assert not failures
    with database.reading() as connection:
        assert (
            connection.execute("SELECT value FROM counters WHERE name = 'race'").fetchone()[0] == 30
        )


def test_plain_units_of_work_on_postgresql_do_not_queue_behind_serialized_ones(
    postgresql_cluster: PostgresCluster,
) -> None:
    with Database(postgresql_cluster.new_database()) as database:
        holding, release = threading.Event(), threading.Event()

        def hold_the_turn() -> None:
            with database.transaction() as connection:
                connection.execute("INSERT INTO settings (name, value) VALUES ('held', '1')")
                holding.set()
                release.wait(timeout=30)

        holder = threading.Thread(target=hold_the_turn)
        holder.start()
        try:
            assert holding.wait(timeout=30)
            with database.transaction(serialized=False) as connection:
                connection.execute("INSERT INTO nonces (nonce, seen_at) VALUES ('n1', 1.5)")
            # Done while the other still holds the writers' turn.
            assert holder.is_alive()
        finally:
            release.set()
            holder.join(timeout=30)
        with database.reading() as connection:
            assert connection.execute("SELECT COUNT(*) FROM settings").fetchone()[0] == 1
            assert connection.execute("SELECT seen_at FROM nonces").fetchone()[0] == 1.5


@given(
    st.lists(
        st.one_of(
            st.text(alphabet="ab ?%(),=", max_size=6),
            st.text(alphabet="ab ?%", max_size=6).map(lambda text: "'" + text + "'"),
        ),
        max_size=8,
    )
)
def test_sqlite_placeholders_become_psycopg_ones_outside_literals_only(parts: list[str]) -> None:
    from central.database_postgresql import placeholders

    sql = "".join(parts)
    translated = placeholders(sql)
    # Inside quotes nothing but "%" changes; outside, "?" is a parameter.
    assert translated.replace("%s", "?").replace("%%", "%") == sql
    outside = "".join(part for part in parts if not part.startswith("'"))
    assert translated.count("%s") == outside.count("?")


def test_commands_refuse_a_postgresql_database_the_central_never_set_up(
    postgresql_cluster: PostgresCluster, capsys: pytest.CaptureFixture[str]
) -> None:
    url = postgresql_cluster.new_database()

    assert cli_main(["--database", url, "applications"]) == 1
    said = capsys.readouterr().err
    assert f"there is no database at {url}" in said
    # A command that sets a sandbox up makes the tables; then the others work on it.
    assert cli_main(["--database", url, "enrolment-code", "--kiosk-id", "K-1", "--site", "厅"]) == 0
    capsys.readouterr()
    assert cli_main(["--database", url, "applications", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_serve_refuses_fewer_than_one_worker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    assert cli_main(["--database", url, "serve", "--workers", "0"]) == 1
    assert "--workers must be at least 1" in capsys.readouterr().err
