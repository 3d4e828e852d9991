"""Adding or changing one person: read their identity document, or type their details.

The top panel says what the reader is doing for this person (waiting for their
card, reading, read, or why not); below it, the person's entries (name, document
type and number, and what else the catalogue asks of each person, such as a
shareholder's subscribed amount). A person whose document was read here has
their name, document type and number locked; one typed by hand is verified by
staff at the registration authority, and the panel says so.
"""

from __future__ import annotations

from msgspec.structs import replace as struct_replace
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.forms.engine import FormSession
from kiosk.forms.paths import parse_path
from kiosk.forms.person import person_fields, shown_keys
from kiosk.steps.person import same_as_candidates
from kiosk.workflow.states import EditingPerson
from screens.fields.field_editor import FieldEditor
from screens.messages import read_problem
from screens.scrolling_page import ScrollingPage
from screens.widgets import BigButton, label, set_label

#: What a document read here fills, and so locks.
_FROM_DOCUMENT = frozenset({"name", "document_type", "id_number"})


class PersonEditorScreen(ScrollingPage):
    value_edited = Signal(str, str)
    json_edited = Signal(str, object)
    read_card = Signal()
    copy_from = Signal(str)
    """The path of a person already given whom this one is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editors: dict[str, FieldEditor] = {}
        self._built_for: tuple[str, str, int, bool, int] | None = None
        self._path = ""
        self._form: FormSession | None = None

    def show_state(
        self, state: EditingPerson, form: FormSession, service_title: str, language: str
    ) -> None:
        spec = form.field_at(state.path)
        identified = state.identified or form.is_identified(form.json_value(state.path))
        key = (state.path, language, id(form), identified, state.copies)
        if key != self._built_for:
            self._build(state.path, form, language, identified)
            self._built_for = key
        self.identity.hide()
        set_label(self._service, service_title)
        steps = parse_path(state.path)
        title = spec.label.get(language)
        if len(steps) > 1:
            title += " · " + self.tr("person %1").replace("%1", str(int(steps[1]) + 1))
        set_label(self._title, title)
        set_label(self._intro, self._reader_words(state, identified))
        self._card.setVisible(not identified and not (state.by_card and not state.problem))
        self._card.set_text(self.tr("Read their ID card"))
        self.show_field_problems(self._editors, state.problems, language)
        self._back.set_text(self.tr("Cancel"))
        self._forward.set_text(self.tr("Done"))

    def _reader_words(self, state: EditingPerson, identified: bool) -> str:
        if identified:
            return self.tr("✓ Identified: their document was read here.")
        if state.reading:
            return self.tr("Reading the card… keep it still.")
        if state.problem == "already_listed":
            return self.tr(
                "This card is already in the list. Take it off the reader and put the next person's card on it."
            )
        if state.problem == "key_needed":
            return self.tr(
                "This document cannot be read here without more details. Please type this person's details below."
            )
        if state.by_card and state.problem not in (None, "no_document"):
            return read_problem(state.problem or "")
        if state.by_card:
            return self.tr("Put this person's identity card on the reader.")
        return self.tr(
            "Read their identity card, or type their details below. Staff at the registration authority check typed details."
        )

    def _build(self, path: str, form: FormSession, language: str, identified: bool) -> None:
        container = QWidget()
        layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 20, 0)
        panel = QFrame()
        panel.setObjectName("panel")
        row = QHBoxLayout(panel)
        self._card = BigButton()
        self._card.clicked.connect(self.read_card)
        row.addWidget(self._card)
        row.addStretch(1)
        layout.addWidget(panel)
        layout.addWidget(self._same_as(path, form))
        self._editors = {}
        for sub in person_fields(form.field_at(path)):
            where = f"{path}.{sub.name}"
            locked = identified and sub.name in _FROM_DOCUMENT
            editor = FieldEditor(struct_replace(sub, name=where), form, locked, language)
            editor.edited.connect(self.value_edited)
            editor.json_edited.connect(self.json_edited)
            # After the workflow has the value (slots run in the order connected).
            editor.edited.connect(self._show_asked)
            editor.json_edited.connect(self._show_asked)
            layout.addWidget(editor)
            self._editors[where] = editor
        layout.addStretch(1)
        self.set_body(container)
        self._path, self._form = path, form
        self._show_asked()

    def _same_as(self, path: str, form: FormSession) -> QWidget:
        """Buttons for the persons already given: the legal representative is often the
        first shareholder, and nobody should type a person twice."""
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        candidates = same_as_candidates(form, path)
        caption = label()
        set_label(caption, self.tr("Or choose someone already given:") if candidates else "")
        grid.addWidget(caption, 0, 0, 1, 3)
        for index, (source, person) in enumerate(candidates[:9]):
            button = BigButton("secondary")
            button.set_text(str(person.get("name")))
            button.setAccessibleName(self.tr("Same as %1").replace("%1", str(person.get("name"))))
            button.clicked.connect(lambda _=False, where=source: self.copy_from.emit(where))
            grid.addWidget(button, 1 + index // 3, index % 3)
        box.setVisible(bool(candidates))
        return box

    def _show_asked(self, *_: object) -> None:
        """Entries whose ``visible_if`` does not hold for this person are hidden."""
        if self._form is None:
            return
        person = self._form.json_value(self._path)
        spec = self._form.field_at(self._path)
        shown = shown_keys(spec, person if isinstance(person, dict) else {})
        for where, editor in self._editors.items():
            editor.setVisible(where.rsplit(".", 1)[-1] in shown)

    def clear(self) -> None:
        self._form = None
        super().clear()
        self._editors = {}
        self._built_for = None

    def editor(self, name: str) -> FieldEditor:
        """The row of entry ``name`` of the person (``name``, ``id_number`` …)."""
        return next(e for path, e in self._editors.items() if path.endswith(f".{name}"))

    @property
    def card_button(self) -> BigButton:
        return self._card
