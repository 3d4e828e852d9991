"""The composition root: builds the services, the workflow and the window, and runs Qt.

Everything slow (starting the central sandbox, enrolling, fetching the
catalogue, sending the outbox) runs on worker threads; the attract screen shows
at once and the menu fills in when the catalogue arrives.
"""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.catalogue import Catalogue
from kiosk.config import KioskConfig
from kiosk.device_health import DeviceReport, DeviceWatch
from kiosk.heap import give_back_freed
from kiosk.runtime import CentralStatus, KioskServices
from kiosk.scope_search import warm_up
from kiosk.shell.background import QtRunner, QtScheduler
from kiosk.shell.dev_panel import install_dev_panel
from kiosk.shell.heartbeat_loop import HeartbeatLoop
from kiosk.shell.i18n import LanguageSwitcher
from kiosk.shell.main_window import KioskWindow
from kiosk.shell.qt_app import ensure_application
from kiosk.shell.screen_dump import ScreenDump
from kiosk.shell.speech import Speaker
from kiosk.speech import speech_mode
from kiosk.sync.engine import SyncReport
from kiosk.workflow.delays import Delays
from kiosk.workflow.leaving import card_on_reader, slip_waiting
from kiosk.workflow.machine import KioskWorkflow

log = logging.getLogger(__name__)

CATALOGUE_REFRESH_S = 600
DEVICE_POLL_S = 2.0


class _CodeRelay(QObject):
    # A scanner calls back on its own thread; Qt queues the signal to the UI thread.
    scanned = Signal(str)


class KioskApplication:
    """One running kiosk: services, workflow and window, wired together."""

    def __init__(self, config: KioskConfig, services: KioskServices | None = None) -> None:
        self.config = config
        self.qt = ensure_application()
        self.services = services or KioskServices(config)
        self.runner = QtRunner()
        self.languages = LanguageSwitcher()
        self.languages.set_language(config.language)
        self.workflow = KioskWorkflow(
            reader=self.services.reader,
            submissions=self.services.submissions,
            receipts=self.services.receipts,
            runner=self.runner,
            scheduler=QtScheduler(self.qt),
            clock=self.services.clock,
            delays=Delays(
                idle_timeout_s=config.idle_timeout_s,
                idle_warning_s=config.idle_warning_s,
                card_taken_s=config.card_taken_s,
                slip_left_s=config.slip_left_s,
            ),
            site_name=config.site_name,
            kiosk_id=config.kiosk_id,
            authority=config.authority,
            names=self.services.names,
            drafts=self.services.drafts,
            guidance=self.services.guidance,
            lookups=self.services.lookups,
            slips=self.services.slips,
            licences=self.services.licences,
            feedback=self.services.feedback,
            bank=self.services.bank_handoff,
            queue=self.services.queue,
        )
        self.window = KioskWindow(
            self.workflow, self.languages, config.site_name, default_language=config.language
        )
        # As each citizen is forgotten (after the screens), the heap's free pages go back.
        self.workflow.on_forget(lambda: self.runner.run(give_back_freed, lambda _: None))
        self.dev_panel = install_dev_panel(self.window, self.services.devices, config.demo)
        # Reading the screens aloud (kiosk.shell.speech); its voice starts off the start-up path.
        self.speech = Speaker(self.window, speech_mode(config.speech))
        # `kiosk screen`: the window's texts, over the control socket (kiosk.shell.screen_dump).
        self.services.control.add("screen", ScreenDump(self.window, self.workflow).handle)
        self._codes = _CodeRelay()
        self._codes.scanned.connect(self.window.code_scanned)
        self.central_status: CentralStatus | None = None
        # What the central's last catalogue fetch gave (None: it failed); for --smoke.
        self.catalogue_refreshed = False
        self.central_catalogue: Catalogue | None = None
        self._sync_running = False
        self.sync_failures = 0
        """Sync jobs that raised (each one logged); the next tick syncs again."""
        self._sync_timer = QTimer(self.window)
        self._sync_timer.setInterval(int(config.sync_interval_s * 1000))
        self._sync_timer.timeout.connect(self.sync_now)
        self._catalogue_timer = QTimer(self.window)
        self._catalogue_timer.setInterval(CATALOGUE_REFRESH_S * 1000)
        self._catalogue_timer.timeout.connect(self.refresh_catalogue)
        self.device_watch = DeviceWatch(self.services.devices)
        self.device_report: DeviceReport | None = None
        self._device_poll_running = False
        self.device_poll_failures = 0
        """Device polls that raised (each one logged); the next tick polls again."""
        self._device_timer = QTimer(self.window)
        self._device_timer.setInterval(int(DEVICE_POLL_S * 1000))
        self._device_timer.timeout.connect(self.poll_devices)
        # Heartbeats and the central's remote commands; the connection state to the window.
        self.heartbeats = HeartbeatLoop(
            self.services,
            self.runner,
            self.window,
            interval_s=config.heartbeat_interval_s,
            device_report=lambda: self.device_report,
            on_catalogue=self._on_catalogue,
        )

    def start(self) -> None:
        """Show the window and begin the background work."""
        if self.config.fullscreen:
            self.window.showFullScreen()
        else:
            self.window.resize(1280, 900)
            self.window.show()
        self.runner.run(self.services.cached_catalogue, self._on_catalogue)
        self.runner.run(self.services.connect_central, self._on_connected, self._on_connect_failed)
        self.runner.run(self.services.prepare_documents, lambda _: None)
        self._device_timer.start()
        self.poll_devices()
        scanner = self.services.scanner
        if scanner is not None:
            scanner.start(lambda code: self._codes.scanned.emit(code.data))

    def _on_connect_failed(self, exc: Exception) -> None:
        # A bug, not a network failure (connect_central reports those as a status):
        # say it in the status, and start the loops as after any connection attempt.
        log.error("connecting to the central failed", exc_info=exc)
        detail = f"{type(exc).__name__}: {exc}"
        self._on_connected(CentralStatus(self.config.central_url, False, detail))

    def _on_connected(self, status: CentralStatus) -> None:
        self.central_status = status
        log.info("central: %s", status)
        self.refresh_catalogue()
        self._sync_timer.start()
        self.heartbeats.start()
        self._catalogue_timer.start()
        self.sync_now()

    def refresh_catalogue(self) -> None:
        self.runner.run(
            self.services.refresh_catalogue, self._on_refreshed, self._on_refresh_failed
        )
        # The central's keys for "scan to verify", cached for when it cannot be reached.
        self.runner.run(self.services.slips.refresh_keys, lambda _count: None)

    def _on_refresh_failed(self, exc: Exception) -> None:
        log.error("refreshing the catalogue failed", exc_info=exc)
        self._on_refreshed(None)

    def _on_refreshed(self, catalogue: Catalogue | None) -> None:
        self.catalogue_refreshed = True
        self.central_catalogue = catalogue
        self._on_catalogue(catalogue)

    def _on_catalogue(self, catalogue: Catalogue | None) -> None:
        if catalogue is not None:
            self.workflow.set_catalogue(catalogue)
            # The pickers that search its districts and scope phrases by pinyin are
            # made on the UI thread: their words are read into pinyin now, on a worker.
            texts = [r.name.zh for r in catalogue.regions] + [
                item.text.zh for item in catalogue.business_scope
            ]
            self.runner.run(partial(warm_up, texts), lambda _: None)

    def sync_now(self) -> None:
        if self._sync_running:
            return
        self._sync_running = True
        self.runner.run(self.services.sync_once, self._on_synced, self._on_sync_failed)

    def _on_synced(self, report: SyncReport) -> None:
        self._sync_running = False
        if report.delivered or report.rejected or report.stuck:
            log.info("sync: %s", report)

    def _on_sync_failed(self, exc: Exception) -> None:
        # The timer's next tick starts the next sync: one failure must not end them.
        self._sync_running = False
        self.sync_failures += 1
        log.error("sync failed", exc_info=exc)

    def poll_devices(self) -> None:
        """Ask every device for its status on a worker (a PC/SC query can take a while)."""
        if self._device_poll_running:
            return
        self._device_poll_running = True
        self.runner.run(self.device_watch.poll, self._on_devices, self._on_devices_failed)

    def _on_devices_failed(self, exc: Exception) -> None:
        # As for sync: the timer's next tick polls again.
        self._device_poll_running = False
        self.device_poll_failures += 1
        log.error("device poll failed", exc_info=exc)

    def _on_devices(self, report: DeviceReport) -> None:
        self._device_poll_running = False
        self.device_report = report
        self.window.show_device_notices(report.notices)
        # The passport step mentions the scanner only while it can read.
        scanner = self.services.scanner_name
        self.window.set_can_scan(scanner is not None and report.usable(scanner))
        reader = report.statuses.get("id_reader")
        self.window.set_card_on_reader(reader is not None and reader.media == "present")
        # A citizen gone with what they came for: their card lifted, their slip left.
        self.workflow.card_seen(card_on_reader(reader))
        self.workflow.slip_seen(slip_waiting(report.statuses.values()))

    def close(self) -> None:
        self._device_timer.stop()
        self.heartbeats.stop()
        self._sync_timer.stop()
        self._catalogue_timer.stop()
        self.runner.shutdown()
        self.speech.close()
        if self.dev_panel is not None:
            self.dev_panel.close()
            self.dev_panel.deleteLater()
        self.window.close()
        self.window.deleteLater()
        self.languages.uninstall()
        self.services.close()
