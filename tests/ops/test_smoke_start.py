"""`kiosk --smoke`: the set-up check's start, attract screen and catalogue, then a clean exit."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.ops.conftest import kiosk_env, sandboxes_of


def test_installer_smoke_starts_the_kiosk_and_it_leaves_nothing_behind(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"

    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--smoke", "--windowed", "--data-dir", str(data_dir)],
        env=kiosk_env(),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(lines) == 2, done.stdout
    assert re.fullmatch(r"attract screen shown in \d+ ms", lines[0])
    assert re.fullmatch(r"central connected, catalogue: [1-9]\d* services", lines[1])
    assert sandboxes_of(data_dir) == []


def test_installer_smoke_says_so_when_the_central_does_not_come(tmp_path: Path) -> None:
    # Port 9 (discard) on loopback: nothing answers there.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "--smoke",
            "--windowed",
            "--data-dir",
            str(tmp_path / "data"),
            "--central",
            "http://127.0.0.1:9",
        ],
        env=kiosk_env(),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    lines = done.stdout.splitlines()
    assert done.returncode == 1, done.stdout + done.stderr
    assert re.fullmatch(r"attract screen shown in \d+ ms", lines[0])
    assert lines[-1].startswith("smoke: the central did not connect"), done.stdout
