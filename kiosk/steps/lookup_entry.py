"""Step kind "lookup_entry": which application to look up.

The citizen types the number on their receipt or holds its QR code under the
scanner; without a document read they also type their identity number. "Look
it up" checks both (`kiosk.lookup_entry`) and names the problems, or moves on to
the answer, handing it the number and the identity number.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.lookup_entry import (
    NUMBER,
    clean_id_number,
    clean_number,
    id_number_problem,
    number_problem,
)
from kiosk.steps.kinds import (
    Advance,
    Move,
    Retreat,
    StepContext,
    StepKind,
    StepPorts,
    StepRef,
    register,
)
from kiosk.steps.plan import LOOKUP_ENTRY
from kiosk.workflow import events as ev
from kiosk.workflow.states import EnteringLookup


def rules(state: EnteringLookup, event: ev.Event, context: StepContext) -> EnteringLookup | Move:
    match event:
        case ev.LookupRequested(number=raw, id_number=raw_id, typed=typed):
            number = clean_number(raw)
            id_number = clean_id_number(raw_id) if typed else raw_id
            found = (
                number_problem(number, context.service),
                id_number_problem(id_number) if typed else None,
            )
            problems = tuple(problem for problem in found if problem is not None)
            if problems:
                return replace(
                    state, number=number, id_number=id_number if typed else "", problems=problems
                )
            return Advance(carry=(number, id_number, typed))
        case ev.ReceiptScanned(number=number):
            kept = tuple(problem for problem in state.problems if problem.field != NUMBER)
            return replace(state, number=number, filled=state.filled + 1, problems=kept)
        case ev.BackPressed():
            return Retreat()
    return state


def effects(ports: StepPorts, old: Any, new: EnteringLookup) -> None:
    if not isinstance(old, EnteringLookup):
        ports.use_scanned_number()  # a receipt scanned before this step fills the number


def _enter(service: str, _: StepRef, carry: tuple[Any, ...]) -> EnteringLookup:
    # Back from the answer to correct the number: what was given is there again.
    if len(carry) == 2 and all(isinstance(value, str) for value in carry):
        return EnteringLookup(service, carry[0], carry[1])
    return EnteringLookup(service)


KIND = register(
    StepKind(
        name=LOOKUP_ENTRY,
        state_type=EnteringLookup,
        enter=_enter,
        rules=rules,
        ref=lambda _: StepRef(LOOKUP_ENTRY),
        effects=effects,
    )
)
