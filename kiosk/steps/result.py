"""Step kind "result": the application number (or the reference while queued) and the receipt.

The receipt's printing reports back here; a receipt that certainly did not come
out may be tried again, one that may have come out is left to staff.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.steps.kinds import Finish, Move, StepContext, StepKind, StepPorts, StepRef, register
from kiosk.steps.plan import RESULT
from kiosk.steps.result_offers import offer_effects, offer_rules
from kiosk.workflow import events as ev
from kiosk.workflow.states import Finished


def rules(state: Finished, event: ev.Event, context: StepContext) -> Finished | Move:
    offered = offer_rules(state, event, context)  # the bank account, the permit
    if offered is not None:
        return offered
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
    offer_effects(ports, old, new)
    if new.receipt != "printing":
        return
    if isinstance(old, Finished):
        # Only the citizen's "try again" (another change while it prints starts nothing).
        if old.receipt == "failed":
            ports.retry_receipt(new.reference)
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
        # Rated once the receipt is out of the way (leaving earlier would hide its outcome).
        rateable=lambda state: state.receipt != "printing",
        # 跑一次没办成: not while a slip prints (coming back would print it again).
        complaint=lambda state: "printing" not in (state.receipt, state.handoff),
        # Walking away ends the session once nothing is printing (kiosk.workflow.leaving).
        citizen_done=lambda state: "printing" not in (state.receipt, state.handoff),
    )
)
