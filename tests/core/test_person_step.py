"""The person editor as a step, driven without Qt: partners added by reading their
cards in turn or typed for the central to verify, changed, put back, and sent."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from devices.simulated import synthetic_resident_card
from kiosk.catalogue import Catalogue, parse_catalogue
from kiosk.workflow import events as ev
from kiosk.workflow.states import EditingPerson, Filling, Reviewing
from offline_cache.db import Database
from tests.conftest import state_now
from tests.core.test_workflow import Desk

SERVICE = "TEST-PARTNERS"
LI_MING = synthetic_resident_card(name_cn="李明", id_number="330702198503121239")
CHILD = synthetic_resident_card(name_cn="小王", id_number="33070220150101002X")


LEGAL = {"field": "partner_type", "equals": "legal_person"}


def _person_fields() -> list[dict[str, Any]]:
    return [
        {
            "name": "partner_type",
            "type": "choice",
            "label": {"zh": "合伙人类型", "en": "Kind of partner"},
            "options": [
                {"value": "natural_person", "label": {"zh": "自然人", "en": "A person"}},
                {"value": "legal_person", "label": {"zh": "法人", "en": "A company"}},
            ],
        },
        {
            "name": "entity_name",
            "type": "text",
            "label": {"zh": "法人名称", "en": "Company name"},
            "visible_if": LEGAL,
            "required_if": LEGAL,
        },
        {
            "name": "uscc",
            "type": "text",
            "label": {"zh": "统一社会信用代码", "en": "Unified social credit code"},
            "validators": ["cn_uscc"],
            "visible_if": LEGAL,
            "required_if": LEGAL,
        },
        {
            "name": "share",
            "type": "money",
            "label": {"zh": "出资额", "en": "Share"},
            "required": True,
            "unit": "万元",
        },
    ]


def partners_service() -> dict[str, Any]:
    """A service only the tests know: no kiosk code names it."""
    return {
        "code": SERVICE,
        "title": {"zh": "合伙登记（测试）", "en": "Partners (test)"},
        "flow": "application",
        "channels": ["kiosk"],
        "requires": ["id_document"],
        "form": {
            "pages": [
                {
                    "title": {"zh": "合伙人", "en": "Partners"},
                    "sections": [
                        {
                            "title": {"zh": "合伙人", "en": "Partners"},
                            "fields": [
                                {
                                    "name": "partners",
                                    "type": "people",
                                    "label": {"zh": "合伙人", "en": "Partners"},
                                    "required": True,
                                    "min_items": 2,
                                    "max_items": 3,
                                    "min_age": 18,
                                    "validators": ["cn_resident_id"],
                                    "fields": _person_fields(),
                                },
                                {
                                    "name": "contact",
                                    "type": "person",
                                    "label": {"zh": "联系人", "en": "Contact"},
                                    "required": True,
                                    "require_mobile": True,
                                },
                            ],
                        }
                    ],
                }
            ],
            "rules": [],
        },
    }


@pytest.fixture
def partners_catalogue(catalogue_data: dict[str, Any]) -> Catalogue:
    """The sandbox's catalogue plus the partners service."""
    catalogue_data["services"].append(partners_service())
    return parse_catalogue(catalogue_data)


@pytest.fixture
def desk(tmp_path: Path, db: Database, partners_catalogue: Catalogue) -> Desk:
    desk = Desk(tmp_path, db, partners_catalogue)
    wf = desk.workflow
    wf.dispatch(ev.Started())
    wf.dispatch(ev.ServiceChosen(SERVICE))
    wf.dispatch(ev.NextPressed())  # past the guidance: start
    desk.reader.insert()  # the citizen's own card (王丽华)
    desk.scheduler.fire_all()
    assert wf.state == Filling(SERVICE, 0)
    return desk


def test_citizen_adds_partners_by_card_in_turn_and_one_by_typing(desk: Desk) -> None:
    wf = desk.workflow
    # The citizen's own card is still on the reader: they are the first partner.
    wf.dispatch(ev.PersonEditRequested("partners", None, by_card=True))
    assert isinstance(wf.state, EditingPerson)
    assert wf.state.identified
    assert wf.state.path == "partners[0]"
    wf.set_value("partners[0].share", "60")
    wf.dispatch(ev.NextPressed())
    assert state_now(wf) == Filling(SERVICE, 0)

    # The same card again is refused, and the kiosk keeps looking for the next one.
    wf.dispatch(ev.PersonEditRequested("partners", None, by_card=True))
    assert isinstance(wf.state, EditingPerson)
    assert wf.state.problem == "already_listed"
    desk.reader.insert(LI_MING)
    desk.scheduler.fire_all()
    assert isinstance(wf.state, EditingPerson)
    assert wf.state.identified
    wf.set_value("partners[1].share", "30")
    wf.dispatch(ev.NextPressed())

    # The third is abroad today: typed, and left for the central to verify.
    wf.dispatch(ev.PersonEditRequested("partners", None))
    wf.dispatch(ev.NextPressed())
    editing = wf.state
    assert isinstance(editing, EditingPerson)
    assert {p.field for p in editing.problems} >= {
        "partners[2].name",
        "partners[2].id_number",
        "partners[2].share",
    }
    wf.set_json("partners[2].document_type", "cn_resident_id")
    wf.set_value("partners[2].name", "赵六")
    wf.set_value("partners[2].id_number", "330702199001010023")
    wf.set_value("partners[2].share", "10")
    wf.dispatch(ev.NextPressed())
    assert state_now(wf) == Filling(SERVICE, 0)

    form = wf.form
    assert form is not None
    assert [p["name"] for p in form.json_value("partners")] == ["王丽华", "李明", "赵六"]
    assert [path for path, _ in form.still_to_identify()] == ["partners[2]"]

    wf.dispatch(ev.PersonEditRequested("contact", by_card=False))
    wf.set_json("contact.document_type", "cn_resident_id")
    wf.set_value("contact.name", "李明")
    wf.set_value("contact.id_number", "330702198503121239")
    wf.set_value("contact.mobile", "139 0000 0000")
    wf.dispatch(ev.NextPressed())
    wf.dispatch(ev.NextPressed())
    assert state_now(wf) == Reviewing(SERVICE)
    # 李明's card was read in this session: typed again as the contact, he counts as read.
    checks = _identity_checks(form.attachments())
    assert checks == {
        "read_at_kiosk": ["partners[0]", "partners[1]", "contact"],
        "to_verify": ["partners[2]"],
    }
    assert form.payload()["contact"]["mobile"] == "13900000000"


def test_a_list_full_opens_no_editor_and_a_child_is_refused_by_age(desk: Desk) -> None:
    wf = desk.workflow
    desk.reader.insert(CHILD)
    wf.dispatch(ev.PersonEditRequested("partners", None, by_card=True))
    wf.set_value("partners[0].share", "1")
    wf.dispatch(ev.NextPressed())
    editing = wf.state
    assert isinstance(editing, EditingPerson)
    assert [(p.field, p.code) for p in editing.problems] == [("partners[0].id_number", "too_young")]
    wf.dispatch(ev.BackPressed())  # cancel: the child is not added
    assert wf.form is not None
    assert wf.form.json_value("partners") == []
    for number in ("330702199001010023", "330702198503121239", "330702197807044514"):
        wf.dispatch(ev.PersonEditRequested("partners", None))
        wf.set_value(f"partners[{len(wf.form.json_value('partners')) - 1}].id_number", number)
        wf.dispatch(ev.BackPressed())
        wf.form.add_item("partners", {"name": "某", "document_type": "cn_resident_id"})
    assert len(wf.form.json_value("partners")) == 3
    wf.dispatch(ev.PersonEditRequested("partners", None))
    assert wf.state == Filling(SERVICE, 0)  # full: nothing opens


def test_changing_a_partner_then_cancelling_puts_back_what_was_there(desk: Desk) -> None:
    wf = desk.workflow
    form = wf.form
    assert form is not None
    form.add_item("partners", {"name": "赵六", "document_type": "cn_resident_id"})
    wf.dispatch(ev.PersonEditRequested("partners", 0))
    wf.set_value("partners[0].name", "钱七")
    wf.dispatch(ev.BackPressed())
    assert wf.state == Filling(SERVICE, 0)
    assert form.json_value("partners") == [{"name": "赵六", "document_type": "cn_resident_id"}]


def test_the_same_partner_typed_twice_is_named_as_a_duplicate(desk: Desk) -> None:
    wf = desk.workflow
    form = wf.form
    assert form is not None
    form.add_item(
        "partners",
        {"name": "赵六", "document_type": "cn_resident_id", "id_number": "330702199001010023"},
    )
    wf.dispatch(ev.PersonEditRequested("partners", None))
    for key, value in {"name": "赵六", "id_number": "330702199001010023", "share": "5"}.items():
        wf.set_value(f"partners[1].{key}", value)
    wf.set_json("partners[1].document_type", "cn_resident_id")
    wf.dispatch(ev.NextPressed())
    editing = wf.state
    assert isinstance(editing, EditingPerson)
    assert [(p.field, p.code) for p in editing.problems] == [("partners[1].id_number", "duplicate")]


def _identity_checks(attachments: list[dict[str, str]]) -> dict[str, Any]:
    found = [a for a in attachments if a["kind"] == "identity_checks"]
    assert len(found) == 1
    assert found[0]["media_type"] == "application/json"
    data: dict[str, Any] = json.loads(base64.b64decode(found[0]["data"]))
    return data


def test_a_company_as_partner_is_asked_its_credit_code_and_a_person_is_not(desk: Desk) -> None:
    wf = desk.workflow
    form = wf.form
    assert form is not None
    wf.dispatch(ev.PersonEditRequested("partners", None))
    for key, value in {"name": "孙八", "id_number": "330702197807044514", "share": "5"}.items():
        wf.set_value(f"partners[0].{key}", value)
    wf.set_json("partners[0].document_type", "cn_resident_id")
    wf.set_json("partners[0].partner_type", "legal_person")
    wf.dispatch(ev.NextPressed())
    editing = wf.state
    assert isinstance(editing, EditingPerson)
    assert [(p.field, p.code) for p in editing.problems] == [
        ("partners[0].entity_name", "required"),
        ("partners[0].uscc", "required"),
    ]
    wf.set_value("partners[0].entity_name", "金华市恒泰投资有限公司")
    wf.set_value("partners[0].uscc", "91330702MA2ABCDE01")
    wf.dispatch(ev.NextPressed())
    editing = wf.state
    assert isinstance(editing, EditingPerson)
    assert [(p.field, p.code) for p in editing.problems] == [("partners[0].uscc", "cn_uscc")]
    wf.set_value("partners[0].uscc", "91330702MA2ABCDE0J")
    wf.dispatch(ev.NextPressed())
    assert wf.state == Filling(SERVICE, 0)
    assert form.payload()["partners"][0]["uscc"] == "91330702MA2ABCDE0J"

    # Changed to a person after all: the company's entries are neither asked nor sent.
    wf.set_json("partners[0].partner_type", "natural_person")
    assert form.person_problems("partners[0]") == ()
    sent = form.payload()["partners"][0]
    assert "uscc" not in sent
    assert "entity_name" not in sent
