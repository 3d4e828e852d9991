"""Fixtures for the central sandbox tests: a running central and enrolled kiosks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.central.support import Central, Kiosk, running_central


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    with running_central(tmp_path / "central.db") as running:
        yield running


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
def shared_central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Central]:
    """One central for a whole module (for hypothesis, which reruns a test many times)."""
    with running_central(tmp_path_factory.mktemp("central") / "central.db") as running:
        yield running
