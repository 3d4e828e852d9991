"""Step kind "complaint": 跑一次没办成, "I came and could not get it done".

Opened from any result screen whose kind allows it now (`StepKind.complaint`,
e.g. once its receipt is no longer printing) by `open_complaint`, a session
rule, so no result kind needs a rule of its own. The citizen types their mobile
number (checked as ``cn_mobile``), and a ticket for the complaints window is got
(the queue's "complaint" type, numbered here when the central gives none) and
printed once through the print journal. The mobile goes to the central with the
request for the call-back, is printed masked, and is forgotten once sent; it is
never logged. "Back" returns to the result exactly as it was.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.catalogue import Field, Text
from kiosk.forms.validation import normalise, validate_field
from kiosk.queueing.ticket import QueueTicket
from kiosk.steps.kinds import (
    Finish,
    Move,
    StepContext,
    StepKind,
    StepPorts,
    StepRef,
    kind_of,
    register,
)
from kiosk.steps.plan import COMPLAINT
from kiosk.workflow import events as ev
from kiosk.workflow.states import Complaining, State

MOBILE = Field(
    "mobile",
    "text",
    label=Text("手机号码", "Mobile number"),
    required=True,
    example_value="13800138000",
    validators=("cn_mobile",),
)
"""The number asked for the call-back, checked as a form's mobile field is."""
PRINT_OUTCOMES = frozenset({"printed", "failed", "unconfirmed"})
ENDED = frozenset({"printed", "failed", "unconfirmed", "refused"})


def offered(state: object) -> bool:
    """Whether the complaint entry may be opened from ``state`` now."""
    kind = kind_of(state)
    return kind is not None and kind.complaint is not None and bool(kind.complaint(state))


def open_complaint(state: State) -> State:
    """The complaint step from a result screen that offers it; else ``state``."""
    service = getattr(state, "service", None)
    if not offered(state) or not isinstance(service, str):
        return state
    return Complaining(service, back_to=state)


def rules(state: Complaining, event: ev.Event, _: StepContext) -> Any:
    match event:
        case ev.ComplaintMobileGiven(mobile=raw) if state.phase == "typing":
            mobile = normalise(MOBILE, raw)
            problem = validate_field(MOBILE, mobile)
            if problem is not None:
                return replace(state, problems=(problem,))
            return replace(state, phase="issuing", mobile=mobile, problems=())
        case ev.QueueTicketIssued(ticket=QueueTicket() as ticket) if state.phase == "issuing":
            # Sent with the request: the number is not kept any longer.
            return replace(state, phase="printing", ticket=ticket, mobile="")
        case ev.QueueTicketNotIssued(reason=reason) if state.phase == "issuing":
            return replace(state, phase="refused", detail=reason, mobile="")
        case ev.QueueTicketPrinted(reference=reference, outcome=outcome, detail=detail) if (
            state.phase == "printing"
            and outcome in PRINT_OUTCOMES
            and isinstance(state.ticket, QueueTicket)
            and reference == state.ticket.reference
        ):
            return replace(state, phase=outcome, detail=detail)
        case ev.ReprintPressed() if state.phase == "failed":
            return replace(state, phase="printing", detail="")
        case ev.BackPressed() if state.phase == "typing":
            return state.back_to if state.back_to is not None else _finish()
        case ev.DonePressed() if state.phase in ENDED:
            return _finish()
    return state


def _finish() -> Move:
    return Finish()


def effects(ports: StepPorts, old: Any, new: Complaining) -> None:
    before = old.phase if isinstance(old, Complaining) else None
    if new.phase == "issuing" and before != "issuing":
        ports.issue_complaint_ticket(new)
    elif new.phase == "printing" and before != "printing":
        ports.print_queue_ticket(new, retry=before == "failed")


def _ref(state: Complaining) -> StepRef:
    # Where it stands in the plan: at the result it was opened from.
    origin = kind_of(state.back_to)
    return origin.ref(state.back_to) if origin is not None else StepRef(COMPLAINT)


def _enter(service: str, _: StepRef, __: tuple[Any, ...]) -> Complaining:
    return Complaining(service)


KIND = register(
    StepKind(
        name=COMPLAINT,
        state_type=Complaining,
        enter=_enter,
        rules=rules,
        ref=_ref,
        effects=effects,
        # Walking away ends the session once nothing is printing (kiosk.workflow.leaving).
        citizen_done=lambda state: state.phase in ENDED,
    )
)
