"""Fixtures for the central sandbox tests: a real HTTP server, a fresh central per test, enrolled kiosks.

One uvicorn server runs for the whole session; each test installs a new
central behind it (own database and clock), so tests are isolated without
paying for a server start each time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.central.support import Central, HttpServer, Kiosk, running_server


@pytest.fixture(scope="session")
def http_server() -> Iterator[HttpServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def central(http_server: HttpServer, tmp_path: Path) -> Central:
    return http_server.install(tmp_path / "central.db")


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
def shared_central(http_server: HttpServer, tmp_path_factory: pytest.TempPathFactory) -> Central:
    """One central for a whole module (for hypothesis, which reruns a test many times)."""
    return http_server.install(tmp_path_factory.mktemp("central") / "central.db")
