"""``required_if`` and ``visible_if``: the two condition kinds, evaluated as data.

``{"field": NAME, "equals": VALUE}`` holds when the field's value is VALUE;
``{"field": NAME, "in": [...]}`` when it is one of them. A list value (a
multi_choice) holds when any of its items does. Values compare as JSON: 5 and
"5" are the same answer typed differently, but ``true`` is not 1. Anything else
is not a kind the kiosk knows (its service is never offered), and never
``eval``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kiosk.catalogue_types import Condition, Field


def holds(condition: Condition | None, values: Mapping[str, Any]) -> bool:
    """Whether ``condition`` holds over the form's (visible) ``values``."""
    if condition is None:
        return False
    kind = condition.kind
    if kind == "equals":
        targets: list[Any] = [condition.equals]
    elif kind == "in" and isinstance(condition.among, list):
        targets = condition.among
    else:
        return False
    actual = values.get(condition.field)
    candidates = actual if isinstance(actual, list) else [actual]
    return any(same(a, t) for a in candidates for t in targets)


def same(a: Any, b: Any) -> bool:
    """JSON equality, lenient between a number and its text, strict about booleans."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, int | float) and isinstance(b, str):
        return _number_text(a) == b
    if isinstance(a, str) and isinstance(b, int | float):
        return a == _number_text(b)
    try:
        return bool(a == b)
    except Exception:  # pragma: no cover - JSON values always compare
        return False


def _number_text(number: int | float) -> str:
    return str(int(number)) if isinstance(number, float) and number.is_integer() else str(number)


def visible_names(fields: Sequence[Field], values: Mapping[str, Any]) -> frozenset[str]:
    """The fields shown, given the values: a hidden field's value counts as absent.

    A condition may name a field that is itself hidden; hiding is repeated until
    nothing changes (at most once per field, so it always ends).
    """
    shown = frozenset(f.name for f in fields)
    for _ in range(len(fields) + 1):
        seen = {name: value for name, value in values.items() if name in shown}
        now = frozenset(f.name for f in fields if f.visible_if is None or holds(f.visible_if, seen))
        if now == shown:
            break
        shown = now
    return shown


def is_required(spec: Field, values: Mapping[str, Any]) -> bool:
    """``required``, or ``required_if`` holding over the visible values."""
    return spec.required or holds(spec.required_if, values)
