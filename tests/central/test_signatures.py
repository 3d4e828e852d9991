"""Every request but two is signed (RFC 9421); each way of getting it wrong is a 401."""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import timedelta

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from http_message_signatures import HTTPMessageSigner, algorithms

from tests.central.support import Central, Kiosk, _Key, sign

pytestmark = pytest.mark.both_databases

HEARTBEAT = {
    "at": "2026-11-22T10:15:00+08:00",
    "app_version": "0.1.0",
    "state": "in_service",
    "devices": [],
    "outbox_depth": 0,
    "oldest_unsent_at": None,
}


def _assert_401(response: requests.Response, words: str) -> None:
    assert response.status_code == 401, response.text[:300]
    problem = response.json()
    assert problem["type"].endswith("/invalid-signature")
    assert problem["status"] == 401
    assert words in problem["detail"]


def test_kiosk_style_signer_with_its_own_content_digest_is_accepted(kiosk: Kiosk) -> None:
    # The kiosk sets Content-Digest itself, then signs reusing it.
    prepared = kiosk.prepare("POST", "/v1/heartbeats", json=HEARTBEAT)
    assert isinstance(prepared.body, bytes)
    digest = base64.b64encode(hashlib.sha256(prepared.body).digest()).decode()
    prepared.headers["Content-Digest"] = f"sha-256=:{digest}:"
    HTTPMessageSigner(signature_algorithm=algorithms.ED25519, key_resolver=_Key(kiosk.key)).sign(
        prepared,
        key_id=kiosk.key_id,
        created=kiosk.central.clock(),
        nonce=secrets.token_urlsafe(16),
        label="sig1",
        include_alg=True,
        covered_component_ids=("@method", "@target-uri", "content-digest"),
        use_existing_digest=True,
    )

    assert kiosk.send(prepared).status_code == 200


def test_any_signature_label_is_accepted(kiosk: Kiosk) -> None:
    prepared = kiosk.prepare("GET", "/v1/catalogue")
    sign(
        prepared,
        kiosk.key,
        kiosk.key_id,
        created=kiosk.central.clock(),
        nonce="n-" + secrets.token_hex(8),
        label="kiosk",
    )
    assert kiosk.send(prepared).status_code == 200


def test_target_uri_with_an_encoded_query_is_verified_as_sent(kiosk: Kiosk) -> None:
    response = kiosk.get("/v1/catalogue?lang=%E4%B8%AD&x=a%2Fb")
    assert response.status_code == 200


def test_unsigned_request_is_refused_and_told_how_to_sign(central: Central, kiosk: Kiosk) -> None:
    response = requests.get(central.url + "/v1/catalogue", timeout=10)
    _assert_401(response, "not signed")
    assert "ed25519" in response.headers["Accept-Signature"]


def test_unknown_key_id_is_refused(kiosk: Kiosk) -> None:
    prepared = kiosk.prepare("GET", "/v1/catalogue")
    sign(
        prepared, kiosk.key, "kk-unknown", created=kiosk.central.clock(), nonce=secrets.token_hex(8)
    )
    _assert_401(kiosk.send(prepared), "not the key of any enrolled kiosk")


def test_signature_made_with_another_private_key_is_refused(kiosk: Kiosk) -> None:
    prepared = kiosk.prepare("GET", "/v1/catalogue")
    sign(
        prepared,
        Ed25519PrivateKey.generate(),
        kiosk.key_id,
        created=kiosk.central.clock(),
        nonce=secrets.token_hex(8),
    )
    _assert_401(kiosk.send(prepared), "does not verify")


def test_signature_not_covering_the_target_uri_is_refused(kiosk: Kiosk) -> None:
    _assert_401(kiosk.get("/v1/catalogue", components=("@method",)), "@target-uri")


def test_body_without_a_signed_digest_is_refused(kiosk: Kiosk) -> None:
    prepared = kiosk.prepare("POST", "/v1/heartbeats", json=HEARTBEAT)
    body = prepared.body
    prepared.body = None
    sign(
        prepared, kiosk.key, kiosk.key_id, created=kiosk.central.clock(), nonce=secrets.token_hex(8)
    )
    prepared.body = body
    _assert_401(kiosk.send(prepared), "Content-Digest")


def test_body_changed_after_signing_is_refused(kiosk: Kiosk) -> None:
    prepared = kiosk.prepare("POST", "/v1/heartbeats", json=HEARTBEAT)
    sign(
        prepared, kiosk.key, kiosk.key_id, created=kiosk.central.clock(), nonce=secrets.token_hex(8)
    )
    assert isinstance(prepared.body, bytes)
    prepared.body = prepared.body.replace(b"in_service", b"maintenance")
    # Its length told right: a body longer than its Content-Length is an HTTP error (400).
    prepared.prepare_content_length(prepared.body)
    _assert_401(kiosk.send(prepared), "does not match")


def test_request_sent_to_another_path_than_signed_is_refused(kiosk: Kiosk) -> None:
    prepared = kiosk.prepare("GET", "/v1/catalogue")
    sign(
        prepared, kiosk.key, kiosk.key_id, created=kiosk.central.clock(), nonce=secrets.token_hex(8)
    )
    assert prepared.url is not None
    prepared.url = prepared.url + "?other=1"
    _assert_401(kiosk.send(prepared), "does not verify")


def test_request_signed_for_another_host_is_refused(kiosk: Kiosk) -> None:
    prepared = kiosk.prepare("GET", "/v1/catalogue")
    sign(
        prepared, kiosk.key, kiosk.key_id, created=kiosk.central.clock(), nonce=secrets.token_hex(8)
    )
    assert prepared.url is not None
    prepared.url = prepared.url.replace("127.0.0.1", "localhost")  # same server, another Host
    _assert_401(kiosk.send(prepared), "does not verify")


@pytest.mark.parametrize("skew_s", [-301, 301])
def test_signature_created_more_than_five_minutes_off_is_refused(kiosk: Kiosk, skew_s: int) -> None:
    created = kiosk.central.clock() + timedelta(seconds=skew_s)
    _assert_401(kiosk.get("/v1/catalogue", created=created), "at most 300 s")


@pytest.mark.parametrize("skew_s", [-290, 290])
def test_signature_created_within_five_minutes_is_accepted(kiosk: Kiosk, skew_s: int) -> None:
    created = kiosk.central.clock() + timedelta(seconds=skew_s)
    assert kiosk.get("/v1/catalogue", created=created).status_code == 200


def test_signature_without_a_nonce_is_refused(kiosk: Kiosk) -> None:
    prepared = kiosk.prepare("GET", "/v1/catalogue")
    sign(prepared, kiosk.key, kiosk.key_id, created=kiosk.central.clock(), nonce=None)
    _assert_401(kiosk.send(prepared), "nonce")


def test_replayed_request_is_refused(kiosk: Kiosk) -> None:
    prepared = kiosk.prepare("POST", "/v1/heartbeats", json=HEARTBEAT)
    sign(
        prepared, kiosk.key, kiosk.key_id, created=kiosk.central.clock(), nonce=secrets.token_hex(8)
    )
    assert kiosk.send(prepared).status_code == 200
    _assert_401(kiosk.send(prepared), "nonce was used before")


def test_nonce_is_unique_across_kiosks(kiosk: Kiosk, other_kiosk: Kiosk) -> None:
    nonce = secrets.token_hex(8)
    assert kiosk.get("/v1/catalogue", nonce=nonce).status_code == 200
    _assert_401(other_kiosk.get("/v1/catalogue", nonce=nonce), "nonce was used before")


def test_nonce_is_still_remembered_ten_minutes_later(kiosk: Kiosk) -> None:
    nonce = secrets.token_hex(8)
    assert kiosk.get("/v1/catalogue", nonce=nonce).status_code == 200
    kiosk.central.clock.advance(seconds=600)
    _assert_401(kiosk.get("/v1/catalogue", nonce=nonce), "nonce was used before")


def test_refused_request_does_not_burn_its_nonce(kiosk: Kiosk) -> None:
    nonce = secrets.token_hex(8)
    _assert_401(kiosk.get("/v1/catalogue", nonce=nonce, components=("@method",)), "@target-uri")
    assert kiosk.get("/v1/catalogue", nonce=nonce).status_code == 200


def test_keys_and_enrolments_need_no_signature(central: Central) -> None:
    assert requests.get(central.url + "/v1/keys", timeout=10).status_code == 200
    assert requests.post(central.url + "/v1/enrolments", json={}, timeout=10).status_code == 422


def test_every_response_carries_a_request_id_and_echoes_the_clients(
    central: Central, kiosk: Kiosk
) -> None:
    echoed = kiosk.get("/v1/catalogue", headers={"X-Request-Id": "req-42"})
    made = requests.get(central.url + "/v1/keys", timeout=10)
    refused = requests.get(
        central.url + "/v1/catalogue", headers={"X-Request-Id": "req-43"}, timeout=10
    )
    missing = requests.get(central.url + "/nowhere", timeout=10)

    assert echoed.headers["X-Request-Id"] == "req-42"
    assert len(made.headers["X-Request-Id"]) == 36
    assert refused.headers["X-Request-Id"] == "req-43"
    assert missing.status_code == 404
    assert missing.headers["X-Request-Id"]
    assert missing.json()["type"].endswith("/not-found")


def test_wrong_method_is_a_problem_document_naming_the_allowed_ones(central: Central) -> None:
    response = requests.delete(central.url + "/v1/keys", timeout=10)
    assert response.status_code == 405
    assert response.json()["type"].endswith("/method-not-allowed")
    assert "GET" in response.headers["Allow"]
