"""A simulated barcode/QR scanner: code (a test, the developer panel) "scans" a text.

It behaves like `devices.scanners.SerialCodeScanner` as far as the kiosk can
tell: codes reach ``on_code`` only between `start` and `stop`, starting twice is
a mistake, and an unplugged scanner delivers nothing and says so in its status.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from devices.errors import DeviceError
from devices.protocols import ScannedCode
from devices.status import DeviceState, DeviceStatus


class SimulatedScanner:
    """A `CodeScanner` whose scans come from `scan`."""

    def __init__(self, name: str = "scanner", source: str | None = None) -> None:
        self.name = name
        self.source = source or name
        self._lock = threading.Lock()
        self._on_code: Callable[[ScannedCode], None] | None = None
        self._attached = True

    # -- controls (any thread) -------------------------------------------------
    def scan(self, data: str) -> bool:
        """Deliver ``data`` to ``on_code`` on the calling thread; False if nobody got it."""
        with self._lock:
            on_code = self._on_code if self._attached else None
        if on_code is None:
            return False
        # Called outside the lock: the consumer may call stop() or status() from on_code.
        on_code(ScannedCode(data=data, source=self.source))
        return True

    def set_attached(self, attached: bool) -> None:
        """Plug or unplug the scanner."""
        with self._lock:
            self._attached = attached

    @property
    def started(self) -> bool:
        with self._lock:
            return self._on_code is not None

    # -- CodeScanner -----------------------------------------------------------
    def status(self) -> DeviceStatus:
        with self._lock:
            if not self._attached:
                return DeviceStatus(DeviceState.NO_DEVICE, "scanner unplugged")
            if self._on_code is None:
                return DeviceStatus(DeviceState.OFFLINE, "not started")
            return DeviceStatus(DeviceState.ONLINE, "simulated scanner")

    def start(self, on_code: Callable[[ScannedCode], None]) -> None:
        """Deliver later scans to ``on_code``."""
        with self._lock:
            if self._on_code is not None:
                raise DeviceError(f"scanner {self.name} is already started")
            self._on_code = on_code

    def stop(self) -> None:
        """Deliver nothing more; stopping a stopped scanner is harmless."""
        with self._lock:
            self._on_code = None

    def close(self) -> None:
        """Stop, like the other devices' close: nothing else to release."""
        self.stop()
