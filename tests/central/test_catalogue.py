"""The catalogue: served with an ETag, revalidated with 304, and well-formed data."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from central.app import create_app
from central.catalogue import CatalogueError, check_catalogue, form_fields, load_catalogue
from central.form_validation import FormValidator
from central.registry import load_registry
from tests.central.support import Kiosk

CATALOGUE = Path(__file__).resolve().parents[2] / "central" / "data" / "catalogue.json"


def test_catalogue_comes_with_an_etag_and_is_not_sent_again_while_current(kiosk: Kiosk) -> None:
    first = kiosk.get("/v1/catalogue")
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert first.json()["version"] == json.loads(CATALOGUE.read_text(encoding="utf-8"))["version"]

    again = kiosk.get("/v1/catalogue", headers={"If-None-Match": etag})
    weak = kiosk.get("/v1/catalogue", headers={"If-None-Match": f'"other", W/{etag}'})
    stale = kiosk.get("/v1/catalogue", headers={"If-None-Match": '"stale"'})

    assert (again.status_code, again.content, again.headers["ETag"]) == (304, b"", etag)
    assert weak.status_code == 304
    assert stale.status_code == 200
    assert stale.json() == first.json()


def test_gt_setup_keeps_the_fields_the_kiosk_relies_on() -> None:
    service = load_catalogue().service("GT-SETUP")
    assert service is not None
    names = [field["name"] for field in form_fields(service)]
    assert names == [
        "operator_name",
        "operator_id_number",
        "mobile",
        "trade_name",
        "business_address",
        "business_scope",
        # How the paper licence comes (证照快递): asked with the application.
        "licence_delivery",
        "delivery_recipient",
        "delivery_mobile",
        "delivery_region",
        "delivery_address",
    ]


def test_every_service_the_later_issues_need_is_in_the_catalogue_with_both_languages() -> None:
    catalogue = load_catalogue()
    assert set(catalogue.service_codes()) >= {
        "GT-SETUP",
        "GS-SETUP",
        "NAME-DECL",
        "STATUS-LOOKUP",
        "LICENCE-PRINT",
        "QUEUE-TICKET",
        "FEEDBACK",
    }
    gs_setup = catalogue.service("GS-SETUP")
    assert gs_setup is not None
    types = {field["name"]: field["type"] for field in form_fields(gs_setup)}
    assert types["shareholders"] == "people"
    assert types["registered_capital"] == "money"
    assert types["scope"] == "scope"
    assert types["region"] == "region"
    entries = catalogue.document["business_scope"]
    assert any(entry["licensed"] for entry in entries)
    assert any(not entry["licensed"] for entry in entries)
    assert all(region["code"].startswith("33") for region in catalogue.document["regions"])


def test_registry_rules_name_fields_that_exist_in_their_services() -> None:
    catalogue, registry = load_catalogue(), load_registry()
    for code, rules in registry.document["services"].items():
        service = catalogue.service(code)
        assert service is not None, code
        names = {field["name"] for field in form_fields(service)}
        assert rules["name_field"] in names
        for item in rules.get("licence", {}).get("items", []):
            assert "text" in item or item["field"] in names, (code, item)
        for rule in rules.get("rules", []):
            assert rule["kind"] in ("sum_equals", "dates_within_years")
            assert rule["list"] in names


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (
            lambda doc: doc["services"][0]["form"]["pages"][0]["sections"][0]["fields"][0].update(
                type="colour"
            ),
            "unknown field type",
        ),
        (
            lambda doc: doc["services"][0]["form"]["pages"][0]["sections"][0]["fields"][0].update(
                validators=["cn_foo"]
            ),
            "unknown validator",
        ),
        (lambda doc: doc["services"][0].update(title={"zh": "只有中文"}), "label"),
        (lambda doc: doc["services"].append(dict(doc["services"][0])), "repeated"),
        (
            lambda doc: doc["regions"].append({"code": "33", "name": {"zh": "x", "en": "x"}}),
            "six digits",
        ),
    ],
)
def test_a_broken_catalogue_is_refused_when_loaded(mutation: object, message: str) -> None:
    document = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert callable(mutation)
    mutation(document)
    with pytest.raises(CatalogueError, match=message):
        check_catalogue(document)


# -- the limited company (GS-SETUP): a faithful §3 service ---------------------------------

DOCUMENT_TYPES = {
    "cn_resident_id",
    "hmt_residence_permit",
    "foreign_permanent_resident",
    "hk_mo_travel_permit",
    "tw_travel_permit",
    "passport",
}


def _gs_setup() -> dict[str, Any]:
    service = load_catalogue().service("GS-SETUP")
    assert service is not None
    return service


def test_gs_setup_asks_for_the_company_its_shareholders_and_every_officer_of_the_2024_law() -> None:
    fields = {field["name"]: field for field in form_fields(_gs_setup())}

    assert {name: field["type"] for name, field in fields.items()} == {
        "company_name": "text",
        "region": "region",
        "domicile": "text",
        "contact_mobile": "text",
        "licence_delivery": "choice",
        "delivery_recipient": "text",
        "delivery_mobile": "text",
        "delivery_region": "region",
        "delivery_address": "text",
        "registered_capital": "money",
        "scope": "scope",
        "shareholders": "people",
        "legal_representative": "person",
        "legal_representative_role": "choice",
        "board_form": "choice",
        "directors": "people",
        "supervision": "choice",
        "supervisors": "people",
        "manager": "person",
        "financial_officer": "person",
        "liaison": "person",
        "applicant_signature": "signature",
    }
    assert fields["company_name"]["from_reservation"] is True
    options = {name: [o["value"] for o in fields[name].get("options", [])] for name in fields}
    assert options["board_form"] == ["board", "single_director"]
    assert options["supervision"] == [
        "supervisor",
        "board_of_supervisors",
        "audit_committee",
        "none",
    ]
    assert options["legal_representative_role"] == ["director", "manager"]
    chosen = {"field": "supervision", "in": ["supervisor", "board_of_supervisors"]}
    assert fields["supervisors"]["visible_if"] == fields["supervisors"]["required_if"] == chosen
    assert fields["manager"]["required_if"] == {
        "field": "legal_representative_role",
        "equals": "manager",
    }
    assert fields["directors"]["min_items"] == 1
    assert {name for name, field in fields.items() if field.get("require_mobile")} == {
        "legal_representative",
        "financial_officer",
        "liaison",
    }
    assert all(
        field.get("required")
        for field in fields.values()
        if field["name"] not in {"supervisors", "manager"} and "delivery" not in field["name"]
    )


def test_every_person_of_gs_setup_may_hold_any_of_the_six_documents() -> None:
    for field in form_fields(_gs_setup()):
        if field["type"] not in ("person", "people"):
            continue
        sub_fields = {sub["name"]: sub for sub in field["fields"]}
        offered = {option["value"] for option in sub_fields["document_type"]["options"]}
        assert offered == DOCUMENT_TYPES, field["name"]
        assert "cn_resident_id" in sub_fields["id_number"]["validators"], field["name"]
        assert sub_fields["mobile"]["required"] is field.get("require_mobile", False)


def test_gs_setup_contributions_are_due_within_five_years_and_add_up_to_the_capital() -> None:
    service = _gs_setup()
    shareholders = next(f for f in form_fields(service) if f["name"] == "shareholders")
    due = next(sub for sub in shareholders["fields"] if sub["name"] == "contribution_date")

    assert (due["min"], due["max"]) == ("today", "+5y")
    assert service["form"]["rules"] == [
        {
            "kind": "sum_equals",
            "items": "shareholders",
            "item_field": "subscribed_capital",
            "equals": "registered_capital",
            "message": {
                "zh": "全体股东认缴出资额之和应等于注册资本。",
                "en": "The shareholders' subscribed contributions must add up to the registered capital.",
            },
        }
    ]


def test_gs_setup_is_signed_under_a_commitment_letter() -> None:
    last_page = _gs_setup()["form"]["pages"][-1]
    [section] = last_page["sections"]
    [signature] = section["fields"]

    assert (signature["name"], signature["type"]) == ("applicant_signature", "signature")
    statement = section["statement"]
    for commitment in (
        "真实、合法、有效",
        "住所",
        "第一百七十八条",
        "许可项目",
        "相同或者相近",
        "受益所有人",
    ):
        assert commitment in statement["zh"], commitment
    for commitment in (
        "true, lawful and valid",
        "address",
        "Article 178",
        "licensed",
        "similar",
        "beneficial-owner",
    ):
        assert commitment in statement["en"], commitment


def test_the_field_filled_from_the_reservation_is_the_one_the_registry_matches_it_with() -> None:
    catalogue, registry = load_catalogue(), load_registry()
    for code in catalogue.service_codes():
        service = catalogue.service(code)
        assert service is not None
        reserved = [f["name"] for f in form_fields(service) if f.get("from_reservation")]
        if reserved:
            assert "name_reservation" in service["requires"]
            assert reserved == [registry.service_rules(code)["name_field"]]
            assert registry.service_rules(code)["name_reservation"] == "required"


def _examples(field: dict[str, Any]) -> list[tuple[dict[str, Any], Any]]:
    found = [(field, field.get("example"))]
    for sub_field in field.get("fields", []):
        found.append((sub_field, sub_field.get("example")))
    return found


def test_every_example_satisfies_its_own_field() -> None:
    catalogue = load_catalogue()
    for code in catalogue.service_codes():
        service = catalogue.service(code)
        assert service is not None
        for field in form_fields(service):
            if field["type"] == "signature":
                continue
            for definition, example in _examples(field):
                where = f"{code}.{field['name']}.{definition['name']}"
                assert example is not None, where
                validator = FormValidator(catalogue, today=date(2026, 11, 22))
                validator.check_value(definition, example, where)
                assert validator.errors == [], where


def _field(document: dict[str, Any], name: str) -> dict[str, Any]:
    [service] = [s for s in document["services"] if s["code"] == "GS-SETUP"]
    return next(f for f in form_fields(service) if f["name"] == name)


def _sub_field(document: dict[str, Any], name: str, sub: str) -> dict[str, Any]:
    return next(f for f in _field(document, name)["fields"] if f["name"] == sub)


def _gs(document: dict[str, Any]) -> dict[str, Any]:
    service: dict[str, Any]
    [service] = [s for s in document["services"] if s["code"] == "GS-SETUP"]
    return service


def _rule(document: dict[str, Any]) -> dict[str, Any]:
    rule: dict[str, Any] = _gs(document)["form"]["rules"][0]
    return rule


def _set(target: dict[str, Any], key: str, value: Any) -> None:
    target[key] = value


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        # A typo in a key of central-api.md is an unknown key, wherever it is.
        pytest.param(lambda d: _field(d, "supervisors").update(visble_if={"field": "supervision", "equals": "none"}), "unknown key", id="typo-visble_if"),
        pytest.param(lambda d: _gs(d)["form"]["pages"][-1]["sections"][0].update(statment={"zh": "承诺", "en": "I promise"}), "unknown key", id="typo-statment"),
        pytest.param(lambda d: _set(_gs(d)["form"], "rule", []), "unknown key", id="typo-rule"),
        pytest.param(lambda d: _field(d, "company_name").update(min_age=18), "unknown key", id="min_age-on-a-text-field"),
        # Conditions name another field of the form, and one of its options.
        pytest.param(lambda d: _field(d, "supervisors")["visible_if"].update(field="supervisor"), "not another field", id="condition-names-no-field"),
        pytest.param(lambda d: _field(d, "supervisors")["visible_if"].update({"in": ["supervisors"]}), "not an option", id="condition-value-not-an-option"),
        pytest.param(lambda d: _field(d, "manager")["required_if"].update({"in": ["manager"]}), "either 'equals' or 'in'", id="condition-with-equals-and-in"),
        pytest.param(lambda d: _sub_field(d, "shareholders", "name").update(visible_if={"field": "document_type", "equals": "passport"}), "always asked", id="condition-on-a-persons-name"),
        pytest.param(lambda d: _sub_field(d, "shareholders", "contribution_date").update(required_if={"field": "region", "equals": "330702"}), "not another field", id="sub-field-condition-names-the-form"),
        pytest.param(lambda d: _sub_field(d, "shareholders", "contribution_date").update(required_if={"field": "document_type", "equals": "visa"}), "not an option", id="sub-field-condition-not-a-document-type"),
        # Rules.
        pytest.param(lambda d: _rule(d).update(kind="sum_equal"), "unknown rule kind", id="rule-kind-typo"),
        pytest.param(lambda d: _rule(d).update(items="directors_list"), "not a people field", id="rule-items-not-people"),
        pytest.param(lambda d: _rule(d).update(item_field="subscribed_amount"), "item_field", id="rule-item_field-typo"),
        pytest.param(lambda d: _rule(d).update(equals="scope"), "not a money or number field", id="rule-equals-not-money"),
        pytest.param(lambda d: _rule(d).update(total="registered_capital"), "unknown key", id="rule-extra-key"),
        pytest.param(lambda d: _rule(d).update(message={"zh": "不等"}), "label", id="rule-message-without-en"),
        # from_reservation, statement, require_mobile, min_age.
        pytest.param(lambda d: _field(d, "company_name").update(from_reservation="yes"), "true or false", id="from_reservation-not-boolean"),
        pytest.param(lambda d: _gs(d).update(requires=["id_document"]), "name_reservation", id="from_reservation-without-reservation"),
        pytest.param(lambda d: _field(d, "domicile").update(from_reservation=True), "only one field", id="two-fields-from-reservation"),
        pytest.param(lambda d: _gs(d)["form"]["pages"][-1]["sections"][0].update(statement={"zh": "本人承诺。"}), "label", id="statement-without-en"),
        pytest.param(lambda d: _field(d, "liaison").update(require_mobile="true"), "true or false", id="require_mobile-not-boolean"),
        pytest.param(lambda d: _field(d, "directors").update(min_age="18"), "min_age", id="min_age-as-text"),
        pytest.param(lambda d: _field(d, "directors").update(min_age=-1), "min_age", id="min_age-negative"),
        pytest.param(lambda d: _sub_field(d, "directors", "mobile").update(required=True), "require_mobile", id="mobile-required-without-require_mobile"),
        pytest.param(lambda d: _sub_field(d, "directors", "id_number").update(required=False), "always required", id="id_number-optional"),
        pytest.param(lambda d: _sub_field(d, "directors", "document_type")["options"].append({"value": "driving_licence", "label": {"zh": "驾驶证", "en": "Driving licence"}}), "not a document type", id="seventh-document-type"),
        # Date bounds: a date, "today" or a period forwards from today.
        pytest.param(lambda d: _sub_field(d, "shareholders", "contribution_date").update(max="+5 years"), "period", id="date-bound-in-words"),
        pytest.param(lambda d: _sub_field(d, "shareholders", "contribution_date").update(max="-18y"), "period", id="date-bound-backwards"),
        pytest.param(lambda d: _sub_field(d, "shareholders", "contribution_date").update(max="2031-02-30"), "period", id="date-bound-not-a-date"),
        pytest.param(lambda d: _sub_field(d, "shareholders", "contribution_date").update(min="+6y"), "comes after", id="date-min-after-max"),
        pytest.param(lambda d: _field(d, "registered_capital").update(min="0.01"), "must be a number", id="money-bound-as-text"),
    ],
)  # fmt: skip
def test_a_mistake_in_the_new_keys_is_refused_when_loaded(mutation: object, message: str) -> None:
    document = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert callable(mutation)
    check_catalogue(document)
    mutation(document)
    with pytest.raises(CatalogueError, match=re.escape(message)):
        check_catalogue(document)


def test_a_catalogue_with_a_typo_stops_the_central_from_starting(tmp_path: Path) -> None:
    document = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    _field(document, "supervisors")["requried_if"] = _field(document, "supervisors").pop(
        "required_if"
    )
    broken = tmp_path / "catalogue.json"
    broken.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(CatalogueError, match="GS-SETUP.supervisors: unknown key.*'requried_if'"):
        create_app(f"sqlite:///{tmp_path / 'central.db'}", catalogue_path=broken)


def test_a_sub_field_may_depend_on_a_sibling_sub_field() -> None:
    document = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    passport_expiry = {
        "name": "passport_expiry",
        "type": "date",
        "label": {"zh": "护照有效期至", "en": "Passport valid until"},
        "example": "2030-01-01",
        "min": "today",
        "visible_if": {"field": "document_type", "equals": "passport"},
        "required_if": {"field": "document_type", "equals": "passport"},
    }
    _field(document, "directors")["fields"].append(passport_expiry)

    check_catalogue(document)
