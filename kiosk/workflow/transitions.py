"""The session's rules: ``next_state(state, event, catalogue, form)``, a pure function.

The session's own (attract, the menu, timeouts and "start over") are here; a
service's steps follow their kinds' rules through `kiosk.steps.interpreter`.
All of them are table-tested without Qt.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.catalogue import Catalogue
from kiosk.forms.engine import FormSession
from kiosk.steps import registered  # noqa: F401 - every step kind registers itself
from kiosk.steps.complaint import open_complaint
from kiosk.steps.feedback_sent import rate
from kiosk.steps.identify import key_from_event
from kiosk.steps.interpreter import can_run, first_step, interruptible, step_next
from kiosk.workflow import events as ev
from kiosk.workflow.states import Attract, ReadingGuidance, ServiceMenu, State, VerifyingSlip
from kiosk.workflow.verifying import verifying_next

__all__ = ["key_from_event", "next_state"]


def next_state(
    state: State, event: ev.Event, catalogue: Catalogue | None, form: FormSession | None
) -> State:
    """The state after ``event``; the same state when the event does not apply."""
    if isinstance(event, ev.TimedOut | ev.Cancelled):
        # A submission being stored or sent is never interrupted: the citizen's
        # data must reach the outbox, and the result screen shows where it is.
        return state if not interruptible(state) else Attract()
    if isinstance(event, ev.RateRequested):
        return rate(state, event.code, catalogue)  # from the end of any service
    if isinstance(event, ev.ComplaintRequested):
        return open_complaint(state)  # 跑一次没办成, likewise from any result
    match state:
        case Attract():
            return ServiceMenu() if isinstance(event, ev.Started) else state
        case ServiceMenu() if isinstance(event, ev.VerifySlipChosen):
            return VerifyingSlip()  # needs no catalogue: slips are checked offline
        case ServiceMenu():
            return _from_menu(state, event, catalogue)
        case VerifyingSlip():
            return verifying_next(state, event)
    return step_next(state, event, catalogue, form)


def _from_menu(state: ServiceMenu, event: ev.Event, catalogue: Catalogue | None) -> State:
    if not isinstance(event, ev.ServiceChosen) or catalogue is None:
        return state
    try:
        service = catalogue.service(event.code)
    except KeyError:
        return state
    if not service.offered_on_kiosk or not can_run(service):
        return state
    first = first_step(service)
    if event.guidance_only and isinstance(first, ReadingGuidance):
        return replace(first, only=True)
    return first
