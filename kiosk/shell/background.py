"""Running blocking work off the UI thread and coming back to it through a signal.

`QtRunner` runs jobs on a small thread pool; each result travels back to the UI
thread as a queued signal, so the workflow and the screens only ever run on
the UI thread. `QtScheduler` is a single-shot QTimer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)
T = TypeVar("T")


class _Relay(QObject):
    # Emitted on a worker thread; Qt queues it to the thread this object lives in.
    finished = Signal(object, object)


class QtRunner:
    """Runs jobs on worker threads; ``done`` is called on the UI thread."""

    def __init__(self, workers: int = 4) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kiosk-worker")
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver)
        self._closed = False

    def run(self, job: Callable[[], T], done: Callable[[T], None]) -> None:
        if self._closed:
            return

        def work() -> None:
            try:
                value = job()
            except Exception:
                log.exception("background job failed")
                return
            if not self._closed:
                self._relay.finished.emit(done, value)

        self._pool.submit(work)

    @staticmethod
    def _deliver(done: Callable[[Any], None], value: Any) -> None:
        done(value)

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)


class QtScheduler:
    """Calls a function on the UI thread after a delay."""

    def __init__(self, parent: QObject) -> None:
        self._parent = parent

    def call_later(self, delay_s: float, fn: Callable[[], None]) -> None:
        QTimer.singleShot(int(delay_s * 1000), self._parent, fn)
