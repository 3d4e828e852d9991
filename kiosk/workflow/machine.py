"""`KioskWorkflow`: holds the session's state and context, and runs the effects.

``dispatch(event)`` computes the next state with the pure rules, updates the
context (document, form), notifies listeners, and starts what the new state
needs (reading the card, storing and sending the application, printing the
receipt) through the injected ports. Results come back as events. Every result
is tagged with the session it belongs to, so a late answer from a finished
session can never leak into the next citizen's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from devices.identity import IdentityDocument
from devices.protocols import IdentityReader, PrintOutcome, PrintResult
from kiosk.bank_handoff import BankHandoffDesk
from kiosk.catalogue import Catalogue, Service, Text
from kiosk.clock import Clock
from kiosk.delivery import Delivery
from kiosk.documents.receipt_content import ReceiptPlace
from kiosk.documents.service_articles import articles_text
from kiosk.feedback import RatingFor
from kiosk.forms.engine import FormSession
from kiosk.forms.identified import person_from_document
from kiosk.names.composition import compose_full_name
from kiosk.names.declaration import CannotReserveNow, NameDeclaration
from kiosk.queueing.desk import QueueDesk
from kiosk.session import IdleReading, IdleTimer
from kiosk.status_desk import LastLookup, StatusDesk
from kiosk.steps.kinds import kind_of
from kiosk.workflow import events as ev
from kiosk.workflow.delays import Delays
from kiosk.workflow.document_reading import DocumentReading
from kiosk.workflow.drafting import SessionDrafts, restore_draft
from kiosk.workflow.leaving import LeaveReading, LeaveWatch
from kiosk.workflow.licence_printing import LicenceCounter, LicencePrinting, prefill_from_lookup
from kiosk.workflow.looking_up import SessionLookups
from kiosk.workflow.one_visit import ResultOffers
from kiosk.workflow.person_editing import PersonEdits
from kiosk.workflow.ports import (
    DraftKeeper,
    GuidancePrinter,
    ReceiptDesk,
    Runner,
    Scheduler,
    SubmissionDesk,
)
from kiosk.workflow.queueing import SessionQueue
from kiosk.workflow.rating import FeedbackSender, SessionRating
from kiosk.workflow.reserving import (
    HeldReservation,
    continuations,
    fill_from_reservation,
    name_declaration_service,
    reservation_from,
)
from kiosk.workflow.safe_jobs import safely
from kiosk.workflow.states import (
    Attract,
    Complaining,
    Finished,
    IdentityCheck,
    PrintingLicence,
    ServiceMenu,
    State,
    TakingTicket,
)
from kiosk.workflow.submitting import SessionSubmission, applicant
from kiosk.workflow.transitions import next_state
from kiosk.workflow.verifying import SlipChecker, SlipVerifying

log = logging.getLogger(__name__)

Listener = Callable[[State], None]


class KioskWorkflow:
    """The citizen's session. Call every method on one thread (the UI thread)."""

    def __init__(
        self,
        *,
        reader: IdentityReader,
        submissions: SubmissionDesk,
        receipts: ReceiptDesk,
        runner: Runner,
        scheduler: Scheduler,
        clock: Clock,
        delays: Delays | None = None,
        site_name: str = "",
        kiosk_id: str = "",
        authority: str = "",
        names: NameDeclaration | None = None,
        drafts: DraftKeeper | None = None,
        guidance: GuidancePrinter | None = None,
        lookups: StatusDesk | None = None,
        slips: SlipChecker | None = None,
        licences: LicenceCounter | None = None,
        feedback: FeedbackSender | None = None,
        bank: BankHandoffDesk | None = None,
        queue: QueueDesk | None = None,
    ) -> None:
        self._reader = reader  # the appointment's check-in reads it too (queueing)
        # The citizen's document (and a listed person's) on the reader, and its MRZ key.
        self._reading = DocumentReading(
            reader,
            lambda: self._drafting.lookup(self.service),
            lambda job, done: self._run(job, done),
            self.dispatch,
        )
        # Queue tickets, appointments' check-in, the complaints window's ticket.
        self._queue = SessionQueue(
            queue,
            lambda job, fallback, done: self._run(safely(job, fallback), done),
            self.dispatch,
        )
        # The registration's result offers: the bank account here, the permit now.
        self._offers = ResultOffers(bank, lambda job, done: self._run(job, done), self.dispatch)
        self._rating = SessionRating(
            feedback, lambda job, done: self._run(job, done), self.dispatch
        )
        self._names = names
        self._drafting = SessionDrafts(drafts, lambda job, done: self._run(job, done))
        self._person_edits = PersonEdits()
        self._lookups = SessionLookups(
            lookups,
            lambda job, fallback, done: self._run(safely(job, fallback), done),
            self.dispatch,
        )
        self._guidance = guidance
        self._verifying = SlipVerifying(
            slips, self.dispatch, lambda job, done: self._run(job, done)
        )
        self._licences = LicencePrinting(
            licences, lambda job, done: self._run(job, done), self.dispatch
        )
        self._runner = runner
        self._scheduler = scheduler
        self._clock = clock
        self.delays = delays or Delays()
        self.site_name = site_name
        # The authority comes from the configuration: the central's 201 names one
        # too (``receipt.authority``), but `SubmissionDesk.deliver` brings back the
        # application number only. Without it the receipt says the SMS names it.
        self._submitting = SessionSubmission(
            submissions,
            receipts,
            ReceiptPlace(kiosk_id, site_name, Text(authority, "") if authority else None),
            clock,
            lambda job, fallback, done: self._run(safely(job, fallback), done),
            self.dispatch,
        )
        self.idle = IdleTimer(clock, self.delays.idle_timeout_s, self.delays.idle_warning_s)
        # A citizen gone with what they came for: card lifted off, slip left in the slot.
        delays = self.delays
        self.leaving = LeaveWatch(
            clock, delays.card_taken_s, delays.slip_left_s, delays.idle_warning_s
        )
        self._forgetters: list[Callable[[], None]] = []
        self.catalogue: Catalogue | None = None
        self.state: State = Attract()
        self.document: IdentityDocument | None = None
        self.resumed_at: datetime | None = None
        """When the answers now in the form were kept, if they came from a draft."""
        self.face: bytes | None = None
        """The document's photo as JPEG/PNG bytes, when there is one to show."""
        self.form: FormSession | None = None
        self.reservation: HeldReservation | None = None
        """The name reserved in this session, for the service that needs one."""
        self._pending_catalogue: Catalogue | None = None
        self._generation = 0
        self._listeners: list[Listener] = []

    # -- observation ------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    @property
    def service(self) -> Service | None:
        code = getattr(self.state, "service", None)
        if code is None or self.catalogue is None:
            return None
        try:
            return self.catalogue.service(code)
        except KeyError:
            return None

    @property
    def card_from_before(self) -> bool:
        """A document lay on the reader when the session began: it may be the last
        citizen's, so it is not read until it has been lifted off."""
        return self._reading.card_from_before

    @card_from_before.setter
    def card_from_before(self, value: bool) -> None:
        self._reading.card_from_before = value

    # -- commands ---------------------------------------------------------------
    def set_catalogue(self, catalogue: Catalogue) -> None:
        """A new catalogue applies from the next session; the current one keeps its own."""
        in_session = not isinstance(self.state, Attract | ServiceMenu)
        if self.catalogue is None or not in_session:
            self.catalogue = catalogue
            self._notify()
        else:
            self._pending_catalogue = catalogue

    def touch(self) -> None:
        """The citizen did something: the inactivity countdown starts again."""
        self.idle.touch()

    def check_idle(self) -> IdleReading:
        """Called about once a second: ends an abandoned session."""
        reading = self.idle.reading()
        if not isinstance(self.state, Attract) and reading.phase == "expired":
            log.info("session timed out in %s", type(self.state).__name__)
            self.dispatch(ev.TimedOut())
        return reading

    # -- walking away (kiosk.workflow.leaving) -----------------------------------
    def check_leaving(self) -> LeaveReading:
        """Called about once a second: ends the session of a citizen gone with what
        they came for, once the warning has run out."""
        reading = self.leaving.reading(self.state)
        if reading.expired and not isinstance(self.state, Attract):
            log.info("session ended in %s: %s", type(self.state).__name__, reading.reason)
            self.dispatch(ev.TimedOut())
        return reading

    def card_seen(self, present: bool | None) -> None:
        """The device poll saw a document on the reader, or none (None: it cannot tell)."""
        self.leaving.card_seen(present, self.state)

    def slip_seen(self, presented: bool | None) -> None:
        """The device poll saw a printout waiting in a slot (None: no printer can tell)."""
        self.leaving.slip_seen(presented)

    def not_finished(self) -> None:
        """The citizen answered the warning "I'm not finished"."""
        self.leaving.not_finished()
        self.idle.touch()

    def on_forget(self, forget: Callable[[], None]) -> None:
        """Call ``forget`` each time the citizen is forgotten (every end of a session, and
        leaving a service for the menu), before the new state is drawn."""
        self._forgetters.append(forget)

    def set_value(self, name: str, raw: str) -> None:
        if self.form is not None:
            self.form.set_value(name, raw)

    def set_signature(self, name: str, png: bytes) -> None:
        """The citizen signed signature field ``name``: its PNG goes with the application."""
        if self.form is not None:
            self.form.set_attachment(name, "image/png", png)

    def clear_signature(self, name: str) -> None:
        if self.form is not None:
            self.form.clear_attachment(name)

    def set_json(self, path: str, value: object) -> None:
        """A chosen value as JSON (a code, a list of codes, a person) at ``path``."""
        if self.form is not None:
            self.form.set_json(path, value)

    def dispatch(self, event: ev.Event) -> None:
        """Apply one event: new state, context, listeners, effects."""
        old = self.state
        new = next_state(old, event, self.catalogue, self.form)
        self._drafting.after_event(old, new, event, self.service, self.document, self.form)
        self._person_edits.after_event(old, new, event, self.form)
        self._offers.after_event(old, new, self.form)
        if isinstance(event, ev.NameChecked):
            self.reservation = reservation_from(event.outcome) or self.reservation
        if _switched_service(old, new) and self.document is not None:
            # The same citizen goes on with another service: their document is not read again.
            self._reading.carry(self.document, self.face)
        if isinstance(event, ev.DocumentRead) and not isinstance(new, IdentityCheck):
            self._start_form(event.document, _service_code(old), event.draft)
            self.face = event.face
        self._reading.after_event(old, new, event)  # the MRZ key, given or taken back
        if new != old:
            log.info("%s -> %s on %s", type(old).__name__, type(new).__name__, type(event).__name__)
        self.state = new
        leaving_service = isinstance(new, ServiceMenu) and not isinstance(
            old, Attract | ServiceMenu
        )
        if isinstance(new, Attract) or leaving_service:
            self._wipe()
        if isinstance(old, Attract) and not isinstance(new, Attract):
            self.idle.touch()
            self._reading.new_session()  # a card left on the reader may be the last citizen's
            self._rating.new_visit()
            self.leaving.new_session()
        self._notify()
        self._start_effects(old, new)

    # -- context ----------------------------------------------------------------
    def _start_form(self, document: IdentityDocument, service_code: str, draft: object) -> None:
        assert self.catalogue is not None
        schema = self.catalogue.service(service_code).form
        self.document = document
        if schema is None:
            return  # a service without a form (a status lookup) needs only the document
        self.form = FormSession(
            schema,
            prefill=_prefill_from(document) | self._offers.prefill(service_code),
            catalogue=self.catalogue,
            today=self._today,
        )
        if draft is not None:
            self.resumed_at = restore_draft(self.form, draft)
        # The citizen's own document was read: as a shareholder they need no second read.
        read = person_from_document(document)
        self.form.mark_identified(read["document_type"], read["id_number"], read["name"])
        self._offers.fill(self.form, service_code)  # a permit applied for after the registration
        # A lookup that handed the citizen on to printing gives the numbers.
        prefill_from_lookup(
            self.form, self.catalogue.service(service_code), getattr(self, "last_lookup", None)
        )

    def _wipe(self) -> None:
        """Forget the citizen: document, form values, and any answer still on its way."""
        self._generation += 1
        if self.form is not None:
            self.form.clear()
        self.form = None
        self.document = None
        self.face = None
        self.resumed_at = None
        self.reservation = None
        self._lookups.forget()
        self._rating.forget()
        self._offers.forget()
        self._reading.forget()
        if self._pending_catalogue is not None:
            self.catalogue, self._pending_catalogue = self._pending_catalogue, None
        for forget in list(self._forgetters):
            forget()  # the screens, the clipboard, the input method (kiosk.shell)

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener(self.state)

    # -- effects: the step kinds start them through these ports ------------------
    def _start_effects(self, old: State, new: State) -> None:
        kind = kind_of(new)
        if kind is not None and kind.effects is not None:
            kind.effects(self, old, new)

    def start_blank_form(self, service: str) -> None:
        before = self.form
        self._start_form_without_document(service)
        if self.form is not before:
            # A service that starts with its form (a rating) was drawn before its
            # form existed: draw it again, now with the form.
            self._notify()

    # -- reading documents (kiosk.workflow.document_reading) ----------------------
    def read_document(self) -> None:
        self._reading.read()

    def read_again_later(self) -> None:
        self._scheduler.call_later(
            self.delays.id_poll_s, self._guarded(lambda: self._reading.read_again(self.state))
        )

    def read_person_document(self) -> None:
        """Read the document of the person being edited (not the citizen's own session)."""
        self._reading.read_person()

    def read_person_again_later(self) -> None:
        self._scheduler.call_later(
            self.delays.id_poll_s,
            self._guarded(lambda: self._reading.read_person_again(self.state)),
        )

    # -- the application and its receipt (kiosk.workflow.submitting) -------------
    def store_submission(self) -> None:
        service = self.service
        assert service is not None
        assert self.catalogue is not None
        assert self.form is not None
        self._submitting.store(service, self.catalogue, self.form, self.document, self.reservation)

    def deliver(self, reference: str) -> None:
        self._submitting.deliver(reference)

    def print_receipt(self, state: Finished) -> None:
        service = self.service
        assert service is not None
        assert self.form is not None
        self._submitting.print_receipt(state, service, self.catalogue, self.form, self.document)

    def retry_receipt(self, reference: str) -> None:
        self._submitting.retry_receipt(reference)

    def check_name(self) -> None:
        """Check (and reserve) the name the form holds, on a worker."""
        assert self.form is not None
        values = self.form.payload()
        region = str(values.get("region", ""))
        region_name = _region_name(self.catalogue, region)
        parts = [
            str(values.get(key, "")) for key in ("trade_name", "industry", "organisation_form")
        ]
        names = self._names
        unavailable = CannotReserveNow(compose_full_name(region_name, *parts), "not_enrolled")
        if names is None:
            self.dispatch(ev.NameChecked(unavailable))
            return
        self._run(
            safely(lambda: names.declare(region, region_name, *parts), unavailable),
            lambda outcome: self.dispatch(ev.NameChecked(outcome)),
        )

    def remove_person(self, name: str, index: int) -> None:
        """Take person ``index`` out of list field ``name``."""
        if self.form is not None:
            self.form.remove_item(name, index)
            self._notify()

    def move_person(self, name: str, index: int, to: int) -> None:
        """Move person ``index`` of list field ``name`` to place ``to``."""
        if self.form is not None:
            count = len(self.form.json_value(name) or [])
            if 0 <= index < count and 0 <= to < count:
                self.form.move_item(name, index, to)
                self._notify()

    # -- queue tickets and complaints (kiosk.workflow.queueing) -------------------
    def issue_queue_ticket(self, state: TakingTicket) -> None:
        self._queue.issue(state, self.service, self.form)

    def check_in_appointment(self) -> None:
        def seen_empty() -> None:
            self.card_from_before = False

        self._queue.check_in(
            self._reader.read,
            self._reader.status,
            self._reading.card_may_be_from_before,
            seen_empty,
        )

    def check_in_again_later(self) -> None:
        def again() -> None:
            state = self.state
            if isinstance(state, TakingTicket) and state.phase == "reading":
                self.check_in_appointment()

        self._scheduler.call_later(self.delays.id_poll_s, self._guarded(again))

    def print_queue_ticket(self, state: TakingTicket | Complaining, *, retry: bool = False) -> None:
        self._queue.print(state, retry=retry)

    def issue_complaint_ticket(self, state: Complaining) -> None:
        self._queue.complaint(state)

    # -- the licence print (kiosk.workflow.licence_printing) ----------------------
    def open_licence_job(self) -> None:
        self._licences.open(self.form, self.document)

    def print_licence(self, state: PrintingLicence) -> None:
        self._licences.print(state)

    def check_slip(self, text: str) -> None:
        """A code came from the scanner on the "scan to verify" screen: check it."""
        self._verifying.scanned(self.state, text)

    # -- the rating (kiosk.workflow.rating) ---------------------------------------
    def can_rate(self) -> bool:
        """Whether the screen offers "rate this service" now (once per visit)."""
        return self._rating.offer(self.state, self.catalogue) is not None

    @property
    def rating_for(self) -> RatingFor | None:
        """What the rating being given is about: the service and its case number."""
        return self._rating.rating_for

    def rate_service(self) -> None:
        """Rate this service: forget the citizen's answers, then go on to the rating."""
        code = self._rating.begin(self.state, self.catalogue)
        if code is None:
            return
        # A rating names nobody: nothing of the citizen is carried into it (nor kept
        # as its draft). A late answer of the service rated finds nothing to change.
        if self.form is not None:
            self.form.clear()
        self.form = None
        self.document = None
        self.face = None
        self.resumed_at = None
        self._reading.drop_carried()
        self.dispatch(ev.RateRequested(code))

    def send_feedback(self) -> None:
        service = self.service
        self._rating.send(self.form, service.code if service is not None else "")

    # -- the result's offers (kiosk.workflow.one_visit) ---------------------------
    @property
    def bank_name(self) -> str | None:
        """The bank whose account the result offers to open here, when it offers one."""
        return self._offers.bank_name(self.service)

    def permit_offers(self) -> tuple[Service, ...]:
        """The permits the registration's scope needs that the catalogue offers here."""
        return self._offers.permits(self.catalogue, self.service, self.form)

    def licence_delivery(self) -> Delivery | None:
        """How the citizen chose to get the licence (for the result's words)."""
        return self._offers.delivery(self.catalogue, self.service, self.form)

    def hand_off_to_bank(self, state: Finished) -> None:
        who = applicant(self.document, self.form) if self.form is not None else {}
        self._offers.hand_off(
            state,
            self.service,
            self.form,
            who.get("name", ""),
            self._submitting.place.kiosk_id,
            self._clock.now(),
        )

    def _start_form_without_document(self, service_code: str) -> None:
        assert self.catalogue is not None
        schema = self.catalogue.service(service_code).form
        assert schema is not None
        if self.form is not None and self.form.schema is schema:
            return  # the service's form is already being filled in
        self.form = FormSession(schema, catalogue=self.catalogue, today=self._today)
        # A lookup that handed the citizen on to printing gives the numbers.
        prefill_from_lookup(
            self.form, self.catalogue.service(service_code), getattr(self, "last_lookup", None)
        )

    def _today(self) -> date:
        # The session's clock decides what "today" is for date limits and ages.
        return self._clock.now().date()

    def print_guidance(self, service: str) -> None:
        """Print the service's guidance checklist, on a worker."""
        desk, known = self._guidance, self.service
        if desk is None or known is None:
            self.dispatch(ev.GuidancePrinted(False, "no printer for the guidance"))
            return
        failed = PrintResult(PrintOutcome.FAILED, detail="the printer driver failed")
        self._run(
            safely(lambda: desk.print_guidance(known), failed),
            lambda result: self.dispatch(ev.GuidancePrinted(result.ok, result.detail)),
        )

    def use_reservation(self) -> None:
        """Fill the form from the session's reservation, or say why it cannot be."""
        service = self.service
        if self.form is None and service is not None and service.form is not None:
            self._start_form_without_document(service.code)
        assert self.form is not None
        missing = fill_from_reservation(self.form, self.reservation, self._clock.now())
        self.dispatch(ev.ReservationUsed() if missing is None else ev.ReservationMissing(missing))

    def continuations(self) -> tuple[Service, ...]:
        """The services the citizen can go on with using the name reserved in this session."""
        return continuations(self.catalogue, self.reservation, self._clock.now())

    def name_declaration(self) -> Service | None:
        """The name declaration service, for a service that needs a reserved name first."""
        return name_declaration_service(self.catalogue)

    # -- the status lookup (kiosk.workflow.looking_up) ----------------------------
    def look_up_status(self, number: str, id_number: str) -> None:
        self._lookups.look_up(number, id_number)

    def use_scanned_number(self) -> None:
        self._lookups.use_scanned_number()

    def receipt_scanned(self, text: str) -> bool:
        """A code under the scanner: True when it was a receipt the lookup took."""
        return self._lookups.receipt_scanned(text, self.state, self.catalogue)

    def lookup_follow_ups(self, answer: object) -> tuple[Service, ...]:
        """The services offered after a lookup's answer (print the licence, queue ticket)."""
        return self._lookups.follow_ups(self.catalogue, answer)

    @property
    def last_lookup(self) -> LastLookup | None:
        """The application the citizen looked up in this session, for the service they
        go on with (the licence print prefills from it)."""
        return self._lookups.last

    def request_lookup(self, number: str, typed_id_number: str) -> None:
        """The citizen pressed "look it up": with the identity number of the document
        read, if one was (a number typed is then ignored), else the one typed."""
        document = self.document
        if document is None:
            self.dispatch(ev.LookupRequested(number, typed_id_number, typed=True))
        else:
            own = document.id_number or document.document_number
            self.dispatch(ev.LookupRequested(number, own))

    def articles(self) -> str | None:
        """The articles of association drawn up from the answers, for a company's form."""
        if self.form is None:
            return None
        return articles_text(self.form, self.catalogue, self._today())

    def _run(self, job: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self._runner.run(job, self._guarded_result(done))

    def _guarded(self, fn: Callable[[], None]) -> Callable[[], None]:
        generation = self._generation

        def call() -> None:
            if generation == self._generation:
                fn()

        return call

    def _guarded_result(self, fn: Callable[[Any], None]) -> Callable[[Any], None]:
        generation = self._generation

        def call(value: Any) -> None:
            if generation == self._generation:
                fn(value)
            else:
                log.info("dropped a late result from an ended session")

        return call


def _region_name(catalogue: Catalogue | None, code: str) -> str:
    """The region's Chinese name from the catalogue (the first part of a full name)."""
    for region in catalogue.regions if catalogue else ():
        if region.code == code:
            return region.name.zh or code
    return code


def _prefill_from(document: IdentityDocument) -> dict[str, str]:
    # A passport number is not an identity number: a passport holder whose chip
    # carries no citizen number types it (the field stays editable).
    return {
        "name": document.display_name,
        "id_number": document.id_number,
        "address": document.address,
        "document_number": document.document_number,
    }


def _switched_service(old: State, new: State) -> bool:
    """The session went on from one service's step straight to another service's."""
    before, after = getattr(old, "service", None), getattr(new, "service", None)
    return isinstance(before, str) and isinstance(after, str) and before != after


def _service_code(state: State) -> str:
    """The service code a state belongs to (the step the document was read in)."""
    code = getattr(state, "service", None)
    assert isinstance(code, str)
    return code
