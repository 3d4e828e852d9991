"""Working-day arithmetic for the promised time limit (承诺时限) on a receipt.

A working day here is Monday to Friday. Official holidays (法定节假日) and the
Saturdays and Sundays worked in their place (调休) are out of scope: they are
set each year by the State Council and the catalogue does not carry them, so a
date printed across a holiday is earlier than the authority's own count.
"""

from __future__ import annotations

from datetime import date, timedelta

_SATURDAY = 5


def is_working_day(day: date) -> bool:
    """Monday to Friday."""
    return day.weekday() < _SATURDAY


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start``, not counting ``start`` itself.

    Submitted on a Friday with 3 days: the Wednesday after. Submitted on a
    Saturday: counting begins on the Monday, so 1 day gives that Monday.
    ``days == 0`` gives ``start``.
    """
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    day = start
    # Day by day: limits are a few days to a few weeks, and this reads as the rule.
    while days:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day
