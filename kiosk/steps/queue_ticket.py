"""Step kind "queue_ticket": the ticket is got, printed once, and shown.

From the central's queue, else numbered by this kiosk (`kiosk.queueing.desk`);
an appointment is first checked in with the citizen's identity document (read
on the reader; a card left from before is not read). The ticket prints on the
receipt printer through the print journal: a ticket that did not come out may
be tried again, one that may have come out is left to staff. The screen shows
the number, the window group, who waits before the citizen and for how long,
and "过号请重新取号".
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.queueing.ticket import QueueTicket
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
from kiosk.steps.plan import QUEUE_TICKET
from kiosk.workflow import events as ev
from kiosk.workflow.states import TakingTicket

READ_PROBLEMS = frozenset(
    {
        "no_document",
        "removed",
        "unreadable",
        "timeout",
        "access_denied",
        "already_read",
        "no_reader",
        "key_needed",
        "card_from_before",
    }
)
"""Why the appointment's document was not read yet: the kiosk keeps waiting for it."""
PRINT_OUTCOMES = frozenset({"printed", "failed", "unconfirmed"})
ENDED = frozenset({"printed", "failed", "unconfirmed", "refused"})


def rules(state: TakingTicket, event: ev.Event, _: StepContext) -> TakingTicket | Move:
    waiting = state.phase in ("reading", "issuing")
    match event:
        case ev.QueueTicketIssued(ticket=QueueTicket() as ticket) if waiting:
            return replace(state, phase="printing", ticket=ticket, problem=None)
        case ev.QueueTicketNotIssued(reason=reason) if state.phase == "reading" and (
            reason in READ_PROBLEMS
        ):
            return replace(state, problem=reason)
        case ev.QueueTicketNotIssued(reason=reason) if waiting:
            return replace(state, phase="refused", problem=reason)
        case ev.QueueTicketPrinted(reference=reference, outcome=outcome, detail=detail) if (
            state.phase == "printing"
            and outcome in PRINT_OUTCOMES
            and reference == _reference(state)
        ):
            return replace(state, phase=outcome, detail=detail)
        case ev.ReprintPressed() if state.phase == "failed":
            return replace(state, phase="printing", detail="")
        case ev.QueueModeChosen(mode="ordinary") if state.phase == "refused":
            return TakingTicket(state.service, "ordinary")  # no appointment: an ordinary one
        case ev.BackPressed() if state.phase in ("reading", "refused"):
            return Retreat()
        case ev.DonePressed() if state.phase in ENDED:
            return Finish()
    return state


def effects(ports: StepPorts, old: Any, new: TakingTicket) -> None:
    before = old.phase if isinstance(old, TakingTicket) else None
    if new.phase == "issuing" and before != "issuing":
        ports.issue_queue_ticket(new)
    elif new.phase == "reading" and before != "reading":
        ports.check_in_appointment()
    elif new.phase == "reading" and new.problem and old is not new:
        ports.check_in_again_later()  # a new answer from the reader: look again soon
    elif new.phase == "printing" and before != "printing":
        ports.print_queue_ticket(new, retry=before == "failed")


def _reference(state: TakingTicket) -> str | None:
    return state.ticket.reference if isinstance(state.ticket, QueueTicket) else None


def _enter(service: str, _: StepRef, carry: tuple[Any, ...]) -> TakingTicket:
    mode = str(carry[0]) if carry else "ordinary"
    return TakingTicket(service, mode, "reading" if mode == "appointment" else "issuing")


KIND = register(
    StepKind(
        name=QUEUE_TICKET,
        state_type=TakingTicket,
        enter=_enter,
        rules=rules,
        ref=lambda _: StepRef(QUEUE_TICKET),
        effects=effects,
        complaint=lambda state: state.phase in ENDED,
        citizen_done=lambda state: state.phase in ENDED,  # walking away ends it then
    )
)
