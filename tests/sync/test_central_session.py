"""The central client's session reads the proxy settings from the environment once,
when it is made, and still honours them: a proxy carries the kiosk's requests, and a
host named in ``no_proxy`` is reached directly (real local HTTP servers)."""

from __future__ import annotations

import pytest

from kiosk.sync.client import CentralClient
from tests.sync.scripted_central import ScriptedCentral

BODY = {"service": "GT-SETUP"}
KEY = "0b6c8a5e-8a51-4c52-9d9e-3f1c2d4b5a69"


def test_a_proxy_set_in_the_environment_carries_the_kiosks_requests(
    central: ScriptedCentral, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", central.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    central.default = (201, {}, {"application_no": "GT1"})
    client = CentralClient("http://central.invalid:8700", timeout_s=5)
    monkeypatch.delenv("HTTP_PROXY")  # read when the client was made, not per request

    answer = client.post_idempotent("/v1/applications", KEY, BODY)

    assert answer == {"application_no": "GT1"}
    [request] = central.received
    assert request["path"] == "http://central.invalid:8700/v1/applications"  # as to a proxy


def test_a_host_named_in_no_proxy_is_reached_directly(
    central: ScriptedCentral, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    central.default = (201, {}, {"application_no": "GT2"})
    client = CentralClient(central.url, timeout_s=5)

    answer = client.post_idempotent("/v1/applications", KEY, BODY)

    assert answer == {"application_no": "GT2"}
    assert [request["path"] for request in central.received] == ["/v1/applications"]
