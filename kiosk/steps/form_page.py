"""Step kind "form_page": one page of the service's catalogue form.

"Next" checks the page and names its problems, or moves on; the last page's
"next" leads to whatever the plan puts after it (the review). "Add" or "change"
on a person opens the person editor (`kiosk.steps.person`) for that person.
"""

from __future__ import annotations

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
from kiosk.steps.person import open_editor
from kiosk.steps.plan import FORM_PAGE
from kiosk.workflow import events as ev
from kiosk.workflow.states import EditingPerson, Filling


def rules(state: Filling, event: ev.Event, context: StepContext) -> Filling | EditingPerson | Move:
    form = context.form
    if form is None:
        return state
    match event:
        case ev.NextPressed():
            problems = form.page_problems(state.page)
            if problems:
                return Filling(state.service, state.page, problems)
            return Advance()
        case ev.BackPressed():
            return Retreat()
        case ev.PersonEditRequested():
            return open_editor(state, event, form)
    return state


def effects(ports: StepPorts, old: Any, new: Filling) -> None:
    # A service that starts with its form (no identity step) gets an empty one; the
    # port keeps a form the service already has.
    if not isinstance(old, Filling):
        ports.start_blank_form(new.service)


def _enter(service: str, ref: StepRef, problems: tuple[Any, ...]) -> Filling:
    # From the review's "submit", the problems of the page it sends the citizen to.
    return Filling(service, ref.page, problems)


KIND = register(
    StepKind(
        name=FORM_PAGE,
        state_type=Filling,
        enter=_enter,
        rules=rules,
        ref=lambda state: StepRef(FORM_PAGE, state.page),
        effects=effects,
    )
)
