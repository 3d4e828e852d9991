"""Step kind "lookup_result": the application's status, its history, and what to do next.

Entering it starts the lookup (`look_up_status`, on a worker); the answer
arrives as an event. From the answer the citizen goes on with another service
(printing the licence, a queue ticket for the counter: `Switch`), goes back to
correct the number, tries again when the central could not be asked, or
finishes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.status_desk import Answer, StatusAnswer
from kiosk.steps.kinds import (
    Finish,
    GoTo,
    Move,
    StepContext,
    StepKind,
    StepPorts,
    StepRef,
    Switch,
    register,
)
from kiosk.steps.plan import LOOKUP_ENTRY, LOOKUP_RESULT
from kiosk.workflow import events as ev
from kiosk.workflow.states import LookingUp


def rules(state: LookingUp, event: ev.Event, _: StepContext) -> LookingUp | Move:
    answer = state.answer
    match event:
        case ev.StatusLookedUp(answer=new) if answer is None:
            return replace(state, answer=new)
        case ev.TryAgainPressed() if _kind(answer) is Answer.CANNOT_ASK:
            return replace(state, answer=None)  # ask again
        case ev.TryAgainPressed() | ev.BackPressed() if answer is not None:
            # To the number, as given, to correct it or look up another.
            typed = state.id_number if state.typed_id else ""
            return GoTo(StepRef(LOOKUP_ENTRY), carry=(state.number, typed))
        case ev.ContinueWith(code=code) if _kind(answer) in (Answer.FOUND, Answer.REFUSED):
            return Switch(code)  # print the licence, take a queue ticket
        case ev.DonePressed() if answer is not None:
            return Finish()
    return state


def effects(ports: StepPorts, old: Any, new: LookingUp) -> None:
    asked = isinstance(old, LookingUp) and old.answer is None
    if new.answer is None and not asked:
        ports.look_up_status(new.number, new.id_number)


def _kind(answer: object) -> Answer | None:
    return answer.answer if isinstance(answer, StatusAnswer) else None


def _enter(service: str, _: StepRef, carry: tuple[Any, ...]) -> LookingUp:
    if len(carry) != 3:
        # Only the number step leads here; reached any other way there is nothing to ask.
        return LookingUp(service, "", answer=StatusAnswer(Answer.NOT_FOUND, ""))
    number, id_number, typed = carry
    return LookingUp(service, str(number), str(id_number), bool(typed))


KIND = register(
    StepKind(
        name=LOOKUP_RESULT,
        state_type=LookingUp,
        enter=_enter,
        rules=rules,
        ref=lambda _: StepRef(LOOKUP_RESULT),
        effects=effects,
        # Walking away ends the session once the answer is shown (kiosk.workflow.leaving).
        citizen_done=lambda state: state.answer is not None,
    )
)
