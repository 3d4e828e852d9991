"""Queue tickets without Qt: the steps' rules, and the queue desk against the real central
sandbox over HTTP (with its queue, without it, out of reach), a real SQLite file and the
simulated receipt printer (every "printed" below is a ticket the printer kept)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from central.app import create_app
from central.appointments import book
from central.catalogue import load_catalogue
from central.clock import CHINA_STANDARD_TIME
from devices.protocols import PrintOutcome
from devices.simulated import SimulatedPrinter
from devices.simulated.receipt_printer import SimulatedReceiptPrinter, render_ticket
from kiosk.catalogue import Catalogue, Text
from kiosk.clock import CHINA_TZ, ManualClock
from kiosk.queueing.desk import CheckInRefused, QueueDesk, queue_types
from kiosk.queueing.staff import queue_service
from kiosk.queueing.ticket import QueueTicket, ticket_slip
from kiosk.receipts import PrintingReceiptDesk
from kiosk.slip_printing import SlipMedium
from kiosk.steps import complaint, queue_choice, queue_ticket
from kiosk.steps.kinds import Advance, Finish, Retreat, StepContext
from kiosk.sync.client import CentralClient
from kiosk.workflow import events as ev
from kiosk.workflow.states import Complaining, Finished, NameChecking, TakingTicket
from kiosk.workflow.transitions import next_state
from offline_cache.db import Database
from offline_cache.print_journal import PrintJournal, PrintState
from offline_cache.queue_numbers import QueueNumbers
from tests.central.support import VALID_ID, Central, HttpServer, running_server
from tests.sync.enrolled import enrolled_client

SERVICE = "QUEUE-TICKET"
NO_CONTEXT = StepContext(None, None, ())
NOW = datetime(2026, 11, 23, 9, 40, tzinfo=CHINA_TZ)


def ticket(number: str = "A001", **changes: Any) -> QueueTicket:
    made = QueueTicket(number, "enterprise_registration", Text("企业登记", "Company"), NOW)
    return replace(made, **changes)


# -- the steps' rules ----------------------------------------------------------------


def test_one_touch_chooses_the_ticket_and_hands_it_to_the_ticket_step() -> None:
    choosing = queue_choice.KIND.enter(SERVICE, queue_choice.KIND.ref(None), ())

    assert queue_choice.rules(choosing, ev.QueueModeChosen("priority"), NO_CONTEXT) == Advance(
        ("priority",)
    )
    assert queue_choice.rules(choosing, ev.QueueModeChosen("vip"), NO_CONTEXT) == choosing
    assert queue_ticket.KIND.enter(SERVICE, queue_ticket.KIND.ref(None), ("priority",)) == (
        TakingTicket(SERVICE, "priority", "issuing")
    )
    assert queue_ticket.KIND.enter(SERVICE, queue_ticket.KIND.ref(None), ("appointment",)) == (
        TakingTicket(SERVICE, "appointment", "reading")
    )


def test_a_ticket_prints_once_and_only_its_own_print_result_counts() -> None:
    issuing = TakingTicket(SERVICE)
    printing = queue_ticket.rules(issuing, ev.QueueTicketIssued(ticket()), NO_CONTEXT)
    assert isinstance(printing, TakingTicket)
    assert printing.phase == "printing"

    stray = queue_ticket.rules(printing, ev.QueueTicketPrinted("other", "printed"), NO_CONTEXT)
    failed = queue_ticket.rules(
        printing, ev.QueueTicketPrinted(ticket().reference, "failed", "paper out"), NO_CONTEXT
    )
    unsure = queue_ticket.rules(
        printing, ev.QueueTicketPrinted(ticket().reference, "unconfirmed"), NO_CONTEXT
    )

    assert stray == printing
    assert isinstance(failed, TakingTicket)
    assert failed.phase == "failed"
    assert queue_ticket.rules(failed, ev.ReprintPressed(), NO_CONTEXT) == replace(
        failed, phase="printing", detail=""
    )
    assert isinstance(unsure, TakingTicket)
    assert queue_ticket.rules(unsure, ev.ReprintPressed(), NO_CONTEXT) == unsure  # staff only
    assert queue_ticket.rules(unsure, ev.DonePressed(), NO_CONTEXT) == Finish()
    assert queue_ticket.rules(printing, ev.DonePressed(), NO_CONTEXT) == printing


def test_an_appointment_keeps_waiting_for_the_card_and_offers_an_ordinary_ticket_if_none() -> None:
    reading = TakingTicket(SERVICE, "appointment", "reading")

    waiting = queue_ticket.rules(reading, ev.QueueTicketNotIssued("no_document"), NO_CONTEXT)
    none = queue_ticket.rules(reading, ev.QueueTicketNotIssued("no_appointment"), NO_CONTEXT)

    assert waiting == replace(reading, problem="no_document")
    assert none == replace(reading, phase="refused", problem="no_appointment")
    assert isinstance(none, TakingTicket)
    assert queue_ticket.rules(none, ev.QueueModeChosen("ordinary"), NO_CONTEXT) == TakingTicket(
        SERVICE, "ordinary", "issuing"
    )
    assert queue_ticket.rules(none, ev.BackPressed(), NO_CONTEXT) == Retreat()


def test_the_complaint_opens_from_a_settled_result_and_back_returns_to_it_unchanged() -> None:
    printing = Finished("GT-SETUP", "K0001-000001", None)
    printed = replace(printing, receipt="printed")
    checking = NameChecking("NAME-DECL")

    assert next_state(printing, ev.ComplaintRequested(), None, None) == printing
    assert next_state(checking, ev.ComplaintRequested(), None, None) == checking
    opened = next_state(printed, ev.ComplaintRequested(), None, None)

    assert opened == Complaining("GT-SETUP", back_to=printed)
    answered = replace(checking, outcome=object())
    assert next_state(answered, ev.ComplaintRequested(), None, None) == Complaining(
        "NAME-DECL", back_to=answered
    )
    assert isinstance(opened, Complaining)
    assert complaint.rules(opened, ev.BackPressed(), NO_CONTEXT) is printed


def test_the_complaint_takes_only_a_mainland_mobile_and_forgets_it_once_sent() -> None:
    typing = Complaining("GT-SETUP", back_to=Finished("GT-SETUP", "K1", None, "printed"))

    wrong = complaint.rules(typing, ev.ComplaintMobileGiven("12345"), NO_CONTEXT)
    right = complaint.rules(typing, ev.ComplaintMobileGiven(" 138 0013 8000 "), NO_CONTEXT)

    assert isinstance(wrong, Complaining)
    assert wrong.phase == "typing"
    assert [p.code for p in wrong.problems] == ["cn_mobile"]
    assert isinstance(right, Complaining)
    assert (right.phase, right.mobile) == ("issuing", "13800138000")
    assert "13800138000" not in repr(right)
    assert "13800138000" not in repr(ev.ComplaintMobileGiven("13800138000"))
    sent = complaint.rules(right, ev.QueueTicketIssued(ticket("T001")), NO_CONTEXT)
    assert isinstance(sent, Complaining)
    assert (sent.phase, sent.mobile) == ("printing", "")


# -- the slip ---------------------------------------------------------------------------


def test_the_slip_shows_number_window_waiting_and_the_note_but_nobody_s_name() -> None:
    slip = render_ticket(
        ticket_slip(
            ticket(
                "PA003",
                hall="婺城区市民服务中心",
                waiting=2,
                estimated_wait_minutes=12,
                window=Text("1–4号窗口", "Windows 1–4"),
                priority=True,
            )
        )
    )

    for words in (
        "婺城区市民服务中心",
        "PA003",
        "绿色通道",
        "请到：1–4号窗口",
        "前面还有 2 人",
        "预计等候约 12 分钟",
        "过号请重新取号",
        "2026-11-23 09:40",
    ):
        assert words in slip, words


def test_a_ticket_numbered_here_says_the_waiting_count_is_not_known() -> None:
    slip = render_ticket(ticket_slip(ticket(local=True, kiosk_id="K-330702-0001")))

    assert "前面等候人数：暂无法获知" in slip
    assert "预计等候" not in slip
    assert "本机取号" in slip


# -- the desk, with the real central ----------------------------------------------------


@pytest.fixture(scope="module")
def http_server() -> Iterator[HttpServer]:
    with running_server() as server:
        yield server


class Hall:
    """One kiosk: its database, receipt printer, receipt desk and queue desk."""

    def __init__(
        self,
        root: Path,
        client: CentralClient | None,
        catalogue: Catalogue,
        *,
        thermal: bool = True,
    ) -> None:
        self.clock = ManualClock(NOW)
        self.db = Database.open(root / "kiosk.sqlite3")
        self.journal = PrintJournal(self.db)
        self.tickets = SimulatedReceiptPrinter()
        self.printer = SimulatedPrinter(root / "printed")
        self.receipts = PrintingReceiptDesk(
            self.printer,
            root / "receipts",
            self.journal,
            self.clock,
            slips=SlipMedium(self.tickets if thermal else None),
            delete_when_printed=True,
        )
        self.desk = QueueDesk(
            client=lambda: client,
            numbers=QueueNumbers(self.db),
            receipts=self.receipts,
            clock=self.clock,
            kiosk_id="K-330702-0001",
            hall="婺城区市民服务中心",
        )
        self.types = queue_types(queue_service(catalogue))


@pytest.fixture
def central(http_server: HttpServer, tmp_path: Path) -> Central:
    return http_server.install(tmp_path / "central.db")


class CentralTime:
    """The kiosk signs with the central's (moved) time, as a kiosk whose clock is right."""

    def __init__(self, central: Central) -> None:
        self._central = central

    def now(self) -> datetime:
        return self._central.clock()

    def monotonic(self) -> float:
        return 0.0


def client_of(central: Central, folder: Path) -> CentralClient:
    return enrolled_client(central, folder, clock=CentralTime(central))


@pytest.fixture
def hall(central: Central, tmp_path: Path, catalogue: Catalogue) -> Iterator[Hall]:
    made = Hall(tmp_path, client_of(central, tmp_path), catalogue)
    yield made
    made.db.close()


def test_the_central_numbers_the_ticket_and_it_prints_once(hall: Hall) -> None:
    first = hall.desk.take(hall.types, "enterprise_registration")
    second = hall.desk.take(hall.types, "enterprise_registration", priority=True)

    printed = hall.desk.print(first)
    again = hall.desk.print(first)
    retried = hall.desk.retry(first)

    assert (first.number, first.waiting, first.local) == ("A001", 0, False)
    assert first.window == Text("1–4号窗口", "Windows 1–4")
    assert first.hall == "Test hall"  # the central's name of the hall wins
    assert (second.number, second.priority) == ("PA001", True)
    assert printed.outcome is PrintOutcome.PRINTED
    assert again.ok
    assert "not printed again" in again.detail
    assert retried.ok
    assert len(hall.tickets.tickets) == 1
    job = hall.journal.find("queue_ticket", first.reference)
    assert job is not None
    assert job.state is PrintState.PRINTED
    assert not Path(job.pdf_path).exists()  # kept only until printed


def test_without_the_central_s_queue_the_kiosk_numbers_per_day_and_type(
    http_server: HttpServer, tmp_path: Path, catalogue: Catalogue
) -> None:
    central = http_server.install(tmp_path / "central.db")
    http_server.dispatcher.app = create_app(
        central.database_url, clock=central.clock, without=frozenset({"queue-tickets"})
    )
    hall = Hall(tmp_path, client_of(central, tmp_path), catalogue)

    taken = [
        hall.desk.take(hall.types, "enterprise_registration"),
        hall.desk.take(hall.types, "enterprise_registration"),
        hall.desk.take(hall.types, "licence_collection"),
        hall.desk.take(hall.types, "licence_collection", priority=True),
    ]
    hall.clock.advance(24 * 3600)
    tomorrow = hall.desk.take(hall.types, "enterprise_registration")

    assert [t.number for t in taken] == ["A001", "A002", "C001", "PC001"]
    assert all(t.local and t.waiting is None and t.estimated_wait_minutes is None for t in taken)
    assert tomorrow.number == "A001"
    assert hall.desk.print(taken[0]).ok
    assert "暂无法获知" in render_ticket(hall.tickets.tickets[0])
    hall.db.close()


def test_a_central_out_of_reach_still_gives_the_citizen_a_numbered_ticket(
    tmp_path: Path, catalogue: Catalogue, unused_port: int
) -> None:
    client = CentralClient(f"http://127.0.0.1:{unused_port}", timeout_s=2)
    hall = Hall(tmp_path, client, catalogue)

    taken = hall.desk.take(hall.types, "enquiry")

    assert (taken.number, taken.local, taken.waiting) == ("D001", True, None)
    hall.db.close()


def test_a_complaint_ticket_sends_the_mobile_for_the_call_back_and_prints_it_masked(
    hall: Hall, central: Central, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    taken = hall.desk.complaint("13800138000", "GT-SETUP")
    assert hall.desk.print(taken).ok

    assert taken.number == "T001"
    slip = render_ticket(hall.tickets.tickets[0])
    assert "138****8000" in slip
    assert "13800138000" not in slip
    assert "13800138000" not in caplog.text
    with central.database.reading() as connection:
        row = connection.execute("SELECT mobile, about_service FROM queue_tickets").fetchone()
    assert (row["mobile"], row["about_service"]) == ("13800138000", "GT-SETUP")


def _book_today(central: Central, slot: str) -> None:
    with central.database.transaction() as connection:
        book(
            connection,
            catalogue=load_catalogue(),
            id_number=VALID_ID,
            business_type="licence_collection",
            day=central.clock().astimezone(CHINA_STANDARD_TIME).date(),
            slot=slot,
            minutes=30,
            now=central.clock(),
        )


def test_an_appointment_is_checked_in_with_the_document_number_once(
    hall: Hall, central: Central, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _set_central_time(central, "09:20")
    _book_today(central, "09:30")

    first = hall.desk.check_in(VALID_ID)
    again = hall.desk.check_in(VALID_ID)
    nobody = hall.desk.check_in("330702198503121239")

    assert isinstance(first, QueueTicket)
    assert (first.number, first.appointment_slot) == ("YC001", "09:30–10:00")
    assert first.label.zh == "领取执照"
    assert isinstance(again, QueueTicket)
    assert again.reference == first.reference
    assert nobody == CheckInRefused("no_appointment")
    assert hall.desk.print(first).ok
    assert "not printed again" in hall.desk.print(again).detail
    assert VALID_ID not in caplog.text  # the identity number went to the central only
    assert len(hall.tickets.tickets) == 1  # the same ticket checked in twice prints once


def test_a_missed_appointment_and_a_central_without_check_in_are_said_plainly(
    http_server: HttpServer, tmp_path: Path, catalogue: Catalogue
) -> None:
    central = http_server.install(tmp_path / "central.db")
    hall = Hall(tmp_path, client_of(central, tmp_path), catalogue)
    _set_central_time(central, "11:00")
    _book_today(central, "09:30")

    assert hall.desk.check_in(VALID_ID) == CheckInRefused("missed")
    http_server.dispatcher.app = create_app(
        central.database_url, clock=central.clock, without=frozenset({"appointments"})
    )
    assert hall.desk.check_in(VALID_ID) == CheckInRefused("no_appointment")
    assert Hall(tmp_path / "x", None, catalogue).desk.check_in(VALID_ID) == CheckInRefused(
        "unreachable"
    )
    hall.db.close()


def test_a_ticket_that_was_printing_when_the_kiosk_died_is_never_printed_again_by_itself(
    hall: Hall, tmp_path: Path, catalogue: Catalogue
) -> None:
    taken = hall.desk.take(hall.types, "enquiry")
    job = hall.receipts.print_slip("queue_ticket", taken.reference, "t", ticket_slip(taken))
    assert job.ok
    # Another ticket: journaled and marked printing, then the process dies mid-print.
    lost = hall.desk.take(hall.types, "enquiry")
    hall.journal.add("queue_ticket", lost.reference, "t", _slip_file(tmp_path, lost), "now")
    row = hall.journal.find("queue_ticket", lost.reference)
    assert row is not None
    hall.journal.start(row.id, {PrintState.PENDING}, "now")

    restarted = PrintingReceiptDesk(
        hall.printer,
        tmp_path / "receipts",
        PrintJournal(hall.db),
        hall.clock,
        slips=SlipMedium(hall.tickets),
    )
    [recovered] = restarted.recover()
    retried = restarted.retry_slip("queue_ticket", lost.reference)
    copy = restarted.reprint(recovered.id)  # staff looked: it did not come out

    assert recovered.state is PrintState.UNCONFIRMED
    assert retried.outcome is PrintOutcome.UNCONFIRMED
    assert copy.ok
    assert len(hall.tickets.tickets) == 2  # the first ticket, and staff's one copy


def test_without_a_receipt_printer_the_ticket_prints_as_a5_on_the_document_printer(
    central: Central, tmp_path: Path, catalogue: Catalogue
) -> None:
    hall = Hall(tmp_path, client_of(central, tmp_path), catalogue, thermal=False)

    taken = hall.desk.take(hall.types, "individual_registration")
    printed = hall.desk.print(taken)

    assert printed.ok
    [pdf] = sorted(hall.printer.output_dir.glob("*.pdf"))
    text = _pdf_text(pdf)
    assert "B001" in text
    assert "过号请重新取号" in text
    hall.db.close()


# -- helpers ------------------------------------------------------------------------------


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _set_central_time(central: Central, at: str) -> None:
    today = date.today() + timedelta(days=1)
    target = datetime.combine(today, datetime.strptime(at, "%H:%M").time(), CHINA_STANDARD_TIME)
    central.clock.offset = target - datetime.now(CHINA_STANDARD_TIME)


def _slip_file(root: Path, taken: QueueTicket) -> str:
    path = SlipMedium(SimulatedReceiptPrinter()).write(
        root / "receipts", f"queue_ticket-{taken.reference}", ticket_slip(taken), title="t"
    )
    return str(path)


def _pdf_text(pdf: Path) -> str:
    import subprocess

    done = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=30
    )
    return done.stdout
