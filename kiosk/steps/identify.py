"""Step kind "identify": read the citizen's identity document (card, or passport with its key).

The reader's answers arrive as events; a passport chip that needs the MRZ key
asks for it (typed or scanned), and a key the chip refuses is asked again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from devices.emrtd.mrz import MrzKey
from kiosk.forms.validation import FieldProblem
from kiosk.mrz_entry import key_from_entry, key_from_scan
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
from kiosk.steps.plan import IDENTIFY, TYPED_IDENTITY
from kiosk.workflow import events as ev
from kiosk.workflow.states import IdentityCheck


def rules(state: IdentityCheck, event: ev.Event, context: StepContext) -> IdentityCheck | Move:
    service = state.service
    match event:
        case ev.ReadRequested():
            return replace(state, reading=True)
        case ev.DocumentRead():
            return Advance()
        case ev.DocumentNotRead(outcome="key_needed"):
            return IdentityCheck(service, needs_key=True)
        case ev.DocumentNotRead(outcome="access_denied") if state.with_key:
            # The chip refused the key: most likely a mistyped number or date.
            return IdentityCheck(service, needs_key=True, problem="access_denied")
        case ev.DocumentNotRead(outcome="no_document") if state.problem == "removed":
            # The card pulled mid-read is not back yet: keep saying so.
            return replace(state, reading=False)
        case ev.DocumentNotRead(outcome=outcome):
            return IdentityCheck(service, problem=outcome, with_key=state.with_key)
        case ev.MrzKeyTyped() | ev.MrzScanned() if state.needs_key:
            key = key_from_event(event)
            if isinstance(key, MrzKey):
                return IdentityCheck(service, with_key=True)
            if isinstance(event, ev.MrzScanned):
                return IdentityCheck(service, needs_key=True, problem="mrz_unreadable")
            return IdentityCheck(service, needs_key=True, key_problems=key)
        case ev.NoDocumentPressed() if takes_typed_identity(context.plan):
            return Advance()  # the next step asks for the identity number instead
        case ev.BackPressed():
            return Retreat()
    return state


def takes_typed_identity(plan: tuple[StepRef, ...]) -> bool:
    """Whether the step after identify in ``plan`` takes a typed identity number from a
    citizen without their document (a status lookup does; an application does not)."""
    kinds = [ref.kind for ref in plan]
    here = kinds.index(IDENTIFY) if IDENTIFY in kinds else len(kinds)
    return here + 1 < len(kinds) and kinds[here + 1] in TYPED_IDENTITY


# Reading again cannot help: a forged or altered document stays so.
_NOT_RETRIED = frozenset({"not_genuine"})


def effects(ports: StepPorts, old: Any, new: IdentityCheck) -> None:
    if new.reading:
        return
    arrived = not isinstance(old, IdentityCheck)
    key_accepted = isinstance(old, IdentityCheck) and old.needs_key and new.with_key
    if arrived or key_accepted:
        ports.read_document()
    elif not new.needs_key and new.problem and new.problem not in _NOT_RETRIED:
        ports.read_again_later()


def key_from_event(event: ev.MrzKeyTyped | ev.MrzScanned) -> MrzKey | tuple[FieldProblem, ...]:
    """The MRZ key a typed or scanned event carries, or what is wrong with it."""
    if isinstance(event, ev.MrzScanned):
        return key_from_scan(event.text) or ()
    return key_from_entry(event.document_number, event.birth_date, event.expiry_date)


def _enter(service: str, _: StepRef, __: tuple[Any, ...]) -> IdentityCheck:
    return IdentityCheck(service)


KIND = register(
    StepKind(
        name=IDENTIFY,
        state_type=IdentityCheck,
        enter=_enter,
        rules=rules,
        ref=lambda _: StepRef(IDENTIFY),
        effects=effects,
        back_stop=True,
    )
)
