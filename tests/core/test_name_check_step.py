"""The name self-declaration as a plan of steps: the name's parts, then the check, with the
real central sandbox over HTTP (and with it out of reach)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devices.simulated import SimulatedIdReader, SimulatedPrinter
from kiosk.catalogue import Catalogue, parse_catalogue
from kiosk.clock import ManualClock
from kiosk.names import CannotReserveNow, Checked, NameDeclaration, Refused
from kiosk.receipts import PrintingReceiptDesk
from kiosk.steps.plan import plan_for
from kiosk.submissions import OutboxSubmissionDesk
from kiosk.sync.client import CentralClient
from kiosk.sync.engine import SyncEngine
from kiosk.workflow import events as ev
from kiosk.workflow.machine import KioskWorkflow
from kiosk.workflow.states import Attract, Filling, NameChecking
from offline_cache.db import Database
from offline_cache.outbox import Outbox
from offline_cache.print_journal import PrintJournal
from tests.central.support import HttpServer, running_server
from tests.conftest import InlineRunner, ManualScheduler
from tests.sync.enrolled import enrolled_client

SERVICE = "NAME-DECL"


@pytest.fixture(scope="module")
def http_server() -> Iterator[HttpServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def client(http_server: HttpServer, tmp_path: Path) -> CentralClient:
    return enrolled_client(http_server.install(tmp_path / "central.db"), tmp_path)


def name_catalogue(catalogue_data: dict[str, Any]) -> Catalogue:
    """The sandbox's catalogue, as the kiosk gets it (its NAME-DECL is offered as it is)."""
    catalogue = parse_catalogue(catalogue_data)
    assert catalogue.service(SERVICE).offered_on_kiosk
    return catalogue


def workflow_for(
    tmp_path: Path, db: Database, catalogue: Catalogue, names: NameDeclaration
) -> KioskWorkflow:
    clock = ManualClock()
    outbox = Outbox(db)
    reader = SimulatedIdReader()
    reader.remove()  # the citizen puts the card down at the identify step
    scheduler = ManualScheduler()
    workflow = KioskWorkflow(
        reader=reader,
        submissions=OutboxSubmissionDesk(
            outbox, SyncEngine(outbox, lambda: None, clock), clock, kiosk_id="K-330702-0001"
        ),
        receipts=PrintingReceiptDesk(
            SimulatedPrinter(tmp_path / "printed"), tmp_path / "receipts", PrintJournal(db), clock
        ),
        runner=InlineRunner(),
        scheduler=scheduler,
        clock=clock,
        names=names,
    )
    workflow.set_catalogue(catalogue)
    _DEVICES[id(workflow)] = (reader, scheduler)
    return workflow


# Each test workflow's reader and scheduler, to put the card down and poll again.
_DEVICES: dict[int, tuple[SimulatedIdReader, ManualScheduler]] = {}


def propose(workflow: KioskWorkflow, trade_name: str) -> None:
    reader, scheduler = _DEVICES[id(workflow)]
    workflow.dispatch(ev.Started())
    workflow.dispatch(ev.ServiceChosen(SERVICE))
    workflow.dispatch(ev.NextPressed())  # past the guidance: start
    reader.insert()  # who declares the name: read from their card
    scheduler.fire_all()
    assert workflow.state == Filling(SERVICE, 0)
    for name, value in {
        "region": "330702",
        "trade_name": trade_name,
        "industry": "科技",
        "organisation_form": "有限公司",
    }.items():
        workflow.set_value(name, value)
    plan = plan_for(workflow.catalogue.service(SERVICE))  # type: ignore[union-attr]
    for _ in (ref for ref in plan if ref.kind == "form_page"):
        workflow.dispatch(ev.NextPressed())


def test_citizen_declares_a_free_name_and_it_is_reserved(
    tmp_path: Path, db: Database, catalogue_data: dict[str, Any], client: CentralClient
) -> None:
    catalogue = name_catalogue(catalogue_data)
    workflow = workflow_for(tmp_path, db, catalogue, NameDeclaration(lambda: client))
    propose(workflow, "丽华")

    state = workflow.state
    assert isinstance(state, NameChecking)
    assert isinstance(state.outcome, Checked)
    assert state.outcome.reserved
    assert state.outcome.full_name.endswith("丽华科技有限公司")
    workflow.dispatch(ev.DonePressed())
    assert workflow.state == Attract()


def test_name_already_taken_shows_what_it_clashes_with_and_can_be_changed(
    tmp_path: Path, db: Database, catalogue_data: dict[str, Any], client: CentralClient
) -> None:
    catalogue = name_catalogue(catalogue_data)
    first = workflow_for(tmp_path, db, catalogue, NameDeclaration(lambda: client))
    propose(first, "丽华")
    second = workflow_for(tmp_path / "b", db, catalogue, NameDeclaration(lambda: client))
    propose(second, "丽华")

    state = second.state
    assert isinstance(state, NameChecking)
    assert isinstance(state.outcome, Checked)
    assert not state.outcome.result.available
    assert [c.similarity for c in state.outcome.result.conflicts] == ["identical"]
    second.dispatch(ev.BackPressed())
    assert isinstance(second.state, Filling)  # back to the name, to change it


def test_place_name_is_refused_on_the_kiosk_without_asking_the_central(
    tmp_path: Path, db: Database, catalogue_data: dict[str, Any]
) -> None:
    asked: list[str] = []

    def never() -> CentralClient:
        asked.append("central")
        raise AssertionError("the central must not be asked")

    workflow = workflow_for(tmp_path, db, name_catalogue(catalogue_data), NameDeclaration(never))
    propose(workflow, "金华")
    state = workflow.state
    assert isinstance(state, NameChecking)
    assert isinstance(state.outcome, Refused)
    assert state.outcome.checked_by == "kiosk"
    assert "trade_name_is_place" in {p.code for p in state.outcome.problems}
    assert asked == []


def test_offline_says_the_name_cannot_be_reserved_now_and_tries_again(
    tmp_path: Path, db: Database, catalogue_data: dict[str, Any], client: CentralClient
) -> None:
    reachable = [False]
    unreachable = CentralClient("http://127.0.0.1:9", timeout_s=2)

    workflow = workflow_for(
        tmp_path,
        db,
        name_catalogue(catalogue_data),
        NameDeclaration(lambda: client if reachable[0] else unreachable),
    )
    propose(workflow, "丽华")
    state = workflow.state
    assert isinstance(state, NameChecking)
    assert isinstance(state.outcome, CannotReserveNow)
    assert state.outcome.reason == "offline"

    reachable[0] = True
    workflow.dispatch(ev.TryAgainPressed())
    state = workflow.state
    assert isinstance(state, NameChecking)
    assert isinstance(state.outcome, Checked)
    assert state.outcome.reserved
