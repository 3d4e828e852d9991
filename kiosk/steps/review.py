"""Step kind "review": every answer on one screen; change a page, or submit.

Submitting re-checks the whole form: a problem anywhere sends the citizen to
the first page that has one, with its problems named.
"""

from __future__ import annotations

from typing import Any

from kiosk.steps.kinds import Advance, GoTo, Move, Retreat, StepContext, StepKind, StepRef, register
from kiosk.steps.plan import REVIEW, page_ref
from kiosk.workflow import events as ev
from kiosk.workflow.states import Reviewing


def rules(state: Reviewing, event: ev.Event, context: StepContext) -> Reviewing | Move:
    form = context.form
    if form is None:
        return state
    match event:
        case ev.BackPressed():
            return Retreat()
        case ev.EditRequested(page=page) if 0 <= page < len(form.pages):
            return GoTo(page_ref(context.plan, page))
        case ev.SubmitPressed():
            first = form.first_page_with_problems()
            if first is not None:
                return GoTo(page_ref(context.plan, first), form.page_problems(first))
            return Advance()
    return state


def _enter(service: str, _: StepRef, carry: tuple[Any, ...]) -> Reviewing:
    # Back from a store that failed, the reason comes along.
    return Reviewing(service, problem=str(carry[0]) if carry else None)


KIND = register(
    StepKind(
        name=REVIEW,
        state_type=Reviewing,
        enter=_enter,
        rules=rules,
        ref=lambda _: StepRef(REVIEW),
    )
)
