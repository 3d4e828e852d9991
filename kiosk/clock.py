"""Time as an injected dependency, so that tests never sleep.

The core asks a `Clock` for the time; the shell passes `SystemClock`, tests pass
a clock they move by hand.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone
from typing import Protocol

CHINA_TZ = timezone(timedelta(hours=8), "CST")


class Clock(Protocol):
    """Monotonic seconds for timers and wall-clock time for records."""

    def monotonic(self) -> float: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone(CHINA_TZ)


class ManualClock:
    """A clock that moves only when told to (tests, benchmarks, replay)."""

    def __init__(self, start: datetime | None = None) -> None:
        self._mono = 1000.0
        self._wall = start or datetime.now(UTC).astimezone(CHINA_TZ)

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)


def rfc3339(moment: datetime) -> str:
    """RFC 3339 with offset and whole seconds, as the central expects."""
    return moment.replace(microsecond=0).isoformat()
