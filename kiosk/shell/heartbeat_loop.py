"""The shell's heartbeat timer, and the connection state carried to the UI thread.

Every ``heartbeat_interval_s`` the UI thread takes a `KioskSnapshot` (device
statuses, whether a catalogue is offered, whether a citizen is in a session)
and a worker sends the heartbeat and carries out the central's commands
(`KioskServices.heartbeat`); the report comes back on the UI thread, where the
maintenance switch and a fetched catalogue are applied. One heartbeat at a
time; one that raised is counted and logged, and the next tick sends again.
Connection changes arrive on whatever worker made the call and are relayed to
the window through a queued signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.catalogue import Catalogue
from kiosk.device_health import DeviceReport
from kiosk.remote_desk import HeartbeatReport, KioskSnapshot
from kiosk.runtime import KioskServices
from kiosk.shell.background import QtRunner
from kiosk.shell.main_window import KioskWindow
from kiosk.workflow.states import Attract

log = logging.getLogger(__name__)


class _ConnectionRelay(QObject):
    # Emitted on a worker thread; Qt queues it to the UI thread this object lives in.
    changed = Signal(object)


class HeartbeatLoop:
    def __init__(
        self,
        services: KioskServices,
        runner: QtRunner,
        window: KioskWindow,
        *,
        interval_s: float,
        device_report: Callable[[], DeviceReport | None],
        on_catalogue: Callable[[Catalogue], None],
    ) -> None:
        self._services = services
        self._runner = runner
        self._window = window
        self._device_report = device_report
        self._on_catalogue = on_catalogue
        self._running = False
        self.sent = 0
        """Heartbeats that came back (taken by the central or not)."""
        self.failures = 0
        """Heartbeat jobs that raised (each one logged); the next tick sends again."""
        self.last_report: HeartbeatReport | None = None
        self._timer = QTimer(window)
        self._timer.setInterval(int(interval_s * 1000))
        self._timer.timeout.connect(self.beat)
        self._relay = _ConnectionRelay()
        self._relay.changed.connect(window.show_connection)
        services.connection.subscribe(self._relay.changed.emit)
        window.show_connection(services.connection.state)
        # Out of service from the first screen if the central left it so before a restart.
        runner.run(services.maintenance.is_on, window.set_out_of_service)

    def start(self) -> None:
        """Beat now and every interval (once the kiosk has tried to reach the central)."""
        self._timer.start()
        self.beat()

    def stop(self) -> None:
        self._timer.stop()

    def beat(self) -> None:
        if self._running:
            return
        self._running = True
        workflow = self._window.workflow
        report = self._device_report()
        snapshot = KioskSnapshot(
            statuses=dict(report.statuses) if report else {},
            notices=report.notices if report else (),
            has_catalogue=workflow.catalogue is not None,
            in_session=not isinstance(workflow.state, Attract),
        )
        self._runner.run(lambda: self._services.heartbeat(snapshot), self._done, self._failed)

    def _done(self, report: HeartbeatReport) -> None:
        self._running = False
        self.sent += 1
        self.last_report = report
        self._window.set_out_of_service(report.maintenance)
        if report.catalogue is not None:
            self._on_catalogue(report.catalogue)

    def _failed(self, exc: Exception) -> None:
        self._running = False
        self.failures += 1
        log.error("heartbeat failed", exc_info=exc)
