"""The APDU transport seam and an APDU counter/trace wrapper.

The eMRTD code talks to a chip only through `ApduTransport.transmit` (bytes in,
whole response APDU out), so it runs over PC/SC (`devices.pcsc.CardConnection`)
or anything else that moves APDUs. `TracingTransport` counts APDUs and hands
each exchange with its duration to an optional hook (the benchmark uses it).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class ApduTransport(Protocol):
    """Moves one command APDU to the chip and returns its response APDU."""

    def transmit(self, apdu: bytes) -> bytes: ...


@dataclass(frozen=True, slots=True)
class ApduTrace:
    """One exchange: the command, the response (empty if it failed) and seconds."""

    command: bytes
    response: bytes
    seconds: float


ApduHook = Callable[[ApduTrace], None]


class TracingTransport:
    """Counts APDUs and reports each one to ``hook`` (from the reading thread)."""

    def __init__(self, inner: ApduTransport, hook: ApduHook | None = None) -> None:
        self._inner = inner
        self._hook = hook
        self.count = 0

    def transmit(self, apdu: bytes) -> bytes:
        self.count += 1
        start = time.perf_counter()
        response = b""
        try:
            response = self._inner.transmit(apdu)
            return response
        finally:
            if self._hook is not None:
                self._hook(ApduTrace(apdu, response, time.perf_counter() - start))
