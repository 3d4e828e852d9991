"""Form values are JSON by type; problems name their paths; conditions and rules are data."""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.iso7064 import mod_11_2

from kiosk.catalogue import Catalogue, Condition, Field, Text, parse_catalogue
from kiosk.forms.conditions import holds, visible_names
from kiosk.forms.dates import parse_bound, resolve_bound, shift
from kiosk.forms.engine import FormSession
from kiosk.forms.paths import join_path, parse_path
from kiosk.forms.scalars import Context
from kiosk.forms.values import check_value

DOC_CATALOGUE = Path(__file__).resolve().parents[1] / "data" / "catalogue_doc.json"
TODAY = date(2026, 12, 4)
ADULT = "330702199005171238"  # 1990-05-17
ADULT_2 = "33010219760309308X"
ADULT_3 = "11010519491231002X"


def resident_id(body17: str) -> str:
    return body17 + mod_11_2.calc_check_digit(body17)


MINOR = resident_id("33070220120615001")  # born 2012-06-15: 14 on TODAY


@pytest.fixture(scope="module")
def doc() -> Catalogue:
    return parse_catalogue(json.loads(DOC_CATALOGUE.read_text(encoding="utf-8")))


def session(doc: Catalogue, code: str) -> FormSession:
    schema = doc.service(code).form
    assert schema is not None
    return FormSession(schema, catalogue=doc, today=lambda: TODAY)


def shareholder(number: str, amount: str, due: str = "2030-06-30", **more: Any) -> dict[str, Any]:
    return {
        "name": "王丽华",
        "document_type": "cn_resident_id",
        "id_number": number,
        "subscribed_amount": amount,
        "contribution_date": due,
        **more,
    }


def company(doc: Catalogue) -> FormSession:
    """A limited company's form, completely and correctly filled in."""
    form = session(doc, "GS-SETUP")
    form.set_value("company_name", "金华市婺城区丽华科技有限公司")
    form.set_json("region", "330702")
    form.set_value("domicile", "浙江省金华市婺城区八一南街100号501室")
    form.set_value("contact_mobile", "13800138000")
    form.set_value("registered_capital", "100")
    form.set_json("contribution_methods", ["currency"])
    form.set_value("business_term", "long_term")
    form.set_json("scope", ["S0201", "S0202"])
    form.set_json("shareholders", [shareholder(ADULT, "60"), shareholder(ADULT_2, "40")])
    form.set_json(
        "legal_representative",
        {
            "name": "王丽华",
            "document_type": "cn_resident_id",
            "id_number": ADULT,
            "mobile": "13800138000",
        },
    )
    form.set_value("legal_representative_role", "director")
    form.set_attachment("applicant_signature", "image/png", b"\x89PNG signed")
    return form


def codes(form: FormSession) -> dict[str, str]:
    return {p.field: p.code for p in form.problems()}


def test_a_complete_company_form_has_no_problems_and_sends_json_by_type(doc: Catalogue) -> None:
    form = company(doc)
    assert form.problems() == ()
    payload = form.payload()
    assert payload["registered_capital"] == "100"
    assert payload["region"] == "330702"
    assert payload["scope"] == ["S0201", "S0202"]
    assert payload["shareholders"][1]["id_number"] == ADULT_2
    assert payload["legal_representative"]["mobile"] == "13800138000"
    assert "applicant_signature" not in payload  # a signature is an attachment
    assert "term_years" not in payload  # hidden
    signature, checks = form.attachments()
    assert signature == {"kind": "signature", "media_type": "image/png", "data": "iVBORyBzaWduZWQ="}
    # Nobody's document was read here: all three are left for the central to verify.
    assert checks["kind"] == "identity_checks"
    assert json.loads(base64.b64decode(checks["data"])) == {
        "read_at_kiosk": [],
        "to_verify": ["shareholders[0]", "shareholders[1]", "legal_representative"],
    }


def test_shareholder_problem_names_its_path(doc: Catalogue) -> None:
    form = company(doc)
    form.add_item("shareholders", shareholder(ADULT_3[:-1] + "1", "0"))
    form.replace_item("shareholders", 1, shareholder(ADULT_2, "40", mobile="2380013800"))

    problems = {p.field: p.code for p in form.page_problems(2)}

    assert problems["shareholders[2].id_number"] == "cn_resident_id"
    assert problems["shareholders[2].subscribed_amount"] == "too_small"
    assert [p.name for p in form.page_problems(2)] == ["shareholders"] * len(problems)
    assert form.first_page_with_problems() == 2


def test_hidden_field_is_neither_checked_nor_sent(doc: Catalogue) -> None:
    form = company(doc)
    form.set_value("term_years", "abc")  # typed, then hidden by the choice
    assert form.problems() == ()
    assert "term_years" not in form.payload()
    assert not form.visible("term_years")

    form.set_value("business_term", "years")
    assert form.visible("term_years")
    assert codes(form) == {"term_years": "not_a_number"}
    form.set_value("term_years", "")
    assert codes(form) == {"term_years": "required"}  # required_if now holds
    form.set_value("term_years", "20")
    assert form.payload()["term_years"] == 20

    cancel = session(doc, "GT-CANCEL")
    cancel.set_value("reason", "closed")
    cancel.set_value("reason_detail", "x" * 500)
    assert "reason_detail" not in {p.field for p in cancel.problems()}
    assert "reason_detail" not in cancel.payload()


def test_subscribed_amounts_must_add_up_to_the_registered_capital(doc: Catalogue) -> None:
    form = company(doc)
    form.set_json("shareholders[1].subscribed_amount", "30")

    problems = [p for p in form.problems() if p.code == "sum_equals"]

    # Shown with the shareholders: the citizen fills them after the capital.
    assert [(p.field, p.params["sum"], p.params["expected"]) for p in problems] == [
        ("shareholders", "90", "100")
    ]
    message = problems[0].params["message_en"]
    assert isinstance(message, str)
    assert message.startswith("The shareholders' subscribed")
    assert form.first_page_with_problems() == 2
    # Exact decimals: 33.33 three times is 99.99, not 99.98999999999999.
    form.set_value("registered_capital", "99.99")
    form.set_json("shareholders", [shareholder(n, "33.33") for n in (ADULT, ADULT_2, ADULT_3)])
    assert form.problems() == ()


def test_contribution_date_more_than_five_years_ahead_is_refused(doc: Catalogue) -> None:
    form = company(doc)
    form.set_json("shareholders[0].contribution_date", "2031-12-04")
    assert form.problems() == ()
    form.set_json("shareholders[0].contribution_date", "2031-12-05")
    problem = next(p for p in form.problems() if p.field == "shareholders[0].contribution_date")
    assert (problem.code, problem.params) == ("too_late", {"max": "2031-12-04"})
    form.set_json("shareholders[0].contribution_date", "2026-12-03")
    assert codes(form)["shareholders[0].contribution_date"] == "too_early"  # min "today"


def test_a_person_is_checked_as_the_document_says(doc: Catalogue) -> None:
    form = company(doc)
    # A passport number is not checked as a resident identity number.
    form.set_json("shareholders[0].document_type", "passport")
    form.set_json("shareholders[0].id_number", "e1234567 8")
    assert form.json_value("shareholders[0].id_number") == "E12345678"
    assert form.problems() == ()
    # min_age from the identity number's birth date, on the injected today.
    form.set_json("shareholders[1].id_number", MINOR)
    assert codes(form) == {"shareholders[1].id_number": "too_young"}
    form.set_json("shareholders[1].id_number", ADULT_2)
    # require_mobile, and the field's validators on the mobile.
    form.set_json("legal_representative.mobile", "")
    assert codes(form) == {"legal_representative.mobile": "required"}
    form.set_json("legal_representative.mobile", "138 0013 8000")
    assert form.problems() == ()
    form.set_json("legal_representative.mobile", "23800138000")
    assert codes(form) == {"legal_representative.mobile": "cn_mobile"}
    form.set_json("legal_representative", {"name": "王丽华"})
    assert codes(form) == {
        "legal_representative.document_type": "required",
        "legal_representative.id_number": "required",
        "legal_representative.mobile": "required",
    }


def test_a_birth_date_sub_field_gives_the_age_of_a_passport_holder(doc: Catalogue) -> None:
    spec = Field(
        "partner", "person", Text("合伙人"), min_age=18, fields=(Field("birth_date", "date"),)
    )
    young = {
        "name": "A",
        "document_type": "passport",
        "id_number": "E1",
        "birth_date": "2010-01-01",
    }
    problems = check_value(spec, young, Context(TODAY))
    assert [(p.field, p.code, p.params) for p in problems] == [
        ("partner.birth_date", "too_young", {"min": 18})
    ]


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("registered_capital", "100.5", None),
        ("registered_capital", "100.123", ("registered_capital", "too_many_decimals")),
        ("registered_capital", "一百", ("registered_capital", "not_an_amount")),
        ("registered_capital", [100], ("registered_capital", "not_an_amount")),
        ("registered_capital", "0.00", ("registered_capital", "too_small")),
        ("region", "330700", ("region", "wrong_region_level")),
        ("region", "339999", ("region", "not_a_region")),
        ("region", 330702, ("region", "not_a_region")),
        ("scope", ["S0201", "S0201"], ("scope[1]", "duplicate")),
        ("scope", ["G9999"], ("scope[0]", "not_in_scope")),
        ("scope", [], ("scope", "required")),
        (
            "contribution_methods",
            ["currency", "labour"],
            ("contribution_methods[1]", "not_an_option"),
        ),
        ("legal_representative_role", "chairman", ("legal_representative_role", "not_an_option")),
        ("shareholders", [], ("shareholders", "required")),
        ("shareholders", "王丽华", ("shareholders", "wrong_type")),
        (
            "shareholders",
            [shareholder(ADULT, "50")] * 2,
            ("shareholders[1].id_number", "duplicate"),
        ),
    ],
)
def test_each_type_is_checked_as_the_document_gives_it(
    doc: Catalogue, name: str, value: Any, problem: tuple[str, str] | None
) -> None:
    form = company(doc)
    form.set_json(name, value)
    found = [(p.field, p.code) for p in form.problems() if p.code != "sum_equals"]
    assert found == ([problem] if problem else [])


def test_a_central_without_regions_or_scope_list_is_trusted_on_codes() -> None:
    region = Field("region", "region", Text("区"), level="county")
    scope = Field("scope", "scope", Text("范围"))
    assert check_value(region, "330782", Context(TODAY)) == []
    assert [p.code for p in check_value(region, "330000", Context(TODAY))] == ["wrong_region_level"]
    assert check_value(scope, ["ANY-CODE"], Context(TODAY)) == []


def test_people_lists_are_edited_item_by_item(doc: Catalogue) -> None:
    form = company(doc)
    third = form.add_item("shareholders", shareholder(ADULT_3, "0.01"))
    assert third == 2
    form.move_item("shareholders", 2, 0)
    assert [p["id_number"] for p in form.json_value("shareholders")] == [ADULT_3, ADULT, ADULT_2]
    form.remove_item("shareholders", 0)
    assert [p["id_number"] for p in form.json_value("shareholders")] == [ADULT, ADULT_2]
    form.set_json("shareholders[2].name", "李四")  # a new person, started by name
    assert form.json_value("shareholders[2]") == {"name": "李四"}
    assert form.value("shareholders") == "王丽华、王丽华、李四"
    form.clear()
    assert form.json_value("shareholders") is None
    assert form.attachments() == []


def test_a_money_amount_from_a_widget_is_sent_as_a_decimal_string(doc: Catalogue) -> None:
    from decimal import Decimal

    form = company(doc)
    form.set_json("registered_capital", Decimal("100.00"))
    form.set_json("shareholders[0].subscribed_amount", 60)
    assert form.json_value("registered_capital") == "100.00"
    assert form.json_value("shareholders[0].subscribed_amount") == "60"
    assert form.problems() == ()


def test_the_text_api_of_the_line_edit_screens_types_what_is_typed(doc: Catalogue) -> None:
    form = company(doc)
    form.set_value("business_term", "years")
    form.set_value("term_years", "２０")
    assert form.json_value("term_years") == 20
    assert form.value("term_years") == "20"
    assert form.value("registered_capital") == "100"


def test_conditions_are_equals_or_in_and_compare_as_json() -> None:
    values = {"rating": 2, "tags": ["slow", "quick"], "agree": True, "term": "years"}
    assert holds(Condition("rating", among=[1, 2]), values)
    assert not holds(Condition("rating", among=[4, 5]), values)
    assert holds(Condition("rating", equals="2"), values)  # typed as text on a line edit
    assert holds(Condition("tags", equals="slow"), values)  # a multi_choice holds any item
    assert not holds(Condition("agree", equals=1), values)  # true is not 1
    assert holds(Condition("missing", equals=None), values)
    assert not holds(Condition("term"), values)  # no kind: never holds
    assert not holds(None, values)


def test_a_field_hidden_by_a_hidden_field_is_hidden_too() -> None:
    fields = (
        Field("a", "choice", Text("a")),
        Field("b", "choice", Text("b"), visible_if=Condition("a", equals="yes")),
        Field("c", "text", Text("c"), visible_if=Condition("b", equals="yes")),
    )
    assert visible_names(fields, {"a": "no", "b": "yes"}) == {"a"}
    assert visible_names(fields, {"a": "yes", "b": "yes"}) == {"a", "b", "c"}


@pytest.mark.parametrize(
    ("bound", "expected"),
    [
        ("today", date(2026, 12, 4)),
        ("+5y", date(2031, 12, 4)),
        ("-18y", date(2008, 12, 4)),
        ("+6m", date(2027, 6, 4)),
        ("+30d", date(2027, 1, 3)),
        ("-1m", date(2026, 11, 4)),
        ("2027-03-01", date(2027, 3, 1)),
        ("next year", None),
        ("20270301", None),
        (5, None),
    ],
)
def test_date_bounds_are_dates_today_or_periods_from_an_injected_today(
    bound: object, expected: date | None
) -> None:
    assert resolve_bound(bound, TODAY) == expected


def test_a_year_from_a_leap_day_is_the_last_day_of_february() -> None:
    assert shift(date(2024, 2, 29), 1, "y") == date(2025, 2, 28)
    assert shift(date(2026, 1, 31), 1, "m") == date(2026, 2, 28)
    assert parse_bound("+99999y") is None


def test_paths_read_as_they_are_written() -> None:
    assert parse_path("shareholders[2].id_number") == ("shareholders", 2, "id_number")
    assert join_path(("shareholders", 2, "id_number")) == "shareholders[2].id_number"
    with pytest.raises(ValueError, match="not a field path"):
        parse_path("shareholders[x]")


def _doc_fields() -> list[Field]:
    catalogue = parse_catalogue(json.loads(DOC_CATALOGUE.read_text(encoding="utf-8")))
    out: list[Field] = []
    for service in catalogue.services:
        for spec in service.form.fields if service.form else ():
            out += [spec, *spec.fields]
    return out


DOC_FIELDS = _doc_fields()
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=25,
)
persons = st.fixed_dictionaries(
    {},
    optional={
        "name": json_values,
        "document_type": st.sampled_from(["cn_resident_id", "passport", "x"]) | json_values,
        "id_number": st.sampled_from([ADULT, MINOR, "E1234", ""]) | json_values,
        "mobile": json_values,
        "subscribed_amount": st.sampled_from(["1", "1.005", "-2"]) | json_values,
        "contribution_date": st.sampled_from(["2030-01-01", "2099-01-01"]) | json_values,
        "birth_date": json_values,
    },
)


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(DOC_FIELDS), json_values | persons | st.lists(persons, max_size=3))
def test_checking_any_value_never_raises(spec: Field, value: Any) -> None:
    for problem in check_value(spec, value, Context(TODAY)):
        assert problem.field.startswith(spec.name)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_form_fed_anything_still_checks_and_sends(data: st.DataObject) -> None:
    catalogue = parse_catalogue(json.loads(DOC_CATALOGUE.read_text(encoding="utf-8")))
    form = session(catalogue, "GS-SETUP")
    for _ in range(data.draw(st.integers(0, 6))):
        spec = data.draw(st.sampled_from(form.schema.fields))
        form.set_json(spec.name, data.draw(json_values | persons | st.lists(persons, max_size=3)))
    form.problems()
    json.dumps(form.payload())
