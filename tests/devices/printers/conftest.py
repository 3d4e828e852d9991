"""Fixtures for the printer tests: the devstack's real cupsd, queues and ESC/POS sink.

`devstack_print` starts ``start_cups.sh`` from the devstack (``$KIOSK_DEVSTACK_DIR``,
else ``<repo>/../shared/devstack``) unless a scheduler already answers, and at the
end of the session stops what that started (cupsd, the ESC/POS sink): a scheduler
or sink that was running before is someone else's and keeps running. When it
cannot start, the tests fail under CI (``$CI`` set) and are skipped elsewhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.ops.started_services import snapshot, stop_started

REPO = Path(__file__).resolve().parents[3]
WQY_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
PRINT_SERVICES = ("cupsd", "escpos_sink")  # start_cups.sh's pid files


@dataclass(frozen=True)
class PrintStack:
    """Where the devstack's print parts are."""

    devstack: Path
    pdf_queue: str
    pdf_out: Path
    escpos_queue: str
    escpos_host: str
    escpos_port: int
    escpos_out: Path


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"print devstack unavailable under CI: {reason}")
    pytest.skip(f"print devstack unavailable: {reason}")


def _scheduler_up() -> bool:
    if shutil.which("lpstat") is None:
        return False
    done = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, check=False)
    return "is running" in done.stdout


def _queue_exists(queue: str) -> bool:
    done = subprocess.run(["lpstat", "-p", queue], capture_output=True, text=True, check=False)
    return done.returncode == 0


def _sink_listening(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="session")
def devstack_print() -> Iterator[PrintStack]:
    devstack = Path(os.environ.get("KIOSK_DEVSTACK_DIR", REPO.parent / "shared" / "devstack"))
    run_dir = Path(os.environ.get("DEVSTACK_RUN", "/tmp/devstack-run"))
    stack = PrintStack(
        devstack=devstack,
        pdf_queue=os.environ.get("CUPS_PDF_QUEUE", "kiosk-pdf"),
        pdf_out=Path(
            os.environ.get(
                "CUPS_PDF_OUT",
                f"/var/spool/cups-pdf/{os.environ.get('CUPS_PDF_QUEUE', 'kiosk-pdf')}",
            )
        ),
        escpos_queue=os.environ.get("ESCPOS_QUEUE", "kiosk-escpos"),
        escpos_host="127.0.0.1",
        escpos_port=int(os.environ.get("ESCPOS_PORT", "9100")),
        escpos_out=Path(os.environ.get("ESCPOS_OUT", run_dir / "escpos-out")),
    )
    ready = (
        _scheduler_up() and _queue_exists(stack.pdf_queue) and _sink_listening(stack.escpos_port)
    )
    before = snapshot(run_dir, PRINT_SERVICES)
    if not ready:
        script = devstack / "start_cups.sh"
        if not script.is_file():
            _unavailable(f"no {script} (set KIOSK_DEVSTACK_DIR)")
        # The sink needs only the standard library: this interpreter will do.
        env = {**os.environ, "SKIP_INSTALL": "1"}
        env.setdefault("DEVSTACK_PYTHON", sys.executable)
        try:
            done = subprocess.run(
                ["bash", str(script)], env=env, capture_output=True, text=True, timeout=60
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            _unavailable(f"start_cups.sh did not run: {exc}")
        if done.returncode != 0 or not _scheduler_up():
            stop_started(run_dir, before)
            _unavailable(f"start_cups.sh exited {done.returncode}: {done.stdout}{done.stderr}")
    yield stack
    stop_started(run_dir, before)
