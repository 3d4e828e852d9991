"""Whatever a client sends as a body, the central answers with a 4xx problem or success, never a 500."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.central.support import Central, Kiosk, gt_setup_body

POST_PATHS = [
    "/v1/name-checks",
    "/v1/applications",
    "/v1/applications/KA20261122-000001/lookups",
    "/v1/licences/92330702MA2J8L4R5E/print-jobs",
    "/v1/print-jobs/PJ-0/result",
    "/v1/heartbeats",
    "/v1/commands/CMD-0/result",
    "/v1/feedback",
    "/v1/queue-tickets",
    "/v1/appointments/check-ins",
]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def shared_kiosk(shared_central: Central) -> Iterator[Kiosk]:
    kiosk = shared_central.enrol("K-330702-0077")
    yield kiosk
    kiosk.session.close()


def _assert_handled(response: requests.Response) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        problem = response.json()
        assert response.headers["content-type"] == "application/problem+json"
        assert problem["status"] == response.status_code
        assert problem["type"]
        assert problem["title"]
        assert problem["detail"]


def _post_raw(kiosk: Kiosk, path: str, body: bytes) -> requests.Response:
    headers = {"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())}
    return kiosk.request("POST", path, data=body, headers=headers)


@settings(max_examples=80, deadline=None)
@given(path=st.sampled_from(POST_PATHS), body=st.binary(min_size=1, max_size=200))
def test_arbitrary_bytes_never_cause_a_server_error(
    shared_kiosk: Kiosk, path: str, body: bytes
) -> None:
    _assert_handled(_post_raw(shared_kiosk, path, body))


@settings(max_examples=80, deadline=None)
@given(path=st.sampled_from(POST_PATHS), value=json_values)
def test_arbitrary_json_values_never_cause_a_server_error(
    shared_kiosk: Kiosk, path: str, value: Any
) -> None:
    response = _post_raw(shared_kiosk, path, json.dumps(value).encode())
    _assert_handled(response)
    if not isinstance(value, dict):
        assert response.status_code == 400


@settings(max_examples=120, deadline=None)
@given(
    replacements=st.dictionaries(
        st.sampled_from(
            [
                "service",
                "catalogue_version",
                "submitted_at",
                "applicant",
                "form",
                "attachments",
                "name_reservation",
                "form.mobile",
                "form.operator_id_number",
                "form.trade_name",
                "applicant.id_number",
            ]
        ),
        json_values,
        min_size=1,
        max_size=3,
    )
)
def test_wrong_types_in_an_application_are_validation_errors(
    shared_kiosk: Kiosk, replacements: dict[str, Any]
) -> None:
    body: dict[str, Any] = gt_setup_body()
    for path, value in replacements.items():
        parent, _, member = path.rpartition(".")
        target = body[parent] if parent else body
        if isinstance(target, dict):
            target[member] = value
    response = _post_raw(shared_kiosk, "/v1/applications", json.dumps(body).encode())
    _assert_handled(response)
    assert response.status_code in (201, 422)


@settings(max_examples=40, deadline=None)
@given(value=json_values)
def test_unsigned_enrolment_with_any_json_is_refused_cleanly(
    shared_central: Central, value: Any
) -> None:
    _assert_handled(requests.post(shared_central.url + "/v1/enrolments", json=value, timeout=10))


def test_deeply_nested_and_oversized_bodies_are_refused(shared_kiosk: Kiosk) -> None:
    nested = _post_raw(shared_kiosk, "/v1/heartbeats", b"[" * 100_000 + b"]" * 100_000)
    huge_number = _post_raw(
        shared_kiosk, "/v1/heartbeats", b'{"outbox_depth": 1' + b"0" * 5000 + b"}"
    )
    not_json = shared_kiosk.request(
        "POST",
        "/v1/heartbeats",
        data=b"state=in_service",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert nested.status_code == 400
    assert huge_number.status_code == 400
    assert not_json.status_code == 415
