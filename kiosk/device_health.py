"""What the kiosk's devices mean for the citizen at the screen right now.

`DeviceWatch.poll` runs on a worker thread: it polls every device through the
`devices.manager.DeviceManager` (debounced hot-plug, paper and card events),
logs each change for the technician, and returns a `DeviceReport` the shell
shows. `citizen_notices` turns statuses into the few facts a citizen must know
before starting (the printer or the card reader is not working), as codes the
screens put into plain words.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from devices.manager import DeviceEvent, DeviceManager, StatusSource
from devices.status import DeviceState, DeviceStatus

log = logging.getLogger(__name__)

PRINTER_UNAVAILABLE = "printer_unavailable"
READER_UNAVAILABLE = "reader_unavailable"

# Busy is normal (a read in progress); these mean the device cannot serve anyone.
_BROKEN = frozenset(
    {
        DeviceState.NO_DEVICE,
        DeviceState.OFFLINE,
        DeviceState.HARDWARE_ERROR,
        DeviceState.FRAUD_ATTEMPT,
    }
)


@dataclass(frozen=True, slots=True)
class DeviceReport:
    """One poll: every device's status and the changes since the last poll."""

    statuses: dict[str, DeviceStatus]
    events: tuple[DeviceEvent, ...]

    @property
    def notices(self) -> tuple[str, ...]:
        return citizen_notices(self.statuses)

    def usable(self, name: str) -> bool:
        """True when device ``name`` was polled and can take a command now."""
        status = self.statuses.get(name)
        return status is not None and status.usable


def citizen_notices(statuses: Mapping[str, DeviceStatus]) -> tuple[str, ...]:
    """Codes for what does not work, in a stable order: printer, then reader."""
    notices: list[str] = []
    printer = statuses.get("printer")
    # Paper out or a cover left open is a USER_ERROR: no receipt comes out either.
    if printer is not None and (
        printer.state in _BROKEN or printer.state is DeviceState.USER_ERROR
    ):
        notices.append(PRINTER_UNAVAILABLE)
    reader = statuses.get("id_reader")
    if reader is not None and reader.state in _BROKEN:
        notices.append(READER_UNAVAILABLE)
    return tuple(notices)


class DeviceWatch:
    """Polls the devices; call `poll` from one worker thread at a time."""

    def __init__(self, devices: Mapping[str, StatusSource], misses_to_gone: int = 3) -> None:
        self._manager = DeviceManager(devices, _log_event, misses_to_gone=misses_to_gone)

    def poll(self) -> DeviceReport:
        """Poll once; never raises, so the shell's next poll always comes."""
        try:
            events = tuple(self._manager.poll_once())
        except Exception:  # a logging handler or a driver bug: keep watching
            log.exception("device poll failed")
            events = ()
        return DeviceReport(self._manager.statuses(), events)


def _log_event(event: DeviceEvent) -> None:
    level = logging.INFO if event.status.usable else logging.WARNING
    log.log(level, "device %s: %s (%s)", event.device, event.kind, event.status.reason)
