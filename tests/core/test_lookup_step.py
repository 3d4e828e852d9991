"""A citizen looks their application up, as a plan of steps (guidance, document or typed
identity number, the number, the answer), without Qt: the real central sandbox over
HTTP, the real outbox in SQLite, the sandbox's catalogue and a stricter one's."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from central.applications import change_status
from central.catalogue import load_catalogue
from central.licences import approve
from central.registry import load_registry
from devices.simulated import SimulatedIdReader, SimulatedPrinter
from kiosk.catalogue import Catalogue, parse_catalogue
from kiosk.clock import ManualClock
from kiosk.documents.receipt_qr import NumberKind, ReceiptQr, format_receipt_qr
from kiosk.forms import kinds
from kiosk.lookup_entry import clean_number, number_from_scan, number_problem
from kiosk.receipts import PrintingReceiptDesk
from kiosk.status_desk import Answer, StatusAnswer, StatusDesk
from kiosk.steps.kinds import StepRef
from kiosk.steps.plan import GUIDANCE, IDENTIFY, LOOKUP_ENTRY, LOOKUP_RESULT, PLANS, plan_for
from kiosk.submissions import OutboxSubmissionDesk
from kiosk.sync.client import CentralClient
from kiosk.sync.engine import SyncEngine
from kiosk.workflow import events as ev
from kiosk.workflow.machine import KioskWorkflow
from kiosk.workflow.ports import Submission
from kiosk.workflow.states import (
    Attract,
    EnteringLookup,
    IdentityCheck,
    LookingUp,
    ReadingGuidance,
)
from offline_cache.db import Database
from offline_cache.outbox import Outbox
from offline_cache.print_journal import PrintJournal
from tests.central.support import Central, HttpServer, gt_setup_body, running_server
from tests.conftest import REPO, InlineRunner, ManualScheduler
from tests.sync.enrolled import KIOSK_ID, enrolled_client

SERVICE = "STATUS-LOOKUP"
CARD_ID = "330702196205050824"  # 王丽华, the simulated card
OTHER_ID = "330702198503121239"
UNKNOWN_NUMBER = "KA20991231-999999"


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


def applied(central: Central, id_number: str = CARD_ID) -> str:
    """An application made at some kiosk of the province, by the holder of ``id_number``."""
    response = central.enrol().submit(gt_setup_body(id_number=id_number))
    assert response.status_code == 201, response.text
    number = response.json()["application_no"]
    assert isinstance(number, str)
    return number


def decided(central: Central, number: str, status: str, note: str | None = None) -> None:
    """The registration office decides, as its operators do (`kiosk-central`)."""
    with central.database.transaction() as connection:
        if status == "approved":
            approve(
                connection,
                number,
                catalogue=load_catalogue(),
                registry=load_registry(),
                now=central.clock(),
            )
        else:
            change_status(connection, number, status, note, central.clock())


class Kiosk:
    """The kiosk's workflow over a real outbox and a client that may be out of reach."""

    def __init__(
        self, tmp_path: Path, db: Database, catalogue: Catalogue, client: CentralClient | None
    ) -> None:
        self.clock = ManualClock()
        self.outbox = Outbox(db)
        self.client = client
        self.reader = SimulatedIdReader()
        self.reader.remove()  # the citizen puts the card down at the identify step
        self.scheduler = ManualScheduler()
        self.engine = SyncEngine(self.outbox, lambda: self.client, self.clock)
        self.submissions = OutboxSubmissionDesk(
            self.outbox, self.engine, self.clock, kiosk_id=KIOSK_ID
        )
        self.workflow = KioskWorkflow(
            reader=self.reader,
            submissions=self.submissions,
            receipts=PrintingReceiptDesk(
                SimulatedPrinter(tmp_path / "printed"),
                tmp_path / "receipts",
                PrintJournal(db),
                self.clock,
            ),
            runner=InlineRunner(),
            scheduler=self.scheduler,
            clock=self.clock,
            lookups=StatusDesk(self.outbox, lambda: self.client, KIOSK_ID),
        )
        self.workflow.set_catalogue(catalogue)

    def open_lookup(self, service: str = SERVICE) -> None:
        self.workflow.dispatch(ev.Started())
        self.workflow.dispatch(ev.ServiceChosen(service))
        assert isinstance(self.workflow.state, ReadingGuidance)
        self.workflow.dispatch(ev.NextPressed())  # "start"

    def put_card_down(self) -> None:
        assert isinstance(self.workflow.state, IdentityCheck)
        self.reader.insert()
        self.scheduler.fire_all()
        assert isinstance(self.workflow.state, EnteringLookup)

    def answer(self) -> StatusAnswer:
        state = self.workflow.state
        assert isinstance(state, LookingUp), state
        assert isinstance(state.answer, StatusAnswer)
        return state.answer


@pytest.fixture
def sandbox_catalogue(catalogue_data: dict[str, Any]) -> Catalogue:
    catalogue = parse_catalogue(catalogue_data)
    assert catalogue.service(SERVICE).offered_on_kiosk
    return catalogue


@pytest.fixture
def kiosk(
    tmp_path: Path, db: Database, sandbox_catalogue: Catalogue, client: CentralClient
) -> Kiosk:
    return Kiosk(tmp_path, db, sandbox_catalogue, client)


@pytest.fixture
def follow_up_flows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Licence printing and queue tickets as this kiosk's plans (their own steps are other
    flows' business; here only going on to them is tested)."""
    for flow in ("licence_print", "queue_ticket"):
        monkeypatch.setitem(PLANS, flow, lambda _: (StepRef(GUIDANCE),))
        monkeypatch.setattr(kinds, "_runnable_flows", kinds._runnable_flows | {flow})


def test_the_lookup_plan_is_made_of_step_kinds(sandbox_catalogue: Catalogue) -> None:
    with_card = plan_for(sandbox_catalogue.service(SERVICE))
    assert [ref.kind for ref in with_card] == [GUIDANCE, IDENTIFY, LOOKUP_ENTRY, LOOKUP_RESULT]


def test_citizen_with_their_card_sees_a_received_application(
    kiosk: Kiosk, central: Central
) -> None:
    number = applied(central)
    kiosk.open_lookup()
    kiosk.put_card_down()

    kiosk.workflow.request_lookup(f" {number.lower()} ", "")

    answer = kiosk.answer()
    assert (answer.answer, answer.application_no, answer.status) == (
        Answer.FOUND,
        number,
        "received",
    )
    assert answer.service == "GT-SETUP"
    assert [entry.status for entry in answer.history] == ["received"]
    assert answer.history[0].at is not None
    assert not answer.renamed
    kiosk.workflow.dispatch(ev.DonePressed())
    assert kiosk.workflow.state == Attract()


def test_a_correction_asked_is_shown_with_the_office_note_and_a_queue_ticket_offered(
    kiosk: Kiosk, central: Central, follow_up_flows: None
) -> None:
    number = applied(central)
    decided(central, number, "under_review")
    decided(central, number, "needs_correction", "请补充经营场所证明")
    kiosk.open_lookup()
    kiosk.put_card_down()
    kiosk.workflow.request_lookup(number, "")

    answer = kiosk.answer()
    assert answer.status == "needs_correction"
    assert answer.latest_note("needs_correction") == "请补充经营场所证明"
    assert [entry.status for entry in answer.history] == [
        "received",
        "under_review",
        "needs_correction",
    ]
    offered = kiosk.workflow.lookup_follow_ups(answer)
    assert [service.code for service in offered] == ["QUEUE-TICKET"]

    kiosk.workflow.dispatch(ev.ContinueWith("QUEUE-TICKET"))
    assert getattr(kiosk.workflow.state, "service", None) == "QUEUE-TICKET"


def test_approved_with_a_printable_licence_goes_on_to_print_it_with_what_was_found(
    kiosk: Kiosk, central: Central, follow_up_flows: None
) -> None:
    number = applied(central)
    decided(central, number, "approved")
    kiosk.open_lookup()
    kiosk.put_card_down()
    kiosk.workflow.request_lookup(number, "")

    answer = kiosk.answer()
    assert (answer.status, answer.licence_printable) == ("approved", True)
    assert answer.licence_uscc is not None
    assert answer.licence_uscc.startswith("92330702")  # a sole proprietorship's code
    offered = kiosk.workflow.lookup_follow_ups(answer)
    assert [service.code for service in offered] == ["LICENCE-PRINT"]

    kiosk.workflow.dispatch(ev.ContinueWith("LICENCE-PRINT"))

    assert getattr(kiosk.workflow.state, "service", None) == "LICENCE-PRINT"
    last = kiosk.workflow.last_lookup
    assert last is not None
    assert (last.application_no, last.uscc, last.id_number) == (
        number,
        answer.licence_uscc,
        CARD_ID,
    )
    assert CARD_ID not in repr(last)  # never in a log line by accident
    assert kiosk.workflow.document is not None  # the card goes on with the citizen
    kiosk.workflow.dispatch(ev.Cancelled())
    assert kiosk.workflow.last_lookup is None  # the session is over


def test_no_licence_print_is_offered_when_the_kiosk_has_no_such_service(
    kiosk: Kiosk, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(PLANS, "licence_print", raising=False)
    monkeypatch.setattr(kinds, "_runnable_flows", kinds._runnable_flows - {"licence_print"})
    number = applied(central)
    decided(central, number, "approved")
    kiosk.open_lookup()
    kiosk.put_card_down()
    kiosk.workflow.request_lookup(number, "")

    assert kiosk.answer().licence_printable
    assert kiosk.workflow.lookup_follow_ups(kiosk.answer()) == ()
    kiosk.workflow.dispatch(ev.ContinueWith("LICENCE-PRINT"))
    assert isinstance(kiosk.workflow.state, LookingUp)  # nowhere to go


def test_a_wrong_identity_number_and_an_unknown_number_get_the_same_answer(
    kiosk: Kiosk, central: Central
) -> None:
    someone_elses = applied(central, id_number=OTHER_ID)
    answers = []
    for number in (someone_elses, UNKNOWN_NUMBER):
        kiosk.open_lookup()
        kiosk.put_card_down()
        kiosk.workflow.request_lookup(number, "")
        answers.append(kiosk.answer())
        assert kiosk.workflow.last_lookup is None
        kiosk.workflow.dispatch(ev.ContinueWith("QUEUE-TICKET"))  # nothing to go on with
        assert isinstance(kiosk.workflow.state, LookingUp)
        kiosk.workflow.dispatch(ev.Cancelled())
        kiosk.reader.remove()

    wrong_id, unknown = answers
    assert wrong_id.answer is Answer.NOT_FOUND
    assert replace(wrong_id, number="") == replace(unknown, number="")


def test_citizen_without_their_card_types_the_identity_number(
    kiosk: Kiosk, central: Central
) -> None:
    number = applied(central)
    kiosk.open_lookup()
    identify = kiosk.workflow.state
    assert isinstance(identify, IdentityCheck)

    kiosk.workflow.dispatch(ev.NoDocumentPressed())
    assert kiosk.workflow.state == EnteringLookup(SERVICE)
    assert kiosk.workflow.document is None

    kiosk.workflow.request_lookup(number, "330702196205050825")  # one digit wrong
    state = kiosk.workflow.state
    assert isinstance(state, EnteringLookup)
    assert [(p.field, p.code) for p in state.problems] == [("id_number", "cn_resident_id")]
    assert state.number == number  # what was typed stays

    kiosk.workflow.request_lookup(number, "3307 0219 6205 0508 24")
    assert kiosk.answer().status == "received"
    kiosk.workflow.dispatch(ev.BackPressed())  # to correct or look up another
    back = kiosk.workflow.state
    assert isinstance(back, EnteringLookup)
    assert (back.number, back.id_number) == (number, CARD_ID)


def test_identity_cannot_be_typed_instead_for_an_application(kiosk: Kiosk) -> None:
    kiosk.open_lookup("GT-SETUP")
    before = kiosk.workflow.state
    assert isinstance(before, IdentityCheck)
    kiosk.workflow.dispatch(ev.NoDocumentPressed())
    assert kiosk.workflow.state == before


def test_a_number_that_cannot_be_one_is_named_before_asking_anyone(kiosk: Kiosk) -> None:
    kiosk.open_lookup()
    kiosk.put_card_down()
    for typed, code in (
        ("", "required"),
        ("KA2026-1", "number_shape"),
        ("../v1/keys", "number_shape"),
    ):
        kiosk.workflow.request_lookup(typed, "")
        state = kiosk.workflow.state
        assert isinstance(state, EnteringLookup)
        assert [(p.field, p.code) for p in state.problems] == [("application_no", code)]
        if code == "number_shape":  # said with the catalogue's example
            assert state.problems[0].params == {"example": "KA20261122-000001"}


def test_an_application_queued_here_is_not_sent_yet_then_shows_its_number_after_sync(
    tmp_path: Path, db: Database, sandbox_catalogue: Catalogue, client: CentralClient
) -> None:
    kiosk = Kiosk(tmp_path, db, sandbox_catalogue, None)  # the network is down
    stored = kiosk.submissions.store(
        Submission(
            "GT-SETUP",
            sandbox_catalogue.version,
            gt_setup_body(CARD_ID)["applicant"],
            gt_setup_body(CARD_ID)["form"],
        )
    )
    reference = stored.reference
    assert reference == "K0001-000001"
    kiosk.open_lookup()
    kiosk.put_card_down()
    kiosk.workflow.request_lookup(reference.lower(), "")
    queued = kiosk.answer()
    assert (queued.answer, queued.reference) == (Answer.NOT_SENT, reference)

    kiosk.client = client  # back online: the outbox is sent
    kiosk.clock.advance(600)
    assert kiosk.engine.run_once().delivered == 1
    kiosk.workflow.dispatch(ev.BackPressed())
    kiosk.workflow.request_lookup(reference, "")

    found = kiosk.answer()
    assert found.answer is Answer.FOUND
    assert found.renamed
    assert found.reference == reference
    assert found.application_no is not None
    assert found.application_no.startswith("KA")


def test_a_reference_from_another_kiosk_is_said_to_be_so(kiosk: Kiosk) -> None:
    kiosk.open_lookup()
    kiosk.put_card_down()
    kiosk.workflow.request_lookup("K0002-000001", "")
    assert kiosk.answer().answer is Answer.OTHER_KIOSK


def test_out_of_reach_says_so_and_tries_again(
    tmp_path: Path, db: Database, sandbox_catalogue: Catalogue, central: Central
) -> None:
    number = applied(central)
    kiosk = Kiosk(tmp_path, db, sandbox_catalogue, CentralClient("http://127.0.0.1:9", timeout_s=1))
    kiosk.open_lookup()
    kiosk.put_card_down()
    kiosk.workflow.request_lookup(number, "")
    assert kiosk.answer().answer is Answer.CANNOT_ASK

    kiosk.client = enrolled_client(central, tmp_path / "again")
    kiosk.workflow.dispatch(ev.TryAgainPressed())
    assert kiosk.answer().status == "received"


def test_a_receipt_scanned_at_the_start_opens_the_lookup_with_its_number(
    kiosk: Kiosk, central: Central
) -> None:
    number = applied(central)
    receipt = format_receipt_qr(
        ReceiptQr(NumberKind.APPLICATION, number, "GT-SETUP", "K-330702-0007", date(2026, 11, 22))
    )

    assert kiosk.workflow.receipt_scanned(receipt)
    assert isinstance(kiosk.workflow.state, IdentityCheck)  # no guidance: they came for this
    kiosk.put_card_down()
    state = kiosk.workflow.state
    assert isinstance(state, EnteringLookup)
    assert (state.number, state.filled) == (number, 1)

    # Scanned again on the number step: filled again (the screen writes it into the box).
    assert kiosk.workflow.receipt_scanned(receipt)
    assert kiosk.workflow.state == replace(state, filled=2)
    assert not kiosk.workflow.receipt_scanned("KSV1|guidance|GT-SETUP")  # not a receipt


def test_a_receipt_scanned_during_an_application_is_left_alone(kiosk: Kiosk) -> None:
    kiosk.open_lookup("GT-SETUP")
    receipt = format_receipt_qr(
        ReceiptQr(NumberKind.REFERENCE, "K0001-000001", "GT-SETUP", KIOSK_ID, date(2026, 11, 22))
    )
    assert not kiosk.workflow.receipt_scanned(receipt)
    assert isinstance(kiosk.workflow.state, IdentityCheck)


def strict_catalogue(change: Callable[[dict[str, Any]], None]) -> Catalogue:
    """The document's example catalogue (its own number pattern, nothing required), changed."""
    data = json.loads((REPO / "tests" / "data" / "catalogue_doc.json").read_text("utf-8"))
    change(data)
    return parse_catalogue(data)


def test_a_central_with_its_own_numbers_and_no_document_required(
    tmp_path: Path, db: Database, client: CentralClient, central: Central
) -> None:
    catalogue = strict_catalogue(lambda _: None)
    service = catalogue.service(SERVICE)
    assert service.offered_on_kiosk
    assert [ref.kind for ref in plan_for(service)] == [GUIDANCE, LOOKUP_ENTRY, LOOKUP_RESULT]
    kiosk = Kiosk(tmp_path, db, catalogue, client)
    kiosk.open_lookup()
    assert isinstance(kiosk.workflow.state, EnteringLookup)  # no card asked for

    kiosk.workflow.request_lookup("KA20261122-000001", "")
    state = kiosk.workflow.state
    assert isinstance(state, EnteringLookup)
    assert [(p.field, p.code, p.params) for p in state.problems] == [
        ("application_no", "number_shape", {"example": "ZJ-2026-000123"}),
        ("id_number", "required", {}),
    ]
    # The kiosk's own reference is the kiosk's business, whatever the central's pattern.
    kiosk.workflow.request_lookup("K0001-000009", CARD_ID)
    assert kiosk.answer().answer is Answer.NOT_FOUND


def test_a_lookup_service_without_a_form_still_reads_the_card_and_looks_up(
    tmp_path: Path, db: Database, client: CentralClient, central: Central, catalogue_data: Any
) -> None:
    data = copy.deepcopy(catalogue_data)
    for service in data["services"]:
        if service["code"] == SERVICE:
            del service["form"]
    catalogue = parse_catalogue(data)
    assert catalogue.service(SERVICE).offered_on_kiosk
    number = applied(central)
    kiosk = Kiosk(tmp_path, db, catalogue, client)
    kiosk.open_lookup()
    kiosk.put_card_down()
    assert kiosk.workflow.document is not None
    assert kiosk.workflow.form is None

    kiosk.workflow.request_lookup(number, "")
    assert kiosk.answer().status == "received"


def test_a_session_that_times_out_forgets_the_lookup(kiosk: Kiosk, central: Central) -> None:
    number = applied(central)
    kiosk.open_lookup()
    kiosk.put_card_down()
    kiosk.workflow.request_lookup(number, "")
    assert kiosk.workflow.last_lookup is not None
    kiosk.workflow.dispatch(ev.TimedOut())
    assert kiosk.workflow.state == Attract()
    assert kiosk.workflow.last_lookup is None
    assert kiosk.workflow.document is None


# -- what is typed or scanned, for any input -------------------------------------------

_NUMBERS = st.from_regex(r"KA[0-9]{8}-[0-9]{6}", fullmatch=True)


@given(_NUMBERS)
def test_a_number_typed_in_full_width_or_small_letters_is_the_same_number(number: str) -> None:
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in number.lower())
    assert clean_number(full_width) == number
    assert clean_number(f"  {number[:5]} {number[5:]} ") == number


@given(st.text())
def test_any_typed_text_is_cleaned_and_checked_without_failing(raw: str) -> None:
    number = clean_number(raw)
    assert clean_number(number) == number
    number_problem(number, None)


@given(_NUMBERS, st.sampled_from(list(NumberKind)))
def test_a_receipt_code_gives_back_its_number(number: str, kind: NumberKind) -> None:
    qr = ReceiptQr(kind, number, "GT-SETUP", KIOSK_ID, date(2026, 11, 22))
    assert number_from_scan(format_receipt_qr(qr)) == number


@given(st.text())
def test_any_other_code_is_no_receipt(text: str) -> None:
    if not text.strip().startswith("KRV"):
        assert number_from_scan(text) is None
