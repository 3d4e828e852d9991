"""Licence printing as a plan of steps (guidance, the card, the numbers, the print), without Qt:
the step's rules, and the whole service run on the workflow with the real central sandbox
over HTTP and the simulated printer."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from central.catalogue import load_catalogue
from central.licences import approve
from central.registry import load_registry
from devices.simulated import SimulatedIdReader, SimulatedPrinter
from kiosk.catalogue import parse_catalogue
from kiosk.clock import ManualClock, SystemClock
from kiosk.licences import LicenceDesk, OpenedLicence, Refusal
from kiosk.receipts import PrintingReceiptDesk
from kiosk.steps.kinds import Finish, Retreat, StepContext
from kiosk.steps.licence_print import rules
from kiosk.steps.plan import plan_for
from kiosk.submissions import OutboxSubmissionDesk
from kiosk.sync.client import CentralClient
from kiosk.sync.engine import SyncEngine
from kiosk.workflow import events as ev
from kiosk.workflow.licence_printing import licence_request, prefill_from_lookup
from kiosk.workflow.machine import KioskWorkflow
from kiosk.workflow.states import Attract, Filling, IdentityCheck, PrintingLicence, ReadingGuidance
from offline_cache.db import Database
from offline_cache.outbox import Outbox
from offline_cache.print_journal import PrintJournal
from tests.central.support import Central, HttpServer, gt_setup_body, running_server
from tests.conftest import InlineRunner, ManualScheduler
from tests.sync.enrolled import enrolled_client

SERVICE = "LICENCE-PRINT"
CARD_ID = "330702196205050824"  # the simulated reader's card
NO_CONTEXT = StepContext(None, None, ())


# -- the step's rules -------------------------------------------------------------
def test_the_print_job_opens_then_prints_then_ends_as_the_printer_says() -> None:
    opening = PrintingLicence(SERVICE)
    printing = rules(opening, ev.LicenceJobOpened("job"), NO_CONTEXT)
    assert printing == PrintingLicence(SERVICE, "printing", job="job")
    for outcome, phase in (
        ("printed", "printed"),
        ("failed", "failed"),
        ("unconfirmed", "unconfirmed"),
        ("jammed", "unconfirmed"),  # anything else may have come out
    ):
        ended = rules(printing, ev.LicencePrintEnded(outcome, "detail"), NO_CONTEXT)
        assert isinstance(ended, PrintingLicence)
        assert (ended.phase, ended.detail) == (phase, "detail")


def test_only_a_print_that_certainly_did_not_come_out_may_be_tried_again() -> None:
    for phase, refusal, again in (
        ("failed", None, True),
        ("refused", "unreachable", True),
        ("unconfirmed", None, False),
        ("printed", None, False),
        ("refused", "already_printed", False),
        ("refused", "open_elsewhere", False),
        ("refused", "left_for_staff", False),
        ("printing", None, False),
    ):
        state = PrintingLicence(SERVICE, phase, job="job", refusal=refusal)
        after = rules(state, ev.TryAgainPressed(), NO_CONTEXT)
        assert (after == PrintingLicence(SERVICE)) is again, (phase, refusal)


def test_wrong_numbers_can_be_changed_and_every_end_can_finish() -> None:
    not_found = PrintingLicence(SERVICE, "refused", refusal="not_found")
    assert rules(not_found, ev.BackPressed(), NO_CONTEXT) == Retreat()
    assert rules(PrintingLicence(SERVICE, "failed"), ev.BackPressed(), NO_CONTEXT) != Retreat()
    for phase in ("printed", "failed", "unconfirmed", "refused"):
        assert rules(PrintingLicence(SERVICE, phase), ev.DonePressed(), NO_CONTEXT) == Finish()
    for busy in ("opening", "printing"):
        state = PrintingLicence(SERVICE, busy)
        assert rules(state, ev.DonePressed(), NO_CONTEXT) == state  # never walk away mid-print
    # A late answer for a phase that is over changes nothing.
    printed = PrintingLicence(SERVICE, "printed")
    assert rules(printed, ev.LicencePrintEnded("failed"), NO_CONTEXT) == printed


# -- the service on the workflow, with the real sandbox ----------------------------
@pytest.fixture(scope="module")
def http_server() -> Iterator[HttpServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def central(http_server: HttpServer, tmp_path: Path) -> Central:
    return http_server.install(tmp_path / "central.db")


@pytest.fixture
def client(central: Central, tmp_path: Path) -> CentralClient:
    return enrolled_client(central, tmp_path)


@pytest.fixture
def printer(tmp_path: Path) -> SimulatedPrinter:
    return SimulatedPrinter(tmp_path / "printed")


class Session:
    """A kiosk's workflow with the licence desk, its card reader and its scheduler."""

    def __init__(
        self,
        tmp_path: Path,
        db: Database,
        client: CentralClient,
        printer: SimulatedPrinter,
        catalogue_data: dict[str, Any],
    ) -> None:
        clock = ManualClock()
        outbox = Outbox(db)
        self.reader = SimulatedIdReader()
        self.reader.remove()
        self.scheduler = ManualScheduler()
        self.workflow = KioskWorkflow(
            reader=self.reader,
            submissions=OutboxSubmissionDesk(
                outbox, SyncEngine(outbox, lambda: None, clock), clock, kiosk_id="K-330702-0001"
            ),
            receipts=PrintingReceiptDesk(printer, tmp_path / "receipts", PrintJournal(db), clock),
            runner=InlineRunner(),
            scheduler=self.scheduler,
            clock=clock,
            licences=LicenceDesk(lambda: client, printer, tmp_path / "licences", db, SystemClock()),
        )
        catalogue = parse_catalogue(catalogue_data)
        assert catalogue.service(SERVICE).offered_on_kiosk
        self.workflow.set_catalogue(catalogue)

    def up_to_the_numbers(self) -> None:
        self.reader.remove()  # the last session's card was taken back
        self.workflow.dispatch(ev.Started())
        self.workflow.dispatch(ev.ServiceChosen(SERVICE))
        assert isinstance(self.workflow.state, ReadingGuidance)
        self.workflow.dispatch(ev.NextPressed())
        assert isinstance(self.workflow.state, IdentityCheck)
        self.reader.insert()  # the card is read: it proves who prints
        self.scheduler.fire_all()
        assert self.workflow.state == Filling(SERVICE, 0)

    def enter(self, uscc: str, application_no: str) -> None:
        self.workflow.set_value("uscc", uscc)
        self.workflow.set_value("application_no", application_no)
        self.workflow.dispatch(ev.NextPressed())


@pytest.fixture
def session(
    tmp_path: Path,
    db: Database,
    client: CentralClient,
    printer: SimulatedPrinter,
    catalogue_data: dict[str, Any],
) -> Session:
    return Session(tmp_path, db, client, printer, catalogue_data)


def approved_for_the_card(central: Central, client: CentralClient) -> tuple[str, str]:
    body = gt_setup_body(CARD_ID)
    number = client.post_idempotent("/v1/applications", str(uuid.uuid4()), body)["application_no"]
    with central.database.transaction() as connection:
        uscc = approve(
            connection,
            number,
            catalogue=load_catalogue(),
            registry=load_registry(),
            now=central.clock(),
        )
    assert uscc is not None
    return uscc, number


def test_the_plan_is_guidance_card_numbers_then_the_print(catalogue_data: dict[str, Any]) -> None:
    service = parse_catalogue(catalogue_data).service(SERVICE)
    assert [ref.kind for ref in plan_for(service)] == [
        "guidance",
        "identify",
        "form_page",
        "licence_print",
    ]


def test_citizen_prints_licence_once_approved(
    central: Central, client: CentralClient, session: Session, printer: SimulatedPrinter
) -> None:
    uscc, number = approved_for_the_card(central, client)
    session.up_to_the_numbers()
    form = session.workflow.form
    assert form is not None
    assert form.value("id_number") == CARD_ID

    session.enter(uscc, number)

    state = session.workflow.state
    assert isinstance(state, PrintingLicence)
    assert state.phase == "printed"
    assert isinstance(state.job, OpenedLicence)
    assert state.job.slip.uscc == uscc
    assert state.job.slip.name == "金华市婺城区丽华百货店"
    assert len(list(printer.output_dir.glob("*.pdf"))) == 1
    found = client.lookup(number, CARD_ID)
    assert found is not None
    assert found["licence"]["printable"] is False
    session.workflow.dispatch(ev.DonePressed())
    assert session.workflow.state == Attract()

    # The same citizen again: refused in plain terms, nothing printed.
    session.up_to_the_numbers()
    session.enter(uscc, number)
    again = session.workflow.state
    assert isinstance(again, PrintingLicence)
    assert (again.phase, again.refusal) == ("refused", Refusal.ALREADY_PRINTED)
    assert len(list(printer.output_dir.glob("*.pdf"))) == 1


def test_no_paper_then_try_again_prints_under_a_new_job(
    central: Central, client: CentralClient, session: Session, printer: SimulatedPrinter
) -> None:
    uscc, number = approved_for_the_card(central, client)
    printer.set_paper("out")
    session.up_to_the_numbers()
    session.enter(uscc, number)
    failed = session.workflow.state
    assert isinstance(failed, PrintingLicence)
    assert failed.phase == "failed"
    assert isinstance(failed.job, OpenedLicence)

    printer.set_paper("ok")
    session.workflow.dispatch(ev.TryAgainPressed())

    printed = session.workflow.state
    assert isinstance(printed, PrintingLicence)
    assert printed.phase == "printed"
    assert isinstance(printed.job, OpenedLicence)
    assert printed.job.print_job != failed.job.print_job


def test_numbers_that_match_no_licence_can_be_changed(
    central: Central, client: CentralClient, session: Session
) -> None:
    uscc, number = approved_for_the_card(central, client)
    session.up_to_the_numbers()
    session.enter(uscc, "KA20200101-000001")
    refused = session.workflow.state
    assert isinstance(refused, PrintingLicence)
    assert (refused.phase, refused.refusal) == ("refused", Refusal.NOT_FOUND)

    session.workflow.dispatch(ev.BackPressed())
    assert session.workflow.state == Filling(SERVICE, 0)
    session.enter(uscc, number)
    assert getattr(session.workflow.state, "phase", None) == "printed"


def test_the_identity_number_is_the_documents_not_what_the_form_says(
    catalogue_data: dict[str, Any],
) -> None:
    from devices.simulated import synthetic_resident_card
    from kiosk.forms.engine import FormSession

    service = parse_catalogue(catalogue_data).service(SERVICE)
    assert service.form is not None
    form = FormSession(service.form)
    form.set_value("uscc", "92330702ma2j8l4r5e")
    form.set_value("application_no", "KA20261122-000001")
    form.set_value("id_number", "330702198503121239")

    request = licence_request(form, synthetic_resident_card())

    assert request.uscc == "92330702MA2J8L4R5E"
    assert request.application_no == "KA20261122-000001"
    assert request.id_number == CARD_ID
    assert licence_request(form, None).id_number == "330702198503121239"


class Looked:
    """A status lookup's outcome, as another step may leave it on the workflow."""

    application_no = "KA20261122-000007"
    uscc = "92330702MA2J8L4R5E"


def test_a_lookup_just_made_fills_the_numbers(catalogue_data: dict[str, Any]) -> None:
    from kiosk.forms.engine import FormSession

    catalogue = parse_catalogue(catalogue_data)
    service = catalogue.service(SERVICE)
    assert service.form is not None
    for lookup in (
        Looked(),
        {"application_no": "KA20261122-000007", "licence": {"uscc": "92330702MA2J8L4R5E"}},
    ):
        form = FormSession(service.form)
        prefill_from_lookup(form, service, lookup)
        assert (form.value("application_no"), form.value("uscc")) == (
            "KA20261122-000007",
            "92330702MA2J8L4R5E",
        )
    # Another service's form, or no lookup: nothing is filled.
    form = FormSession(service.form)
    prefill_from_lookup(form, service, None)
    assert form.value("uscc") == ""
    other = catalogue.service("GT-SETUP")
    assert other.form is not None
    prefill_from_lookup(FormSession(other.form), other, Looked())
