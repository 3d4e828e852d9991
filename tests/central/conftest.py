"""Fixtures for the central sandbox tests: a real HTTP server, a fresh central per test, enrolled kiosks.

One uvicorn server runs for the whole session; each test installs a new
central behind it (own database and clock), so tests are isolated without
paying for a server start each time.

A central's database is SQLite unless the test module is marked
``pytest.mark.both_databases``: then each of its tests runs on SQLite and on
PostgreSQL (a throwaway cluster, ``tests/postgresql.py``; skipped where the
server is not installed, failed under CI).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.central.support import Central, HttpServer, Kiosk, running_server
from tests.postgresql import DATABASES, fresh_database_url


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "database_kind" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_databases"
    ):
        metafunc.parametrize("database_kind", DATABASES, scope="module")


@pytest.fixture(scope="module")
def database_kind() -> str:
    """The central's database engine (both, in modules marked ``both_databases``)."""
    return "sqlite"


@pytest.fixture(scope="session")
def http_server() -> Iterator[HttpServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def central(
    http_server: HttpServer, tmp_path: Path, database_kind: str, request: pytest.FixtureRequest
) -> Iterator[Central]:
    yield http_server.install(fresh_database_url(database_kind, tmp_path, request))
    http_server.uninstall()


@pytest.fixture
def kiosk(central: Central) -> Iterator[Kiosk]:
    enrolled = central.enrol("K-330702-0001")
    yield enrolled
    enrolled.session.close()


@pytest.fixture
def other_kiosk(central: Central) -> Iterator[Kiosk]:
    enrolled = central.enrol("K-330782-0002")
    yield enrolled
    enrolled.session.close()


@pytest.fixture(scope="module")
def shared_central(
    http_server: HttpServer,
    tmp_path_factory: pytest.TempPathFactory,
    database_kind: str,
    request: pytest.FixtureRequest,
) -> Iterator[Central]:
    """One central for a whole module (for hypothesis, which reruns a test many times)."""
    folder = tmp_path_factory.mktemp("central")
    yield http_server.install(fresh_database_url(database_kind, folder, request))
    http_server.uninstall()
