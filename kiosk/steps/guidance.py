"""Step kind "guidance": the service's guidance (办事指南) before the citizen starts.

The summary, the materials to bring, the steps and the promise days, with
"start" and "print this checklist". Opened as "guidance only" from the menu
(``only``), it offers the printout and the way back, and starts nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

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
from kiosk.steps.plan import GUIDANCE
from kiosk.workflow import events as ev
from kiosk.workflow.states import ReadingGuidance


def rules(state: ReadingGuidance, event: ev.Event, _: StepContext) -> ReadingGuidance | Move:
    match event:
        case ev.NextPressed() if not state.only:
            return Advance()
        case ev.PrintGuidancePressed() if state.printing != "printing":
            return replace(state, printing="printing", detail="")
        case ev.GuidancePrinted(ok=ok, detail=detail) if state.printing == "printing":
            return replace(state, printing="printed" if ok else "failed", detail=detail)
        case ev.BackPressed():
            return Retreat()
    return state


def effects(ports: StepPorts, old: Any, new: ReadingGuidance) -> None:
    was_printing = isinstance(old, ReadingGuidance) and old.printing == "printing"
    if new.printing == "printing" and not was_printing:
        ports.print_guidance(new.service)


def _enter(service: str, _: StepRef, __: tuple[Any, ...]) -> ReadingGuidance:
    return ReadingGuidance(service)


KIND = register(
    StepKind(
        name=GUIDANCE,
        state_type=ReadingGuidance,
        enter=_enter,
        rules=rules,
        ref=lambda _: StepRef(GUIDANCE),
        effects=effects,
    )
)
