"""Every endpoint the router serves, any body, any text: never a 5xx, and a refused text
is refused at its own path.

The endpoints are listed from the running app's router; each gets a body it takes
(``World.valid_body``), so that a hostile text put anywhere in it reaches the
handler that reads it. Hypothesis runs derandomized (the same examples every run).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.routing import Route

from central.appointments import book
from central.catalogue import load_catalogue, service_flow
from central.clock import CHINA_STANDARD_TIME
from central.heartbeats import queue_command
from central.licences import approve
from central.registry import load_registry
from tests.central.hostile import (
    RLO,
    assert_problem,
    character_errors,
    hostile_text,
    is_refused,
    is_surrogate,
    json_values,
    post_json,
)
from tests.central.support import (
    VALID_ID,
    Central,
    HttpServer,
    enrolment_body,
    gt_setup_body,
)
from tests.central.support import Kiosk as SigningKiosk

#: The texts that may hold a line feed, by endpoint: the catalogue's ``multiline``
#: fields and the free-text ``comment`` and ``detail`` members.
MULTILINE = {
    ("/v1/applications", "form.business_scope"),
    ("/v1/feedback", "comment"),
    ("/v1/heartbeats", "devices[0].detail"),
    ("/v1/commands/{command_id}/result", "detail"),
    ("/v1/print-jobs/{print_job}/result", "detail"),
}


@dataclass
class World:
    """A central with one of everything (an approved application and its licence, an open
    print job, a queued command, an enrolment code), so every endpoint's body is read."""

    kiosk: SigningKiosk
    routes: list[Route]
    application_no: str
    uscc: str
    print_job: str
    command_id: str
    enrolment_code: str
    enrolling_key: Ed25519PrivateKey
    business_type: str

    def url_path(self, template: str) -> str:
        return template.format(
            application_no=self.application_no,
            uscc=self.uscc,
            print_job=self.print_job,
            command_id=self.command_id,
        )

    def post_templates(self) -> list[str]:
        """The router's POST endpoints, e.g. ``/v1/licences/{uscc}/print-jobs``."""
        return sorted(route.path for route in self.routes if "POST" in (route.methods or ()))

    def valid_body(self, template: str) -> dict[str, Any]:
        """A body the endpoint takes (or refuses only for the state the central is in)."""
        bodies: dict[str, dict[str, Any]] = {
            "/v1/enrolments": enrolment_body(
                self.enrolment_code, "K-330702-0099", self.enrolling_key
            ),
            "/v1/applications": gt_setup_body(),
            "/v1/applications/{application_no}/lookups": {"id_number": VALID_ID},
            "/v1/name-checks": {
                "region": "330702",
                "trade_name": "丽华",
                "industry": "百货",
                "organisation_form": "有限公司",
            },
            "/v1/licences/{uscc}/print-jobs": {
                "application_no": self.application_no,
                "id_number": VALID_ID,
            },
            "/v1/print-jobs/{print_job}/result": {"result": "failed", "detail": "卡纸 paper jam"},
            "/v1/heartbeats": {
                "at": "2026-11-22T10:15:00+08:00",
                "app_version": "0.1.0",
                "state": "in_service",
                "devices": [
                    {"name": "printer", "kind": "receipt", "status": "warning", "detail": "纸少"}
                ],
                "outbox_depth": 0,
                "oldest_unsent_at": None,
            },
            "/v1/commands/{command_id}/result": {"result": "done", "detail": "ok"},
            "/v1/feedback": {
                "application_no": None,
                "service": "FEEDBACK",
                "rating": 5,
                "tags": ["quick"],
                "comment": "很好",
            },
            "/v1/queue-tickets": {"business_type": self.business_type},
            "/v1/appointments/check-ins": {"id_number": VALID_ID},  # booked in `world`
            "/v1/logs": {
                "at": "2026-11-22T10:15:00+08:00",
                "app_version": "0.1.0",
                "command_id": self.command_id,
                "lines": ["打印机纸少 printer paper low", "sync: delivered 3"],
            },
        }
        body: dict[str, Any] = json.loads(json.dumps(bodies[template]))
        return body


def _queue_business_type() -> str:
    catalogue = load_catalogue()
    for code in catalogue.service_codes():
        service = catalogue.service(code)
        if service is not None and service_flow(service) == "queue_ticket":
            field = service["form"]["pages"][0]["sections"][0]["fields"][0]
            return str(field["options"][0]["value"])
    raise AssertionError("the catalogue has no queue_ticket service")


@pytest.fixture(scope="module")
def world(http_server: HttpServer, shared_central: Central) -> Iterator[World]:
    kiosk = shared_central.enrol("K-330702-0088")
    with shared_central.database.transaction() as connection:
        book(  # the appointment the check-ins find (late in the day: never missed)
            connection,
            catalogue=load_catalogue(),
            id_number=VALID_ID,
            business_type=_queue_business_type(),
            day=shared_central.clock().astimezone(CHINA_STANDARD_TIME).date(),
            slot="23:30",
            minutes=29,
            now=shared_central.clock(),
        )
    number = kiosk.submit(gt_setup_body()).json()["application_no"]
    with shared_central.database.transaction() as connection:
        uscc = approve(
            connection,
            number,
            catalogue=load_catalogue(),
            registry=load_registry(),
            now=shared_central.clock(),
        )
        command_id = queue_command(
            connection, kiosk.kiosk_id, "upload_logs", shared_central.clock()
        )
    assert uscc is not None
    job = kiosk.post(
        f"/v1/licences/{uscc}/print-jobs", {"application_no": number, "id_number": VALID_ID}
    )
    assert job.status_code == 201, job.text
    app = http_server.dispatcher.app  # the shared central's, installed just now
    yield World(
        kiosk=kiosk,
        routes=[route for route in app.routes if isinstance(route, Route)],
        application_no=number,
        uscc=uscc,
        print_job=job.json()["print_job"],
        command_id=command_id,
        enrolment_code=shared_central.enrolment_code("K-330702-0099"),
        enrolling_key=Ed25519PrivateKey.generate(),
        business_type=_queue_business_type(),
    )
    kiosk.session.close()


def string_leaves(value: Any, path: str = "") -> list[str]:
    """The paths of the string values in a JSON value (``devices[0].detail``)."""
    if isinstance(value, str):
        return [path]
    if isinstance(value, dict):
        return [
            leaf
            for key, item in value.items()
            for leaf in string_leaves(item, f"{path}.{key}" if path else key)
        ]
    if isinstance(value, list):
        return [
            leaf for i, item in enumerate(value) for leaf in string_leaves(item, f"{path}[{i}]")
        ]
    return []


def member_names(value: Any) -> list[str]:
    """Every member name in a JSON value, however deep."""
    if isinstance(value, dict):
        return [*value, *(name for item in value.values() for name in member_names(item))]
    if isinstance(value, list):
        return [name for item in value for name in member_names(item)]
    return []


def replaced(document: dict[str, Any], path: str, text: str) -> dict[str, Any]:
    """``document`` with the string at ``path`` (``devices[0].detail``) replaced by ``text``."""
    steps = path.replace("[", ".[").split(".")
    target: Any = document
    for step in steps[:-1]:
        target = target[int(step[1:-1])] if step.startswith("[") else target[step]
    last = steps[-1]
    target[int(last[1:-1]) if last.startswith("[") else last] = text
    return document


def test_the_router_serves_no_post_endpoint_these_tests_do_not_know(world: World) -> None:
    templates = world.post_templates()

    assert "/v1/applications" in templates
    assert "/v1/heartbeats" in templates
    for template in templates:
        world.valid_body(template)  # a KeyError names the endpoint to add to valid_body


def test_every_endpoints_good_body_is_taken(world: World) -> None:
    for template in world.post_templates():
        response = post_json(world.kiosk, world.url_path(template), world.valid_body(template))
        assert response.status_code in (200, 201), (template, response.text)


def test_a_lone_surrogate_is_a_400_on_every_endpoint_that_takes_a_body(world: World) -> None:
    for template in world.post_templates():
        body = world.valid_body(template)
        for path in string_leaves(body):
            fresh = replaced(world.valid_body(template), path, "ok\udc80")
            response = post_json(world.kiosk, world.url_path(template), fresh)
            assert_problem(response, 400)


@pytest.mark.parametrize("char", [RLO, "\u2067", "\u200f", "\x1b", "\x00", "\u2028", "\ue000"])
def test_every_text_of_every_endpoint_refuses_bidi_and_control_characters(
    world: World, char: str
) -> None:
    for template in world.post_templates():
        for path in string_leaves(world.valid_body(template)):
            body = replaced(world.valid_body(template), path, f"ok{char}ok")
            response = post_json(world.kiosk, world.url_path(template), body)
            assert character_errors(response) == [path], (template, path)


EXAMPLES = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@EXAMPLES
@given(data=st.data(), value=st.dictionaries(hostile_text, json_values, max_size=5))
def test_no_json_object_of_any_texts_gets_a_5xx_from_any_endpoint(
    world: World, data: st.DataObject, value: dict[str, Any]
) -> None:
    template = data.draw(st.sampled_from(world.post_templates()), label="endpoint")
    escape = data.draw(st.booleans(), label="written as escapes")

    response = post_json(world.kiosk, world.url_path(template), value, escape=escape)

    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert_problem(response, response.status_code)
    texts = [*_strings(value), *member_names(value)]
    if any(is_surrogate(char) for text in texts for char in text):
        assert_problem(response, 400)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


@settings(EXAMPLES, max_examples=250)
@given(data=st.data(), text=hostile_text)
def test_any_text_anywhere_in_a_good_body_is_taken_or_refused_at_its_path_never_a_5xx(
    world: World, data: st.DataObject, text: str
) -> None:
    template = data.draw(st.sampled_from(world.post_templates()), label="endpoint")
    body = world.valid_body(template)
    path = data.draw(st.sampled_from(string_leaves(body)), label="path")
    escape = data.draw(st.booleans(), label="written as escapes")

    response = post_json(
        world.kiosk, world.url_path(template), replaced(body, path, text), escape=escape
    )

    assert response.status_code < 500, response.text
    multiline = (template, path) in MULTILINE
    if any(is_surrogate(char) for char in text):
        assert_problem(response, 400)
    elif any(is_refused(char, multiline=True) for char in text):
        assert path in character_errors(response)
    elif any(is_refused(char, multiline=multiline) for char in text):
        assert_problem(response, 422)  # a line break in a one-line text
