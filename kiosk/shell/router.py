"""The step router: one screen per step kind, shown by the kind of the current state.

The window draws the session's own screens (attract, menu) and its header; every
step of a service is drawn by the screen registered here for its kind, and each
screen's signals become the workflow's events here. A new step kind adds one
entry to `StepRouter.views`, for every service whose plan uses it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QStackedWidget, QWidget

from kiosk.documents.receipt_data import mask_id_number
from kiosk.steps.complaint import offered as complaint_offered
from kiosk.steps.kinds import kind_of
from kiosk.steps.plan import (
    COMPLAINT,
    FEEDBACK_SENT,
    FORM_PAGE,
    GUIDANCE,
    IDENTIFY,
    LICENCE_PRINT,
    LOOKUP_ENTRY,
    LOOKUP_RESULT,
    NAME_CHECK,
    PERSON,
    QUEUE_CHOICE,
    QUEUE_TICKET,
    RESERVATION,
    RESULT,
    REVIEW,
    SIGN,
    SUBMIT,
    TYPED_IDENTITY,
)
from kiosk.workflow import events as ev
from kiosk.workflow.machine import KioskWorkflow
from kiosk.workflow.states import State
from screens.complaint import ComplaintScreen
from screens.complaint_button import ComplaintButton
from screens.feedback_sent import FeedbackSentScreen
from screens.finished import FinishedScreen
from screens.form_page import FormPageScreen
from screens.guidance import GuidanceScreen
from screens.identify import IdentifyScreen
from screens.licence_print import LicencePrintScreen
from screens.lookup_entry import LookupEntryScreen
from screens.lookup_result import LookupResultScreen
from screens.name_check import NameCheckScreen
from screens.page_scroll import scrolling_page
from screens.person_editor import PersonEditorScreen
from screens.queue_choice import QueueChoiceScreen
from screens.queue_ticket import QueueTicketScreen
from screens.rating_offer import RateButton
from screens.reservation import ReservationScreen
from screens.review import ReviewScreen
from screens.sign_page import SignPageScreen
from screens.submitting import SubmittingScreen


@dataclass(frozen=True, slots=True)
class DrawContext:
    """What a step's screen needs besides its state."""

    language: str
    service_title: str
    promise_days: int | None
    can_scan: bool
    card_on_reader: bool
    next_step: str | None = None
    """The kind of the step after this one, if any (e.g. "review")."""


Draw = Callable[[Any, DrawContext], None]


class StepRouter:
    """Builds the step screens into ``stack``, binds them to ``workflow``, and shows them."""

    def __init__(self, workflow: KioskWorkflow, stack: QStackedWidget) -> None:
        self.workflow = workflow
        self.stack = stack
        self.guidance = GuidanceScreen()
        self.identify = IdentifyScreen()
        self.form_page = FormPageScreen()
        self.review = ReviewScreen()
        self.submitting = SubmittingScreen()
        self.finished = FinishedScreen()
        self.name_check = NameCheckScreen()
        self.sign_page = SignPageScreen()
        self.person = PersonEditorScreen()
        self.reservation = ReservationScreen()
        self.lookup_entry = LookupEntryScreen()
        self.lookup_result = LookupResultScreen()
        self.licence_print = LicencePrintScreen()
        self.feedback_sent = FeedbackSentScreen()
        self.queue_choice = QueueChoiceScreen()
        self.queue_ticket = QueueTicketScreen()
        self.complaint = ComplaintScreen()
        self.views: dict[str, tuple[QWidget, Draw]] = {
            GUIDANCE: (self.guidance, self._draw_guidance),
            IDENTIFY: (self.identify, self._draw_identify),
            FORM_PAGE: (self.form_page, self._draw_form_page),
            SIGN: (self.sign_page, self._draw_sign_page),
            PERSON: (self.person, self._draw_person),
            REVIEW: (self.review, self._draw_review),
            SUBMIT: (self.submitting, lambda state, _: self.submitting.show_state(state)),
            RESULT: (self.finished, self._draw_result),
            NAME_CHECK: (self.name_check, self._draw_name_check),
            RESERVATION: (self.reservation, self._draw_reservation),
            LOOKUP_ENTRY: (self.lookup_entry, self._draw_lookup_entry),
            LOOKUP_RESULT: (self.lookup_result, self._draw_lookup_result),
            LICENCE_PRINT: (self.licence_print, self._draw_licence_print),
            FEEDBACK_SENT: (self.feedback_sent, self._draw_feedback_sent),
            QUEUE_CHOICE: (
                self.queue_choice,
                lambda _, context: self.queue_choice.show_state(context.service_title),
            ),
            QUEUE_TICKET: (
                self.queue_ticket,
                lambda state, context: self.queue_ticket.show_state(
                    state, context.service_title, context.language
                ),
            ),
            COMPLAINT: (
                self.complaint,
                lambda state, context: self.complaint.show_state(
                    state, context.service_title, context.language
                ),
            ),
        }
        self._pages: dict[int, QWidget] = {}
        """Each screen's page in the stack: a scroll area holding it."""
        for widget, _ in self.views.values():
            if id(widget) not in self._pages:
                self._pages[id(widget)] = scrolling_page(widget)
                stack.addWidget(self._pages[id(widget)])
            # A screen that ends a service offers "rate this service" (好差评).
            rate = getattr(widget, "rate_button", None)
            if isinstance(rate, RateButton):
                rate.clicked.connect(lambda: workflow.rate_service())
            # And "I came and could not get it done" (跑一次没办成).
            complaint = getattr(widget, "complaint_button", None)
            if isinstance(complaint, ComplaintButton):
                complaint.clicked.connect(lambda: workflow.dispatch(ev.ComplaintRequested()))
        self._bind(workflow)
        self._bind_queue(workflow.dispatch)

    def _bind(self, workflow: KioskWorkflow) -> None:
        dispatch = workflow.dispatch
        self.guidance.forward.connect(lambda: dispatch(ev.NextPressed()))
        self.guidance.back.connect(lambda: dispatch(ev.BackPressed()))
        self.guidance.print_slip.connect(lambda: dispatch(ev.PrintGuidancePressed()))
        self.identify.back.connect(lambda: dispatch(ev.BackPressed()))
        self.identify.key_typed.connect(
            lambda number, birth, expiry: dispatch(ev.MrzKeyTyped(number, birth, expiry))
        )
        self.form_page.value_edited.connect(workflow.set_value)
        self.form_page.json_edited.connect(workflow.set_json)
        self.form_page.forward.connect(lambda: dispatch(ev.NextPressed()))
        self.form_page.person_requested.connect(
            lambda field, request: dispatch(ev.PersonEditRequested(field, *request))
        )
        self.form_page.people_changed.connect(self._change_people)
        self.person.value_edited.connect(workflow.set_value)
        self.person.json_edited.connect(workflow.set_json)
        self.person.read_card.connect(lambda: dispatch(ev.PersonCardRequested()))
        self.person.copy_from.connect(lambda source: dispatch(ev.PersonCopied(source)))
        self.person.forward.connect(lambda: dispatch(ev.NextPressed()))
        self.person.back.connect(lambda: dispatch(ev.BackPressed()))
        self.form_page.back.connect(lambda: dispatch(ev.BackPressed()))
        self.review.back.connect(lambda: dispatch(ev.BackPressed()))
        self.review.edit_page.connect(lambda page: dispatch(ev.EditRequested(page)))
        self.review.forward.connect(lambda: dispatch(ev.SubmitPressed()))
        self.finished.done.connect(lambda: dispatch(ev.DonePressed()))
        self.finished.reprint.connect(lambda: dispatch(ev.ReprintPressed()))
        offers = self.finished.offers
        offers.bank_asked.connect(lambda: dispatch(ev.BankAccountAsked()))
        offers.bank_consented.connect(lambda: dispatch(ev.BankConsentGiven()))
        offers.bank_declined.connect(lambda: dispatch(ev.BankConsentDeclined()))
        offers.permit_chosen.connect(lambda code: dispatch(ev.ContinueWith(code)))
        self.sign_page.back.connect(lambda: dispatch(ev.BackPressed()))
        self.sign_page.forward.connect(lambda: dispatch(ev.NextPressed()))
        self.sign_page.statement_read.connect(lambda: dispatch(ev.StatementRead()))
        self.sign_page.signed.connect(workflow.set_signature)
        self.sign_page.cleared.connect(workflow.clear_signature)
        self.name_check.back.connect(lambda: dispatch(ev.BackPressed()))
        self.name_check.try_again.connect(lambda: dispatch(ev.TryAgainPressed()))
        self.name_check.done.connect(lambda: dispatch(ev.DonePressed()))
        self.name_check.continue_with.connect(lambda code: dispatch(ev.ContinueWith(code)))
        self.reservation.back.connect(lambda: dispatch(ev.BackPressed()))
        self.reservation.declare.connect(lambda code: dispatch(ev.ContinueWith(code)))
        self.identify.type_instead.connect(lambda: dispatch(ev.NoDocumentPressed()))
        self.lookup_entry.back.connect(lambda: dispatch(ev.BackPressed()))
        self.lookup_entry.look_up.connect(workflow.request_lookup)
        self.lookup_result.back.connect(lambda: dispatch(ev.BackPressed()))
        self.lookup_result.try_again.connect(lambda: dispatch(ev.TryAgainPressed()))
        self.lookup_result.done.connect(lambda: dispatch(ev.DonePressed()))
        self.lookup_result.continue_with.connect(lambda code: dispatch(ev.ContinueWith(code)))
        self.licence_print.back.connect(lambda: dispatch(ev.BackPressed()))
        self.licence_print.try_again.connect(lambda: dispatch(ev.TryAgainPressed()))
        self.licence_print.done.connect(lambda: dispatch(ev.DonePressed()))
        self.feedback_sent.back.connect(lambda: dispatch(ev.BackPressed()))
        self.feedback_sent.try_again.connect(lambda: dispatch(ev.TryAgainPressed()))
        self.feedback_sent.done.connect(lambda: dispatch(ev.DonePressed()))

    def _bind_queue(self, dispatch: Callable[[ev.Event], None]) -> None:
        """Queue tickets, appointments and the complaints window's ticket."""
        self.queue_choice.chosen.connect(lambda mode: dispatch(ev.QueueModeChosen(mode)))
        self.queue_choice.back.connect(lambda: dispatch(ev.BackPressed()))
        self.queue_ticket.back.connect(lambda: dispatch(ev.BackPressed()))
        self.queue_ticket.ordinary.connect(lambda: dispatch(ev.QueueModeChosen("ordinary")))
        self.queue_ticket.reprint.connect(lambda: dispatch(ev.ReprintPressed()))
        self.queue_ticket.done.connect(lambda: dispatch(ev.DonePressed()))
        self.complaint.mobile_given.connect(
            lambda mobile: dispatch(ev.ComplaintMobileGiven(mobile))
        )
        self.complaint.back.connect(lambda: dispatch(ev.BackPressed()))
        self.complaint.reprint.connect(lambda: dispatch(ev.ReprintPressed()))
        self.complaint.done.connect(lambda: dispatch(ev.DonePressed()))

    def show(self, state: State, context: DrawContext) -> bool:
        """Draw ``state`` with its kind's screen; False when it is not a step's state."""
        kind = kind_of(state)
        if kind is None:
            return False
        widget, draw = self.views[kind.name]
        draw(state, context)
        rate = getattr(widget, "rate_button", None)
        if isinstance(rate, RateButton):
            rate.show_offer(self.workflow.can_rate())
        complaint = getattr(widget, "complaint_button", None)
        if isinstance(complaint, ComplaintButton):
            complaint.show_offer(complaint_offered(state))
        self.stack.setCurrentWidget(self._pages[id(widget)])
        return True

    def clear(self) -> None:
        """The session is over: no screen keeps the citizen's answers, shown or hidden.

        Every step screen that holds anything of the citizen has a ``clear()``; each
        one a kind registers is called, so a new screen cannot be forgotten here."""
        for widget, _ in self.views.values():
            clear = getattr(widget, "clear", None)
            if callable(clear):
                clear()

    def set_compact(self, compact: bool) -> None:
        """While the on-screen keyboard is up, the typing screens show only their fields."""
        for screen in (self.identify, self.form_page, self.person, self.review, self.lookup_entry):
            screen.set_compact(compact)
        self.complaint.set_compact(compact)

    # -- one drawing function per step kind ----------------------------------------
    def _draw_guidance(self, state: Any, context: DrawContext) -> None:
        service = self.workflow.service
        assert service is not None
        self.guidance.show_state(state, service, context.language)

    def _draw_identify(self, state: Any, context: DrawContext) -> None:
        self.identify.show_state(
            state,
            context.service_title,
            can_scan=context.can_scan,
            can_type_instead=context.next_step in TYPED_IDENTITY,
        )

    def _draw_lookup_entry(self, state: Any, context: DrawContext) -> None:
        document = self.workflow.document
        identity = (
            f"{document.display_name} {mask_id_number(document.id_number or document.document_number)}"
            if document is not None
            else None
        )
        self.lookup_entry.show_state(
            state,
            self.workflow.service,
            context.service_title,
            context.language,
            identity,
            context.can_scan,
        )

    def _draw_lookup_result(self, state: Any, context: DrawContext) -> None:
        follow_ups = tuple((s.code, s.flow) for s in self.workflow.lookup_follow_ups(state.answer))
        self.lookup_result.show_state(state, context.service_title, context.language, follow_ups)

    def _draw_form_page(self, state: Any, context: DrawContext) -> None:
        wf = self.workflow
        if wf.form is None:
            return  # a service that starts with its form: drawn again once it has one
        document_type = wf.document.document_type.value if wf.document else None
        self.form_page.show_state(
            state,
            wf.form,
            context.service_title,
            context.language,
            document_type,
            next_step=context.next_step,
            resumed_at=wf.resumed_at,
        )
        self.form_page.identity.show_identity(wf.document, wf.face)

    def _change_people(self, field: str, change: tuple[Any, ...]) -> None:
        match change:
            case ("remove", int(index)):
                self.workflow.remove_person(field, index)
            case ("move", int(index), int(to)):
                self.workflow.move_person(field, index, to)

    def _draw_person(self, state: Any, context: DrawContext) -> None:
        form = self.workflow.form
        assert form is not None
        self.person.show_state(state, form, context.service_title, context.language)

    def _draw_name_check(self, state: Any, context: DrawContext) -> None:
        lang = context.language
        services = tuple((s.code, s.title.get(lang)) for s in self.workflow.continuations())
        self.name_check.show_state(state, context.service_title, services)

    def _draw_licence_print(self, state: Any, context: DrawContext) -> None:
        self.licence_print.show_state(state, context.service_title)
        self.licence_print.show_card_reminder(context.card_on_reader)

    def _draw_feedback_sent(self, state: Any, context: DrawContext) -> None:
        self.feedback_sent.show_state(state, context.service_title)

    def _draw_reservation(self, state: Any, context: DrawContext) -> None:
        declaration = self.workflow.name_declaration()
        named = (declaration.code, declaration.title.get(context.language)) if declaration else None
        self.reservation.show_state(state, context.service_title, named)

    def _draw_sign_page(self, state: Any, context: DrawContext) -> None:
        form = self.workflow.form
        assert form is not None
        self.sign_page.show_state(
            state,
            form.pages[state.page],
            context.service_title,
            context.language,
            context.next_step,
            self.workflow.articles(),
        )

    def _draw_review(self, state: Any, context: DrawContext) -> None:
        wf = self.workflow
        assert wf.form is not None
        self.review.show_state(state, wf.form, context.service_title, context.language)
        self.review.identity.show_identity(wf.document, wf.face)

    def _draw_result(self, state: Any, context: DrawContext) -> None:
        self.finished.show_state(state, context.service_title, context.promise_days)
        self.finished.show_card_reminder(context.card_on_reader)
        wf, lang = self.workflow, context.language
        self.finished.offers.show_offers(
            state,
            delivery=wf.licence_delivery(),
            language=lang,
            bank=wf.bank_name,
            permits=tuple((s.code, s.title.get(lang)) for s in wf.permit_offers()),
        )
