"""Form values checked against field definitions that the HTTP tests do not reach."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from central.catalogue import load_catalogue
from central.form_validation import FormValidator, apply_rules


def _errors(fields: list[dict[str, Any]], values: dict[str, Any]) -> set[tuple[str, str]]:
    validator = FormValidator(load_catalogue(), today=date(2026, 11, 22))
    validator.check_object(values, fields, "form.", signature_kinds=set())
    return {(error.field, error.code) for error in validator.errors}


LABEL = {"zh": "字段", "en": "Field"}
RATING = {
    "name": "rating",
    "type": "choice",
    "label": LABEL,
    "required": True,
    "options": [{"value": v, "label": LABEL} for v in (1, 2, 3, 4, 5)],
}
COMMENT = {
    "name": "comment",
    "type": "text",
    "label": LABEL,
    "required_if": {"field": "rating", "in": [1, 2]},
}


@pytest.mark.parametrize(
    ("rating", "needs_comment"), [(1, True), (2.0, True), (3, False), (5, False)]
)
def test_comment_is_required_only_when_the_rating_asks_for_it(
    rating: Any, needs_comment: bool
) -> None:
    errors = _errors([RATING, COMMENT], {"rating": rating})
    assert (("form.comment", "required") in errors) is needs_comment


def test_a_boolean_is_not_a_numeric_option() -> None:
    assert _errors([RATING], {"rating": True}) == {("form.rating", "option")}


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ({"type": "date"}, "2026-02-30", "type"),
        ({"type": "date"}, "22/11/2026", "type"),
        ({"type": "number", "min": 1, "max": 3}, 4, "max"),
        ({"type": "number"}, "4", "type"),
        ({"type": "money", "min": 0.01}, "0", "min"),
        ({"type": "money"}, "1e3", "type"),
        (
            {"type": "multi_choice", "options": [{"value": "a", "label": LABEL}], "max_items": 1},
            ["a", "a"],
            "max_items",
        ),
        ({"type": "multi_choice", "options": [{"value": "a", "label": LABEL}]}, ["b"], "option"),
        ({"type": "region"}, "110101", "option"),
        ({"type": "region"}, 330702, "type"),
        ({"type": "text", "pattern": "^[0-9]+$"}, "123\n", "pattern"),
        ({"type": "text", "validators": ["cn_uscc"]}, "91350100M000100Y44", "cn_uscc"),
        ({"type": "people", "min_items": 1}, [], "required"),
        ({"type": "text"}, "   ", "required"),
        ({"type": "person"}, {"name": "王丽华", "document_type": "cn_resident_id"}, "required"),
    ],
)
def test_each_field_type_rejects_what_it_cannot_hold(
    field: dict[str, Any], value: Any, code: str
) -> None:
    definition = {"name": "value", "label": LABEL, "required": True, **field}
    errors = _errors([definition], {"value": value})
    assert code in {error_code for _, error_code in errors}, errors


def test_contributions_due_more_than_five_years_ahead_are_refused() -> None:
    rule = {
        "kind": "dates_within_years",
        "list": "shareholders",
        "item": "contribution_date",
        "years": 5,
        "message": "too late",
    }
    form = {
        "shareholders": [{"contribution_date": "2031-11-22"}, {"contribution_date": "2031-11-23"}]
    }
    errors = apply_rules(form, [rule], today=date(2026, 11, 22))
    assert [(error.field, error.code) for error in errors] == [
        ("form.shareholders[1].contribution_date", "too_late")
    ]
