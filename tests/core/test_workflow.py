"""The citizen's session as a pure state machine, driven without Qt."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from devices.simulated import SimulatedIdReader, SimulatedPrinter
from devices.status import DeviceState, DeviceStatus
from kiosk.catalogue import Catalogue
from kiosk.clock import ManualClock
from kiosk.feedback_desk import OutboxFeedbackDesk
from kiosk.forms.engine import FormSession
from kiosk.receipts import PrintingReceiptDesk
from kiosk.submissions import OutboxSubmissionDesk
from kiosk.sync.client import CentralClient
from kiosk.sync.engine import SyncEngine
from kiosk.workflow import events as ev
from kiosk.workflow.delays import Delays
from kiosk.workflow.machine import KioskWorkflow
from kiosk.workflow.ports import DraftKeeper
from kiosk.workflow.states import (
    Attract,
    Filling,
    Finished,
    IdentityCheck,
    ReadingGuidance,
    Reviewing,
    ServiceMenu,
    State,
    Submitting,
)
from kiosk.workflow.transitions import next_state
from offline_cache.db import Database, StorageFullError
from offline_cache.outbox import Outbox, OutboxState
from offline_cache.print_journal import PrintJournal
from tests.conftest import DriverBugAfterThePage, InlineRunner, ManualScheduler, state_now

S = "GT-SETUP"


@pytest.fixture
def complete_form(catalogue: Catalogue) -> FormSession:
    schema = catalogue.service(S).form
    assert schema is not None
    form = FormSession(schema, {"name": "王丽华", "id_number": "330702196205050824"})
    for name, value in {
        "mobile": "13800138000",
        "trade_name": "金华市婺城区丽华百货店",
        "business_address": "浙江省金华市婺城区八一南街100号",
        "business_scope": "日用百货销售",
    }.items():
        form.set_value(name, value)
    return form


@pytest.mark.parametrize(
    ("state", "event", "expected"),
    [
        (Attract(), ev.Started(), ServiceMenu()),
        (Attract(), ev.SubmitPressed(), Attract()),
        (ServiceMenu(), ev.ServiceChosen(S), ReadingGuidance(S)),
        (ServiceMenu(), ev.ServiceChosen(S, guidance_only=True), ReadingGuidance(S, only=True)),
        (ReadingGuidance(S), ev.NextPressed(), IdentityCheck(S)),
        (ReadingGuidance(S, only=True), ev.NextPressed(), ReadingGuidance(S, only=True)),
        (ReadingGuidance(S), ev.BackPressed(), ServiceMenu()),
        (ServiceMenu(), ev.ServiceChosen("NO-SUCH"), ServiceMenu()),
        (IdentityCheck(S), ev.ReadRequested(), IdentityCheck(S, reading=True)),
        (
            IdentityCheck(S, reading=True),
            ev.DocumentNotRead("removed"),
            IdentityCheck(S, problem="removed"),
        ),
        (IdentityCheck(S), ev.BackPressed(), ReadingGuidance(S)),
        (Filling(S, 1), ev.BackPressed(), Filling(S, 0)),
        (Filling(S, 0), ev.BackPressed(), ReadingGuidance(S)),
        (Filling(S, 1), ev.NextPressed(), Reviewing(S)),
        (Reviewing(S), ev.BackPressed(), Filling(S, 1)),
        (Reviewing(S), ev.EditRequested(0), Filling(S, 0)),
        (Reviewing(S), ev.EditRequested(7), Reviewing(S)),
        (Reviewing(S), ev.SubmitPressed(), Submitting(S)),
        (Submitting(S), ev.SubmissionStored("k1"), Submitting(S, "k1")),
        (
            Submitting(S),
            ev.SubmissionNotStored("storage_full"),
            Reviewing(S, problem="storage_full"),
        ),
        (Submitting(S, "k1"), ev.SubmissionDelivered("GT001"), Finished(S, "k1", "GT001")),
        (Submitting(S, "k1"), ev.SubmissionQueued(), Finished(S, "k1", None)),
        (Submitting(S, "k1"), ev.TimedOut(), Submitting(S, "k1")),
        (Submitting(S, "k1"), ev.Cancelled(), Submitting(S, "k1")),
        (
            Finished(S, "k1", "GT001"),
            ev.ReceiptNotPrinted("paper out"),
            Finished(S, "k1", "GT001", "failed", "paper out"),
        ),
        (Finished(S, "k1", "GT001"), ev.DonePressed(), Attract()),
        (Filling(S, 0), ev.TimedOut(), Attract()),
        (Reviewing(S), ev.Cancelled(), Attract()),
    ],
)
def test_session_rules(
    state: State, event: ev.Event, expected: State, catalogue: Catalogue, complete_form: FormSession
) -> None:
    assert next_state(state, event, catalogue, complete_form) == expected


def test_next_with_problems_stays_on_the_page_and_names_them(catalogue: Catalogue) -> None:
    schema = catalogue.service(S).form
    assert schema is not None
    form = FormSession(schema, {"name": "王丽华", "id_number": "330702196205050824"})
    form.set_value("mobile", "2380013800")
    state = next_state(Filling(S, 0), ev.NextPressed(), catalogue, form)
    assert isinstance(state, Filling)
    assert state.page == 0
    assert [(p.field, p.code) for p in state.problems] == [("mobile", "cn_mobile")]


def fill_disk(db: Database) -> None:
    """A real full disk as SQLite sees it: earlier applications fill every page and
    no new page may be added."""
    outbox = Outbox(db)
    pages = db.connection.execute("PRAGMA page_count").fetchone()[0]
    db.connection.execute(f"PRAGMA max_page_count = {pages + 4}")

    def fill() -> None:
        for n in range(10_000):
            outbox.enqueue(f"old-{n}", "/v1/applications", {"junk": "x" * 300}, "2026-11-01")

    with pytest.raises(StorageFullError):
        fill()


class Desk:
    """A kiosk's ports on real parts: SQLite outbox, sync engine, simulated devices."""

    def __init__(
        self,
        tmp_path: Path,
        db: Database,
        catalogue: Catalogue,
        client: Callable[[], CentralClient | None] = lambda: None,
        printer: SimulatedPrinter | None = None,
        drafts: Callable[[ManualClock], DraftKeeper] | None = None,
    ) -> None:
        self.clock = ManualClock()
        self.reader = SimulatedIdReader()
        self.reader.remove()  # the citizen puts the card down at the identify step
        self.printer = printer or SimulatedPrinter(tmp_path / "printed")
        self.outbox = Outbox(db)
        self.engine = SyncEngine(self.outbox, client, self.clock)
        self.scheduler = ManualScheduler()
        self.workflow = KioskWorkflow(
            reader=self.reader,
            submissions=OutboxSubmissionDesk(
                self.outbox, self.engine, self.clock, kiosk_id="K-330702-0001"
            ),
            receipts=PrintingReceiptDesk(
                self.printer, tmp_path / "receipts", PrintJournal(db), self.clock
            ),
            runner=InlineRunner(),
            scheduler=self.scheduler,
            clock=self.clock,
            delays=Delays(idle_timeout_s=60, idle_warning_s=20),
            site_name="测试大厅",
            drafts=drafts(self.clock) if drafts else None,
            feedback=OutboxFeedbackDesk(self.outbox, self.engine, self.clock),
        )
        self.workflow.set_catalogue(catalogue)
        self.states: list[object] = []
        self.workflow.subscribe(self.states.append)

    def begin(self, *, passport: bool = False) -> None:
        """Start a session, choose the service, then put the document on the reader."""
        self.workflow.dispatch(ev.Started())
        self.workflow.dispatch(ev.ServiceChosen(S))
        self.workflow.dispatch(ev.NextPressed())  # past the guidance: start
        if passport:
            self.reader.insert_passport()
        else:
            self.reader.insert()
        self.scheduler.fire_all()  # the identify step polls the reader again

    def fill_and_submit(self) -> None:
        wf = self.workflow
        self.begin()
        wf.set_value("mobile", "13800138000")
        wf.dispatch(ev.NextPressed())
        wf.set_value("trade_name", "金华市婺城区丽华百货店")
        wf.set_value("business_scope", "日用百货销售")
        wf.dispatch(ev.NextPressed())
        wf.dispatch(ev.SubmitPressed())


def test_citizen_registers_offline_and_the_application_waits_in_the_outbox(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = Desk(tmp_path, db, catalogue)
    desk.fill_and_submit()
    state = desk.workflow.state
    assert isinstance(state, Finished)
    assert state.application_no is None
    assert state.receipt == "printed"
    [item] = desk.outbox.items()
    assert state.reference == item.reference == "K0001-000001"  # what the citizen reads out
    assert item.body["kiosk_reference"] == "K0001-000001"
    assert len(item.idempotency_key) == 36  # exactly-once still rests on the UUID
    assert item.state is OutboxState.PENDING
    assert item.body["applicant"] == {
        "name": "王丽华",
        "document_type": "cn_resident_id",
        "id_number": "330702196205050824",
    }
    assert (
        item.body["form"]["business_address"] == "浙江省金华市婺城区将军路88号"
    )  # prefilled from the card
    assert len(list((tmp_path / "printed").glob("*.pdf"))) == 1


def test_pulled_card_is_explained_and_the_next_read_goes_on(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = Desk(tmp_path, db, catalogue)
    desk.reader.pull_during_next_read()
    desk.begin()
    assert desk.workflow.state == IdentityCheck(S, problem="removed")
    desk.scheduler.fire_all()  # still nothing on the reader: the explanation stays
    assert desk.workflow.state == IdentityCheck(S, problem="removed")
    desk.reader.insert()
    desk.scheduler.fire_all()
    assert state_now(desk.workflow) == Filling(S, 0)
    assert desk.workflow.form is not None
    assert desk.workflow.form.value("operator_name") == "王丽华"


def test_card_left_on_the_reader_is_read_only_after_it_is_lifted(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = Desk(tmp_path, db, catalogue)
    desk.reader.insert()  # the last citizen's card, forgotten on the reader
    desk.workflow.dispatch(ev.Started())
    desk.workflow.dispatch(ev.ServiceChosen(S))
    desk.workflow.dispatch(ev.NextPressed())  # past the guidance: start
    assert desk.workflow.state == IdentityCheck(S, problem="card_from_before")
    desk.scheduler.fire_all()
    desk.scheduler.fire_all()
    assert desk.workflow.state == IdentityCheck(S, problem="card_from_before")
    assert desk.workflow.document is None
    desk.reader.remove()
    desk.scheduler.fire_all()
    assert desk.workflow.state == IdentityCheck(S, problem="no_document")
    desk.reader.insert()
    desk.scheduler.fire_all()
    assert state_now(desk.workflow) == Filling(S, 0)


def test_reader_that_cannot_tell_presence_never_holds_the_citizen_up(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = Desk(tmp_path, db, catalogue)
    desk.reader.insert()
    blind = DeviceStatus(DeviceState.ONLINE, "no presence sensing")
    desk.reader.status = lambda: blind  # type: ignore[method-assign]
    desk.workflow.dispatch(ev.Started())
    desk.workflow.dispatch(ev.ServiceChosen(S))
    desk.workflow.dispatch(ev.NextPressed())  # past the guidance: start
    assert desk.workflow.state == Filling(S, 0)


def test_paper_out_keeps_the_application_and_says_so(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = Desk(tmp_path, db, catalogue)
    desk.printer.set_paper("out")
    desk.fill_and_submit()
    state = desk.workflow.state
    assert isinstance(state, Finished)
    assert (state.receipt, state.receipt_detail) == ("failed", "paper out")
    assert desk.outbox.depth() == 1


def test_full_disk_keeps_the_answers_and_says_nothing_was_sent(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = Desk(tmp_path, db, catalogue)
    fill_disk(db)
    desk.fill_and_submit()
    assert desk.workflow.state == Reviewing(S, problem="storage_full")
    assert desk.workflow.form is not None
    assert desk.workflow.form.value("trade_name") == "金华市婺城区丽华百货店"


def test_timeout_wipes_the_citizen_and_ignores_late_answers(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = Desk(tmp_path, db, catalogue)
    wf = desk.workflow
    wf.dispatch(ev.Started())
    wf.dispatch(ev.ServiceChosen(S))
    wf.dispatch(ev.NextPressed())  # past the guidance: start
    wf.set_value("mobile", "13800138000")
    desk.clock.advance(45)
    assert wf.check_idle().phase == "warning"
    wf.touch()  # "I need more time"
    desk.clock.advance(45)
    assert wf.check_idle().phase == "warning"
    desk.clock.advance(20)
    assert wf.check_idle().phase == "expired"
    assert wf.state == Attract()
    assert wf.form is None
    assert wf.document is None
    # A read started before the timeout answers after it: it must not come back.
    desk.reader.remove()
    desk.scheduler.fire_all()
    assert wf.state == Attract()


def test_citizen_tries_printing_again_once_the_paper_is_back_and_gets_one_receipt(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = Desk(tmp_path, db, catalogue)
    desk.printer.set_paper("out")
    desk.fill_and_submit()
    assert isinstance(desk.workflow.state, Finished)
    assert desk.workflow.state.receipt == "failed"
    desk.workflow.dispatch(ev.ReprintPressed())  # still out: fails again, nothing printed
    assert desk.workflow.state.receipt == "failed"

    desk.printer.set_paper("ok")
    desk.workflow.dispatch(ev.ReprintPressed())

    assert desk.workflow.state.receipt == "printed"
    assert len(list((tmp_path / "printed").glob("*.pdf"))) == 1
    desk.workflow.dispatch(ev.ReprintPressed())  # nothing to retry once printed
    assert len(list((tmp_path / "printed").glob("*.pdf"))) == 1


def test_receipt_that_may_have_come_out_is_not_offered_again_to_the_citizen(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    # The driver sends the page, then dies: nobody knows whether it came out.
    desk = Desk(tmp_path, db, catalogue, printer=DriverBugAfterThePage(tmp_path / "printed"))
    desk.printer.set_online(False)
    desk.fill_and_submit()
    assert isinstance(desk.workflow.state, Finished)
    assert desk.workflow.state.receipt == "failed"

    desk.printer.set_online(True)
    desk.workflow.dispatch(ev.ReprintPressed())
    assert desk.workflow.state.receipt == "unconfirmed"
    desk.workflow.dispatch(ev.ReprintPressed())

    assert desk.workflow.state.receipt == "unconfirmed"
    assert len(list((tmp_path / "printed").glob("*.pdf"))) == 1
