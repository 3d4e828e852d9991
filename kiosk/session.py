"""The citizen's inactivity timer: active, warned (with a countdown), expired.

Pure arithmetic over an injected clock; the shell asks it once a second and the
workflow ends the session when it has expired.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.clock import Clock


class IdlePhase(StrEnum):
    ACTIVE = "active"
    WARNING = "warning"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class IdleReading:
    phase: IdlePhase
    remaining_s: float


class IdleTimer:
    """Counts from the last touch; ``touch()`` on every input or "continue"."""

    def __init__(self, clock: Clock, timeout_s: float, warning_s: float) -> None:
        if not 0 < warning_s < timeout_s:
            raise ValueError("the warning must come before the timeout")
        self._clock = clock
        self.timeout_s = timeout_s
        self.warning_s = warning_s
        self._last = clock.monotonic()

    def touch(self) -> None:
        self._last = self._clock.monotonic()

    def reading(self) -> IdleReading:
        remaining = self.timeout_s - (self._clock.monotonic() - self._last)
        if remaining <= 0:
            return IdleReading(IdlePhase.EXPIRED, 0.0)
        if remaining <= self.warning_s:
            return IdleReading(IdlePhase.WARNING, remaining)
        return IdleReading(IdlePhase.ACTIVE, remaining)
