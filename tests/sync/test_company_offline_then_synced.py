"""A limited company applied for while the network is down, with a name reserved before
it went down: queued with its reservation, then received once, against the real sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.catalogue import Catalogue
from kiosk.clock import ManualClock, SystemClock
from kiosk.embedded_central import EmbeddedCentral
from kiosk.sync.client import CentralClient
from kiosk.sync.enrolment import enrol
from kiosk.sync.identity import IdentityStore
from kiosk.sync.signing import RequestSigner
from kiosk.workflow import events as ev
from kiosk.workflow.reserving import HeldReservation
from kiosk.workflow.states import Filling, Finished, Reviewing, Signing
from offline_cache.db import Database
from offline_cache.outbox import OutboxState
from tests.core.test_person_step import LI_MING
from tests.core.test_workflow import Desk
from tests.shell.conftest import central_applications

SERVICE = "GS-SETUP"


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[EmbeddedCentral]:
    central = EmbeddedCentral(tmp_path)
    central.start()
    yield central
    central.stop()


def _online(sandbox: EmbeddedCentral, folder: Path) -> CentralClient:
    assert sandbox.url is not None
    identity = enrol(
        CentralClient(sandbox.url),
        IdentityStore(folder),
        code=sandbox.enrolment_code("K-330702-0001", "测试大厅"),
        kiosk_id="K-330702-0001",
    )
    return CentralClient(
        sandbox.url, signer=RequestSigner(identity.private_key, identity.key_id, SystemClock())
    )


def test_company_applied_for_offline_with_its_reservation_is_received_once_synced(
    tmp_path: Path, db: Database, catalogue: Catalogue, sandbox: EmbeddedCentral
) -> None:
    online = _online(sandbox, tmp_path / "id")
    checked = online.name_check("330702", "恒泰", "科技", "有限公司")
    assert checked.reservation is not None

    current = [CentralClient("http://127.0.0.1:9", timeout_s=1)]  # and now the network is down
    desk = Desk(tmp_path, db, catalogue, client=lambda: current[0])
    wf = desk.workflow
    wf.dispatch(ev.Started())
    wf.dispatch(ev.ServiceChosen(SERVICE))
    wf.dispatch(ev.NextPressed())  # past the guidance: start
    wf.reservation = HeldReservation(
        checked.reservation.token, checked.full_name, checked.reservation.expires_at
    )
    desk.reader.insert()
    desk.scheduler.fire_all()
    assert wf.state == Filling(SERVICE, 0)
    form = wf.form
    assert form is not None
    assert form.value("company_name") == "金华市婺城区恒泰科技有限公司"

    me = {"name": "王丽华", "document_type": "cn_resident_id", "id_number": "330702196205050824"}
    li = {"name": "李明", "document_type": "cn_resident_id", "id_number": LI_MING.id_number}
    due = f"{desk.clock.now().year + 1}-06-30"
    for path, value in {
        "region": "330702",
        "domicile": "浙江省金华市婺城区八一南街100号3楼301室",
        "contact_mobile": "13800138000",
        "registered_capital": "100",
        "scope": ["G0201"],
        "shareholders": [
            {**me, "subscribed_capital": "60", "contribution_date": due},
            {**li, "subscribed_capital": "30", "contribution_date": due},
            {
                "name": "赵六",
                "document_type": "cn_resident_id",
                "id_number": "330702199001010023",
                "subscribed_capital": "10",
                "contribution_date": due,
            },
        ],
        "legal_representative": {**me, "mobile": "13800138000"},
        "legal_representative_role": "director",
        "board_form": "single_director",
        "directors": [me],
        "supervision": "supervisor",
        "supervisors": [li],
        "financial_officer": {**li, "mobile": "13900000000"},
        "liaison": {**me, "mobile": "13800138000"},
    }.items():
        wf.set_json(path, value)
    for _ in range(4):
        wf.dispatch(ev.NextPressed())
    assert isinstance(wf.state, Signing), wf.state
    wf.dispatch(ev.StatementRead())
    wf.set_signature("applicant_signature", b"\x89PNG signed")
    wf.dispatch(ev.NextPressed())
    assert wf.state == Reviewing(SERVICE)
    assert [path for path, _ in form.still_to_identify()] == [
        "shareholders[1]",
        "shareholders[2]",
        "supervisors[0]",
        "financial_officer",
    ]
    wf.dispatch(ev.SubmitPressed())
    state = wf.state
    assert isinstance(state, Finished)
    assert state.application_no is None  # queued: the central is out of reach
    queued = desk.outbox.find(state.reference)
    assert queued is not None
    assert queued.state is OutboxState.PENDING

    current[0] = online  # the network is back
    clock = desk.clock
    assert isinstance(clock, ManualClock)
    clock.advance(600)
    assert desk.engine.run_once().delivered == 1
    clock.advance(600)
    assert desk.engine.run_once().delivered == 0  # nothing is sent twice

    [application] = [a for a in central_applications(tmp_path) if a["service"] == SERVICE]
    assert application["form"]["company_name"] == "金华市婺城区恒泰科技有限公司"
    assert application["name_reservation"] == checked.reservation.token
    assert len(application["form"]["shareholders"]) == 3
