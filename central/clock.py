"""Time for the central: an injectable clock and RFC 3339 formatting.

Every module asks a :data:`Clock` for the time instead of calling
``datetime.now`` so tests can move time (enrolment expiry, signature windows,
idempotency retention) without sleeping. Times are kept timezone-aware and
shown in China Standard Time (+08:00), as the interface's examples are.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

Clock = Callable[[], datetime]
"""A zero-argument callable returning the current time as an aware datetime."""

CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")


def system_clock() -> datetime:
    """Return the real current time (aware, UTC)."""
    return datetime.now(UTC)


def rfc3339(moment: datetime) -> str:
    """Format an aware datetime as RFC 3339 in +08:00 with whole seconds."""
    return moment.astimezone(CHINA_STANDARD_TIME).replace(microsecond=0).isoformat()


def parse_rfc3339(text: str) -> datetime | None:
    """Parse an RFC 3339 timestamp with an explicit offset; ``None`` if it is not one."""
    candidate = text.strip()
    if len(candidate) < 20 or candidate[10] not in "Tt ":
        return None
    if candidate.endswith(("Z", "z")):
        candidate = candidate[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(candidate)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed


def local_date(moment: datetime) -> str:
    """Return the calendar date of ``moment`` in China as ``YYYY-MM-DD``."""
    return moment.astimezone(CHINA_STANDARD_TIME).date().isoformat()


def stamp(moment: datetime) -> str:
    """Format a time for storage: ISO 8601 in UTC, microseconds, comparable as text."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def unstamp(text: str) -> datetime:
    """Read a time written by :func:`stamp`."""
    return datetime.fromisoformat(text)
