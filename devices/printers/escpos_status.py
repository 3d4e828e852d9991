"""ESC/POS real-time status (``DLE EOT n``) bytes, decoded and mapped to `DeviceStatus`.

Each ``DLE EOT n`` request (``10 04 n``, n = 1..4) is answered with one byte whose
bits 0 and 7 are 0 and bits 1 and 4 are 1 (Epson TM series; Citizen, Bixolon,
CBM and most Chinese clones follow it). That fixed pattern is how a real
answer is told apart from noise or a late byte. Bits used (Epson reference):

    n=1 printer:   bit3 offline, bit5 waiting for online recovery
    n=2 offline:   bit2 cover open, bit3 paper fed by the button, bit5 stopped by
                   paper end, bit6 error
    n=3 error:     bit3 autocutter error, bit5 unrecoverable, bit6 auto-recoverable
                   (head too hot, or cover opened while printing)
    n=4 paper:     bits2+3 near end, bits5+6 paper end (some models set only one
                   bit of each pair, so either bit counts)

python-escpos's own ``paper_status()`` reports "paper adequate" when the printer
does not answer at all, and ``is_online()`` reports "offline" for the same
silence; this module keeps "no answer" apart as `None` instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.status import DeviceState, DeviceStatus

DLE_EOT = b"\x10\x04"
QUERY_ORDER = (1, 2, 3, 4)

_FIXED_MASK = 0x93  # bits 7, 4, 1, 0
_FIXED_VALUE = 0x12  # bit 4 and bit 1 set, bits 7 and 0 clear


def query(n: int) -> bytes:
    """The three bytes of ``DLE EOT n``."""
    if n not in QUERY_ORDER:
        raise ValueError(f"DLE EOT n must be 1..4, not {n}")
    return DLE_EOT + bytes([n])


def is_status_byte(value: int) -> bool:
    """True when ``value`` has the fixed bits every DLE EOT answer carries."""
    return 0 <= value <= 0xFF and value & _FIXED_MASK == _FIXED_VALUE


@dataclass(frozen=True, slots=True)
class RealTimeStatus:
    """The four status bytes, decoded. Build it with `decode`."""

    offline: bool = False
    waiting_recovery: bool = False
    cover_open: bool = False
    feed_button: bool = False
    stopped_paper_end: bool = False
    error: bool = False
    cutter_error: bool = False
    unrecoverable_error: bool = False
    auto_recoverable_error: bool = False
    paper_near_end: bool = False
    paper_end: bool = False

    @property
    def paper_out(self) -> bool:
        return self.paper_end or self.stopped_paper_end


def decode(printer: int, offline_cause: int, error_cause: int, paper: int) -> RealTimeStatus:
    """Decode the answers to DLE EOT 1, 2, 3 and 4.

    Raises:
        ValueError: a byte lacks the fixed bits, so it is not a status answer.
    """
    for n, value in zip(QUERY_ORDER, (printer, offline_cause, error_cause, paper), strict=True):
        if not is_status_byte(value):
            raise ValueError(f"0x{value:02X} is not an answer to DLE EOT {n}")
    return RealTimeStatus(
        offline=bool(printer & 0x08),
        waiting_recovery=bool(printer & 0x20),
        cover_open=bool(offline_cause & 0x04),
        feed_button=bool(offline_cause & 0x08),
        stopped_paper_end=bool(offline_cause & 0x20),
        error=bool(offline_cause & 0x40),
        cutter_error=bool(error_cause & 0x08),
        unrecoverable_error=bool(error_cause & 0x20),
        auto_recoverable_error=bool(error_cause & 0x40),
        paper_near_end=bool(paper & 0x0C),
        paper_end=bool(paper & 0x60),
    )


def to_device_status(status: RealTimeStatus) -> DeviceStatus:
    """The kiosk's view of a decoded status; the most urgent condition names the reason."""
    if status.paper_out:
        return DeviceStatus(DeviceState.USER_ERROR, "paper out", media="out")
    if status.cover_open:
        return DeviceStatus(DeviceState.USER_ERROR, "cover open", media=_media(status))
    if status.cutter_error:
        return DeviceStatus(DeviceState.HARDWARE_ERROR, "autocutter error (paper jam?)")
    if status.unrecoverable_error:
        return DeviceStatus(DeviceState.HARDWARE_ERROR, "unrecoverable printer error")
    if status.auto_recoverable_error:
        return DeviceStatus(DeviceState.DEVICE_BUSY, "print head too hot; waits to recover")
    if status.error:
        return DeviceStatus(DeviceState.HARDWARE_ERROR, "printer reports an error")
    if status.feed_button:
        return DeviceStatus(DeviceState.DEVICE_BUSY, "paper being fed by the feed button")
    if status.offline:
        return DeviceStatus(DeviceState.OFFLINE, "printer offline")
    if status.paper_near_end:
        return DeviceStatus(DeviceState.ONLINE, "paper near end", media="low")
    return DeviceStatus(DeviceState.ONLINE, "ready", media="ok")


def _media(status: RealTimeStatus) -> str:
    return "low" if status.paper_near_end else "ok"
