"""Step kind "licence_print": the business licence printed once, as the central allows.

The step opens the licence's print job at the central, prints it, and shows how
it ended: printed (take it), failed (nothing came out: "try again" opens a new
job), unconfirmed (it may have come out: staff help, nothing is printed again
here), or refused (wrong numbers: change them; printed already, printing at
another kiosk, offline: said plainly). The desk behind the ports
(`kiosk.licences.LicenceDesk`) reports the result to the central.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.steps.kinds import (
    Finish,
    Move,
    Retreat,
    StepContext,
    StepKind,
    StepPorts,
    StepRef,
    register,
)
from kiosk.steps.plan import LICENCE_PRINT
from kiosk.workflow import events as ev
from kiosk.workflow.states import PrintingLicence

ENDED = frozenset({"printed", "failed", "unconfirmed", "refused"})
RETRYABLE_REFUSALS = frozenset({"unreachable"})
"""Refusals "try again" may help with (the central answers again later)."""
CORRECTABLE_REFUSALS = frozenset({"not_found", "no_licence"})
"""Refusals the citizen may answer by changing the numbers they typed."""


def rules(state: PrintingLicence, event: ev.Event, _: StepContext) -> PrintingLicence | Move:
    match event:
        case ev.LicenceJobOpened(job=job) if state.phase == "opening":
            return replace(state, phase="printing", job=job)
        case ev.LicenceJobRefused(reason=reason, detail=detail) if state.phase == "opening":
            return replace(state, phase="refused", refusal=reason, detail=detail)
        case ev.LicencePrintEnded(outcome=outcome, detail=detail) if state.phase == "printing":
            if outcome not in ("printed", "failed"):
                outcome = "unconfirmed"  # anything else may have come out
            return replace(state, phase=outcome, detail=detail)
        case ev.TryAgainPressed() if can_try_again(state):
            return PrintingLicence(state.service)  # a new print job
        case ev.BackPressed() if can_change_numbers(state):
            return Retreat()
        case ev.DonePressed() if state.phase in ENDED:
            return Finish()
    return state


def can_try_again(state: PrintingLicence) -> bool:
    """Nothing came out, or the central could not be asked: another attempt is safe."""
    return state.phase == "failed" or (
        state.phase == "refused" and state.refusal in RETRYABLE_REFUSALS
    )


def can_change_numbers(state: PrintingLicence) -> bool:
    return state.phase == "refused" and state.refusal in CORRECTABLE_REFUSALS


def effects(ports: StepPorts, old: Any, new: PrintingLicence) -> None:
    before = old.phase if isinstance(old, PrintingLicence) else None
    if new.phase == before:
        return
    if new.phase == "opening":
        ports.open_licence_job()
    elif new.phase == "printing":
        ports.print_licence(new)


def _enter(service: str, _: StepRef, __: tuple[Any, ...]) -> PrintingLicence:
    return PrintingLicence(service)


KIND = register(
    StepKind(
        name=LICENCE_PRINT,
        state_type=PrintingLicence,
        enter=_enter,
        rules=rules,
        ref=lambda _: StepRef(LICENCE_PRINT),
        effects=effects,
        # Walking away ends the session once nothing is printing (kiosk.workflow.leaving).
        citizen_done=lambda state: state.phase in ENDED,
    )
)
