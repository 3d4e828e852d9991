"""One running kiosk per data directory, and a way for the CLI to know it runs.

The kiosk holds an exclusive ``flock`` on ``<data_dir>/kiosk.pid`` (with its
pid written in it) from start to close. A second kiosk on the same data
directory is refused, and a technician command can tell whether a simulated
device it would drive lives inside a running kiosk. The lock, not the file,
is the truth: the kernel drops it when the process dies, so a stale file left
by a crash never blocks a restart. Qt-free.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from pathlib import Path
from typing import IO

from kiosk.config import KioskConfig

PID_FILE = "kiosk.pid"
IN_PROCESS_DRIVERS = frozenset({"simulated"})
"""Drivers whose device lives inside the process that built it: a simulator."""
_DEVICE_WORDS = {
    "id_reader": "identity reader",
    "receipt_printer": "receipt printer",
}


class KioskAlreadyRunning(RuntimeError):
    """Another kiosk holds the data directory."""


class KioskInstance:
    """The lock a running kiosk holds on its data directory; `release` ends it."""

    def __init__(self, path: Path, handle: IO[str]) -> None:
        self.path = path
        self._handle: IO[str] | None = handle

    @classmethod
    def acquire(cls, data_dir: Path, *, wait_s: float = 1.0) -> KioskInstance:
        """Take the data directory for this process; raises KioskAlreadyRunning.

        Waits up to ``wait_s`` for the lock: a CLI's probe (`running_kiosk`)
        holds it for an instant and must not make a starting kiosk give up.
        """
        data_dir.mkdir(parents=True, exist_ok=True)
        path = data_dir / PID_FILE
        deadline = time.monotonic() + wait_s
        while True:
            # "a+": opening must not truncate the pid of a kiosk that holds the lock.
            handle = path.open("a+", encoding="ascii")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                pid = handle.read().strip() or "?"
                handle.close()
                if time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                raise KioskAlreadyRunning(
                    f"another kiosk (pid {pid}) is already running on {data_dir};"
                    " stop it first, or give this one another --data-dir"
                ) from None
            if _same_file(handle, path):
                break
            # The kiosk we waited for removed the file: lock the one that is there now.
            handle.close()
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        return cls(path, handle)

    def release(self) -> None:
        """Remove the pid file and drop the lock (idempotent)."""
        handle, self._handle = self._handle, None
        if handle is None:
            return
        # Unlink while still holding the lock, so no newcomer's file is removed.
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        handle.close()


def _same_file(handle: IO[str], path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
    except FileNotFoundError:
        return False


def running_kiosk(data_dir: Path) -> int | None:
    """The pid of the kiosk running on ``data_dir`` (0 if unreadable), or None."""
    path = data_dir / PID_FILE
    try:
        handle = path.open("r", encoding="ascii")
    except FileNotFoundError:
        return None
    with handle:
        try:
            # A shared lock is refused only while a kiosk holds its exclusive one.
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            text = handle.read().strip()
            return int(text) if text.isdigit() else 0
        fcntl.flock(handle, fcntl.LOCK_UN)
    return None


def device_in_running_kiosk(config: KioskConfig, name: str) -> str | None:
    """Why a technician command must not drive the device ``name`` now, or None.

    A simulated device lives inside the kiosk's process: a command that built
    its own would drive another simulator and report on paper or cards the
    kiosk does not have. Real devices (CUPS, ESC/POS, readers) are shared.
    """
    device = config.devices.get(name)
    if device is None or device.driver not in IN_PROCESS_DRIVERS:
        return None
    if running_kiosk(config.data_dir) is None:
        return None
    what = _DEVICE_WORDS.get(name, name.replace("_", " "))
    return (
        f"the kiosk is running with a simulated {what}, which lives inside the kiosk;"
        " use the Simulators panel, or stop the kiosk first"
    )
