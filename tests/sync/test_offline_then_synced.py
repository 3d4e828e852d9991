"""Nothing a citizen submits is lost or sent twice, across an outage, against the real sandbox."""

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
from kiosk.workflow.states import Finished
from offline_cache.db import Database
from offline_cache.outbox import OutboxState
from tests.core.test_workflow import Desk
from tests.shell.conftest import central_applications


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[EmbeddedCentral]:
    central = EmbeddedCentral(tmp_path)
    central.start()
    yield central
    central.stop()


def test_citizen_registers_sole_proprietor_offline_then_synced(
    tmp_path: Path, db: Database, catalogue: Catalogue, sandbox: EmbeddedCentral
) -> None:
    # The network is down: the kiosk's central is unreachable.
    current = [CentralClient("http://127.0.0.1:9", timeout_s=1)]
    desk = Desk(tmp_path, db, catalogue, client=lambda: current[0])
    clock = desk.clock
    assert isinstance(clock, ManualClock)

    desk.fill_and_submit()
    state = desk.workflow.state
    assert isinstance(state, Finished)
    assert state.application_no is None
    queued = desk.outbox.find(state.reference)
    assert queued is not None
    assert queued.state is OutboxState.PENDING
    assert state.reference == queued.reference == "K0001-000001"

    # The network comes back: enrol and send.
    assert sandbox.url is not None
    identity = enrol(
        CentralClient(sandbox.url),
        IdentityStore(tmp_path / "id"),
        code=sandbox.enrolment_code("K-330702-0001", "测试大厅"),
        kiosk_id="K-330702-0001",
    )
    current[0] = CentralClient(
        sandbox.url, signer=RequestSigner(identity.private_key, identity.key_id, SystemClock())
    )
    clock.advance(600)
    report = desk.engine.run_once()
    item = desk.outbox.find(state.reference)
    assert item is not None
    assert report.delivered == 1, item.last_error
    assert item is not None
    assert item.state is OutboxState.DELIVERED

    # A crash right after sending, before the answer was stored: the row is sent again.
    desk.outbox.mark_retry(item.idempotency_key, "simulated crash", 0)
    clock.advance(600)
    assert desk.engine.run_once().delivered == 1
    again = desk.outbox.get(item.idempotency_key)
    assert again is not None
    assert again.result_ref == item.result_ref  # the central answered with the original application

    [application] = central_applications(tmp_path)
    assert application["application_no"] == item.result_ref
    assert application["form"]["trade_name"] == "金华市婺城区丽华百货店"
