"""Enrolment: one-time codes bound to a kiosk id, repeatable, expiring, revoking the old key."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central.enrolment import revoke_kiosk
from tests.central.support import Central, Kiosk, enrolment_body

pytestmark = pytest.mark.both_databases

PROBLEMS = "https://kiosk-central.invalid/problems/"


def _enrol(central: Central, body: Mapping[str, object]) -> requests.Response:
    return requests.post(central.url + "/v1/enrolments", json=body, timeout=10)


def test_kiosk_enrols_with_a_fresh_code_and_learns_its_key_id_and_the_central_keys(
    central: Central,
) -> None:
    code = central.enrolment_code("K-330702-0001")
    response = _enrol(central, enrolment_body(code, "K-330702-0001", Ed25519PrivateKey.generate()))

    assert response.status_code == 201
    body = response.json()
    assert body["kiosk_id"] == "K-330702-0001"
    assert body["key_id"]
    assert body["site"] == {"name": "Test hall", "region": "330702"}
    keys = requests.get(central.url + "/v1/keys", timeout=10).json()["keys"]
    assert body["central_public_keys"] == [
        {"key_id": k["key_id"], "public_key": k["public_key"]} for k in keys
    ]


def test_repeating_the_same_enrolment_returns_the_same_answer(central: Central) -> None:
    key = Ed25519PrivateKey.generate()
    body = enrolment_body(central.enrolment_code("K-330702-0001"), "K-330702-0001", key)
    first = _enrol(central, body)
    second = _enrol(central, body)

    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json() == second.json()


def test_code_typed_in_lower_case_without_dashes_is_accepted(central: Central) -> None:
    code = central.enrolment_code("K-330702-0001")
    typed = code.replace("-", "").lower()
    response = _enrol(central, enrolment_body(typed, "K-330702-0001", Ed25519PrivateKey.generate()))
    assert response.status_code == 201


def test_used_code_with_another_key_is_a_conflict(central: Central) -> None:
    code = central.enrolment_code("K-330702-0001")
    assert (
        _enrol(
            central, enrolment_body(code, "K-330702-0001", Ed25519PrivateKey.generate())
        ).status_code
        == 201
    )

    response = _enrol(central, enrolment_body(code, "K-330702-0001", Ed25519PrivateKey.generate()))

    assert response.status_code == 409
    assert response.json()["type"] == PROBLEMS + "enrolment-code-used"
    assert response.headers["content-type"] == "application/problem+json"


def test_expired_code_is_gone(central: Central) -> None:
    code = central.enrolment_code("K-330702-0001", ttl=timedelta(hours=1))
    central.clock.advance(hours=1, seconds=1)

    response = _enrol(central, enrolment_body(code, "K-330702-0001", Ed25519PrivateKey.generate()))

    assert response.status_code == 410
    assert response.json()["type"] == PROBLEMS + "enrolment-code-expired"


def test_unknown_code_and_another_kiosks_code_are_forbidden_alike(central: Central) -> None:
    code = central.enrolment_code("K-330702-0001")
    unknown = _enrol(
        central,
        enrolment_body("AAAA-BBBB-CCCC-DDDD", "K-330702-0001", Ed25519PrivateKey.generate()),
    )
    other = _enrol(central, enrolment_body(code, "K-330702-0009", Ed25519PrivateKey.generate()))

    assert unknown.status_code == other.status_code == 403
    assert unknown.json() == other.json()


def test_failed_attempt_does_not_consume_the_code(central: Central) -> None:
    code = central.enrolment_code("K-330702-0001")
    assert (
        _enrol(
            central, enrolment_body(code, "K-330702-0009", Ed25519PrivateKey.generate())
        ).status_code
        == 403
    )
    bad_key = {
        **enrolment_body(code, "K-330702-0001", Ed25519PrivateKey.generate()),
        "public_key": "c2hvcnQ=",
    }
    assert _enrol(central, bad_key).status_code == 422

    assert (
        _enrol(
            central, enrolment_body(code, "K-330702-0001", Ed25519PrivateKey.generate())
        ).status_code
        == 201
    )


def test_malformed_enrolment_lists_every_bad_member(central: Central) -> None:
    response = _enrol(central, {"code": 7, "public_key": "not base64!"})

    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"code", "kiosk_id", "public_key", "app_version"}


def test_new_enrolment_revokes_the_previous_key(central: Central) -> None:
    old = central.enrol("K-330702-0001")
    assert old.get("/v1/catalogue").status_code == 200

    new = central.enrol("K-330702-0001")

    rejected = old.get("/v1/catalogue")
    assert rejected.status_code == 401
    assert "revoked" in rejected.json()["detail"]
    assert new.get("/v1/catalogue").status_code == 200


def test_repeating_an_enrolment_whose_key_was_since_replaced_is_a_conflict(
    central: Central,
) -> None:
    key = Ed25519PrivateKey.generate()
    body = enrolment_body(central.enrolment_code("K-330702-0001"), "K-330702-0001", key)
    assert _enrol(central, body).status_code == 201
    central.enrol("K-330702-0001")

    assert _enrol(central, body).status_code == 409


def test_revoked_kiosk_is_refused_until_it_enrols_again(central: Central, kiosk: Kiosk) -> None:
    with central.database.transaction() as connection:
        assert revoke_kiosk(connection, kiosk.kiosk_id, central.clock()) == 1

    assert kiosk.get("/v1/catalogue").status_code == 401
    assert central.enrol(kiosk.kiosk_id).get("/v1/catalogue").status_code == 200
