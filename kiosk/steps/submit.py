"""Step kind "submit": the application is stored in the outbox, then sent.

It is never interrupted (a timeout or "start over" waits): the citizen's data
must reach the outbox, and the result screen says where it is. A store that
failed goes back to the review with the reason.
"""

from __future__ import annotations

from typing import Any

from kiosk.steps.kinds import (
    Advance,
    GoTo,
    Move,
    StepContext,
    StepKind,
    StepPorts,
    StepRef,
    register,
)
from kiosk.steps.plan import REVIEW, SUBMIT
from kiosk.workflow import events as ev
from kiosk.workflow.states import Submitting


def rules(state: Submitting, event: ev.Event, _: StepContext) -> Submitting | Move:
    match event:
        case ev.SubmissionStored(reference=reference) if state.reference is None:
            return Submitting(state.service, reference)
        case ev.SubmissionNotStored(reason=reason) if state.reference is None:
            return GoTo(StepRef(REVIEW), (reason,))
        case ev.SubmissionDelivered(application_no=number) if state.reference is not None:
            return Advance((state.reference, number))
        case ev.SubmissionQueued() if state.reference is not None:
            return Advance((state.reference, None))
    return state


def effects(ports: StepPorts, old: Any, new: Submitting) -> None:
    if new.reference is None and not isinstance(old, Submitting):
        ports.store_submission()
    elif new.reference is not None and old != new:
        ports.deliver(new.reference)


def _enter(service: str, _: StepRef, __: tuple[Any, ...]) -> Submitting:
    return Submitting(service)


KIND = register(
    StepKind(
        name=SUBMIT,
        state_type=Submitting,
        enter=_enter,
        rules=rules,
        ref=lambda _: StepRef(SUBMIT),
        effects=effects,
        interruptible=False,
    )
)
