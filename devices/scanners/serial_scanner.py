"""A `CodeScanner` on a serial port (RS-232, USB-CDC/VCOM) with a reader thread.

`SerialCodeScanner.start` starts one daemon thread that owns the port: it opens
it, reads CR/LF-terminated codes and calls ``on_code`` **from that thread** (the
Qt shell must hop to the GUI thread itself, e.g. with a queued signal). When the
port disappears (USB unplugged, pty closed) the thread closes it, drops any half
code, reports the scanner offline and reopens the same path every
``reconnect_interval_s`` until it is back or `stop` is called. Use a stable path
such as ``/dev/serial/by-id/...``: a replugged adapter may come back as another
``ttyACMn``.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import Any

import serial

from devices.errors import DeviceConfigError, DeviceError
from devices.protocols import ScannedCode
from devices.scanners.framing import LineFramer
from devices.status import DeviceState, DeviceStatus

_log = logging.getLogger(__name__)


class SerialCodeScanner:
    """Delivers codes read from ``port``.

    Args:
        port: the serial device path (or any pyserial URL, e.g. ``rfc2217://``).
        baudrate: the scanner's baud rate (9600 on most factory settings).
        name: the device name for logs and the heartbeat.
        source: ``ScannedCode.source``; default: the name.
        encoding: how the scanner encodes text.
        reconnect_interval_s: pause between attempts to reopen a lost port.
        read_timeout_s: longest blocking read; bounds how quickly `stop` returns.
        max_length: longer lines are dropped as noise.
    """

    def __init__(
        self,
        port: str,
        baudrate: int = 9600,
        *,
        name: str = "scanner",
        source: str | None = None,
        encoding: str = "utf-8",
        reconnect_interval_s: float = 0.5,
        read_timeout_s: float = 0.1,
        max_length: int = 4096,
    ) -> None:
        if not port:
            raise DeviceConfigError("a serial port is required")
        if reconnect_interval_s <= 0 or read_timeout_s <= 0:
            raise DeviceConfigError("scanner intervals must be positive")
        try:
            self._framer = LineFramer(encoding, max_length)
        except (LookupError, ValueError) as exc:
            raise DeviceConfigError(f"scanner framing: {exc}") from exc
        self.port = port
        self.baudrate = baudrate
        self.name = name
        self.source = source or name
        self.reconnect_interval_s = reconnect_interval_s
        self.read_timeout_s = read_timeout_s
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._status = DeviceStatus(DeviceState.OFFLINE, "not started")

    # -- CodeScanner --------------------------------------------------------------

    def status(self) -> DeviceStatus:
        with self._lock:
            if self._thread is None:
                if self._missing():
                    return DeviceStatus(DeviceState.NO_DEVICE, f"no serial port at {self.port}")
                return DeviceStatus(DeviceState.OFFLINE, f"{self.port} present; not started")
            return self._status

    def start(self, on_code: Callable[[ScannedCode], None]) -> None:
        """Start the reader thread; ``on_code`` is called on that thread."""
        with self._lock:
            if self._thread is not None:
                raise DeviceError(f"scanner {self.name} is already started")
            self._stop.clear()
            self._status = DeviceStatus(DeviceState.OFFLINE, f"opening {self.port}")
            self._thread = threading.Thread(
                target=self._run, args=(on_code,), name=f"scanner-{self.name}", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        """Stop the thread and close the port; returns within about ``read_timeout_s``."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stop.set()
        # stop() called from on_code runs on the reader thread itself: it must not
        # wait for itself; the loop ends as soon as the callback returns.
        if thread is not threading.current_thread():
            thread.join(timeout=self.read_timeout_s + self.reconnect_interval_s + 2.0)

    # -- the reader thread ----------------------------------------------------------

    def _run(self, on_code: Callable[[ScannedCode], None]) -> None:
        link: Any = None
        try:
            while not self._stop.is_set():
                if link is None:
                    link = self._open()
                    if link is None:
                        self._stop.wait(self.reconnect_interval_s)
                        continue
                try:
                    data = link.read(max(1, link.in_waiting))
                except (serial.SerialException, OSError) as exc:
                    self._close(link)
                    link = None
                    # Half a code must never reach the kiosk as a whole one.
                    self._framer.clear()
                    self._set(DeviceState.OFFLINE, f"{self.port} lost ({exc}); reconnecting")
                    self._stop.wait(self.reconnect_interval_s)
                    continue
                for text in self._framer.feed(data):
                    self._deliver(on_code, ScannedCode(data=text, source=self.source))
        finally:
            if link is not None:
                self._close(link)
            self._framer.clear()
            self._set(DeviceState.OFFLINE, "stopped")

    def _open(self) -> Any:
        try:
            link = serial.serial_for_url(self.port, self.baudrate, timeout=self.read_timeout_s)
            # Bytes queued while nobody listened are old scans: a code scanned before
            # this session must not be taken as the citizen's.
            link.reset_input_buffer()
        except (serial.SerialException, OSError, ValueError) as exc:
            state = DeviceState.NO_DEVICE if self._missing() else DeviceState.OFFLINE
            self._set(state, f"cannot open {self.port}: {exc}")
            return None
        self._set(DeviceState.ONLINE, f"reading {self.port}")
        return link

    @staticmethod
    def _close(link: Any) -> None:
        try:
            link.close()
        except (serial.SerialException, OSError) as exc:
            _log.debug("closing a lost port: %s", exc)

    def _deliver(self, on_code: Callable[[ScannedCode], None], code: ScannedCode) -> None:
        try:
            on_code(code)
        except Exception:
            # A bug in the consumer must not kill the reader: later scans still count.
            _log.exception("on_code raised for a code from %s", self.name)

    def _set(self, state: DeviceState, reason: str) -> None:
        with self._lock:
            self._status = DeviceStatus(state, reason)

    def _missing(self) -> bool:
        # Only device paths can be checked; URLs (rfc2217://, socket://) cannot.
        return self.port.startswith("/") and not os.path.exists(self.port)
