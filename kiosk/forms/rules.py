"""Form rules: checks across fields, as the catalogue declares them.

One kind today, ``sum_equals``: the ``item_field`` of every person of the
``items`` people field adds up, in exact decimals, to the ``equals`` field (the
shareholders' subscribed amounts make the registered capital). The problem is
put on whichever of the two fields the citizen fills last, so it shows on that
page. An unknown kind never gets here: its service is not offered.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from kiosk.catalogue_types import FormSchema, Rule
from kiosk.forms.money import to_decimal
from kiosk.forms.scalars import is_empty
from kiosk.forms.validation import FieldProblem


def rule_problems(schema: FormSchema, values: Mapping[str, Any]) -> list[FieldProblem]:
    """The problems of every rule over the visible ``values`` (hidden fields absent)."""
    problems: list[FieldProblem] = []
    for rule in schema.rules:
        if rule.kind == "sum_equals":
            problem = _sum_equals(schema, rule, values)
            if problem is not None:
                problems.append(problem)
    return problems


def _sum_equals(schema: FormSchema, rule: Rule, values: Mapping[str, Any]) -> FieldProblem | None:
    if rule.items is None or rule.item_field is None or rule.equals is None:
        return None
    items, expected_value = values.get(rule.items), values.get(rule.equals)
    if is_empty(items) or is_empty(expected_value) or not isinstance(items, list):
        return None  # "required" says what is missing
    expected = to_decimal(expected_value)
    amounts = [to_decimal(p.get(rule.item_field)) if isinstance(p, dict) else None for p in items]
    if expected is None or any(a is None for a in amounts):
        return None  # each unreadable amount has a problem of its own
    total = sum((a for a in amounts if a is not None), Decimal(0))
    if total == expected:
        return None
    return FieldProblem(
        _anchor(schema, rule.items, rule.equals),
        "sum_equals",
        {
            "sum": str(total),
            "expected": str(expected),
            "message_zh": rule.message.zh,
            "message_en": rule.message.en,
        },
    )


def _anchor(schema: FormSchema, *names: str) -> str:
    """Of the fields named, the one the citizen fills last (later page, later position)."""
    order = [f.name for f in schema.fields]
    return max(names, key=lambda n: order.index(n) if n in order else -1)
