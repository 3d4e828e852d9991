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
from devices.protocols import CodeScanner, DocumentPrinter, IdentityReader, ReceiptPrinter
from kiosk.bank_handoff import BankHandoffDesk
from kiosk.catalogue import Catalogue
from kiosk.catalogue_source import CatalogueSource
from kiosk.clock import Clock, SystemClock
from kiosk.config import KioskConfig
from kiosk.control import ControlServer, kiosk_handlers
from kiosk.documents.fonts import FontMissingError, register_cjk_font
from kiosk.drafts import DraftDesk
from kiosk.embedded_central import EmbeddedCentral
from kiosk.feedback_desk import OutboxFeedbackDesk
from kiosk.guidance import GuidanceDesk
from kiosk.instance import KioskInstance
from kiosk.keys import open_data_key
from kiosk.licences import LicenceDesk
from kiosk.maintenance import MaintenanceSwitch
from kiosk.names.declaration import NameDeclaration
from kiosk.queueing.desk import QueueDesk
from kiosk.queueing.staff import queue_handlers
from kiosk.receipts import PrintingReceiptDesk
from kiosk.recent_logs import RecentLogs
from kiosk.remote_desk import HeartbeatReport, KioskSnapshot, RemoteDesk, device_kinds
from kiosk.sealed_outbox import sealed_outbox
from kiosk.slip_printing import SlipMedium
from kiosk.status_desk import StatusDesk
from kiosk.submissions import OutboxSubmissionDesk
from kiosk.sync.client import CentralClient
from kiosk.sync.connection import ConnectionMonitor
from kiosk.sync.engine import SyncEngine, SyncPolicy, SyncReport
from kiosk.sync.enrolment import enrol
from kiosk.sync.errors import SyncError
from kiosk.sync.identity import IdentityStore
from kiosk.sync.signing import RequestSigner
from kiosk.verification.desk import SlipDesk
from kiosk.verification.key_cache import SlipKeys
from kiosk.verification.receipt_signing import ReceiptSigner
from offline_cache.catalogue_cache import CatalogueCache
from offline_cache.consents import ConsentLog
from offline_cache.db import Database, StorageError, private_directory
from offline_cache.kiosk_state import KioskStateStore
from offline_cache.print_journal import PrintJournal
from offline_cache.queue_numbers import QueueNumbers
from offline_cache.remote_commands import CommandLog
from offline_cache.verification_keys import VerificationKeyStore

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
        # Drafts and the outbox's queued bodies are sealed with the data key.
        self.data_key = open_data_key(config.data_dir, config.key_store)
        keep_delivered_s = config.keep_delivered_hours * 3600.0
        self.outbox = sealed_outbox(self.db, self.data_key, keep_delivered_s=keep_delivered_s)
        try:
            # Rows delivered while the kiosk was off (`kiosk sync`) or before a shorter retention.
            self.outbox.purge_delivered(self.clock.now(), keep_delivered_s)
            # Rows queued in clear by a kiosk from before sealing.
            self.outbox.seal_clear_rows()
        except StorageError:
            log.exception("could not purge or seal the outbox's bodies")
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
        # Ratings (好差评) go through the same outbox, exactly once, never lost offline.
        self.feedback = OutboxFeedbackDesk(self.outbox, self.engine, self.clock)
        # Names are checked locally, then at the central while it answers.
        self.names = NameDeclaration(self.client)
        # Citizens look their applications up: this kiosk's outbox first, then the central.
        self.lookups = StatusDesk(self.outbox, self.client, config.kiosk_id)
        self.drafts = DraftDesk.open(self.db, self.data_key, self.clock)
        self.print_journal = PrintJournal(self.db)
        self.guidance = GuidanceDesk(self.printer, self.clock, config.cjk_font)
        self.identity_store = IdentityStore(config.data_dir / "identity")
        # Signed slips: receipts signed with the kiosk's key; slips checked offline
        # against the central's cached keys and the kiosk's own.
        verification_keys = VerificationKeyStore(self.db)
        self.slips = SlipDesk(
            SlipKeys(verification_keys, self.identity_store, self.clock), self.clock, self.client
        )
        receipt_signer = ReceiptSigner(self.identity_store, verification_keys, self.clock)
        self.receipts = PrintingReceiptDesk(
            self.printer,
            config.data_dir / "receipts",
            self.print_journal,
            self.clock,
            config.cjk_font,
            delete_when_printed=True,
            qr_signer=receipt_signer.sign,
            # Queue tickets (and, per [printing] receipt_on, receipts) on the receipt printer.
            slips=SlipMedium(self.receipt_printer, config.cjk_font),
            thermal_receipts=config.receipt_on == "receipt",
        )
        try:
            self.receipts.recover()
        except StorageError:
            # Jobs left "printing" stay so, and are refused, until a start that can write.
            log.exception("could not recover the print journal")
        # At a bank branch a registration's result hands the citizen on to the bank's
        # counter: their consent logged, the slip printed through the journal.
        self.bank_handoff = (
            BankHandoffDesk(config.bank_name, ConsentLog(self.db), self.receipts, self.clock)
            if config.site_kind == "bank_branch"
            else None
        )
        # Licences print once, through the same journal; their results go to the central.
        self.licences = LicenceDesk(
            self.client,
            self.printer,
            config.data_dir / "licences",
            self.db,
            self.clock,
            config.cjk_font,
        )
        try:
            self.licences.recover()
        except StorageError:
            log.exception("could not recover the licence prints")
        # Queue tickets: from the central's queue, else numbered here; printed once.
        self.queue = QueueDesk(
            client=self.client,
            numbers=QueueNumbers(self.db),
            receipts=self.receipts,
            clock=self.clock,
            kiosk_id=config.kiosk_id,
            hall=config.site_name,
            local_prefix=config.queue_local_prefix,
        )
        # Technician commands reach these (in-process, simulated) devices through it.
        self.control = ControlServer(
            config.data_dir,
            {
                **kiosk_handlers(self.receipts, lambda: self.devices),
                **queue_handlers(self.queue, self.catalogues.cached),
            },
        )
        self.control.start()
        self.embedded = EmbeddedCentral(config.data_dir) if config.embedded_central else None
        self.central_status = CentralStatus(config.central_url, enrolled=False, detail="starting")
        self._build_remote(config)

    def _build_remote(self, config: KioskConfig) -> None:
        """How the kiosk stands with the central (every call's result), its heartbeats
        and the central's remote commands."""
        kiosk_state = KioskStateStore(self.db)
        self.connection = ConnectionMonitor(self.clock, kiosk_state)
        self.maintenance = MaintenanceSwitch(kiosk_state, self.clock)
        self.recent_logs = RecentLogs()
        self.remote = RemoteDesk(
            client=self.client,
            outbox=self.outbox,
            connection=self.connection,
            commands=CommandLog(self.db),
            maintenance=self.maintenance,
            catalogues=self.catalogues,
            logs=self.recent_logs,
            clock=self.clock,
            device_kinds=device_kinds(config),
        )
        self.recent_logs.install()

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
    def receipt_printer(self) -> ReceiptPrinter | None:
        """The first configured receipt (ticket) printer, if the kiosk has one."""
        found = [d for d in self.other_devices.values() if isinstance(d, ReceiptPrinter)]
        return found[0] if found else None

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
            plain = CentralClient(
                url, timeout_s=self.config.central_timeout_s, observer=self.connection
            )
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
                self.connection.not_enrolled("not enrolled: run `kiosk enrol --code CODE`")
                self.central_status = CentralStatus(url, False, "not enrolled: run `kiosk enrol`")
                return self.central_status
            signer = RequestSigner(identity.private_key, identity.key_id, self.clock)
            with self._client_lock:
                self._client = CentralClient(
                    url,
                    signer=signer,
                    timeout_s=self.config.central_timeout_s,
                    observer=self.connection,
                )
            self.central_status = CentralStatus(url, True, "connected")
        except (SyncError, OSError, RuntimeError) as exc:
            log.exception("could not connect to the central")
            if not isinstance(exc, SyncError):  # the client's observer saw those
                self.connection.unreachable(f"could not connect: {type(exc).__name__}: {exc}")
            self.central_status = CentralStatus(self.config.central_url, False, str(exc))
        return self.central_status

    def prepare_documents(self) -> None:
        """Register the documents' CJK font now, while nobody waits for a receipt.

        Parsing it takes about 100 ms, much of it in reportlab's C code, which holds
        the GIL throughout: made with the first receipt, it stalled the window on that
        citizen's "submit" (95 ms, bench/bench_speech_stall.py).
        """
        try:
            register_cjk_font(self.config.cjk_font)
        except FontMissingError as exc:
            log.error("documents cannot be printed: %s", exc)  # each one will say so too

    def cached_catalogue(self) -> Catalogue | None:
        return self.catalogues.cached()

    def refresh_catalogue(self) -> Catalogue | None:
        return self.catalogues.refresh()

    def sync_once(self) -> SyncReport:
        report = self.engine.run_once()
        try:
            # Licence print results not yet heard by the central (a cut, a crash).
            self.licences.report_pending()
        except StorageError:
            log.warning("could not report the licence prints", exc_info=True)
        try:
            self.connection.backlog(self.outbox.depth(), self.outbox.oldest_unsent_at())
        except StorageError:
            log.warning("could not count the outbox", exc_info=True)
        return report

    def heartbeat(self, snapshot: KioskSnapshot) -> HeartbeatReport:
        """Send a heartbeat and carry out the central's commands (worker thread)."""
        return self.remote.heartbeat(snapshot)

    def close(self) -> None:
        self.recent_logs.uninstall()
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
