"""Checks of one field's JSON value, whatever its type; problems carry their paths.

People are lists of persons (``shareholders[2].id_number``), counted against
``min_items``/``max_items``; the same identity number twice is refused.
"""

from __future__ import annotations

from typing import Any

from kiosk.catalogue_types import Field
from kiosk.forms.person import check_person
from kiosk.forms.scalars import Context, check_scalar, is_empty
from kiosk.forms.validation import FieldProblem


def check_value(
    spec: Field,
    value: Any,
    context: Context,
    path: str | None = None,
    *,
    required: bool | None = None,
) -> list[FieldProblem]:
    """Every problem of ``value`` for ``spec`` at ``path`` (default: the field's name).

    Never raises, whatever ``value`` is: the screens and the fuzz tests rely on it.
    """
    where = spec.name if path is None else path
    must = spec.required if required is None else required
    if is_empty(value):
        return [FieldProblem(where, "required")] if must else []
    if spec.type == "person":
        return check_person(spec, value, context, where)
    if spec.type == "people":
        return _people(spec, value, context, where)
    return check_scalar(spec, value, context, where, required=must)


def _people(spec: Field, value: Any, context: Context, path: str) -> list[FieldProblem]:
    if not isinstance(value, list):
        return [FieldProblem(path, "wrong_type")]
    if spec.min_items is not None and len(value) < spec.min_items:
        return [FieldProblem(path, "too_few", {"min": spec.min_items})]
    if spec.max_items is not None and len(value) > spec.max_items:
        return [FieldProblem(path, "too_many", {"max": spec.max_items})]
    problems: list[FieldProblem] = []
    numbers: list[tuple[Any, Any]] = []
    for i, person in enumerate(value):
        found = check_person(spec, person, context, f"{path}[{i}]")
        problems += found
        if isinstance(person, dict) and not found:
            key = (person.get("document_type"), person.get("id_number"))
            if key in numbers:
                problems.append(FieldProblem(f"{path}[{i}].id_number", "duplicate"))
            numbers.append(key)
    return problems
