"""Applications arrive exactly once, are validated against the catalogue, and are looked up safely."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from central.applications import change_status, list_applications
from central.idempotency import claim
from central.payload import canonical_json
from tests.central.support import OTHER_VALID_ID, VALID_ID, Central, Kiosk, gt_setup_body

pytestmark = pytest.mark.both_databases

PROBLEMS = "https://kiosk-central.invalid/problems/"


def _applications(central: Central) -> list[dict[str, Any]]:
    with central.database.reading() as connection:
        return list_applications(connection)


def _errors(response: Any) -> dict[str, str]:
    return {error["field"]: error["code"] for error in response.json()["errors"]}


def test_kiosk_submits_an_application_and_gets_a_numbered_receipt(
    central: Central, kiosk: Kiosk
) -> None:
    response = kiosk.submit(gt_setup_body())

    assert response.status_code == 201
    body = response.json()
    assert re.fullmatch(r"KA\d{8}-\d{6}", body["application_no"])
    assert body["status"] == "received"
    assert body["receipt"]["applicant_id_masked"] == "3307**********1233"
    assert body["receipt"]["authority"]["zh"] == "金华市婺城区市场监督管理局"
    assert response.headers["Location"] == f"/v1/applications/{body['application_no']}"
    [stored] = _applications(central)
    assert stored["form"] == gt_setup_body()["form"]
    assert stored["kiosk_id"] == kiosk.kiosk_id


def test_application_numbers_count_up_within_a_day(kiosk: Kiosk) -> None:
    first = kiosk.submit(gt_setup_body()).json()["application_no"]
    second = kiosk.submit(gt_setup_body()).json()["application_no"]
    assert first[:11] == second[:11]
    assert int(second[-6:]) == int(first[-6:]) + 1


def test_kiosk_resubmitting_same_key_gets_original_application(
    central: Central, kiosk: Kiosk
) -> None:
    key = str(uuid.uuid4())
    first = kiosk.submit(gt_setup_body(), key)
    central.clock.advance(days=6)
    again = kiosk.submit(gt_setup_body(), key)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert len(_applications(central)) == 1


def test_same_json_value_written_differently_counts_as_the_same_body(
    central: Central, kiosk: Kiosk
) -> None:
    key = str(uuid.uuid4())
    body = gt_setup_body()
    reordered = dict(reversed(list(body.items())))
    first = kiosk.submit(body, key)
    quoted_key = f'"{key.upper()}"'  # an sf-string, upper case: the same UUID
    again = kiosk.post("/v1/applications", reordered, headers={"Idempotency-Key": quoted_key})

    assert again.status_code == 201
    assert again.json()["application_no"] == first.json()["application_no"]
    assert canonical_json({"a": 1.0, "b": [True]}) == canonical_json({"b": [True], "a": 1})
    assert canonical_json({"a": True}) != canonical_json({"a": 1})


def test_reusing_a_key_for_a_different_body_is_refused_with_its_own_problem_type(
    central: Central, kiosk: Kiosk
) -> None:
    key = str(uuid.uuid4())
    assert kiosk.submit(gt_setup_body(), key).status_code == 201

    response = kiosk.submit(gt_setup_body(mobile="13900139000"), key)

    assert response.status_code == 422
    assert response.json()["type"] == PROBLEMS + "idempotency-key-reused"
    assert "errors" not in response.json()
    assert len(_applications(central)) == 1


def test_missing_or_malformed_idempotency_key_is_a_bad_request(
    central: Central, kiosk: Kiosk
) -> None:
    missing = kiosk.post("/v1/applications", gt_setup_body())
    malformed = kiosk.post(
        "/v1/applications", gt_setup_body(), headers={"Idempotency-Key": "submit-1"}
    )

    for response in (missing, malformed):
        assert response.status_code == 400
        assert response.json()["type"] == PROBLEMS + "idempotency-key-missing"
    assert _applications(central) == []


def test_refused_submission_does_not_bind_its_key(central: Central, kiosk: Kiosk) -> None:
    key = str(uuid.uuid4())
    refused = kiosk.submit(gt_setup_body(mobile="12345"), key)
    corrected = kiosk.submit(gt_setup_body(), key)

    assert refused.status_code == 422
    assert corrected.status_code == 201
    assert len(_applications(central)) == 1


def test_same_key_while_the_first_request_is_still_processing_is_a_conflict(
    central: Central, kiosk: Kiosk
) -> None:
    key = str(uuid.uuid4())
    body = gt_setup_body()
    with central.database.transaction() as connection:  # another worker has claimed the key
        claim(
            connection,
            kiosk_id=kiosk.kiosk_id,
            endpoint="applications",
            key=key,
            request=canonical_json(body),
            now=central.clock(),
        )

    busy = kiosk.submit(body, key)
    assert busy.status_code == 409
    assert busy.json()["type"] == PROBLEMS + "request-in-progress"
    assert busy.headers["Retry-After"]

    central.clock.advance(seconds=61)  # that worker died; its claim lapses
    assert kiosk.submit(body, key).status_code == 201


def test_keys_are_scoped_per_kiosk(central: Central, kiosk: Kiosk, other_kiosk: Kiosk) -> None:
    key = str(uuid.uuid4())
    mine = kiosk.submit(gt_setup_body(), key)
    theirs = other_kiosk.submit(gt_setup_body(), key)

    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert mine.json()["application_no"] != theirs.json()["application_no"]


def test_key_is_forgotten_after_seven_days(central: Central, kiosk: Kiosk) -> None:
    key = str(uuid.uuid4())
    first = kiosk.submit(gt_setup_body(), key).json()
    central.clock.advance(days=7, seconds=1)
    later = kiosk.submit(gt_setup_body(), key)

    assert later.status_code == 201
    assert later.json()["application_no"] != first["application_no"]


def test_invalid_form_values_are_reported_field_by_field(central: Central, kiosk: Kiosk) -> None:
    body = gt_setup_body(
        operator_id_number="330702199003071234",  # wrong check character
        mobile="12800138000",
        trade_name="Lihua Store",
        business_address=None,
        business_scope="x" * 201,
    )
    body["form"]["colour"] = "red"

    response = kiosk.submit(body)

    assert response.status_code == 422
    problem = response.json()
    assert problem["type"] == PROBLEMS + "validation-failed"
    assert _errors(response) == {
        "form.operator_id_number": "cn_resident_id",
        "form.mobile": "cn_mobile",
        "form.trade_name": "pattern",
        "form.business_address": "required",
        "form.business_scope": "max_length",
        "form.colour": "unknown_field",
    }
    assert all(error["message"] for error in problem["errors"])
    assert _applications(central) == []


def test_wrong_types_in_the_envelope_and_form_are_validation_errors(kiosk: Kiosk) -> None:
    body = gt_setup_body(mobile=13800138000)
    body["applicant"] = {
        "name": "王丽华",
        "document_type": "cn_resident_id",
        "id_number": 330702199003071233,
    }
    body["submitted_at"] = "yesterday"
    body["attachments"] = [{"kind": "signature", "media_type": "image/png", "data": "%%%"}]

    response = kiosk.submit(body)

    assert response.status_code == 422
    assert _errors(response) == {
        "form.mobile": "type",
        "applicant.id_number": "type",
        "submitted_at": "format",
        "attachments[0].data": "format",
    }


def test_only_services_that_take_applications_are_accepted(kiosk: Kiosk) -> None:
    for code in ("NO-SUCH", "NAME-DECL"):
        body = {**gt_setup_body(), "service": code}
        response = kiosk.submit(body)
        assert response.status_code == 422
        assert _errors(response) == {"service": "option"}


def test_applicant_looks_up_the_status_from_any_kiosk_with_the_identity_number(
    central: Central, kiosk: Kiosk, other_kiosk: Kiosk
) -> None:
    number = kiosk.submit(gt_setup_body()).json()["application_no"]
    with central.database.transaction() as connection:
        change_status(
            connection, number, "needs_correction", "请补充经营场所门牌号", central.clock()
        )

    response = other_kiosk.post(f"/v1/applications/{number}/lookups", {"id_number": VALID_ID})

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "needs_correction"
    assert [entry["status"] for entry in body["history"]] == ["received", "needs_correction"]
    assert body["history"][1]["note"] == "请补充经营场所门牌号"
    assert body["licence"] is None


def test_wrong_identity_number_gets_exactly_the_404_of_an_unknown_application(kiosk: Kiosk) -> None:
    number = kiosk.submit(gt_setup_body()).json()["application_no"]

    wrong_id = kiosk.post(f"/v1/applications/{number}/lookups", {"id_number": OTHER_VALID_ID})
    unknown = kiosk.post("/v1/applications/KA20990101-000001/lookups", {"id_number": VALID_ID})

    assert wrong_id.status_code == unknown.status_code == 404
    assert wrong_id.json() == unknown.json()
    assert wrong_id.headers["content-type"] == unknown.headers["content-type"]


def test_kiosk_reads_its_own_submission_but_never_another_kiosks(
    kiosk: Kiosk, other_kiosk: Kiosk
) -> None:
    number = kiosk.submit(gt_setup_body()).json()["application_no"]

    own = kiosk.get(f"/v1/applications/{number}")
    foreign = other_kiosk.get(f"/v1/applications/{number}")

    assert own.status_code == 200
    assert own.json()["application_no"] == number
    assert foreign.status_code == 404
    assert number not in foreign.text
