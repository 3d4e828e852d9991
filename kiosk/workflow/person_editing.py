"""The form's side of the person editor: the person as they were, filled from their
document, and put back when the citizen cancels.

The step's rules decide (`kiosk.steps.person`); this keeps the form in step with
them: a new person gets their row when the editor opens, a document read fills
their name, document type and number (and marks them identified), and "cancel"
takes a new row out again or restores the person's earlier values.
"""

from __future__ import annotations

from typing import Any

from kiosk.forms.engine import FormSession
from kiosk.forms.identified import person_from_document
from kiosk.forms.paths import parse_path
from kiosk.workflow import events as ev
from kiosk.workflow.states import EditingPerson, State

#: What makes a person the same person elsewhere in the form (not their shares).
_WHO = ("name", "document_type", "id_number", "mobile")


class PersonEdits:
    """What the person editor changes in the form, event by event."""

    def __init__(self) -> None:
        self._before: Any = None

    def after_event(
        self, old: State, new: State, event: ev.Event, form: FormSession | None
    ) -> None:
        if form is None:
            return
        if isinstance(new, EditingPerson) and not isinstance(old, EditingPerson):
            self._open(new, form)
        elif isinstance(new, EditingPerson) and isinstance(event, ev.PersonDocumentRead):
            if new.identified and new.problem is None:
                self._fill(new.path, event, form)
        elif isinstance(new, EditingPerson) and isinstance(event, ev.PersonCopied):
            if isinstance(old, EditingPerson) and new.copies != old.copies:
                self._copy(event.source, new.path, form)
        elif isinstance(old, EditingPerson) and not isinstance(new, EditingPerson):
            if isinstance(event, ev.BackPressed):
                self._put_back(old, form)
            self._before = None

    def _open(self, state: EditingPerson, form: FormSession) -> None:
        self._before = form.json_value(state.path)
        steps = parse_path(state.path)
        if state.is_new and len(steps) > 1:
            form.add_item(str(steps[0]))

    @staticmethod
    def _fill(path: str, event: ev.PersonDocumentRead, form: FormSession) -> None:
        read = person_from_document(event.document)
        person = form.json_value(path)
        person = dict(person) if isinstance(person, dict) else {}
        person.update(read)
        form.set_json(path, person)
        form.mark_identified(read["document_type"], read["id_number"], read["name"])

    @staticmethod
    def _copy(source: str, path: str, form: FormSession) -> None:
        given = form.json_value(source)
        if not isinstance(given, dict):
            return
        person = form.json_value(path)
        person = dict(person) if isinstance(person, dict) else {}
        person.update({k: given[k] for k in _WHO if given.get(k)})
        form.set_json(path, person)

    def _put_back(self, state: EditingPerson, form: FormSession) -> None:
        steps = parse_path(state.path)
        if state.is_new and len(steps) > 1 and isinstance(steps[1], int):
            form.remove_item(str(steps[0]), steps[1])
        else:
            form.set_json(state.path, self._before)
