"""Step kind "person": add or change one person of a form page, by their document or typed.

Opened from a form page holding a ``person`` or ``people`` field, it edits the
person in place (at ``shareholders[2]``, ``legal_representative``) and goes back to
that page when done. Reading the person's identity document on the reader fills
their name, document type and number and marks them identified; a person typed
by hand is left for the central's real-name verification. "Done" checks the
person (validators, ``min_age``, the same person twice); "cancel" goes back and
the workflow puts the person back as they were (`kiosk.workflow.person_editing`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.forms.engine import FormSession
from kiosk.forms.identified import person_from_document
from kiosk.forms.kinds import register_field_type
from kiosk.steps.kinds import (
    GoTo,
    Move,
    StepContext,
    StepKind,
    StepPorts,
    StepRef,
    register,
)
from kiosk.steps.plan import FORM_PAGE, PERSON, page_ref
from kiosk.workflow import events as ev
from kiosk.workflow.states import EditingPerson, Filling

# Reading the same document again cannot help: the citizen types the details.
_NOT_RETRIED = frozenset({"not_genuine", "key_needed"})


def open_editor(
    state: Filling, event: ev.PersonEditRequested, form: FormSession
) -> EditingPerson | Filling:
    """The editor for the person a form page's "add" or "change" asked for."""
    try:
        spec = form.schema.field(event.field)
    except KeyError:
        return state
    current = form.json_value(event.field)
    if spec.type == "people":
        count = len(current) if isinstance(current, list) else 0
        is_new = event.index is None or event.index >= count
        if is_new and spec.max_items is not None and count >= spec.max_items:
            return state  # the list is full; the page says so
        path = f"{event.field}[{count if is_new else event.index}]"
    elif spec.type == "person":
        path, is_new = event.field, not current
    else:
        return state
    return EditingPerson(state.service, state.page, path, is_new=is_new, by_card=event.by_card)


def rules(state: EditingPerson, event: ev.Event, context: StepContext) -> EditingPerson | Move:
    form = context.form
    match event:
        case ev.PersonCardRequested():
            return replace(state, by_card=True, problem=None)
        case ev.ReadRequested() if state.by_card:
            return replace(state, reading=True)
        case ev.PersonDocumentRead(document=document):
            if form is not None and _listed_elsewhere(form, state.path, document):
                return replace(state, reading=False, problem="already_listed")
            return replace(
                state, reading=False, by_card=False, identified=True, problem=None, problems=()
            )
        case ev.DocumentNotRead(outcome=outcome) if state.by_card:
            return replace(state, reading=False, problem=outcome)
        case ev.PersonCopied(source=source) if form is not None and source != state.path:
            return replace(state, by_card=False, problem=None, problems=(), copies=state.copies + 1)
        case ev.NextPressed() if form is not None:
            problems = form.person_problems(state.path)
            if problems:
                return replace(state, problems=problems)
            return _back_to_page(state, context)
        case ev.BackPressed():
            return _back_to_page(state, context)
    return state


def same_as_candidates(form: FormSession, path: str) -> list[tuple[str, dict[str, Any]]]:
    """The persons already given elsewhere in the form that this one could be: each
    once, and none already in the list being edited."""
    field = path.split("[", 1)[0]
    in_list = {
        (p.get("document_type"), p.get("id_number"))
        for other, p in form.persons()
        if other.startswith(f"{field}[")
    }
    seen: set[tuple[Any, Any]] = set()
    found = []
    for other, person in form.persons():
        key = (person.get("document_type"), person.get("id_number"))
        if other == path or not person.get("name") or key in seen or key in in_list:
            continue
        seen.add(key)
        found.append((other, person))
    return found


def _back_to_page(state: EditingPerson, context: StepContext) -> EditingPerson | Move:
    if not context.plan:
        return state
    return GoTo(page_ref(context.plan, state.page))


def _listed_elsewhere(form: FormSession, path: str, document: Any) -> bool:
    """The document read is a person the same list already holds (another row)."""
    person = person_from_document(document)
    key = (person["document_type"], person["id_number"])
    field = path.split("[", 1)[0]
    for other_path, other in form.persons():
        if not other_path.startswith(f"{field}[") or other_path == path:
            continue
        if (other.get("document_type"), str(other.get("id_number", "")).upper()) == key:
            return True
    return False


def effects(ports: StepPorts, old: Any, new: EditingPerson) -> None:
    if new.reading or not new.by_card:
        return
    started = not isinstance(old, EditingPerson) or not old.by_card
    if started:
        ports.read_person_document()
    elif isinstance(old, EditingPerson) and old.reading and new.problem not in _NOT_RETRIED:
        # No card yet, a card pulled, or one already listed: look again shortly.
        ports.read_person_again_later()


def _enter(service: str, ref: StepRef, carry: tuple[Any, ...]) -> EditingPerson:
    path = str(carry[0]) if carry else ""
    return EditingPerson(service, ref.page, path)


for _type in ("person", "people"):
    register_field_type(_type)  # the editor reads or takes each person; the page lists them

KIND = register(
    StepKind(
        name=PERSON,
        state_type=EditingPerson,
        enter=_enter,
        rules=rules,
        # The editor stands at its page: what follows it is what follows the page.
        ref=lambda state: StepRef(FORM_PAGE, state.page),
        effects=effects,
    )
)
