"""A `ReceiptPrinter` for ESC/POS thermal printers through python-escpos.

Per ticket: open the connection, ask the real-time status (``DLE EOT 1..4``),
send nothing if the printer reports paper out, cover open, an error or offline,
otherwise send the whole rendered ticket in one write, ask the status again, close.
Once bytes may have reached the printer, a send or a status after it that goes
wrong is ``UNCONFIRMED``, not a failure: the ticket may be out, wholly or in part.
Every escpos, socket, serial and USB exception ends here as a `PrintResult` or a
`DeviceStatus` value; only configuration mistakes raise (`devices.errors`).

A printer or sink that never answers status requests is "status unknown", never
"ready": by default nothing is printed on it, because the kiosk could not tell a
ticket that came out from one that did not (``allow_unconfirmed=True`` prints
anyway and says so in the result's detail).
"""

from __future__ import annotations

import contextlib
import errno
import threading
from dataclasses import dataclass
from typing import Any

from escpos.exceptions import Error as EscposError

from devices.errors import DeviceConfigError
from devices.printers.escpos_connections import EscposConnection
from devices.printers.escpos_render import render_ticket
from devices.printers.escpos_status import (
    QUERY_ORDER,
    RealTimeStatus,
    decode,
    is_status_byte,
    query,
    to_device_status,
)
from devices.protocols import PrintOutcome, PrintResult, Ticket
from devices.status import DeviceState, DeviceStatus

_TRANSPORT_ERRORS = (OSError, EscposError)


@dataclass(frozen=True, slots=True)
class _Unknown:
    """The printer did not give a usable status answer; ``why`` says how."""

    why: str


class _Lost(Exception):
    """The connection broke during a status query."""


class EscposReceiptPrinter:
    """Prints `Ticket`s on an ESC/POS printer reached through ``connection``.

    Args:
        connection: `NetworkConnection`, `SerialConnection`, `UsbConnection` or any
            `EscposConnection` (see `connection_from_config`).
        name: the device name for logs and the heartbeat.
        profile: python-escpos printer profile name (capabilities.json), e.g. "TM-T88V".
        status_timeout_s: how long to wait for each status byte.
        allow_unconfirmed: print on a printer that does not answer status requests,
            reporting ``PRINTED`` with "unconfirmed" in the detail.
        qr_size: QR module size in dots (1..16).
    """

    def __init__(
        self,
        connection: EscposConnection,
        *,
        name: str = "receipt",
        profile: str | None = None,
        status_timeout_s: float = 0.5,
        allow_unconfirmed: bool = False,
        qr_size: int = 6,
    ) -> None:
        if status_timeout_s <= 0:
            raise DeviceConfigError("status_timeout_s must be positive")
        if not 1 <= qr_size <= 16:
            raise DeviceConfigError("qr_size must be 1..16")
        self.name = name
        self.connection = connection
        self.profile = profile
        self.status_timeout_s = status_timeout_s
        self.allow_unconfirmed = allow_unconfirmed
        self.qr_size = qr_size
        # One ticket or query at a time: a second connection to a port-9100 printer
        # waits or is refused, and status answers must not cross between callers.
        self._lock = threading.Lock()
        self._jobs = 0

    # -- ReceiptPrinter ----------------------------------------------------------

    def status(self) -> DeviceStatus:
        with self._lock:
            device, failure = self._open()
            if device is None:
                return failure
            try:
                return self._status_value(self._read_status(device))
            except _Lost as exc:
                return DeviceStatus(DeviceState.OFFLINE, f"connection lost: {exc}")
            finally:
                self._close(device)

    def print_ticket(self, ticket: Ticket) -> PrintResult:
        data = render_ticket(ticket, profile=self.profile, qr_size=self.qr_size)
        with self._lock:
            self._jobs += 1
            job_id = f"{self.name}-{self._jobs}"
            device, failure = self._open()
            if device is None:
                return PrintResult(_outcome(failure), job_id, f"not printed: {failure.reason}")
            try:
                return self._print(device, data, job_id)
            finally:
                self._close(device)

    def close(self) -> None:
        """Nothing held open: every ticket and query uses its own connection."""

    # -- internals ---------------------------------------------------------------

    def _print(self, device: Any, data: bytes, job_id: str) -> PrintResult:
        try:
            before = self._read_status(device)
        except _Lost as exc:
            return PrintResult(PrintOutcome.OFFLINE, job_id, f"not printed: connection lost: {exc}")
        if isinstance(before, _Unknown) and not self.allow_unconfirmed:
            return PrintResult(
                PrintOutcome.FAILED,
                job_id,
                f"not printed: printer status unknown ({before.why}); "
                "the kiosk could not confirm a ticket on this printer",
            )
        if isinstance(before, RealTimeStatus):
            ready = to_device_status(before)
            if not ready.usable:
                return PrintResult(_outcome(ready), job_id, f"not printed: {ready.reason}")
        # From here on bytes may have reached the printer: a result that cannot be
        # confirmed is UNCONFIRMED, never a retry-safe failure, so no second ticket.
        try:
            device._raw(data)  # the whole ticket in one write; see escpos_render
        except _TRANSPORT_ERRORS as exc:
            return PrintResult(
                PrintOutcome.UNCONFIRMED,
                job_id,
                f"connection lost while sending ({exc}); the ticket may be partly printed",
            )
        if isinstance(before, _Unknown):
            return PrintResult(
                PrintOutcome.PRINTED,
                job_id,
                f"sent, unconfirmed: printer status unknown ({before.why})",
            )
        try:
            after = self._read_status(device)
        except _Lost as exc:
            return PrintResult(
                PrintOutcome.UNCONFIRMED, job_id, f"sent, then the connection was lost ({exc})"
            )
        if isinstance(after, _Unknown):
            return PrintResult(
                PrintOutcome.UNCONFIRMED,
                job_id,
                f"sent, but the printer stopped answering status ({after.why}); "
                "the ticket may not have come out",
            )
        done = to_device_status(after)
        if not done.usable:
            # Paper running out or the cover opening after the send: part of the
            # ticket, or all of it, may be out, and the rest may follow a refill.
            return PrintResult(
                PrintOutcome.UNCONFIRMED,
                job_id,
                f"sent, then: {done.reason}; the ticket may be incomplete",
            )
        return PrintResult(PrintOutcome.PRINTED, job_id, done.reason)

    def _open(self) -> tuple[Any, DeviceStatus]:
        """The opened device, or None and the status that says why not."""
        try:
            return self.connection.open(self.profile), DeviceStatus(DeviceState.ONLINE)
        except _TRANSPORT_ERRORS as exc:
            where = self.connection.describe()
            return None, DeviceStatus(
                self.connection.missing_state, f"printer not reachable at {where}: {exc}"
            )

    @staticmethod
    def _close(device: Any) -> None:
        # Closing a broken connection: nothing is left to save.
        with contextlib.suppress(*_TRANSPORT_ERRORS):
            device.close()

    def _read_status(self, device: Any) -> RealTimeStatus | _Unknown:
        """Ask DLE EOT 1..4; the first silence or odd answer makes the status unknown."""
        try:
            self.connection.set_timeout(device, self.status_timeout_s)
            self.connection.discard_input(device)
            return self._ask_all(device)
        except _TRANSPORT_ERRORS as exc:
            raise _Lost(str(exc)) from exc
        finally:
            # A broken connection shows up at the next write, not here.
            with contextlib.suppress(*_TRANSPORT_ERRORS):
                self.connection.set_timeout(device, self.connection.timeout_s)

    def _ask_all(self, device: Any) -> RealTimeStatus | _Unknown:
        answers: list[int] = []
        for n in QUERY_ORDER:
            try:
                raw = device.query_status(query(n))
            except NotImplementedError:
                return _Unknown("this connection cannot read from the printer")
            except _TRANSPORT_ERRORS as exc:
                if _is_timeout(exc):
                    return _Unknown(f"no answer to DLE EOT {n} within {self.status_timeout_s:g} s")
                raise _Lost(str(exc)) from exc
            if not raw:
                return _Unknown(f"no answer to DLE EOT {n} within {self.status_timeout_s:g} s")
            if len(raw) != 1 or not is_status_byte(raw[0]):
                return _Unknown(f"answer {bytes(raw).hex(' ')} to DLE EOT {n} is not a status byte")
            answers.append(raw[0])
        return decode(*answers)

    def _status_value(self, status: RealTimeStatus | _Unknown) -> DeviceStatus:
        if isinstance(status, RealTimeStatus):
            return to_device_status(status)
        if self.allow_unconfirmed:
            return DeviceStatus(
                DeviceState.ONLINE, f"connected; paper and cover state unknown ({status.why})"
            )
        return DeviceStatus(
            DeviceState.HARDWARE_ERROR,
            f"status unknown: {status.why}; tickets are refused until it answers",
        )


def _is_timeout(exc: BaseException) -> bool:
    # socket.timeout is TimeoutError; pyusb's USBTimeoutError carries ETIMEDOUT.
    return isinstance(exc, TimeoutError) or getattr(exc, "errno", None) == errno.ETIMEDOUT


def _outcome(status: DeviceStatus) -> PrintOutcome:
    if status.media == "out":
        return PrintOutcome.PAPER_OUT
    if status.state in (DeviceState.OFFLINE, DeviceState.NO_DEVICE):
        return PrintOutcome.OFFLINE
    return PrintOutcome.FAILED
