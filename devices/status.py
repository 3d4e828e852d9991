"""One status vocabulary for every device, after the XFS4IoT common status words.

A status carries a machine-readable state and a human reason in plain words (for
the technician's screen and logs; citizens see messages chosen by the screens).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DeviceState(StrEnum):
    """XFS4IoT ``common.status.device`` words used by the kiosk."""

    ONLINE = "online"
    OFFLINE = "offline"
    NO_DEVICE = "noDevice"
    HARDWARE_ERROR = "hardwareError"
    USER_ERROR = "userError"
    DEVICE_BUSY = "deviceBusy"
    FRAUD_ATTEMPT = "fraudAttempt"


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    """The state of one device with a human reason.

    Attributes:
        state: the XFS4IoT device word.
        reason: a short plain-words explanation, e.g. "paper out".
        media: optional media word (printers: "ok", "low", "out"; readers:
            "present", "notPresent").
        presented: for printers with an output slot that can tell, True while a
            printed document waits there to be taken; None when unknown.
    """

    state: DeviceState
    reason: str = ""
    media: str | None = None
    presented: bool | None = None

    @property
    def usable(self) -> bool:
        """True when the device can take a command now."""
        return self.state is DeviceState.ONLINE

    def heartbeat_word(self) -> str:
        """The central heartbeat's coarser word: ok, warning, error or absent."""
        if self.state is DeviceState.ONLINE:
            return "warning" if self.media in {"low"} else "ok"
        if self.state is DeviceState.NO_DEVICE:
            return "absent"
        if self.state in (DeviceState.DEVICE_BUSY, DeviceState.USER_ERROR):
            return "warning"
        return "error"
