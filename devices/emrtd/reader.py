"""`EmrtdPcscReader`: the kiosk's `IdentityReader` for ICAO 9303 chips over PC/SC.

Every read connects afresh, authenticates with the MRZ key (BAC), reads the
files, runs passive authentication and disconnects (resetting the card), so a
failed read (card pulled, wrong MAC) leaves nothing behind for the next one.
Expected conditions come back as `ReadResult` values; no exception leaves
`read()`.

Threads: `read()` blocks for the whole read (tens of milliseconds to seconds on
a slow chip) and is serialised by a lock; `status()` may be called from another
thread and answers DEVICE_BUSY while a read runs.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from smartcard import scard

from devices.emrtd.access import BacAccess
from devices.emrtd.chip import read_chip
from devices.emrtd.document import to_identity_document
from devices.emrtd.errors import AccessDeniedError, MrzError
from devices.emrtd.mrz import MrzKey
from devices.emrtd.passive_auth import verify_document
from devices.emrtd.transport import ApduHook, TracingTransport
from devices.emrtd.trust_store import TrustStore
from devices.errors import DeviceError
from devices.pcsc.connection import CardConnection, PcscContext, find_reader
from devices.pcsc.errors import (
    CardBusyError,
    CardRemovedError,
    PcscError,
    ReaderUnavailableError,
    ServiceUnavailableError,
)
from devices.protocols import ReadOutcome, ReadResult
from devices.status import DeviceState, DeviceStatus

_log = logging.getLogger(__name__)


class EmrtdPcscReader:
    """Reads passports and permits with a chip on a PC/SC reader.

    Args:
        reader_substring: pick the first PC/SC reader whose name contains this
            (None: the first reader).
        mrz_key: the BAC key for the next reads; change it with `set_mrz_key`
            or pass one to `read` (the kiosk gets it typed or scanned).
        trust_store: directory (or file) of CSCA certificates, from
            configuration; None means no signer can be trusted
            (SIGNER_NOT_TRUSTED at best).
        name: the device name for logs and status screens.
        apdu_hook: called with an `ApduTrace` for every APDU (benchmarks,
            technician trace), from the reading thread.
        try_extended: try extended-length reads first (fall back on 6700).
    """

    protocol = "emrtd-bac"

    def __init__(
        self,
        reader_substring: str | None = None,
        mrz_key: MrzKey | None = None,
        trust_store: Path | None = None,
        *,
        name: str = "emrtd-pcsc",
        apdu_hook: ApduHook | None = None,
        try_extended: bool = True,
    ) -> None:
        self.name = name
        self._substring = reader_substring
        self._mrz_key = mrz_key
        self._trust_path = trust_store
        self._trust: TrustStore | None = None
        self._hook = apdu_hook
        self._try_extended = try_extended
        self._lock = threading.Lock()
        self._reading = False
        self.last_apdu_count = 0
        self.total_apdu_count = 0
        self.last_reader_name = ""

    # ------------------------------------------------------------- config --
    def set_mrz_key(self, key: MrzKey | None) -> None:
        """Set the BAC key used by the next `read` calls."""
        self._mrz_key = key

    def set_apdu_hook(self, hook: ApduHook | None) -> None:
        """Install (or remove) the per-APDU trace hook."""
        self._hook = hook

    def _trust_store(self) -> TrustStore | None:
        if self._trust_path is None:
            return None
        if self._trust is None:
            # Loaded once, lazily: the folder may be mounted after start-up.
            self._trust = TrustStore.load(self._trust_path)
            for problem in self._trust.problems:
                _log.warning("CSCA trust store: %s", problem)
        return self._trust

    # ------------------------------------------------------- IdentityReader --
    def status(self) -> DeviceStatus:
        """Reader present? card present? pcscd up? Never raises."""
        if self._reading:
            return DeviceStatus(DeviceState.DEVICE_BUSY, "reading a document", "present")
        try:
            with PcscContext() as context:
                reader = find_reader(context, self._substring)
                hresult, states = scard.SCardGetStatusChange(
                    context.handle, 0, [(reader, scard.SCARD_STATE_UNAWARE)]
                )
        except ServiceUnavailableError as exc:
            return DeviceStatus(DeviceState.OFFLINE, f"PC/SC service unavailable: {exc}")
        except ReaderUnavailableError as exc:
            return DeviceStatus(DeviceState.NO_DEVICE, str(exc))
        except Exception as exc:  # pyscard/pcsc oddities must not reach the caller
            return DeviceStatus(DeviceState.HARDWARE_ERROR, f"PC/SC error: {exc}")
        if hresult & 0xFFFFFFFF or not states:
            return DeviceStatus(DeviceState.HARDWARE_ERROR, f"reader {reader} state unknown")
        event_state = int(states[0][1])
        present = bool(event_state & scard.SCARD_STATE_PRESENT)
        return DeviceStatus(
            DeviceState.ONLINE,
            f"reader {reader}",
            "present" if present else "notPresent",
        )

    def read(self, mrz_key: MrzKey | None = None) -> ReadResult:
        """Read the document now on the reader (blocks for the whole read)."""
        key = mrz_key or self._mrz_key
        if key is None:
            return ReadResult(ReadOutcome.KEY_NEEDED, detail="no MRZ key set for BAC")
        with self._lock:
            self._reading = True
            try:
                return self._read(key)
            finally:
                self._reading = False

    def close(self) -> None:
        """Nothing is held between reads; present for the protocol."""

    # -------------------------------------------------------------- read --
    def _read(self, key: MrzKey) -> ReadResult:
        try:
            context = PcscContext()
        except PcscError as exc:
            return ReadResult(ReadOutcome.NO_READER, detail=f"PC/SC unavailable: {exc}")
        try:
            try:
                reader = find_reader(context, self._substring)
            except PcscError as exc:
                return ReadResult(ReadOutcome.NO_READER, detail=str(exc))
            self.last_reader_name = reader
            try:
                connection = CardConnection(context, reader)
            except CardRemovedError:
                return ReadResult(ReadOutcome.NO_DOCUMENT, detail=f"no card on {reader}")
            except CardBusyError as exc:
                return ReadResult(ReadOutcome.UNREADABLE, detail=f"card in use elsewhere: {exc}")
            except ReaderUnavailableError as exc:
                return ReadResult(ReadOutcome.NO_READER, detail=str(exc))
            except PcscError as exc:
                return ReadResult(ReadOutcome.UNREADABLE, detail=str(exc))
            with connection:
                return self._read_card(connection, reader, key)
        finally:
            context.release()

    def _read_card(self, connection: CardConnection, reader: str, key: MrzKey) -> ReadResult:
        transport = TracingTransport(connection, self._hook)
        try:
            chip = read_chip(transport, BacAccess(key), try_extended=self._try_extended)
            authenticity = verify_document(
                chip.sod, chip.raw_groups, chip.mrz.issuing_state, self._trust_store()
            )
            document = to_identity_document(
                chip, authenticity, reader=reader, protocol=self.protocol
            )
        except CardRemovedError as exc:
            return ReadResult(ReadOutcome.REMOVED, detail=f"card removed during the read: {exc}")
        except AccessDeniedError as exc:
            return ReadResult(ReadOutcome.ACCESS_DENIED, detail=str(exc))
        except (PcscError, MrzError) as exc:
            return ReadResult(ReadOutcome.UNREADABLE, detail=str(exc))
        except DeviceError as exc:  # ProtocolError and friends: bad MAC, TLV, status words
            return ReadResult(ReadOutcome.UNREADABLE, detail=f"{type(exc).__name__}: {exc}")
        except Exception as exc:  # a bug: log it, but never let it escape the driver
            _log.exception("unexpected error while reading an eMRTD")
            return ReadResult(ReadOutcome.UNREADABLE, detail=f"internal error: {exc!r}")
        finally:
            self.last_apdu_count = transport.count
            self.total_apdu_count += transport.count
        return ReadResult(ReadOutcome.OK, document=document)
