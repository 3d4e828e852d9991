"""Step kind "name_check": the proposed enterprise name is checked, and reserved if free.

The form's values give the region, trade name, industry and organisation form
(the names the interface's name check uses); the kiosk checks them locally,
then asks the central (`kiosk.names.declaration`). The outcome is shown as it
is: reserved, taken (with the names it clashes with), refused (what to change),
or not possible now (offline: try again, or later elsewhere).
"""

from __future__ import annotations

from typing import Any

from kiosk.steps.kinds import (
    Finish,
    Move,
    Retreat,
    StepContext,
    StepKind,
    StepPorts,
    StepRef,
    Switch,
    register,
)
from kiosk.steps.plan import NAME_CHECK
from kiosk.workflow import events as ev
from kiosk.workflow.states import NameChecking


def rules(state: NameChecking, event: ev.Event, _: StepContext) -> NameChecking | Move:
    match event:
        case ev.NameChecked(outcome=outcome) if state.outcome is None:
            return NameChecking(state.service, outcome)
        case ev.TryAgainPressed() if state.outcome is not None:
            return NameChecking(state.service)
        case ev.BackPressed() if state.outcome is not None:
            return Retreat()  # to the form, to change the name
        case ev.DonePressed() if state.outcome is not None:
            return Finish()
        case ev.ContinueWith(code=code) if state.outcome is not None:
            return Switch(code)  # set up the company with the name just reserved
    return state


def effects(ports: StepPorts, old: Any, new: NameChecking) -> None:
    if new.outcome is None and old != new:
        ports.check_name()


def _enter(service: str, _: StepRef, __: tuple[Any, ...]) -> NameChecking:
    return NameChecking(service)


KIND = register(
    StepKind(
        name=NAME_CHECK,
        state_type=NameChecking,
        enter=_enter,
        rules=rules,
        ref=lambda _: StepRef(NAME_CHECK),
        effects=effects,
        rateable=lambda state: state.outcome is not None,  # once the answer is shown
        complaint=lambda state: state.outcome is not None,  # 跑一次没办成, likewise
        citizen_done=lambda state: state.outcome is not None,  # walking away ends it then
    )
)
