"""The quick check of the kiosks' own signature shape takes every request a kiosk signs,
and never takes one the general verifier (`http_message_signatures`) would refuse."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from central.problems import Problem
from central.signature_fast_path import quick_verify
from central.signatures import CREATED_TOLERANCE_S, KioskIdentity, _verify_generally
from kiosk.clock import ManualClock
from kiosk.sync.signing import RequestSigner
from tests.central.support import Central, Kiosk, sign

HEARTBEAT = {"at": "2026-11-22T10:15:00+08:00", "state": "in_service", "名称": "丽华"}


@dataclass(frozen=True)
class Wire:
    """A request as the central's verifier sees it."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    now: datetime


def on_the_wire(prepared: requests.PreparedRequest, now: datetime) -> Wire:
    body = prepared.body if isinstance(prepared.body, bytes) else b""
    headers = tuple((name, str(value)) for name, value in prepared.headers.items())
    return Wire(str(prepared.method), str(prepared.url), headers, body, now)


def signed_by_the_kiosk(kiosk: Kiosk, method: str, path: str, body: Any) -> Wire:
    prepared = kiosk.prepare(method, path, data=None if body is None else json.dumps(body).encode())
    if body is not None:
        prepared.headers["Content-Type"] = "application/json"
    now = kiosk.central.clock()
    RequestSigner(kiosk.key, kiosk.key_id, ManualClock(now))(prepared)
    return on_the_wire(prepared, now)


def quickly(central: Central, wire: Wire) -> tuple[KioskIdentity, str] | None:
    with central.database.transaction() as connection:
        found = quick_verify(
            connection,
            method=wire.method,
            url=wire.url,
            headers=list(wire.headers),
            body=wire.body,
            now=wire.now,
            tolerance_s=CREATED_TOLERANCE_S,
        )
    return None if found is None else (KioskIdentity(found.kiosk_id, found.key_id), found.nonce)


def generally(central: Central, wire: Wire) -> tuple[KioskIdentity, Any] | None:
    with central.database.transaction() as connection:
        try:
            return _verify_generally(
                connection,
                method=wire.method,
                url=wire.url,
                headers=list(wire.headers),
                body=wire.body,
                now=wire.now,
            )
        except Problem:
            return None


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/v1/heartbeats", HEARTBEAT),
        ("GET", "/v1/catalogue", None),
        ("POST", "/v1/applications/GT%E4%B8%AD001/lookups", {"id_number": "330702"}),
    ],
)
def test_every_request_a_kiosk_signs_is_taken_by_the_quick_check_as_by_the_library(
    central: Central, kiosk: Kiosk, method: str, path: str, body: Any
) -> None:
    wire = signed_by_the_kiosk(kiosk, method, path, body)

    found = quickly(central, wire)

    assert found == generally(central, wire)
    assert found is not None
    assert found[0] == KioskIdentity(kiosk.kiosk_id, kiosk.key_id)


def test_a_request_signed_by_the_library_in_the_kiosks_shape_is_taken_quickly(
    central: Central, kiosk: Kiosk
) -> None:
    prepared = kiosk.prepare("POST", "/v1/heartbeats", json=HEARTBEAT)
    nonce = secrets.token_urlsafe(16)
    sign(prepared, kiosk.key, kiosk.key_id, created=central.clock(), nonce=nonce)

    found = quickly(central, on_the_wire(prepared, central.clock()))

    assert found == (KioskIdentity(kiosk.kiosk_id, kiosk.key_id), nonce)


def test_another_shape_is_left_to_the_library(central: Central, kiosk: Kiosk) -> None:
    prepared = kiosk.prepare("GET", "/v1/catalogue")
    sign(
        prepared,
        kiosk.key,
        kiosk.key_id,
        created=central.clock(),
        nonce="n-1",
        components=("@target-uri", "@method"),  # the same, in another order
    )
    wire = on_the_wire(prepared, central.clock())

    assert quickly(central, wire) is None
    assert generally(central, wire) is not None


def _changed_text(text: str, data: st.DataObject) -> str:
    where = data.draw(st.integers(0, len(text)), label="where")
    how = data.draw(st.sampled_from(["insert", "delete", "replace"]), label="how")
    char = data.draw(st.sampled_from(list(' "\\:;=,()*-._~%/?#@AZaz09\t\u00e9')), label="char")
    if how == "insert":
        return text[:where] + char + text[where:]
    if how == "delete":
        return text[:where] + text[where + 1 :]
    return text[:where] + char + text[where + 1 :]


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_whatever_the_quick_check_takes_the_library_takes_too(
    central: Central, kiosk: Kiosk, data: st.DataObject
) -> None:
    body = data.draw(st.sampled_from([HEARTBEAT, None]), label="body")
    wire = signed_by_the_kiosk(kiosk, "POST" if body else "GET", "/v1/heartbeats", body)
    part = data.draw(
        st.sampled_from(["header", "url", "method", "body", "time", "twice", "nothing"]),
        label="part",
    )
    if part == "header":
        index = data.draw(st.integers(0, len(wire.headers) - 1), label="header")
        name, value = wire.headers[index]
        headers = list(wire.headers)
        headers[index] = (name, _changed_text(value, data))
        wire = replace(wire, headers=tuple(headers))
    elif part == "url":
        wire = replace(wire, url=_changed_text(wire.url, data))
    elif part == "method":
        wire = replace(wire, method=data.draw(st.sampled_from(["post", "Post", "PUT", "GET"])))
    elif part == "body":
        wire = replace(wire, body=_changed_text(wire.body.decode(), data).encode())
    elif part == "time":
        skew = data.draw(st.integers(-2 * CREATED_TOLERANCE_S, 2 * CREATED_TOLERANCE_S))
        wire = replace(wire, now=wire.now + timedelta(seconds=skew))
    elif part == "twice":
        index = data.draw(st.integers(0, len(wire.headers) - 1), label="header")
        wire = replace(wire, headers=(*wire.headers, wire.headers[index]))

    found = quickly(central, wire)

    if found is not None:
        assert generally(central, wire) == found
    if part == "nothing":
        assert found is not None
