"""`SerialResidentIdReader`: a resident-ID-card reader whose SAM sits on a serial port.

Implements the kiosk's `IdentityReader` protocol over pyserial with the GA/T 467
frames (see `frames`, `link`, `sequence`). The port is opened on first use and
re-opened after it vanished, so an unplugged reader reports NO_READER and comes
back by itself when plugged in again. All methods are thread-safe: the kiosk
reads on a worker thread while a technician screen may poll ``status()``.

Privacy: nothing here logs frames or card data (居民身份证法 Art. 19/20).
"""

from __future__ import annotations

import threading

from devices.protocols import ReadOutcome, ReadResult
from devices.resident_id.errors import PortUnavailable
from devices.resident_id.frames import BaseMessage, split_base_message
from devices.resident_id.link import SamLink, open_serial_port
from devices.resident_id.sequence import CardReadSequence
from devices.resident_id.status_words import SW_OK, Command
from devices.status import DeviceState, DeviceStatus

PROTOCOL = "sam-serial"


class _SerialSamSession:
    """`SamSession` over a `SamLink`: one exchange per call."""

    def __init__(self, link: SamLink) -> None:
        self._link = link

    def sam_status(self) -> int:
        return self._link.exchange(Command.SAM_STATUS).sw3

    def find_card(self) -> int:
        return self._link.exchange(Command.FIND_CARD).sw3

    def select_card(self) -> int:
        return self._link.exchange(Command.SELECT_CARD).sw3

    def read_base_message(self) -> tuple[int, BaseMessage | None]:
        response = self._link.exchange(Command.READ_TEXT_PHOTO)
        if response.sw3 != SW_OK:
            return response.sw3, None
        return response.sw3, split_base_message(response.data)

    def read_appended_address(self) -> tuple[int, bytes]:
        response = self._link.exchange(Command.READ_APPENDED_ADDRESS)
        return response.sw3, response.data


class SerialResidentIdReader:
    """Reads second-generation resident ID cards through a SAM on a serial port.

    Args:
        port: the serial device, e.g. "/dev/ttyUSB0" or "COM3".
        baudrate: the SAM's UART rate (GA/T 467 default 115200).
        timeout_s: how long to wait for an answer to begin. A real SAM takes up
            to about a second to authenticate and read a card, so the default
            leaves room for that.
        name: the reader's name in `Provenance` and logs.
        retries: extra attempts for an exchange that timed out or came back
            damaged (each attempt waits up to ``timeout_s``).
        read_appended_address: also ask for the newer address (30 03).
    """

    def __init__(
        self,
        port: str,
        baudrate: int = 115200,
        timeout_s: float = 2.0,
        *,
        name: str = "resident-id-serial",
        retries: int = 2,
        read_appended_address: bool = True,
    ) -> None:
        if baudrate <= 0 or timeout_s <= 0 or retries < 0:
            raise ValueError("baudrate and timeout_s must be positive, retries not negative")
        self.name = name
        self._port_name = port
        self._baudrate = baudrate
        self._timeout_s = timeout_s
        self._retries = retries
        self._lock = threading.Lock()
        self._link: SamLink | None = None
        self._bytes_of_closed_links = 0
        self._sequence = CardReadSequence(
            reader=name, protocol=PROTOCOL, read_appended_address=read_appended_address
        )

    @property
    def bytes_exchanged(self) -> int:
        """Bytes written plus bytes read on the wire since construction (for benchmarks)."""
        with self._lock:
            live = self._link.bytes_sent + self._link.bytes_received if self._link else 0
            return self._bytes_of_closed_links + live

    def status(self) -> DeviceStatus:
        with self._lock:
            try:
                link = self._open()
            except PortUnavailable as exc:
                return DeviceStatus(DeviceState.NO_DEVICE, str(exc))
            status = self._sequence.status(_SerialSamSession(link))
            if status.state is DeviceState.NO_DEVICE:
                self._drop_link()
            return status

    def read(self) -> ReadResult:
        with self._lock:
            try:
                link = self._open()
            except PortUnavailable as exc:
                return ReadResult(ReadOutcome.NO_READER, detail=str(exc))
            result = self._sequence.read(_SerialSamSession(link))
            if result.outcome is ReadOutcome.NO_READER:
                self._drop_link()  # re-open next time: the port may come back
            return result

    def close(self) -> None:
        with self._lock:
            self._drop_link()

    def _open(self) -> SamLink:
        if self._link is None:
            port = open_serial_port(self._port_name, self._baudrate, self._timeout_s)
            self._link = SamLink(
                port, baudrate=self._baudrate, timeout_s=self._timeout_s, retries=self._retries
            )
        return self._link

    def _drop_link(self) -> None:
        if self._link is not None:
            self._bytes_of_closed_links += self._link.bytes_sent + self._link.bytes_received
            self._link.close()
            self._link = None
