"""Benchmark: process start → attract screen shown, and resident memory after 1, 100 and
1,000 sessions (target: under 2 MB of growth from 100 to 1,000).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_startup.py [--sessions 1000]
Starts the kiosk in-process on its embedded defaults (simulated devices, SQLite, the
central sandbox on loopback) in a temporary data directory, runs simulated citizens
through a whole registration (card, form, submission to the sandbox, PDF receipt,
finish) one after another, and prints the figures. The resident memory is read with
the kiosk standing idle half a second after the session, and after a garbage
collection, at 1, 10, 100, 1,000 … sessions, beside glibc's own figures for
its C heap (`mallinfo2`): in use, and free. Growth in use is memory kept; growth in
what is free is the heap fragmenting (`kiosk.heap`; the kiosk gives the whole free
pages back between citizens, but glibc still counts them free in the heap).
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

import psutil

PROCESS = psutil.Process()
IDLE_BEFORE_READING_S = 0.5
STARTED_AT = PROCESS.create_time()  # the moment the OS started this process

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from devices.simulated import SimulatedIdReader  # noqa: E402
from kiosk.config import KioskConfig  # noqa: E402
from kiosk.shell.app import KioskApplication  # noqa: E402
from kiosk.workflow import events as ev  # noqa: E402
from kiosk.workflow.states import Attract, Filling, Finished  # noqa: E402


def wait_until(condition, timeout_s: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the kiosk did not get there in time")
        QCoreApplication.processEvents()
        # processEvents() outside exec() leaves deleteLater() undone; the real event
        # loop would run it, so the benchmark does too (else it measures its own leak).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        time.sleep(0.002)


def one_session(kiosk: KioskApplication, n: int) -> None:
    wf = kiosk.workflow
    reader = kiosk.services.reader
    assert isinstance(reader, SimulatedIdReader)
    reader.remove()  # the last citizen took their card
    wf.dispatch(ev.Started())
    wf.dispatch(ev.ServiceChosen("GT-SETUP"))
    wf.dispatch(ev.NextPressed())  # past the guidance: start
    wait_until(lambda: getattr(wf.state, "problem", None) == "no_document")
    reader.insert()  # this citizen puts theirs down
    wait_until(lambda: isinstance(wf.state, Filling))
    wf.set_value("mobile", "13800138000")
    wf.dispatch(ev.NextPressed())
    wf.set_value("trade_name", "金华市婺城区丽华百货店")
    wf.set_value("business_scope", f"日用百货销售{n}")
    wf.dispatch(ev.NextPressed())
    wf.dispatch(ev.SubmitPressed())
    wait_until(lambda: isinstance(wf.state, Finished) and wf.state.receipt != "printing")
    assert isinstance(wf.state, Finished)
    assert wf.state.application_no, "the sandbox did not receive the application"
    wf.dispatch(ev.DonePressed())
    wait_until(lambda: isinstance(wf.state, Attract))


def stand_idle(seconds: float) -> None:
    """The kiosk waits for the next citizen, as at a branch: its workers finish what
    the last one's end started (giving the heap's free pages back, `kiosk.heap`)."""
    until = time.monotonic() + seconds
    wait_until(lambda: time.monotonic() > until)


def rss_mib() -> float:
    gc.collect()
    return PROCESS.memory_info().rss / 2**20


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd",
            "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost",
        )
    ]  # fmt: skip


def c_heap() -> str:
    """glibc's heap: what is in use, and what is free in it; "" elsewhere."""
    try:
        mallinfo2 = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):
        return ""
    mallinfo2.restype = _MallInfo2
    info = mallinfo2()
    return (
        f" (C heap: {info.uordblks / 2**20:.1f} MiB in use, {info.fordblks / 2**20:.1f} MiB free)"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        kiosk = KioskApplication(KioskConfig(data_dir=Path(data_dir), fullscreen=True))
        kiosk.start()
        QTest.qWaitForWindowExposed(kiosk.window)
        kiosk.window.grab()  # the first complete paint of the attract screen
        shown_s = time.time() - STARTED_AT
        print(f"process start -> attract screen shown: {shown_s * 1000:.0f} ms")
        wait_until(
            lambda: kiosk.workflow.catalogue is not None and kiosk.services.client() is not None
        )
        print(
            f"process start -> catalogue loaded and central enrolled: {(time.time() - STARTED_AT) * 1000:.0f} ms"
        )

        checkpoints = [n for n in (1, 10, 100, 1000, 10000) if n <= args.sessions]
        memory: dict[int, float] = {}
        started = time.monotonic()
        for n in range(1, args.sessions + 1):
            one_session(kiosk, n)
            if n in checkpoints:
                stand_idle(IDLE_BEFORE_READING_S)
                memory[n] = rss_mib()
                print(
                    f"resident memory after {n} sessions: {memory[n]:.1f} MiB{c_heap()}",
                    flush=True,
                )
        per_session = (time.monotonic() - started) / args.sessions
        for low, high in zip(checkpoints, checkpoints[1:], strict=False):
            print(
                f"growth {low} -> {high} sessions: {memory[high] - memory[low]:+.2f} MiB"
                f" (ratio {memory[high] / memory[low]:.3f})"
            )
        print(
            f"mean session time (simulated citizen, real sandbox, PDF receipt): {per_session * 1000:.0f} ms"
        )
        kiosk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
