"""A service is a list of steps: the registry, the plans, and one interpreter for every service."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from kiosk.catalogue import Catalogue, parse_catalogue
from kiosk.steps.interpreter import first_step, step_next
from kiosk.steps.kinds import StepKind, StepRef, kind_named, register, registered_kinds
from kiosk.steps.plan import PLANS, plan_for
from kiosk.workflow import events as ev
from kiosk.workflow.states import (
    Attract,
    Filling,
    Finished,
    ReadingGuidance,
    Reviewing,
    ServiceMenu,
    Signing,
    Submitting,
)
from offline_cache.db import Database
from tests.conftest import state_now
from tests.core.test_workflow import Desk

NEW_SERVICE = "TEST-TEA-HOUSE"


def with_new_service(data: dict[str, Any]) -> Catalogue:
    """The sandbox's catalogue plus a service no code knows: other field names, no ID step."""
    data = copy.deepcopy(data)
    data["services"].append(
        {
            "code": NEW_SERVICE,
            "title": {"zh": "茶馆备案", "en": "Register a tea house"},
            "category": "registration",
            "channels": ["kiosk"],
            "requires": [],
            "online_only": False,
            "promise_days": 5,
            "form": {
                "pages": [
                    {
                        "title": {"zh": "茶馆", "en": "Tea house"},
                        "sections": [
                            {
                                "title": {"zh": "基本信息", "en": "Basics"},
                                "fields": [
                                    {
                                        "name": "house_name",
                                        "type": "text",
                                        "label": {"zh": "茶馆名称", "en": "Name"},
                                        "required": True,
                                    },
                                    {
                                        "name": "seats",
                                        "type": "number",
                                        "label": {"zh": "座位数", "en": "Seats"},
                                        "required": True,
                                        "min": 1,
                                        "max": 500,
                                    },
                                ],
                            }
                        ],
                    },
                    {
                        "title": {"zh": "联系人", "en": "Contact"},
                        "sections": [
                            {
                                "title": {"zh": "联系人", "en": "Contact"},
                                "fields": [
                                    {
                                        "name": "contact_mobile",
                                        "type": "text",
                                        "label": {"zh": "手机号码", "en": "Mobile"},
                                        "required": True,
                                        "validators": ["cn_mobile"],
                                    }
                                ],
                            }
                        ],
                    },
                ]
            },
        }
    )
    return parse_catalogue(data)


def test_every_flow_this_kiosk_runs_uses_only_registered_step_kinds(
    catalogue: Catalogue,
) -> None:
    for service in catalogue.offered:
        assert service.flow in PLANS
        assert {ref.kind for ref in plan_for(service)} <= registered_kinds()


def test_a_step_kind_is_registered_once() -> None:
    identify = kind_named("identify")
    with pytest.raises(ValueError, match="twice"):
        register(identify)
    with pytest.raises(ValueError, match="twice"):
        register(
            StepKind("other", identify.state_type, identify.enter, identify.rules, identify.ref)
        )


def test_sole_proprietorship_plan_shows_the_guidance_reads_the_card_then_walks_its_pages(
    catalogue: Catalogue,
) -> None:
    assert plan_for(catalogue.service("GT-SETUP")) == (
        StepRef("guidance"),
        StepRef("identify"),
        StepRef("form_page", 0),
        StepRef("form_page", 1),
        StepRef("review"),
        StepRef("submit"),
        StepRef("result"),
    )


def test_service_only_in_a_test_catalogue_runs_end_to_end_with_no_code_change(
    tmp_path: Path, db: Database, catalogue_data: dict[str, Any]
) -> None:
    catalogue = with_new_service(catalogue_data)
    service = catalogue.service(NEW_SERVICE)
    assert service.offered_on_kiosk
    # Its guidance first, then its form at once: no identity step in its plan.
    assert first_step(service) == ReadingGuidance(NEW_SERVICE)

    desk = Desk(tmp_path, db, catalogue)
    wf = desk.workflow
    wf.dispatch(ev.Started())
    wf.dispatch(ev.ServiceChosen(NEW_SERVICE))
    wf.dispatch(ev.NextPressed())  # past the guidance: start
    assert wf.state == Filling(NEW_SERVICE, 0)
    wf.dispatch(ev.NextPressed())
    state = wf.state
    assert isinstance(state, Filling)
    assert {p.field for p in state.problems} == {"house_name", "seats"}
    wf.set_value("house_name", "婺城老茶馆")
    wf.set_value("seats", "40")
    wf.dispatch(ev.NextPressed())
    wf.set_value("contact_mobile", "13800138000")
    wf.dispatch(ev.NextPressed())
    assert state_now(wf) == Reviewing(NEW_SERVICE)
    wf.dispatch(ev.SubmitPressed())

    finished = wf.state
    assert isinstance(finished, Finished)
    [item] = desk.outbox.items()
    assert item.body["service"] == NEW_SERVICE
    assert item.body["form"] == {
        "house_name": "婺城老茶馆",
        "seats": 40,
        "contact_mobile": "13800138000",
    }


def test_back_never_lands_on_the_card_reader_and_leaves_from_the_first_page(
    catalogue: Catalogue,
) -> None:
    assert step_next(Filling("GT-SETUP", 1), ev.BackPressed(), catalogue, None) == Filling(
        "GT-SETUP", 1
    )  # without a form nothing moves: the form decides what a page holds


def test_moves_follow_the_plan(tmp_path: Path, db: Database, catalogue: Catalogue) -> None:
    desk = Desk(tmp_path, db, catalogue)
    desk.begin()
    wf = desk.workflow
    form = wf.form
    assert form is not None
    # Back from the first page skips the card (read again, it is not "back") to the guidance.
    back = step_next(Filling("GT-SETUP", 0), ev.BackPressed(), catalogue, form)
    assert back == ReadingGuidance("GT-SETUP")
    assert step_next(back, ev.BackPressed(), catalogue, form) == ServiceMenu()
    assert step_next(Filling("GT-SETUP", 1), ev.BackPressed(), catalogue, form) == Filling(
        "GT-SETUP", 0
    )
    assert step_next(Reviewing("GT-SETUP"), ev.BackPressed(), catalogue, form) == Filling(
        "GT-SETUP", 1
    )
    # A store that failed goes back to the review with the reason.
    assert step_next(
        Submitting("GT-SETUP"), ev.SubmissionNotStored("storage_full"), catalogue, form
    ) == Reviewing("GT-SETUP", problem="storage_full")
    assert step_next(
        Submitting("GT-SETUP", "K0001-000001"), ev.SubmissionQueued(), catalogue, form
    ) == Finished("GT-SETUP", "K0001-000001", None)
    assert (
        step_next(Finished("GT-SETUP", "K0001-000001", None), ev.DonePressed(), catalogue, form)
        == Attract()
    )


def test_a_page_with_a_signature_is_read_to_the_end_and_signed_before_going_on(
    tmp_path: Path, db: Database, catalogue_data: dict[str, Any]
) -> None:
    data = copy.deepcopy(catalogue_data)
    [service] = [s for s in data["services"] if s["code"] == "GT-SETUP"]
    service["form"]["pages"].append(
        {
            "title": {"zh": "承诺", "en": "Commitment"},
            "sections": [
                {
                    "title": {"zh": "承诺书", "en": "Commitment"},
                    "statement": {"zh": "本人承诺所填信息真实。", "en": "It is all true."},
                    "fields": [
                        {
                            "name": "operator_signature",
                            "type": "signature",
                            "label": {"zh": "签名", "en": "Signature"},
                            "required": True,
                        }
                    ],
                }
            ],
        }
    )
    catalogue = parse_catalogue(data)
    assert plan_for(catalogue.service("GT-SETUP"))[4] == StepRef("sign", 2)
    desk = Desk(tmp_path, db, catalogue)
    wf = desk.workflow
    desk.begin()
    wf.set_value("mobile", "13800138000")
    wf.dispatch(ev.NextPressed())
    wf.set_value("trade_name", "金华市婺城区丽华百货店")
    wf.set_value("business_scope", "日用百货销售")
    wf.dispatch(ev.NextPressed())
    assert wf.state == Signing("GT-SETUP", 2)

    wf.dispatch(ev.NextPressed())
    state = wf.state
    assert isinstance(state, Signing)
    assert [p.code for p in state.problems] == ["statement_not_read", "required"]
    wf.dispatch(ev.StatementRead())
    wf.set_signature("operator_signature", b"\x89PNG fake-but-opaque")
    wf.dispatch(ev.NextPressed())
    assert state_now(wf) == Reviewing("GT-SETUP")
    wf.dispatch(ev.EditRequested(2))
    assert wf.state == Signing("GT-SETUP", 2)  # "change" on the review goes back to signing
