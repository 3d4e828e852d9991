"""Form values checked against field definitions that the HTTP tests do not reach."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from central.catalogue import load_catalogue
from central.form_validation import FormValidator, apply_rules, validate_form
from central.registry import load_registry


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
        # "$" must not match before a final line break (where one may be: multiline).
        ({"type": "text", "pattern": "^[0-9]+$", "multiline": True}, "123\n", "pattern"),
        ({"type": "text", "pattern": "^[0-9]+$"}, "123\n", "character"),
        ({"type": "text", "multiline": True}, "第一行\r\n第二行", "character"),
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


# -- the keys of central-api.md's form schema, one at a time ------------------------------

TODAY = date(2026, 11, 22)
CHOICE = {
    "name": "supervision",
    "type": "choice",
    "label": LABEL,
    "required": True,
    "options": [{"value": v, "label": LABEL} for v in ("one", "board", "none")],
}
SUPERVISORS = {
    "name": "supervisors",
    "type": "people",
    "label": LABEL,
    "visible_if": {"field": "supervision", "in": ["one", "board"]},
    "required_if": {"field": "supervision", "in": ["one", "board"]},
}
PERSON = {"name": "李明", "document_type": "cn_resident_id", "id_number": "330782199202020027"}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"supervision": "none"}, set()),
        ({"supervision": "none", "supervisors": [PERSON]}, {("form.supervisors", "hidden")}),
        # "Not sent" means not sent: an empty value for a hidden field is still sent.
        ({"supervision": "none", "supervisors": []}, {("form.supervisors", "hidden")}),
        ({"supervision": "one"}, {("form.supervisors", "required")}),
        ({"supervision": "board", "supervisors": [PERSON]}, set()),
    ],
    ids=["none-and-absent", "none-but-sent", "none-but-empty", "one-but-absent", "board-and-sent"],
)
def test_a_field_is_asked_for_only_while_its_visible_if_holds(
    values: dict[str, Any], expected: set[tuple[str, str]]
) -> None:
    assert _errors([CHOICE, SUPERVISORS], values) == expected


def test_a_field_hidden_by_a_hidden_field_is_hidden_too() -> None:
    chair = {
        "name": "chair",
        "type": "text",
        "label": LABEL,
        "required": True,
        "visible_if": {"field": "supervisors", "equals": "x"},
    }
    text_supervisors = {**SUPERVISORS, "type": "text"}
    values = {"supervision": "none", "supervisors": "x", "chair": "y"}

    assert _errors([CHOICE, text_supervisors, chair], values) == {
        ("form.supervisors", "hidden"),
        ("form.chair", "hidden"),
    }


def test_a_condition_on_a_multiple_choice_holds_when_any_chosen_option_matches() -> None:
    methods = {
        "name": "methods",
        "type": "multi_choice",
        "label": LABEL,
        "options": [{"value": v, "label": LABEL} for v in ("money", "in_kind")],
    }
    valuation = {
        "name": "valuation",
        "type": "text",
        "label": LABEL,
        "required_if": {"field": "methods", "equals": "in_kind"},
    }
    assert _errors([methods, valuation], {"methods": ["money", "in_kind"]}) == {
        ("form.valuation", "required")
    }
    assert _errors([methods, valuation], {"methods": ["money"]}) == set()


SHAREHOLDERS = {
    "name": "shareholders",
    "type": "people",
    "label": LABEL,
    "required": True,
    "fields": [
        {"name": "subscribed", "type": "money", "label": LABEL, "required": True, "unit": "万元"},
        {
            "name": "due",
            "type": "date",
            "label": LABEL,
            "required": True,
            "min": "today",
            "max": "+5y",
        },
    ],
}


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        ("2026-11-21", {("form.shareholders[0].due", "too_early")}),
        ("2026-11-22", set()),
        ("2031-11-22", set()),
        ("2031-11-23", {("form.shareholders[0].due", "too_late")}),
    ],
)
def test_a_persons_date_is_held_to_bounds_counted_from_today(
    due: str, expected: set[tuple[str, str]]
) -> None:
    values = {"shareholders": [{**PERSON, "subscribed": "1", "due": due}]}
    assert _errors([SHAREHOLDERS], values) == expected


@pytest.mark.parametrize(
    ("bounds", "day", "code"),
    [
        ({"max": "+6m"}, "2027-05-23", "too_late"),
        ({"max": "+6m"}, "2027-05-22", None),
        ({"min": "+30d"}, "2026-12-21", "too_early"),
        ({"min": "+30d"}, "2026-12-22", None),
        ({"max": "2026-12-31"}, "2027-01-01", "too_late"),
    ],
)
def test_date_bounds_may_be_fixed_or_months_and_days_from_today(
    bounds: dict[str, str], day: str, code: str | None
) -> None:
    field = {"name": "day", "type": "date", "label": LABEL, **bounds}
    assert _errors([field], {"day": day}) == ({("form.day", code)} if code else set())


def test_a_person_has_a_name_document_and_number_even_when_the_catalogue_lists_only_extras() -> (
    None
):
    values = {"shareholders": [{"subscribed": "1", "due": "2027-01-01"}]}
    assert _errors([SHAREHOLDERS], values) == {
        ("form.shareholders[0].name", "required"),
        ("form.shareholders[0].document_type", "required"),
        ("form.shareholders[0].id_number", "required"),
    }
    odd_document = {
        **PERSON,
        "document_type": "library_card",
        "subscribed": "1",
        "due": "2027-01-01",
    }
    assert _errors([SHAREHOLDERS], {"shareholders": [odd_document]}) == {
        ("form.shareholders[0].document_type", "option")
    }


OFFICER = {
    "name": "officer",
    "type": "person",
    "label": LABEL,
    "required": True,
    "require_mobile": True,
    "min_age": 18,
    "validators": ["cn_resident_id", "cn_mobile"],
}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, {("form.officer.mobile", "required")}),
        ({"mobile": "13800138000"}, set()),
        ({"mobile": "23800138000"}, {("form.officer.mobile", "cn_mobile")}),
        (
            {"mobile": "13800138000", "id_number": "330782199202020028"},
            {("form.officer.id_number", "cn_resident_id")},
        ),
        # A passport's number is not a resident card's: its check character is not checked.
        ({"mobile": "13800138000", "document_type": "passport", "id_number": "E1234567"}, set()),
        (
            {"mobile": "13800138000", "id_number": "330702201001010015"},  # 16 on TODAY
            {("form.officer.id_number", "min_age")},
        ),
        ({"mobile": "13800138000", "id_number": "33070220081122001X"}, set()),  # 18 on TODAY
        (
            {"mobile": "13800138000", "id_number": "330702200811230015"},  # 18 tomorrow
            {("form.officer.id_number", "min_age")},
        ),
    ],
    ids=[
        "no-mobile",
        "mobile",
        "bad-mobile",
        "bad-check-character",
        "passport",
        "sixteen",
        "eighteen-today",
        "eighteen-tomorrow",
    ],
)
def test_a_person_field_applies_require_mobile_validators_and_min_age(
    changes: dict[str, str], expected: set[tuple[str, str]]
) -> None:
    assert _errors([OFFICER], {"officer": {**PERSON, **changes}}) == expected


def test_the_resident_card_check_of_a_sub_field_applies_only_to_resident_cards() -> None:
    field = {
        "name": "officer",
        "type": "person",
        "label": LABEL,
        "fields": [
            {
                "name": "id_number",
                "type": "text",
                "label": LABEL,
                "required": True,
                "validators": ["cn_resident_id"],
            }
        ],
    }
    wrong = {**PERSON, "id_number": "330782199202020028"}

    assert _errors([field], {"officer": wrong}) == {("form.officer.id_number", "cn_resident_id")}
    assert _errors([field], {"officer": {**wrong, "document_type": "tw_travel_permit"}}) == set()


def test_the_same_person_twice_in_a_list_is_refused() -> None:
    directors = {"name": "directors", "type": "people", "label": LABEL, "required": True}
    same_again = {**PERSON, "id_number": PERSON["id_number"].lower(), "name": "李 明"}

    assert _errors([directors], {"directors": [PERSON, same_again]}) == {
        ("form.directors[1].id_number", "duplicate")
    }


def _company_errors(**changes: Any) -> list[tuple[str, str]]:
    service = load_catalogue().service("GS-SETUP")
    assert service is not None
    form = {
        "registered_capital": "100",
        "shareholders": [
            {**PERSON, "subscribed_capital": "60", "contribution_date": "2030-01-01"},
            {
                "name": "王丽华",
                "document_type": "cn_resident_id",
                "id_number": "330702199003071233",
                "subscribed_capital": "40",
                "contribution_date": "2030-01-01",
            },
        ],
        **changes,
    }
    errors = validate_form(form, service, load_catalogue(), today=TODAY, signature_kinds=set())
    return [
        (error.field, error.code)
        for error in errors
        if error.field.startswith(("form.shareholders", "form.registered_capital"))
    ]


def test_the_catalogues_sum_rule_compares_the_shareholders_with_the_capital() -> None:
    assert _company_errors() == []
    assert _company_errors(registered_capital="100.00") == []
    assert _company_errors(registered_capital="120") == [("form.shareholders", "sum_mismatch")]


def test_the_sum_rule_waits_for_readable_amounts() -> None:
    assert _company_errors(registered_capital="lots") == [("form.registered_capital", "type")]


def test_a_registry_rule_the_catalogue_already_states_is_not_applied_again() -> None:
    service = load_catalogue().service("GS-SETUP")
    assert service is not None
    registry_rules = load_registry().service_rules("GS-SETUP")["rules"]
    form = {
        "registered_capital": "120",
        "shareholders": [{"subscribed_capital": "100", "contribution_date": "2040-01-01"}],
    }

    unfiltered = apply_rules(form, registry_rules, today=TODAY)
    filtered = apply_rules(form, registry_rules, today=TODAY, stated=service["form"]["rules"])

    assert [error.code for error in unfiltered] == ["sum_mismatch", "too_late"]
    assert [error.code for error in filtered] == ["too_late"]


def test_a_persons_entry_may_depend_on_another_entry_of_the_same_person() -> None:
    shareholders = {
        "name": "shareholders",
        "type": "people",
        "label": LABEL,
        "required": True,
        "fields": [
            {
                "name": "kind",
                "type": "choice",
                "label": LABEL,
                "required": True,
                "options": [{"value": v, "label": LABEL} for v in ("person", "company")],
            },
            {
                "name": "credit_code",
                "type": "text",
                "label": LABEL,
                "validators": ["cn_uscc"],
                "visible_if": {"field": "kind", "equals": "company"},
                "required_if": {"field": "kind", "equals": "company"},
            },
        ],
    }
    natural = {**PERSON, "kind": "person"}

    assert _errors([shareholders], {"shareholders": [natural]}) == set()
    assert _errors([shareholders], {"shareholders": [{**natural, "credit_code": "x"}]}) == {
        ("form.shareholders[0].credit_code", "hidden")
    }
    assert _errors([shareholders], {"shareholders": [{**PERSON, "kind": "company"}]}) == {
        ("form.shareholders[0].credit_code", "required")
    }
