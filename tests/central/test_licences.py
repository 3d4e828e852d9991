"""Approval issues a licence with a valid credit code; a kiosk prints it once, verifiably."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from central.catalogue import load_catalogue
from central.identifiers import uscc_problem
from central.licences import allow_reprint, approve
from central.registry import load_registry
from tests.central.support import (
    OTHER_VALID_ID,
    VALID_ID,
    Central,
    Kiosk,
    gs_setup_body,
    gt_setup_body,
)

pytestmark = pytest.mark.both_databases


def _approve(central: Central, application_no: str) -> str:
    with central.database.transaction() as connection:
        uscc = approve(
            connection,
            application_no,
            catalogue=load_catalogue(),
            registry=load_registry(),
            now=central.clock(),
        )
    assert uscc is not None
    return uscc


@pytest.fixture
def licence(central: Central, kiosk: Kiosk) -> dict[str, str]:
    application_no = kiosk.submit(gt_setup_body()).json()["application_no"]
    return {"application_no": application_no, "uscc": _approve(central, application_no)}


def _print(kiosk: Kiosk, licence: dict[str, str], id_number: str = VALID_ID) -> requests.Response:
    return kiosk.post(
        f"/v1/licences/{licence['uscc']}/print-jobs",
        {"application_no": licence["application_no"], "id_number": id_number},
    )


def _result(kiosk: Kiosk, job: str, result: str) -> requests.Response:
    return kiosk.post(f"/v1/print-jobs/{job}/result", {"result": result, "detail": "test"})


def _lookup(kiosk: Kiosk, licence: dict[str, str]) -> dict[str, Any]:
    body: dict[str, Any] = kiosk.post(
        f"/v1/applications/{licence['application_no']}/lookups", {"id_number": VALID_ID}
    ).json()
    return body


def test_approval_assigns_a_valid_individual_business_credit_code(
    kiosk: Kiosk, licence: dict[str, str]
) -> None:
    assert licence["uscc"].startswith("92330702")
    assert uscc_problem(licence["uscc"]) is None
    status = _lookup(kiosk, licence)
    assert status["status"] == "approved"
    assert status["licence"] == {"uscc": licence["uscc"], "printable": True}


def test_company_gets_a_91_code_and_its_licence_lists_the_company_items(
    central: Central, kiosk: Kiosk
) -> None:
    checked = kiosk.post(
        "/v1/name-checks",
        {
            "region": "330702",
            "trade_name": "青禾",
            "industry": "科技",
            "organisation_form": "有限公司",
        },
    ).json()
    name = checked["full_name"]
    application_no = kiosk.submit(gs_setup_body(name, checked["reservation"]["token"])).json()[
        "application_no"
    ]

    uscc = _approve(central, application_no)
    job = _print(kiosk, {"uscc": uscc, "application_no": application_no}).json()

    assert uscc.startswith("91330702")
    assert uscc_problem(uscc) is None
    printed = job["licence"]
    assert printed["name"] == name
    assert printed["type"]["zh"] == "有限责任公司（自然人投资或控股）"
    items = {item["key"]: item["value"] for item in printed["items"]}
    assert items["legal_representative"] == "王丽华"
    assert items["registered_capital"] == "100万元"
    assert items["scope"].startswith("许可项目：餐饮服务（依法须经批准的项目")
    assert "一般项目：软件开发（除依法须经批准的项目外" in items["scope"]


def test_print_job_flow_prints_the_licence_once(
    kiosk: Kiosk, other_kiosk: Kiosk, licence: dict[str, str]
) -> None:
    created = _print(kiosk, licence)
    assert created.status_code == 201
    job = created.json()
    assert job["licence"]["uscc"] == licence["uscc"]
    assert job["licence"]["registration_authority"]["zh"] == "金华市婺城区市场监督管理局"

    resumed = _print(kiosk, licence)
    assert (resumed.status_code, resumed.json()) == (200, job)
    elsewhere = _print(other_kiosk, licence)
    assert elsewhere.status_code == 409
    assert elsewhere.json()["type"].endswith("/print-job-open")

    assert _result(kiosk, job["print_job"], "printed").json() == {
        "print_job": job["print_job"],
        "state": "printed",
    }
    assert _result(kiosk, job["print_job"], "printed").status_code == 200
    assert _result(kiosk, job["print_job"], "failed").status_code == 409
    assert _lookup(kiosk, licence)["licence"]["printable"] is False
    again = _print(kiosk, licence)
    assert again.status_code == 409
    assert again.json()["type"].endswith("/licence-already-printed")


def test_failed_print_lets_any_kiosk_make_a_new_job(
    kiosk: Kiosk, other_kiosk: Kiosk, licence: dict[str, str]
) -> None:
    first = _print(kiosk, licence).json()["print_job"]
    assert _result(kiosk, first, "failed").status_code == 200

    retry = _print(other_kiosk, licence)

    assert retry.status_code == 201
    assert retry.json()["print_job"] != first
    assert _lookup(kiosk, licence)["licence"]["printable"] is True


def test_staff_approval_allows_one_more_original(
    central: Central, kiosk: Kiosk, licence: dict[str, str]
) -> None:
    job = _print(kiosk, licence).json()["print_job"]
    _result(kiosk, job, "printed")
    with central.database.transaction() as connection:
        allow_reprint(connection, licence["uscc"])

    assert _print(kiosk, licence).status_code == 201


def test_print_job_with_a_wrong_identity_number_gets_the_lookup_404(
    kiosk: Kiosk, licence: dict[str, str]
) -> None:
    wrong = _print(kiosk, licence, id_number=OTHER_VALID_ID)
    unknown = kiosk.post("/v1/applications/KA20990101-000001/lookups", {"id_number": VALID_ID})
    other_licence = kiosk.post(
        "/v1/licences/92330702MA2J8L4R5E/print-jobs",
        {"application_no": licence["application_no"], "id_number": VALID_ID},
    )

    assert wrong.status_code == unknown.status_code == other_licence.status_code == 404
    assert wrong.json() == unknown.json() == other_licence.json()


def test_kiosk_cannot_report_another_kiosks_print_job(
    kiosk: Kiosk, other_kiosk: Kiosk, licence: dict[str, str]
) -> None:
    job = _print(kiosk, licence).json()["print_job"]
    assert _result(other_kiosk, job, "printed").status_code == 404
    assert _lookup(kiosk, licence)["licence"]["printable"] is True


def _unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def test_slip_qr_code_verifies_offline_with_the_published_key(
    central: Central, kiosk: Kiosk, licence: dict[str, str]
) -> None:
    verification = _print(kiosk, licence).json()["verification"]
    keys = {
        key["key_id"]: key["public_key"]
        for key in requests.get(central.url + "/v1/keys", timeout=10).json()["keys"]
    }

    prefix, key_id, payload_b64, signature_b64 = verification["qr"].split(".")
    public_key = Ed25519PublicKey.from_public_bytes(base64.b64decode(keys[key_id]))
    payload = _unb64url(payload_b64)
    public_key.verify(_unb64url(signature_b64), payload)

    assert prefix == "KCV1"
    assert key_id == verification["key_id"]
    assert payload.decode() == verification["payload"]
    assert base64.b64decode(verification["signature"]) == _unb64url(signature_b64)
    assert json.loads(payload)["uscc"] == licence["uscc"]
    with pytest.raises(InvalidSignature):
        public_key.verify(
            _unb64url(signature_b64),
            payload.replace(licence["uscc"].encode(), b"92330702MA2J8L4R5E"),
        )
