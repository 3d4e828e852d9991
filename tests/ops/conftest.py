"""Fixtures for the operations tests: the real kiosk as a process, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

START_TIMEOUT_S = 60.0


def kiosk_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def sandboxes_of(data_dir: Path) -> list[psutil.Process]:
    """Every live central sandbox serving ``data_dir`` (its port file is on its command line)."""
    port_file = str(data_dir / "central-sandbox" / "port")
    found = []
    for process in psutil.process_iter(["cmdline", "status"]):
        cmdline = process.info["cmdline"] or []
        if port_file in cmdline and process.info["status"] != psutil.STATUS_ZOMBIE:
            found.append(process)
    return found


@dataclass
class RunningKiosk:
    """A kiosk process and its central sandbox child."""

    process: subprocess.Popen[bytes]
    sandbox: psutil.Process
    data_dir: Path
    log: Path


@pytest.fixture
def running_kiosk(tmp_path: Path) -> Iterator[RunningKiosk]:
    """`python -m kiosk --windowed` on a fresh data directory, once its sandbox is up."""
    data_dir = tmp_path / "data"
    log = tmp_path / "kiosk.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--windowed", "--data-dir", str(data_dir)],
            env=kiosk_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        port_file = data_dir / "central-sandbox" / "port"
        deadline = time.monotonic() + START_TIMEOUT_S
        while not (port_file.is_file() and port_file.read_text().strip().isdigit()):
            assert process.poll() is None, f"the kiosk exited early:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"no sandbox came up:\n{log.read_text()}"
            time.sleep(0.05)
        children = [
            child
            for child in psutil.Process(process.pid).children()
            if str(port_file) in (child.cmdline() or [])  # not its enrolment-code sibling
        ]
        assert len(children) == 1, f"expected one sandbox child, found {children}"
        yield RunningKiosk(process, children[0], data_dir, log)
    finally:
        for leftover in [*sandboxes_of(data_dir)]:
            leftover.kill()
        if process.poll() is None:
            process.kill()
            process.wait(10)
