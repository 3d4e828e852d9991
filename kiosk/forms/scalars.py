"""Checks of one JSON value of a non-person type, as central-api.md gives them.

text → string; number → number (whole when ``integer``); money → decimal string
with at most ``decimals`` places; date → ``YYYY-MM-DD`` within its bounds;
choice → an option's value; multi_choice → a list of them; region → a six-digit
GB/T 2260 code (the catalogue's, at the field's ``level``); scope → a list of
business_scope codes, the first the main one. Each check returns every problem
with its path, and never raises whatever the value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from msgspec.structs import replace as struct_replace

from kiosk.catalogue_types import Field, Region, ScopeItem, level_of_code
from kiosk.forms import kinds
from kiosk.forms.conditions import same
from kiosk.forms.dates import parse_date, resolve_bound
from kiosk.forms.money import places, to_decimal
from kiosk.forms.validation import FieldProblem, validate_field

_REGION = re.compile(r"^\d{6}$")


@dataclass(frozen=True)
class Context:
    """What checks need beyond the field: today, and the catalogue's lists (None: not given)."""

    today: date = field(default_factory=date.today)
    regions: Mapping[str, Region] | None = None
    scope: Mapping[str, ScopeItem] | None = None


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and len(value) == 0)


def check_scalar(
    spec: Field, value: Any, context: Context, path: str, *, required: bool
) -> list[FieldProblem]:
    """The problems of ``value`` for a field of a non-person type."""
    if is_empty(value):
        return [FieldProblem(path, "required")] if required else []
    check = _CHECKS.get(spec.type)
    return check(spec, value, context, path) if check is not None else []


def _text(spec: Field, value: Any, _context: Context, path: str) -> list[FieldProblem]:
    if not isinstance(value, str):
        return [FieldProblem(path, "wrong_type")]
    problem = validate_field(spec, value)
    return [replace(problem, field=path)] if problem is not None else []


def _number(spec: Field, value: Any, _context: Context, path: str) -> list[FieldProblem]:
    number = to_number(value)
    if number is None:
        return [FieldProblem(path, "not_a_number")]
    if spec.integer and not float(number).is_integer():
        return [FieldProblem(path, "not_an_integer")]
    return _range(spec, number, path)


def to_number(value: Any) -> int | float | None:
    """A number, or its text as typed; None when it is neither (or not finite)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            pass
        try:
            number = float(value)
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def _range(spec: Field, number: Any, path: str) -> list[FieldProblem]:
    low, high = _numeric(spec.minimum), _numeric(spec.maximum)
    if low is not None and number < low:
        return [FieldProblem(path, "too_small", {"min": low})]
    if high is not None and number > high:
        return [FieldProblem(path, "too_large", {"max": high})]
    return []


def _numeric(bound: object) -> int | float | None:
    if isinstance(bound, bool) or not isinstance(bound, int | float):
        return None
    return bound if math.isfinite(bound) else None


def _money(spec: Field, value: Any, _context: Context, path: str) -> list[FieldProblem]:
    amount = to_decimal(value)
    if amount is None:
        return [FieldProblem(path, "not_an_amount", {"example": spec.example})]
    if spec.decimals is not None and places(amount) > spec.decimals:
        return [FieldProblem(path, "too_many_decimals", {"max": spec.decimals})]
    low, high = to_decimal(_bound_text(spec.minimum)), to_decimal(_bound_text(spec.maximum))
    if low is not None and amount < low:
        return [FieldProblem(path, "too_small", {"min": str(low)})]
    if high is not None and amount > high:
        return [FieldProblem(path, "too_large", {"max": str(high)})]
    return []


def _bound_text(bound: object) -> object:
    # A float bound (0.01) compared exactly: as the decimal it was written as.
    if isinstance(bound, float) and math.isfinite(bound):
        return repr(bound) if "e" not in repr(bound) else None
    return bound


def _date(spec: Field, value: Any, context: Context, path: str) -> list[FieldProblem]:
    day = parse_date(value)
    if day is None:
        return [FieldProblem(path, "not_a_date")]
    low = resolve_bound(spec.minimum, context.today)
    high = resolve_bound(spec.maximum, context.today)
    if low is not None and day < low:
        return [FieldProblem(path, "too_early", {"min": low.isoformat()})]
    if high is not None and day > high:
        return [FieldProblem(path, "too_late", {"max": high.isoformat()})]
    return []


def options_of(spec: Field) -> list[Any]:
    """The option values; a restated ``document_type`` without options has the document's."""
    if not spec.options and spec.name == "document_type":
        return list(kinds.DOCUMENT_TYPES)
    return [o.value for o in spec.options]


def _choice(spec: Field, value: Any, _context: Context, path: str) -> list[FieldProblem]:
    if isinstance(value, list | dict) or not any(same(value, o) for o in options_of(spec)):
        return [FieldProblem(path, "not_an_option")]
    return []


def _items(spec: Field, value: Any, path: str) -> list[FieldProblem] | None:
    """Shape and count of a list value; None when it is fine so far."""
    if not isinstance(value, list):
        return [FieldProblem(path, "wrong_type")]
    if spec.min_items is not None and len(value) < spec.min_items:
        return [FieldProblem(path, "too_few", {"min": spec.min_items})]
    if spec.max_items is not None and len(value) > spec.max_items:
        return [FieldProblem(path, "too_many", {"max": spec.max_items})]
    return None


def _multi_choice(spec: Field, value: Any, _context: Context, path: str) -> list[FieldProblem]:
    shape = _items(spec, value, path)
    if shape is not None:
        return shape
    problems: list[FieldProblem] = []
    options = options_of(spec)
    for i, item in enumerate(value):
        if isinstance(item, list | dict) or not any(same(item, o) for o in options):
            problems.append(FieldProblem(f"{path}[{i}]", "not_an_option"))
        elif any(same(item, earlier) for earlier in value[:i]):
            problems.append(FieldProblem(f"{path}[{i}]", "duplicate"))
    return problems


def _region(spec: Field, value: Any, context: Context, path: str) -> list[FieldProblem]:
    if not isinstance(value, str) or not _REGION.fullmatch(value):
        return [FieldProblem(path, "not_a_region", {"example": spec.example})]
    if context.regions:
        region = context.regions.get(value)
        if region is None:
            return [FieldProblem(path, "not_a_region", {"example": spec.example})]
        level = region.level
    else:
        level = level_of_code(value)
    if spec.level in kinds.REGION_LEVELS and level != spec.level:
        return [FieldProblem(path, "wrong_region_level", {"level": spec.level})]
    return []


def _scope(spec: Field, value: Any, context: Context, path: str) -> list[FieldProblem]:
    shape = _items(spec, value, path)
    if shape is not None:
        return shape
    problems: list[FieldProblem] = []
    seen: list[str] = []
    for i, code in enumerate(value):
        if not isinstance(code, str) or (context.scope and code not in context.scope):
            problems.append(FieldProblem(f"{path}[{i}]", "not_in_scope"))
        elif code in seen:
            problems.append(FieldProblem(f"{path}[{i}]", "duplicate"))
        else:
            seen.append(code)
    return problems


def _present(_spec: Field, _value: Any, _context: Context, _path: str) -> list[FieldProblem]:
    # A signature is an attachment; the engine hands over whether it is there.
    return []


_CHECKS = {
    "text": _text,
    "number": _number,
    "money": _money,
    "date": _date,
    "choice": _choice,
    "multi_choice": _multi_choice,
    "region": _region,
    "scope": _scope,
    "signature": _present,
}


def sub_spec(spec: Field) -> Field:
    """A person's sub-field as checked: a restated standard one may leave out its type."""
    if spec.type:
        return spec
    return struct_replace(spec, type="choice" if spec.name == "document_type" else "text")
