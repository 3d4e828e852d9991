"""The sync tests' store is a real SQLite file (WAL, journal and all), and their
local central answers from a script."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from offline_cache.db import Database
from tests.sync.scripted_central import ScriptedCentral


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "data" / "kiosk.sqlite3")
    yield database
    database.close()


@pytest.fixture
def central() -> Iterator[ScriptedCentral]:
    server = ScriptedCentral()
    yield server
    server.close()
