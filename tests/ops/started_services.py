"""Which devstack services a test session started, so that it stops those and no others.

The devstack's start scripts write ``$DEVSTACK_RUN/<name>.pid`` for what they
start and reuse whatever already runs. A session fixture takes a `snapshot`
before starting anything; at the end `stop_started` stops each service whose pid
file names a live process that was not running under that name before.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path


def devstack_run_dir() -> Path:
    """Where the devstack keeps its pid files (its env.sh default unless overridden)."""
    return Path(os.environ.get("DEVSTACK_RUN", "/tmp/devstack-run"))


def live_pid(run_dir: Path, name: str) -> int | None:
    """The pid in ``<run_dir>/<name>.pid`` if that process is alive (and not a zombie)."""
    try:
        pid = int((run_dir / f"{name}.pid").read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _alive(pid) else None


def snapshot(run_dir: Path, names: tuple[str, ...]) -> dict[str, int | None]:
    """Each service's live pid (None: not running) before the session starts any."""
    return {name: live_pid(run_dir, name) for name in names}


def stop_started(run_dir: Path, before: dict[str, int | None]) -> list[str]:
    """Stop the services that run now but did not before; their names.

    A service that was running before the session is left alone, even if a test
    restarted it: the machine had one running, and still has.
    """
    stopped = []
    for name, pid_before in before.items():
        pid = live_pid(run_dir, name)
        if pid is None or pid_before is not None:
            continue
        _terminate(pid)
        (run_dir / f"{name}.pid").unlink(missing_ok=True)
        stopped.append(name)
    return stopped


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _terminate(pid: int, grace_s: float = 5.0) -> None:
    """SIGTERM, then SIGKILL if it outlives ``grace_s`` (as the devstack's stop scripts do)."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    end = time.monotonic() + grace_s
    while _alive(pid) and time.monotonic() < end:
        time.sleep(0.05)
    if _alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
