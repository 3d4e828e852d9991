"""`kiosk --smoke`: start as usual, report the attract screen and the central, then quit.

For set-up checks (scripts/fresh-machine-check, tests/ops): two lines on stdout,
``attract screen shown in N ms`` and ``central connected, catalogue: N services``,
then exit 0; or a line saying what did not come, then exit 1.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.shell.first_paint import after_first_paint

if TYPE_CHECKING:
    from kiosk.catalogue import Catalogue
    from kiosk.shell.app import KioskApplication

SMOKE_TIMEOUT_S = 60.0
_IMPORTED_AT = time.monotonic()


def ms_since_process_start() -> int:
    """Milliseconds since the kernel started this process.

    The kernel's start time (``/proc/self/stat`` field 22, clock ticks since boot)
    and not a clock read in Python: it counts the interpreter's start and every
    import, and under scripts/run-kiosk, which execs the kiosk in its own process,
    the set-up check before it too: the whole wait of whoever typed the command.
    """
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            text = stat.read()
    except OSError:  # not Linux: from this module's import, the best there is
        return int((time.monotonic() - _IMPORTED_AT) * 1000)
    # Field 2, the command name, may hold spaces and parentheses: count after the last ")".
    start_ticks = int(text[text.rindex(")") + 2 :].split()[19])
    started_s = start_ticks / os.sysconf("SC_CLK_TCK")
    return int((time.clock_gettime(time.CLOCK_BOOTTIME) - started_s) * 1000)


class SmokeRun(QObject):
    """Watches one kiosk start and ends its Qt loop with 0 (all came) or 1.

    "Shown" is the first paint of ``window`` (the first window of
    `kiosk.shell.launch`, holding the attract screen); the central is checked once
    the full kiosk is built and handed over with `follow`.
    """

    def __init__(
        self,
        window: QWidget,
        qt: QCoreApplication,
        timeout_s: float = SMOKE_TIMEOUT_S,
        out: TextIO | None = None,
    ) -> None:
        super().__init__()
        self.kiosk: KioskApplication | None = None
        self._qt = qt
        self._out = out or sys.stdout
        self._shown = False
        self._done = False
        after_first_paint(window, self._attract_shown)
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._check_central)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(int(timeout_s * 1000))
        self._deadline.timeout.connect(self._time_out)
        self._deadline.start()

    def follow(self, kiosk: KioskApplication) -> None:
        """The full kiosk is built: watch its central from now on."""
        self.kiosk = kiosk
        self._poll.start()

    def _attract_shown(self) -> None:
        self._shown = True
        self._say(f"attract screen shown in {ms_since_process_start()} ms")

    def _check_central(self) -> None:
        if self.kiosk is None:
            return
        status = self.kiosk.central_status
        if status is None:
            return
        if not status.enrolled:
            self._finish(1, f"smoke: the central did not connect: {status.detail}")
            return
        if not self.kiosk.catalogue_refreshed:
            return
        catalogue: Catalogue | None = self.kiosk.central_catalogue
        if catalogue is None:
            self._finish(1, "smoke: the central connected but sent no catalogue")
            return
        self._finish(0, f"central connected, catalogue: {len(catalogue.services)} services")

    def _time_out(self) -> None:
        if not self._shown:
            what = "the attract screen was not shown"
        elif self.kiosk is None or self.kiosk.central_status is None:
            what = "the central did not connect"
        else:
            what = "no catalogue came from the central"
        self._finish(1, f"smoke: {what} within {self._deadline.interval() // 1000} s")

    def _finish(self, status: int, line: str) -> None:
        if self._done:
            return
        self._done = True
        self._poll.stop()
        self._deadline.stop()
        self._say(line)
        self._qt.exit(status)

    def _say(self, line: str) -> None:
        print(line, file=self._out, flush=True)  # noqa: T201 - the smoke's whole output
