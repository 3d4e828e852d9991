"""Benchmark: process start → attract screen painted, against a bare PySide6 window.

Run: .venv/bin/python bench/bench_start_to_attract.py [--runs 5]

Both sides are timed by this parent process with one clock (``time.monotonic``):
from just before it starts the child to the moment the child's line saying "shown"
arrives. A process's own creation time reads about 95 ms early on this machine,
so neither side measures itself. The kiosk is ``python -m kiosk --smoke`` on its
embedded defaults in a fresh data directory (it reports its first paint of the
attract screen; the central it starts alongside is not waited for); the bare
window is a QApplication and one QWidget, reporting its first paint the same way.
Runs alternate between the two, so a busy moment of the machine hits both. Prints
each side's median and best, and the ratio of the medians (target: at most 1.5).
The kiosk's modules are compiled to bytecode first, as scripts/run-kiosk leaves
them (PySide's came compiled with its wheel); ``--no-bytecode`` measures a kiosk
that compiles them at each start instead.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("kiosk", "screens", "devices", "offline_cache", "central")

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(1920, 1080)

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
        return False

watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def time_until_shown(command: list[str], env: dict[str, str], marker: str) -> float:
    """Seconds from starting ``command`` to the first line of its stdout holding ``marker``."""
    started = time.monotonic()
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT
    )
    try:
        assert child.stdout is not None
        for line in child.stdout:
            if marker in line:
                return time.monotonic() - started
        raise RuntimeError(f"{command[:3]} ended without saying {marker!r}")
    finally:
        child.kill()
        child.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-bytecode", action="store_true", help="remove the kiosk's bytecode")
    args = parser.parse_args()
    for package in PACKAGES:
        if args.no_bytecode:
            for cache in (ROOT / package).rglob("__pycache__"):
                shutil.rmtree(cache)
        else:
            compileall.compile_dir(ROOT / package, quiet=1)
    print(f"kiosk modules: {'no bytecode' if args.no_bytecode else 'compiled to bytecode'}")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    if args.no_bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"  # and none written by the first run either
    bare: list[float] = []
    kiosk: list[float] = []
    time_until_shown([sys.executable, "-c", BARE_WINDOW], env, "shown")  # warm the file cache
    for run in range(args.runs):
        bare.append(time_until_shown([sys.executable, "-c", BARE_WINDOW], env, "shown"))
        with tempfile.TemporaryDirectory() as data_dir:
            command = [sys.executable, "-m", "kiosk", "--smoke", "--data-dir", data_dir]
            kiosk.append(time_until_shown(command, env, "attract screen shown"))
        print(
            f"run {run + 1}: bare window {bare[-1] * 1000:.0f} ms, kiosk {kiosk[-1] * 1000:.0f} ms"
        )
    bare_median, kiosk_median = statistics.median(bare), statistics.median(kiosk)
    print(
        f"bare PySide6 window: median {bare_median * 1000:.0f} ms, best {min(bare) * 1000:.0f} ms"
    )
    print(
        f"kiosk attract screen: median {kiosk_median * 1000:.0f} ms, best {min(kiosk) * 1000:.0f} ms"
    )
    print(f"ratio of the medians: {kiosk_median / bare_median:.2f} (target <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
