"""Amounts of money as exact decimals: a decimal string in the field's unit.

Never floats: "33.33" three times must add up to "99.99", exactly, as the
central adds it up.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_AMOUNT = re.compile(r"^-?\d{1,15}(\.\d{1,15})?$")


def to_decimal(value: object) -> Decimal | None:
    """An amount as a Decimal: a decimal string, or an int; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, str) and _AMOUNT.fullmatch(value):
        try:
            return Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            return None
    return None


def places(amount: Decimal) -> int:
    """Digits after the decimal point as written ("1.50" has 2)."""
    exponent = amount.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def canonical(value: object) -> object:
    """What a widget hands over (a Decimal, an int, a float) as the decimal string sent."""
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal | int):
        return str(value)
    if isinstance(value, float):
        return str(Decimal(repr(value)))
    return value
