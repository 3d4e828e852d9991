"""Enterprise name self-declaration, reservations, and their use by a company application."""

from __future__ import annotations

from typing import Any

import pytest

from tests.central.support import Central, Kiosk, gs_setup_body

pytestmark = pytest.mark.both_databases


def _check(
    kiosk: Kiosk,
    trade_name: str,
    industry: str = "科技",
    region: str = "330702",
    organisation_form: str = "有限公司",
) -> dict[str, Any]:
    response = kiosk.post(
        "/v1/name-checks",
        {
            "region": region,
            "trade_name": trade_name,
            "industry": industry,
            "organisation_form": organisation_form,
        },
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def test_free_name_is_available_and_reserved(kiosk: Kiosk) -> None:
    result = _check(kiosk, "青禾")

    assert result["full_name"] == "金华市婺城区青禾科技有限公司"
    assert result["available"] is True
    assert result["conflicts"] == result["problems"] == []
    assert result["reservation"]["token"]
    assert result["reservation"]["expires_at"].endswith("+08:00")


def test_reserved_name_is_an_identical_conflict_for_everyone_else(
    kiosk: Kiosk, other_kiosk: Kiosk
) -> None:
    _check(kiosk, "青禾")
    result = _check(other_kiosk, "青禾", industry="技术")  # 技术 and 科技 are the same industry

    assert result["available"] is False
    assert result["conflicts"] == [
        {"name": "金华市婺城区青禾科技有限公司", "similarity": "identical"}
    ]
    assert result["reservation"] is None


def test_expired_reservation_frees_the_name(central: Central, kiosk: Kiosk) -> None:
    _check(kiosk, "青禾")
    central.clock.advance(days=61)
    assert _check(kiosk, "青禾")["available"] is True


def test_registered_names_collide_identically_or_similarly(kiosk: Kiosk) -> None:
    identical = _check(kiosk, "万青", industry="置业")
    similar = _check(kiosk, "红光达")
    other_industry = _check(kiosk, "红光", industry="餐饮")

    assert identical["available"] is False
    assert identical["conflicts"] == [
        {"name": "金华市婺城区万青房地产有限公司", "similarity": "identical"}
    ]
    assert similar["available"] is True
    assert similar["conflicts"] == [
        {"name": "金华市婺城区红光科技有限公司", "similarity": "similar"}
    ]
    assert other_industry["available"] is True
    assert other_industry["conflicts"] == []


@pytest.mark.parametrize(
    ("trade_name", "industry", "organisation_form", "code"),
    [
        ("中国青禾", "科技", "有限公司", "restricted_word"),
        ("八一", "科技", "有限公司", "prohibited_word"),
        ("金华", "科技", "有限公司", "trade_name_is_division"),
        ("科技", "贸易", "有限公司", "trade_name_is_industry"),
        ("禾", "科技", "有限公司", "trade_name_too_short"),
        ("QingHe", "科技", "有限公司", "trade_name_script"),
        ("青禾", "科技", "集团", "organisation_form"),
    ],
)
def test_names_breaking_the_rules_are_not_available(
    kiosk: Kiosk, trade_name: str, industry: str, organisation_form: str, code: str
) -> None:
    result = _check(kiosk, trade_name, industry, organisation_form=organisation_form)

    assert result["available"] is False
    assert code in [problem["code"] for problem in result["problems"]]
    assert all(problem["detail"] for problem in result["problems"])
    assert result["reservation"] is None


def test_name_check_with_missing_parts_or_unknown_region_is_a_validation_error(
    kiosk: Kiosk,
) -> None:
    response = kiosk.post("/v1/name-checks", {"region": "110101", "trade_name": 7})

    assert response.status_code == 422
    assert {error["field"] for error in response.json()["errors"]} == {
        "region",
        "trade_name",
        "industry",
        "organisation_form",
    }


def test_company_application_uses_its_reservation_once(kiosk: Kiosk) -> None:
    reservation = _check(kiosk, "青禾")["reservation"]["token"]
    name = "金华市婺城区青禾科技有限公司"

    first = kiosk.submit(gs_setup_body(name, reservation))
    second = kiosk.submit(gs_setup_body(name, reservation))

    assert first.status_code == 201, first.text
    assert first.json()["receipt"]["entity_name"] == name
    assert second.status_code == 422
    assert second.json()["errors"] == [
        {
            "field": "name_reservation",
            "code": "used",
            "message": second.json()["errors"][0]["message"],
        }
    ]
    assert _check(kiosk, "青禾")["conflicts"][0]["similarity"] == "identical"


def test_company_application_must_name_exactly_the_reserved_name(kiosk: Kiosk) -> None:
    reservation = _check(kiosk, "青禾")["reservation"]["token"]

    mismatch = kiosk.submit(gs_setup_body("金华市婺城区青禾技术有限公司", reservation))
    missing = kiosk.submit(gs_setup_body("金华市婺城区青禾科技有限公司", None))

    assert mismatch.status_code == missing.status_code == 422
    assert [e["code"] for e in mismatch.json()["errors"]] == ["mismatch"]
    assert [(e["field"], e["code"]) for e in missing.json()["errors"]] == [
        ("name_reservation", "required")
    ]
    # The refused application did not use the reservation up.
    assert (
        kiosk.submit(gs_setup_body("金华市婺城区青禾科技有限公司", reservation)).status_code == 201
    )


def test_company_application_is_checked_against_the_authoritys_rules(kiosk: Kiosk) -> None:
    reservation = _check(kiosk, "青禾")["reservation"]["token"]
    body = gs_setup_body("金华市婺城区青禾科技有限公司", reservation, registered_capital="120")
    body["attachments"] = []

    unsigned = kiosk.submit(body)
    body["attachments"] = gs_setup_body("", None)["attachments"]
    capital = kiosk.submit(body)

    assert [(e["field"], e["code"]) for e in unsigned.json()["errors"]] == [
        ("form.applicant_signature", "required"),
        ("form.shareholders", "sum_mismatch"),
    ]
    # The catalogue's rule and the registry's say the same: the mismatch is reported once.
    assert [(e["field"], e["code"]) for e in capital.json()["errors"]] == [
        ("form.shareholders", "sum_mismatch")
    ]


def test_people_and_scope_values_are_validated_item_by_item(kiosk: Kiosk) -> None:
    body = gs_setup_body(
        "金华市婺城区青禾科技有限公司", "NR-unused", scope=["G0201", "X9999", "G0201"]
    )
    body["form"]["shareholders"][1]["id_number"] = "330782199202020028"
    body["form"]["shareholders"][0]["document_type"] = "driving_licence"
    body["form"]["legal_representative"] = "王丽华"
    body["form"]["registered_capital"] = 100

    response = kiosk.submit(body)

    errors = {(e["field"], e["code"]) for e in response.json()["errors"]}
    assert errors == {
        ("form.scope[1]", "option"),
        ("form.scope", "duplicate"),
        ("form.shareholders[1].id_number", "cn_resident_id"),
        ("form.shareholders[0].document_type", "option"),
        ("form.legal_representative", "type"),
        ("form.registered_capital", "type"),
    }
