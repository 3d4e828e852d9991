"""SIGTERM and SIGINT end the kiosk's Qt loop, so that it closes like a closed window.

Python runs a signal handler only when the interpreter gets control, and while
Qt's C++ event loop waits for events it never does: a ``kill`` would wait for
the next click. ``signal.set_wakeup_fd`` makes the C-level handler write a byte
to a pipe that a `QSocketNotifier` watches, so Qt wakes at once and calls into
Python, which runs the handler first.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def quit_on_stop_signals(app: QCoreApplication) -> Callable[[], None]:
    """Make SIGTERM and SIGINT quit ``app``'s loop; returns the function that undoes it.

    Call it on the main thread (Python's signal handlers live there).
    """
    # A pipe, not a socket pair: the socket module is 4 ms of imports before the first paint.
    receiver, sender = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
    previous_fd = signal.set_wakeup_fd(sender, warn_on_full_buffer=False)

    def drain() -> None:
        try:
            while os.read(receiver, 64):
                pass
        except BlockingIOError:
            pass

    notifier = QSocketNotifier(receiver, QSocketNotifier.Type.Read)
    notifier.activated.connect(drain)

    def stop(signum: int, frame: FrameType | None) -> None:
        # From a zero timer: quit() before exec() has started would be lost.
        QTimer.singleShot(0, app.quit)

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        notifier.deleteLater()
        os.close(receiver)
        os.close(sender)

    return restore
