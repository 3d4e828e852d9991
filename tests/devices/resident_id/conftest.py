"""Fixtures: a private SAM simulator per test, a serial reader on it, the SDK stand-in."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from devices.resident_id import SerialResidentIdReader
from tests.devices.resident_id.sam_simulator import SamSimulator

STANDIN_SOURCE = Path(__file__).with_name("sdk_standin.c")


@pytest.fixture
def start_simulator(tmp_path: Path) -> Iterator[Callable[..., SamSimulator]]:
    """Start simulators with a card, faults and options; all are stopped at the end."""
    running: list[SamSimulator] = []

    def start(**options: Any) -> SamSimulator:
        simulator = SamSimulator(tmp_path / f"sim{len(running)}", **options)
        running.append(simulator)
        return simulator

    yield start
    for simulator in running:
        simulator.stop()


@pytest.fixture
def open_reader() -> Iterator[Callable[..., SerialResidentIdReader]]:
    """Serial readers with test-friendly timeouts; all are closed at the end."""
    readers: list[SerialResidentIdReader] = []

    def make(port: str, **options: Any) -> SerialResidentIdReader:
        options.setdefault("timeout_s", 0.25)
        reader = SerialResidentIdReader(port, **options)
        readers.append(reader)
        return reader

    yield make
    for reader in readers:
        reader.close()


@pytest.fixture(scope="session")
def standin_library_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SDK stand-in compiled once per session from sdk_standin.c."""
    gcc = shutil.which("gcc")
    if gcc is None:
        reason = "gcc not found: cannot build the SDK stand-in library"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("standin") / "libsdtapi_standin.so"
    subprocess.run(
        [gcc, "-std=c11", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC", "-o", str(out),
         str(STANDIN_SOURCE)],
        check=True,
    )  # fmt: skip
    return out


@pytest.fixture
def standin_library(standin_library_build: Path, tmp_path: Path) -> Path:
    """A private copy per test: a new file is a new dlopen handle, so no state leaks."""
    copy = tmp_path / standin_library_build.name
    shutil.copyfile(standin_library_build, copy)
    return copy
