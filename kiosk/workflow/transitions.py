"""The session's rules: ``next_state(state, event, form)``, a pure function.

Every rule a citizen meets (what Back does on the first page, when the form is
complete, what a timeout may interrupt) is here, table-tested without Qt.
"""

from __future__ import annotations

from dataclasses import replace
from typing import assert_never

from devices.emrtd.mrz import MrzKey
from kiosk.catalogue import Catalogue
from kiosk.forms.engine import FormSession
from kiosk.forms.validation import FieldProblem
from kiosk.mrz_entry import key_from_entry, key_from_scan
from kiosk.workflow import events as ev
from kiosk.workflow.states import (
    Attract,
    Filling,
    Finished,
    IdentityCheck,
    Reviewing,
    ServiceMenu,
    State,
    Submitting,
)


def next_state(
    state: State, event: ev.Event, catalogue: Catalogue | None, form: FormSession | None
) -> State:
    """The state after ``event``; the same state when the event does not apply."""
    if isinstance(event, ev.TimedOut | ev.Cancelled):
        # A submission being stored or sent is never interrupted: the citizen's
        # data must reach the outbox, and the result screen shows where it is.
        return state if isinstance(state, Submitting) else Attract()
    match state:
        case Attract():
            return ServiceMenu() if isinstance(event, ev.Started) else state
        case ServiceMenu():
            return _from_menu(state, event, catalogue)
        case IdentityCheck():
            return _from_identity_check(state, event)
        case Filling():
            return _from_filling(state, event, form)
        case Reviewing():
            return _from_review(state, event, form)
        case Submitting():
            return _from_submitting(state, event)
        case Finished():
            return _from_finished(state, event)
        case _:  # pragma: no cover - exhaustiveness guard
            assert_never(state)


def _from_menu(state: ServiceMenu, event: ev.Event, catalogue: Catalogue | None) -> State:
    if not isinstance(event, ev.ServiceChosen) or catalogue is None:
        return state
    try:
        service = catalogue.service(event.code)
    except KeyError:
        return state
    if not service.offered_on_kiosk:
        return state
    if "id_document" in service.requires:
        return IdentityCheck(service.code)
    return Filling(service.code, 0)


def _from_identity_check(state: IdentityCheck, event: ev.Event) -> State:
    service = state.service
    match event:
        case ev.ReadRequested():
            return replace(state, reading=True)
        case ev.DocumentRead():
            return Filling(service, 0)
        case ev.DocumentNotRead(outcome="key_needed"):
            return IdentityCheck(service, needs_key=True)
        case ev.DocumentNotRead(outcome="access_denied") if state.with_key:
            # The chip refused the key: most likely a mistyped number or date.
            return IdentityCheck(service, needs_key=True, problem="access_denied")
        case ev.DocumentNotRead(outcome="no_document") if state.problem == "removed":
            # The card pulled mid-read is not back yet: keep saying so.
            return replace(state, reading=False)
        case ev.DocumentNotRead(outcome=outcome):
            return IdentityCheck(service, problem=outcome, with_key=state.with_key)
        case ev.MrzKeyTyped() | ev.MrzScanned() if state.needs_key:
            key = key_from_event(event)
            if isinstance(key, MrzKey):
                return IdentityCheck(service, with_key=True)
            if isinstance(event, ev.MrzScanned):
                return IdentityCheck(service, needs_key=True, problem="mrz_unreadable")
            return IdentityCheck(service, needs_key=True, key_problems=key)
        case ev.BackPressed():
            return ServiceMenu()
    return state


def key_from_event(event: ev.MrzKeyTyped | ev.MrzScanned) -> MrzKey | tuple[FieldProblem, ...]:
    """The MRZ key a typed or scanned event carries, or what is wrong with it."""
    if isinstance(event, ev.MrzScanned):
        return key_from_scan(event.text) or ()
    return key_from_entry(event.document_number, event.birth_date, event.expiry_date)


def _from_filling(state: Filling, event: ev.Event, form: FormSession | None) -> State:
    if form is None:
        return state
    match event:
        case ev.NextPressed():
            problems = form.page_problems(state.page)
            if problems:
                return Filling(state.service, state.page, problems)
            if state.page + 1 >= len(form.pages):
                return Reviewing(state.service)
            return Filling(state.service, state.page + 1)
        case ev.BackPressed():
            return ServiceMenu() if state.page == 0 else Filling(state.service, state.page - 1)
    return state


def _from_review(state: Reviewing, event: ev.Event, form: FormSession | None) -> State:
    if form is None:
        return state
    match event:
        case ev.BackPressed():
            return Filling(state.service, len(form.pages) - 1)
        case ev.EditRequested(page=page) if 0 <= page < len(form.pages):
            return Filling(state.service, page)
        case ev.SubmitPressed():
            first = form.first_page_with_problems()
            if first is not None:
                return Filling(state.service, first, form.page_problems(first))
            return Submitting(state.service)
    return state


def _from_submitting(state: Submitting, event: ev.Event) -> State:
    match event:
        case ev.SubmissionStored(reference=reference) if state.reference is None:
            return Submitting(state.service, reference)
        case ev.SubmissionNotStored(reason=reason) if state.reference is None:
            return Reviewing(state.service, problem=reason)
        case ev.SubmissionDelivered(application_no=number) if state.reference is not None:
            return Finished(state.service, state.reference, number)
        case ev.SubmissionQueued() if state.reference is not None:
            return Finished(state.service, state.reference, None)
    return state


def _from_finished(state: Finished, event: ev.Event) -> State:
    match event:
        case ev.ReceiptPrinted():
            return replace(state, receipt="printed", receipt_detail="")
        case ev.ReceiptNotPrinted(detail=detail, retry_safe=retry_safe):
            receipt = "failed" if retry_safe else "unconfirmed"
            return replace(state, receipt=receipt, receipt_detail=detail)
        case ev.ReprintPressed() if state.receipt == "failed":
            return replace(state, receipt="printing", receipt_detail="")
        case ev.DonePressed():
            return Attract()
    return state
