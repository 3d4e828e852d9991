"""Step kind "result": the application number (or the reference while queued) and the receipt.

The receipt's printing reports back here; a receipt that certainly did not come
out may be tried again, one that may have come out is left to staff.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.steps.kinds import Finish, Move, StepContext, StepKind, StepPorts, StepRef, register
from kiosk.steps.plan import RESULT
from kiosk.workflow import events as ev
from kiosk.workflow.states import Finished


def rules(state: Finished, event: ev.Event, _: StepContext) -> Finished | Move:
    match event:
        case ev.ReceiptPrinted():
            return replace(state, receipt="printed", receipt_detail="")
        case ev.ReceiptNotPrinted(detail=detail, retry_safe=retry_safe):
            receipt = "failed" if retry_safe else "unconfirmed"
            return replace(state, receipt=receipt, receipt_detail=detail)
        case ev.ReprintPressed() if state.receipt == "failed":
            return replace(state, receipt="printing", receipt_detail="")
        case ev.DonePressed():
            return Finish()
    return state


def effects(ports: StepPorts, old: Any, new: Finished) -> None:
    if new.receipt != "printing":
        return
    if isinstance(old, Finished):
        ports.retry_receipt(new.reference)  # the citizen's "try again"
    else:
        ports.print_receipt(new)


def _enter(service: str, _: StepRef, carry: tuple[Any, ...]) -> Finished:
    reference, application_no = carry
    return Finished(service, reference, application_no)


KIND = register(
    StepKind(
        name=RESULT,
        state_type=Finished,
        enter=_enter,
        rules=rules,
        ref=lambda _: StepRef(RESULT),
        effects=effects,
    )
)
