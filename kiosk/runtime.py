"""The kiosk's Qt-free services, built from the configuration.

`KioskServices` owns the store, the outbox, the sync engine, the devices and
the connection to the central. Its blocking methods (``connect_central``,
``refresh_catalogue``, ``sync_once``) are meant for worker threads; the Qt shell
schedules them and never calls them on the UI thread.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from devices.factory import Device, build_device, build_document_printer, build_identity_reader
from devices.protocols import CodeScanner, DocumentPrinter, IdentityReader
from kiosk.catalogue import Catalogue
from kiosk.catalogue_source import CatalogueSource
from kiosk.clock import Clock, SystemClock
from kiosk.config import KioskConfig
from kiosk.control import ControlServer, kiosk_handlers
from kiosk.drafts import DraftDesk
from kiosk.embedded_central import EmbeddedCentral
from kiosk.guidance import GuidanceDesk
from kiosk.instance import KioskInstance
from kiosk.keys import open_data_key
from kiosk.names.declaration import NameDeclaration
from kiosk.receipts import PrintingReceiptDesk
from kiosk.submissions import OutboxSubmissionDesk
from kiosk.sync.client import CentralClient
from kiosk.sync.engine import SyncEngine, SyncPolicy, SyncReport
from kiosk.sync.enrolment import enrol
from kiosk.sync.errors import SyncError
from kiosk.sync.identity import IdentityStore
from kiosk.sync.signing import RequestSigner
from offline_cache.catalogue_cache import CatalogueCache
from offline_cache.db import Database, StorageError, private_directory
from offline_cache.outbox import Outbox
from offline_cache.print_journal import PrintJournal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CentralStatus:
    """How the kiosk stands with the central, for the status bar and technicians."""

    url: str | None
    enrolled: bool
    detail: str = ""


class KioskServices:
    def __init__(self, config: KioskConfig, clock: Clock | None = None) -> None:
        self.config = config
        self.clock = clock or SystemClock()
        # Personal data lives under it until purged: made 0700 (an existing one keeps its mode).
        private_directory(config.data_dir)
        # First: a second kiosk on the same data directory is refused before it
        # touches the print journal or the devices (KioskAlreadyRunning).
        self.instance = KioskInstance.acquire(config.data_dir)
        try:
            self._build(config)
        except BaseException:
            self.instance.release()
            raise

    def _build(self, config: KioskConfig) -> None:
        self.db = Database.open(config.data_dir / "kiosk.sqlite3")
        keep_delivered_s = config.keep_delivered_hours * 3600.0
        self.outbox = Outbox(self.db, keep_delivered_s=keep_delivered_s)
        try:
            # Rows delivered while the kiosk was off (`kiosk sync`) or before a shorter retention.
            self.outbox.purge_delivered(self.clock.now(), keep_delivered_s)
        except StorageError:
            log.exception("could not purge delivered submissions")
        self.reader: IdentityReader = self._reader()
        self.printer: DocumentPrinter = self._printer()
        self.other_devices: dict[str, Device] = self._other_devices()
        self._client: CentralClient | None = None
        self._client_lock = threading.Lock()
        self.engine = SyncEngine(
            self.outbox, self.client, self.clock, policy=SyncPolicy.from_config(config)
        )
        self.catalogues = CatalogueSource(CatalogueCache(self.db), self.client, self.clock)
        self.submissions = OutboxSubmissionDesk(
            self.outbox, self.engine, self.clock, kiosk_id=config.kiosk_id
        )
        # Names are checked locally, then at the central while it answers.
        self.names = NameDeclaration(self.client)
        # Drafts (and later the outbox and the print journal) are sealed with the data key.
        self.data_key = open_data_key(config.data_dir, config.key_store)
        self.drafts = DraftDesk.open(self.db, self.data_key, self.clock)
        self.print_journal = PrintJournal(self.db)
        self.guidance = GuidanceDesk(self.printer, self.clock, config.cjk_font)
        self.receipts = PrintingReceiptDesk(
            self.printer,
            config.data_dir / "receipts",
            self.print_journal,
            self.clock,
            config.cjk_font,
            delete_when_printed=True,
        )
        try:
            self.receipts.recover()
        except StorageError:
            # Jobs left "printing" stay so, and are refused, until a start that can write.
            log.exception("could not recover the print journal")
        # Technician commands reach these (in-process, simulated) devices through it.
        self.control = ControlServer(
            config.data_dir, kiosk_handlers(self.receipts, lambda: self.devices)
        )
        self.control.start()
        self.identity_store = IdentityStore(config.data_dir / "identity")
        self.embedded = EmbeddedCentral(config.data_dir) if config.embedded_central else None
        self.central_status = CentralStatus(config.central_url, enrolled=False, detail="starting")

    def _reader(self) -> IdentityReader:
        device = self.config.devices["id_reader"]
        return build_identity_reader("id_reader", device.driver, device.options)

    def _printer(self) -> DocumentPrinter:
        device = self.config.devices["printer"]
        return build_document_printer(
            "printer", device.driver, device.options, self.config.print_dir
        )

    def _other_devices(self) -> dict[str, Device]:
        """Every configured device besides the reader and the printer (scanners, ticket printers)."""
        return {
            name: build_device(name, device.driver, device.options, self.config.print_dir)
            for name, device in self.config.devices.items()
            if name not in ("id_reader", "printer")
        }

    @property
    def devices(self) -> dict[str, Device]:
        """All devices by their configured name."""
        return {"id_reader": self.reader, "printer": self.printer, **self.other_devices}

    @property
    def scanner_name(self) -> str | None:
        """The first configured code scanner's name, if any (it reads passports' MRZ lines)."""
        for name, device in self.other_devices.items():
            if isinstance(device, CodeScanner):
                return name
        return None

    @property
    def scanner(self) -> CodeScanner | None:
        name = self.scanner_name
        device = self.other_devices[name] if name else None
        return device if isinstance(device, CodeScanner) else None

    def client(self) -> CentralClient | None:
        with self._client_lock:
            return self._client

    # -- blocking work for worker threads ---------------------------------------
    def connect_central(self) -> CentralStatus:
        """Start the sandbox if embedded, enrol if needed, and build the signed client."""
        try:
            url = self.embedded.start() if self.embedded else self.config.central_url
            assert url is not None
            identity = self.identity_store.load()
            plain = CentralClient(url, timeout_s=self.config.central_timeout_s)
            if self.embedded is not None:
                # The sandbox is the kiosk's own: enrol afresh on every start.
                code = self.embedded.enrolment_code(self.config.kiosk_id, self.config.site_name)
                identity = enrol(
                    plain, self.identity_store, code=code, kiosk_id=self.config.kiosk_id
                )
            elif identity is None and self.config.enrolment_code:
                identity = enrol(
                    plain,
                    self.identity_store,
                    code=self.config.enrolment_code,
                    kiosk_id=self.config.kiosk_id,
                )
            if identity is None:
                self.central_status = CentralStatus(url, False, "not enrolled: run `kiosk enrol`")
                return self.central_status
            signer = RequestSigner(identity.private_key, identity.key_id, self.clock)
            with self._client_lock:
                self._client = CentralClient(
                    url, signer=signer, timeout_s=self.config.central_timeout_s
                )
            self.central_status = CentralStatus(url, True, "connected")
        except (SyncError, OSError, RuntimeError) as exc:
            log.exception("could not connect to the central")
            self.central_status = CentralStatus(self.config.central_url, False, str(exc))
        return self.central_status

    def cached_catalogue(self) -> Catalogue | None:
        return self.catalogues.cached()

    def refresh_catalogue(self) -> Catalogue | None:
        return self.catalogues.refresh()

    def sync_once(self) -> SyncReport:
        return self.engine.run_once()

    def close(self) -> None:
        self.control.close()
        for device in self.devices.values():
            try:
                if isinstance(device, CodeScanner):
                    device.stop()  # a scanner's stop() is what releases its port
                else:
                    device.close()
            except Exception:  # noqa: BLE001 - shutting down: report and go on
                log.exception("closing %s failed", device.name)
        if self.embedded is not None:
            self.embedded.stop()
        self.db.close()
        self.instance.release()
