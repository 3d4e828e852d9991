"""The one interpreter: runs any service's plan of steps, one event at a time.

The current step's kind answers an event with its next state or a move; the
interpreter resolves moves against the service's plan (the next step, the
previous one the citizen may return to, a named one, or the end). Pure: the
workflow applies the state it returns and runs the effects.
"""

from __future__ import annotations

from typing import Any

from kiosk.catalogue import Catalogue, Service
from kiosk.forms.engine import FormSession
from kiosk.steps.kinds import (
    Advance,
    Finish,
    GoTo,
    Retreat,
    StepContext,
    StepRef,
    Switch,
    kind_named,
    kind_of,
)
from kiosk.steps.plan import GUIDANCE, PLANS, plan_for
from kiosk.workflow import events as ev
from kiosk.workflow.states import Attract, ServiceMenu, State

_MOVES = (Advance, Retreat, GoTo, Finish, Switch)


def first_step(service: Service) -> State:
    """The state the service starts in, the first of its plan."""
    first = plan_for(service)[0]
    return _enter(service, first, ())


def can_run(service: Service) -> bool:
    """True when this kiosk has a plan for the service's flow and every kind in it."""
    return service.flow in PLANS


def next_kind(state: State, catalogue: Catalogue | None) -> str | None:
    """The kind of step that follows ``state`` in its service's plan (for a button's
    words: "check my answers" before the review, "check the name" before the check)."""
    kind = kind_of(state)
    service = _service_of(state, catalogue)
    if kind is None or service is None:
        return None
    plan = plan_for(service)
    here = plan.index(kind.ref(state))
    return plan[here + 1].kind if here + 1 < len(plan) else None


def interruptible(state: State) -> bool:
    """Whether a timeout or "start over" may end the session in ``state``."""
    kind = kind_of(state)
    return kind is None or kind.interruptible


def step_next(
    state: State, event: ev.Event, catalogue: Catalogue | None, form: FormSession | None
) -> State:
    """The state after ``event`` in a service's step; the same state when it does not apply."""
    kind = kind_of(state)
    if kind is None:
        return state
    service = _service_of(state, catalogue)
    plan = plan_for(service) if service is not None else ()
    outcome = kind.rules(state, event, StepContext(service, form, plan))
    if not isinstance(outcome, _MOVES):
        return outcome  # type: ignore[no-any-return]
    if service is None:
        return state  # a move needs the service's plan; without it nothing moves
    here = kind.ref(state)
    match outcome:
        case Advance(carry=carry):
            return _enter(service, plan[plan.index(here) + 1], carry)
        case Retreat():
            for ref in reversed(plan[: plan.index(here)]):
                if not kind_named(ref.kind).back_stop:
                    return _enter(service, ref, ())
            return ServiceMenu()
        case GoTo(ref=ref, carry=carry):
            return _enter(service, ref, carry)
        case Finish():
            return Attract()
        case Switch(service=code):
            other = _runnable(code, catalogue)
            if other is None or not other.offered_on_kiosk:
                return state
            # Going on from one service to the next, the citizen has chosen it already:
            # its guidance is not shown again in between.
            steps = plan_for(other)
            return _enter(other, next((r for r in steps if r.kind != GUIDANCE), steps[0]), ())
    return state


def _service_of(state: State, catalogue: Catalogue | None) -> Service | None:
    code = getattr(state, "service", None)
    return _runnable(code, catalogue) if isinstance(code, str) else None


def _runnable(code: str, catalogue: Catalogue | None) -> Service | None:
    """The catalogue's service ``code`` if this kiosk can run it."""
    if catalogue is None:
        return None
    try:
        service = catalogue.service(code)
    except KeyError:
        return None
    return service if can_run(service) else None


def _enter(service: Service, ref: StepRef, carry: tuple[Any, ...]) -> State:
    state: State = kind_named(ref.kind).enter(service.code, ref, carry)
    return state
