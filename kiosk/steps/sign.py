"""Step kind "sign": a commitment read to its end, then signed by hand.

A form page holding a ``signature`` field becomes this step: its sections'
statements are shown in full, the citizen scrolls to their end (the screen
reports it), then signs on the pad; "next" is refused until both are done. The
signature itself is a PNG attachment the form keeps (``set_attachment``), of the
field's ``attachment_kind``, sent with the application and wiped with the form.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.forms.validation import FieldProblem
from kiosk.steps.kinds import Advance, Move, Retreat, StepContext, StepKind, StepRef, register
from kiosk.steps.plan import SIGN
from kiosk.workflow import events as ev
from kiosk.workflow.states import Signing


def rules(state: Signing, event: ev.Event, context: StepContext) -> Signing | Move:
    form = context.form
    match event:
        case ev.StatementRead():
            return replace(state, statement_read=True, problems=())
        case ev.NextPressed() if form is not None:
            problems: list[FieldProblem] = []
            if not state.statement_read:
                problems.append(FieldProblem("statement", "statement_not_read"))
            problems += form.page_problems(state.page)
            if problems:
                return replace(state, problems=tuple(problems))
            return Advance()
        case ev.BackPressed():
            return Retreat()
    return state


def _enter(service: str, ref: StepRef, problems: tuple[Any, ...]) -> Signing:
    return Signing(service, ref.page, problems=problems)


KIND = register(
    StepKind(
        name=SIGN,
        state_type=Signing,
        enter=_enter,
        rules=rules,
        ref=lambda state: StepRef(SIGN, state.page),
    )
)
