"""Step kind "queue_choice": which queue ticket, with one touch.

An ordinary ticket; a priority ticket (绿色通道) that the citizen chooses
themselves, with the words saying whom it is for (older people, people with a
disability, expectant mothers: nobody is asked to prove it at the kiosk); or
"I booked an appointment", checked in with the identity document. Staff give a
priority ticket with `kiosk queue ticket --priority`.
"""

from __future__ import annotations

from typing import Any

from kiosk.steps.kinds import Advance, Move, Retreat, StepContext, StepKind, StepRef, register
from kiosk.steps.plan import QUEUE_CHOICE
from kiosk.workflow import events as ev
from kiosk.workflow.states import ChoosingQueue

MODES = ("ordinary", "priority", "appointment")


def rules(state: ChoosingQueue, event: ev.Event, _: StepContext) -> ChoosingQueue | Move:
    match event:
        case ev.QueueModeChosen(mode=mode) if mode in MODES:
            return Advance((mode,))
        case ev.BackPressed():
            return Retreat()
    return state


def _enter(service: str, _: StepRef, __: tuple[Any, ...]) -> ChoosingQueue:
    return ChoosingQueue(service)


KIND = register(
    StepKind(
        name=QUEUE_CHOICE,
        state_type=ChoosingQueue,
        enter=_enter,
        rules=rules,
        ref=lambda _: StepRef(QUEUE_CHOICE),
    )
)
