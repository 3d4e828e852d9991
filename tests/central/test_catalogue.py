"""The catalogue: served with an ETag, revalidated with 304, and well-formed data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from central.catalogue import CatalogueError, check_catalogue, form_fields, load_catalogue
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
