"""The kiosk's RFC 9421 signatures, written out by hand, are byte for byte what the
`http_message_signatures` library makes of the same request, key, time and nonce
(Ed25519 is deterministic), and the real sandbox central takes them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from http_message_signatures import HTTPMessageSigner, HTTPSignatureKeyResolver, algorithms
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.clock import ManualClock, SystemClock
from kiosk.sync.signing import RequestSigner
from tests.central.support import VALID_ID, Central, HttpServer, gt_setup_body, running_server
from tests.sync.enrolled import enrolled_client

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
AT = datetime(2026, 11, 22, 2, 15, tzinfo=UTC)
NONCE = "q2HzTqv5i3kVQeGk1q9u8w"


class _Key(HTTPSignatureKeyResolver):
    def resolve_private_key(self, key_id: str) -> Ed25519PrivateKey:
        return KEY

    def resolve_public_key(self, key_id: str) -> object:
        return KEY.public_key()


def by_the_library(request: requests.PreparedRequest, key_id: str) -> requests.PreparedRequest:
    raw = request.body.encode() if isinstance(request.body, str) else request.body
    components = ("@method", "@target-uri") + (("content-digest",) if raw else ())
    HTTPMessageSigner(signature_algorithm=algorithms.ED25519, key_resolver=_Key()).sign(
        request,
        key_id=key_id,
        created=AT,
        nonce=NONCE,
        label="sig1",
        covered_component_ids=components,
        body=raw or None,
    )
    return request


def by_the_kiosk(request: requests.PreparedRequest, key_id: str) -> requests.PreparedRequest:
    with mock.patch("kiosk.sync.signing.secrets.token_urlsafe", return_value=NONCE):
        return RequestSigner(KEY, key_id, ManualClock(AT))(request)


def prepared(method: str, url: str, body: bytes | None) -> requests.PreparedRequest:
    headers = {"Content-Type": "application/json"} if body is not None else {}
    return requests.Request(method, url, data=body, headers=headers).prepare()


SIGNED = ("Signature-Input", "Signature", "Content-Digest")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8700/v1/applications",
        "https://central.zj.gov.cn/v1/applications/GT20261122000001/lookups",
        "http://127.0.0.1:8700/v1/applications/GT%2F%E4%B8%AD/lookups",
        "http://[::1]:8700/v1/heartbeats",
        "http://Central.Example:8080/v1/catalogue?lang=zh",
        "http://localhost:8700",
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_request_is_signed_exactly_as_the_library_signs_it(method: str, url: str) -> None:
    body = (
        None if method == "GET" else json.dumps({"名称": "丽华百货店"}, ensure_ascii=False).encode()
    )
    mine = by_the_kiosk(prepared(method, url, body), "kk-2026-0001")
    theirs = by_the_library(prepared(method, url, body), "kk-2026-0001")

    assert {name: mine.headers.get(name) for name in SIGNED} == {
        name: theirs.headers.get(name) for name in SIGNED
    }
    assert ("Content-Digest" in mine.headers) == (body is not None)


@settings(max_examples=60, deadline=None)
@given(
    key_id=st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1),
    body=st.dictionaries(st.text(), st.text() | st.integers()),
)
def test_any_printable_key_id_and_any_body_sign_as_the_library_signs(
    key_id: str, body: dict[str, object]
) -> None:
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass")
    url = "http://127.0.0.1:8700/v1/feedback"
    mine = by_the_kiosk(prepared("POST", url, raw), key_id)
    theirs = by_the_library(prepared("POST", url, raw), key_id)

    assert [mine.headers.get(name) for name in SIGNED] == [
        theirs.headers.get(name) for name in SIGNED
    ]


def test_a_key_id_that_is_not_printable_ascii_is_refused_before_anything_is_signed() -> None:
    with pytest.raises(ValueError, match="printable ASCII"):
        RequestSigner(KEY, "钥匙", ManualClock(AT))


@pytest.fixture(scope="module")
def http_server() -> Iterator[HttpServer]:
    with running_server() as server:
        yield server


def test_the_sandbox_central_takes_the_kiosks_signed_requests(
    http_server: HttpServer, tmp_path: Path
) -> None:
    sandbox: Central = http_server.install(tmp_path / "central.db")
    try:
        client = enrolled_client(sandbox, tmp_path, clock=SystemClock())
        answer = client.post(
            "/v1/heartbeats",
            {
                "at": datetime.now(UTC).isoformat(timespec="seconds"),
                "app_version": "0.1.0",
                "state": "in_service",
                "devices": [],
                "outbox_depth": 0,
            },
        )
        number = client.post_idempotent(
            "/v1/applications", "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b", gt_setup_body()
        )["application_no"]
        found = client.lookup(number, VALID_ID)
    finally:
        http_server.uninstall()

    assert "server_time" in answer
    assert found is not None  # a path with the number quoted in it, signed
    assert found["application_no"] == number
