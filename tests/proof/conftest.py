"""The central the proofs run against: the sandbox under uvicorn, on each database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.proof import DATABASES, WORKERS, CentralProcess, database_url


@pytest.fixture(params=DATABASES)
def central(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CentralProcess]:
    folder = tmp_path / "central"
    folder.mkdir()
    process = CentralProcess(
        database_url(request.param, folder, request), folder, workers=WORKERS[request.param]
    )
    yield process
    process.stop()
