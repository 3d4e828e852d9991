"""Running blocking work off the UI thread and coming back to it through a signal.

`QtRunner` runs jobs on a small thread pool; each result travels back to the UI
thread as a queued signal, so the workflow and the screens only ever run on
the UI thread. A job that raises reports back too: its exception goes to the
caller's ``failed`` (on the UI thread), so a loop that waits for its job's
answer before starting the next one never waits forever. `QtScheduler` is a
single-shot QTimer.

A worker's Python holds the GIL, and the UI thread needs it back for every call
into Python and many into Qt: with the interpreter's 5 ms slices, a UI thread
drawing a page while a worker composed a receipt (33 ms of pure Python) waited up
to 5 ms at each of those calls, and the window stalled 75-100 ms on "submit"
(bench/bench_speech_stall.py --gil-slice-ms 5). The runner hands the GIL round in
`GIL_SLICE_S` slices: the longest stall of a whole registration is then 21-32 ms,
at a page change, and the receipt does not show in it. Before it starts its
workers it limits the C heap's arenas (`kiosk.heap`), so their freed memory is
reused rather than held.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.heap import limit_arenas

log = logging.getLogger(__name__)
T = TypeVar("T")

GIL_SLICE_S = 0.0005
"""The longest a worker holds the GIL while the UI thread waits for it (Python's default: 5 ms)."""


class _Relay(QObject):
    # Emitted on a worker thread; Qt queues it to the thread this object lives in.
    finished = Signal(object, object)


def log_failure(exc: BaseException) -> None:
    """What a job that raised does when its caller gave no ``failed``: say so."""
    log.error("background job failed", exc_info=exc)


class QtRunner:
    """Runs jobs on worker threads; ``done`` (or ``failed``) is called on the UI thread."""

    def __init__(self, workers: int = 4) -> None:
        sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SLICE_S))
        limit_arenas()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kiosk-worker")
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver)
        self._closed = False

    def run(
        self,
        job: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[Exception], None] = log_failure,
    ) -> None:
        """Run ``job`` on a worker; then ``done(result)``, or ``failed(exception)``."""
        if self._closed:
            return

        def work() -> None:
            try:
                value = job()
            except Exception as exc:  # noqa: BLE001 - any bug: the caller must hear of it
                if not self._closed:
                    self._relay.finished.emit(failed, exc)
                return
            if not self._closed:
                self._relay.finished.emit(done, value)

        self._pool.submit(work)

    @staticmethod
    def _deliver(callback: Callable[[Any], None], value: Any) -> None:
        callback(value)

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)


class QtScheduler:
    """Calls a function on the UI thread after a delay."""

    def __init__(self, parent: QObject) -> None:
        self._parent = parent

    def call_later(self, delay_s: float, fn: Callable[[], None]) -> None:
        QTimer.singleShot(int(delay_s * 1000), self._parent, fn)
