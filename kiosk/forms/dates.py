"""Date bounds of a catalogue field: a date, ``"today"``, or a period from today.

``"+5y"``, ``"+6m"``, ``"+30d"`` and negative ones (``"-18y"``) count from an
injected today, never the wall clock, so that tests and the central agree on
what "today" means. Month and year steps keep the day where it exists and
otherwise take the month's last day (2024-02-29 + 1y = 2025-02-28).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

_PERIOD = re.compile(r"^([+-])(\d{1,4})([ymd])$")

Resolver = Callable[[date], date]


def parse_bound(text: str) -> Resolver | None:
    """How to turn ``text`` into a date given today; None when it is no bound."""
    text = text.strip()
    if text == "today":
        return lambda today: today
    match = _PERIOD.fullmatch(text)
    if match is not None:
        sign = -1 if match.group(1) == "-" else 1
        amount, unit = sign * int(match.group(2)), match.group(3)
        return lambda today: shift(today, amount, unit)
    try:
        fixed = date.fromisoformat(text)
    except ValueError:
        return None
    if len(text) != 10:  # fromisoformat also reads "20260101"; the document says YYYY-MM-DD
        return None
    return lambda _today: fixed


def resolve_bound(text: object, today: date) -> date | None:
    """The bound as a date, or None when there is none (or it cannot be read)."""
    if not isinstance(text, str):
        return None
    resolver = parse_bound(text)
    if resolver is None:
        return None
    try:
        return resolver(today)
    except (OverflowError, ValueError):
        return None


def shift(day: date, amount: int, unit: str) -> date:
    """``day`` moved by ``amount`` years ("y"), months ("m") or days ("d")."""
    if unit == "d":
        return day + timedelta(days=amount)
    months = amount * 12 if unit == "y" else amount
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def parse_date(value: object) -> date | None:
    """A ``YYYY-MM-DD`` value as a date; None for anything else."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def age_on(born: date, today: date) -> int:
    """Whole years of age on ``today``."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
