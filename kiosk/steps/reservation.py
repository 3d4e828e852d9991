"""Step kind "reservation": a service that requires ``name_reservation`` starts from one.

After the citizen is identified, the session's name reservation (made by the
name declaration earlier in the same session) fills the form's
``from_reservation`` field, locked, and goes with the application as its
``name_reservation``. Without one that fits, the step says so and offers the
name declaration first (`Switch`), coming back here once the name is reserved.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.forms.kinds import register_feature, register_requirement
from kiosk.steps.kinds import (
    Advance,
    Move,
    Retreat,
    StepContext,
    StepKind,
    StepPorts,
    StepRef,
    Switch,
    register,
)
from kiosk.steps.plan import RESERVATION
from kiosk.workflow import events as ev
from kiosk.workflow.states import Reserving


def rules(state: Reserving, event: ev.Event, _: StepContext) -> Reserving | Move:
    match event:
        case ev.ReservationUsed():
            return Advance()
        case ev.ReservationMissing(reason=reason):
            return replace(state, missing=reason)
        case ev.ContinueWith(code=code) if state.missing is not None:
            return Switch(code)
        case ev.BackPressed():
            return Retreat()
    return state


def effects(ports: StepPorts, old: Any, new: Reserving) -> None:
    if not isinstance(old, Reserving):
        ports.use_reservation()


def _enter(service: str, _: StepRef, __: tuple[Any, ...]) -> Reserving:
    return Reserving(service)


register_requirement("name_reservation")
register_feature("from_reservation")

KIND = register(
    StepKind(
        name=RESERVATION,
        state_type=Reserving,
        enter=_enter,
        rules=rules,
        ref=lambda _: StepRef(RESERVATION),
        effects=effects,
        back_stop=True,  # "back" from the form never lands on a step that moves on by itself
    )
)
