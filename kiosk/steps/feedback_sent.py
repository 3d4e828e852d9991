"""Step kind "feedback_sent": the citizen's rating is queued in the outbox, then thanked for.

The rating is stored with its own idempotency key before anything is sent (never
lost offline) and sent at once if the central answers, else by the sync engine;
the citizen is thanked as soon as it is stored, and does not wait for the
central. A rating that could not be stored says so: try again, or change it.

`rate` is the rule that starts a rating from the end of any service: the step
the citizen is on must say it may be rated now (`StepKind.rateable`), and the
service rated is never the rating itself.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.catalogue import Catalogue
from kiosk.feedback import FEEDBACK_FLOW
from kiosk.steps.interpreter import can_run, first_step
from kiosk.steps.kinds import (
    Finish,
    Move,
    Retreat,
    StepContext,
    StepKind,
    StepPorts,
    StepRef,
    kind_of,
    register,
)
from kiosk.steps.plan import FEEDBACK_SENT
from kiosk.workflow import events as ev
from kiosk.workflow.states import SendingFeedback, State


def rules(state: SendingFeedback, event: ev.Event, _: StepContext) -> SendingFeedback | Move:
    match event:
        case ev.FeedbackStored() if state.stored is None:
            return replace(state, stored=True)
        case ev.FeedbackNotStored(problem=problem) if state.stored is None:
            return replace(state, stored=False, problem=problem)
        case ev.TryAgainPressed() if state.stored is False:
            return SendingFeedback(state.service)
        case ev.BackPressed() if state.stored is False:
            return Retreat()  # to the rating, to change it
        case ev.DonePressed() if state.stored is not None:
            return Finish()
    return state


def effects(ports: StepPorts, old: Any, new: SendingFeedback) -> None:
    if new.stored is None and old != new:
        ports.send_feedback()


def rateable_now(state: State) -> bool:
    """True when the step ``state`` is on ends its service and may be rated now."""
    kind = kind_of(state)
    return kind is not None and kind.rateable is not None and bool(kind.rateable(state))


def rate(state: State, code: str, catalogue: Catalogue | None) -> State:
    """The rating service ``code``'s first step, from the end of a service; else ``state``."""
    if catalogue is None or not rateable_now(state):
        return state
    try:
        service = catalogue.service(code)
    except KeyError:
        return state
    if (
        service.flow != FEEDBACK_FLOW
        or not service.offered_on_kiosk
        or not can_run(service)
        or getattr(state, "service", None) == code
    ):
        return state
    return first_step(service)


def _enter(service: str, _: StepRef, __: tuple[Any, ...]) -> SendingFeedback:
    return SendingFeedback(service)


KIND = register(
    StepKind(
        name=FEEDBACK_SENT,
        state_type=SendingFeedback,
        enter=_enter,
        rules=rules,
        ref=lambda _: StepRef(FEEDBACK_SENT),
        effects=effects,
        # Walking away ends the session once the rating is stored (kiosk.workflow.leaving).
        citizen_done=lambda state: state.stored is not None,
    )
)
