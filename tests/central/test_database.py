"""The database URL forms the CLI and the kiosk use, and schema upgrades."""

from __future__ import annotations

from pathlib import Path

import pytest

from central.database import Database, DatabaseUrlError, database_path


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


def test_new_database_is_created_in_wal_mode_with_the_latest_schema(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'nested' / 'central.db'}")
    Database(f"sqlite:///{tmp_path / 'nested' / 'central.db'}")  # opening again changes nothing

    with database.reading() as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 2
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    assert {"applications", "idempotency_keys", "nonces", "queue_tickets", "settings"} <= tables


def _insert_then_fail(database: Database) -> None:
    with database.transaction() as connection:
        connection.execute("INSERT INTO counters (name, value) VALUES ('x', 1)")
        raise RuntimeError("boom")


def test_failed_unit_of_work_leaves_nothing_behind(tmp_path: Path) -> None:
    database = Database(str(tmp_path / "central.db"))
    with pytest.raises(RuntimeError, match="boom"):
        _insert_then_fail(database)
    with database.reading() as connection:
        assert connection.execute("SELECT COUNT(*) FROM counters").fetchone()[0] == 0
