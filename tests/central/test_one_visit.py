"""The sandbox's side of one visit: the licence by post validated and stored (and shown to
the operators), a food business permit linked to the registration it follows, and the
catalogue's new keys checked strictly at start."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from central.catalogue import CatalogueError, check_catalogue, load_catalogue
from central.cli import main
from tests.central.support import (
    SIGNATURE_PNG,
    THIRD_VALID_ID,
    VALID_ID,
    Central,
    Kiosk,
    gt_setup_body,
    person,
)

POSTED = {
    "licence_delivery": "post",
    "delivery_recipient": "王丽华",
    "delivery_mobile": "13912345678",
    "delivery_region": "330702",
    "delivery_address": "八一南街100号3楼301室",
}


def _errors(response: Any) -> dict[str, str]:
    assert response.status_code == 422, response.text
    return {error["field"]: error["code"] for error in response.json()["errors"]}


def food_permit_body(linked: str | None, id_number: str = VALID_ID) -> dict[str, Any]:
    form: dict[str, Any] = {
        "company_name": "金华市婺城区恒泰餐饮有限公司",
        "legal_representative": person("王丽华", id_number, "13800138000"),
        "domicile": "浙江省金华市婺城区八一南街100号3楼301室",
        "contact_mobile": "13800138000",
        "premises_address": "浙江省金华市婺城区八一南街100号1楼",
        "business_form": "catering",
        "food_items": ["hot_food", "drinks"],
        "scope": ["L0101", "G0201"],
    }
    if linked is not None:
        form["linked_application"] = linked
    return {
        "service": "FOOD-PERMIT",
        "catalogue_version": "2026.11.1",
        "submitted_at": "2026-11-22T10:15:00+08:00",
        "applicant": {"name": "王丽华", "document_type": "cn_resident_id", "id_number": id_number},
        "form": form,
        "attachments": [{"kind": "signature", "media_type": "image/png", "data": SIGNATURE_PNG}],
    }


def test_a_licence_to_be_posted_needs_where_and_is_stored_and_shown_to_the_operators(
    central: Central, kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = kiosk.submit(gt_setup_body(licence_delivery="post"))
    assert _errors(missing) == {
        "form.delivery_recipient": "required",
        "form.delivery_mobile": "required",
        "form.delivery_region": "required",
        "form.delivery_address": "required",
    }
    # An address sent for a licence printed at a kiosk is a hidden field: refused.
    hidden = kiosk.submit(
        gt_setup_body(licence_delivery="kiosk_print", delivery_address="八一南街100号")
    )
    assert _errors(hidden) == {"form.delivery_address": "hidden"}
    wrong = kiosk.submit(
        gt_setup_body(**{**POSTED, "delivery_mobile": "1391234", "delivery_region": "110101"})
    )
    assert set(_errors(wrong)) == {"form.delivery_mobile", "form.delivery_region"}
    assert _errors(kiosk.submit(gt_setup_body(licence_delivery="drone"))) == {
        "form.licence_delivery": "option"
    }

    posted = kiosk.submit(gt_setup_body(**POSTED))
    assert posted.status_code == 201, posted.text
    number = posted.json()["application_no"]
    # Without the question at all (a kiosk that does not know it): still received.
    assert kiosk.submit(gt_setup_body()).status_code == 201

    capsys.readouterr()
    assert main(["applications", "--database", central.database_url]) == 0
    lines = capsys.readouterr().out.splitlines()
    [line] = [line for line in lines if line.startswith(number)]
    assert line.endswith("licence: post to 330702")
    assert main(["applications", "--json", "--database", central.database_url]) == 0
    listed = json.loads(capsys.readouterr().out)
    [stored] = [a for a in listed if a["application_no"] == number]
    assert {key: stored["form"][key] for key in POSTED} == POSTED


def test_a_food_permit_goes_with_the_applicants_own_registration(
    central: Central, kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    registration = kiosk.submit(gt_setup_body()).json()["application_no"]

    linked = kiosk.submit(food_permit_body(registration))
    assert linked.status_code == 201, linked.text
    # Queued at the kiosk when the permit was applied for: its provisional reference.
    assert kiosk.submit(food_permit_body("K0001-000042")).status_code == 201
    assert kiosk.submit(food_permit_body(None)).status_code == 201  # a licence already held

    unknown = kiosk.submit(food_permit_body("KA20200101-000001"))
    assert _errors(unknown) == {"form.linked_application": "unknown"}
    # Another applicant's registration gets the same answer as an unknown number.
    other = kiosk.submit(food_permit_body(registration, id_number=THIRD_VALID_ID))
    assert other.json()["errors"] == unknown.json()["errors"]
    incomplete = food_permit_body(registration)
    del incomplete["form"]["food_items"]
    assert _errors(kiosk.submit(incomplete)) == {"form.food_items": "required"}

    capsys.readouterr()
    assert main(["applications", "--database", central.database_url]) == 0
    permit_no = linked.json()["application_no"]
    [line] = [x for x in capsys.readouterr().out.splitlines() if x.startswith(permit_no)]
    assert line.endswith(f"goes with {registration}")


@pytest.fixture
def document() -> dict[str, Any]:
    return copy.deepcopy(load_catalogue().document)


def test_a_licensed_item_names_a_permit_service_that_takes_applications(
    document: dict[str, Any],
) -> None:
    check_catalogue(document)
    food = next(e for e in document["business_scope"] if e["code"] == "L0101")
    assert food["permit_service"] == "FOOD-PERMIT"
    food["permit_service"] = "NO-SUCH"
    with pytest.raises(CatalogueError, match="'NO-SUCH' is not a service of this catalogue"):
        check_catalogue(document)
    food["permit_service"] = "NAME-DECL"  # a name check takes no applications
    with pytest.raises(CatalogueError, match="taking applications"):
        check_catalogue(document)
    food["permit_service"] = "FOOD-PERMIT"
    general = next(e for e in document["business_scope"] if e["code"] == "G0101")
    general["permit_service"] = "FOOD-PERMIT"
    with pytest.raises(CatalogueError, match="only a licensed item needs a permit"):
        check_catalogue(document)


def test_a_choice_default_must_be_one_of_its_options(document: dict[str, Any]) -> None:
    service = next(s for s in document["services"] if s["code"] == "GT-SETUP")
    fields = [f for p in service["form"]["pages"] for s in p["sections"] for f in s["fields"]]
    delivery = next(f for f in fields if f["name"] == "licence_delivery")
    delivery["default"] = "drone"
    with pytest.raises(CatalogueError, match="licence_delivery.default: 'drone'"):
        check_catalogue(document)
    delivery["default"] = "post"
    check_catalogue(document)
    mobile = next(f for f in fields if f["name"] == "mobile")
    mobile["default"] = "13800138000"  # only a choice has a default
    with pytest.raises(CatalogueError, match="unknown key"):
        check_catalogue(document)
