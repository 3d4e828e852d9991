"""One page of a catalogue form: a labelled editor per field, with inline problems.

The editors are built from the catalogue's field list; typing reports each value
to the workflow (which normalises and keeps it). Problems come back in the
state and are shown under their field, in plain words, with an example.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalogue import Field, Section
from kiosk.forms.engine import FormSession
from kiosk.forms.validation import FieldProblem
from kiosk.permits import LINK
from kiosk.workflow.states import Filling
from screens.fields.field_editor import FieldEditor
from screens.scrolling_page import ScrollingPage
from screens.widgets import set_label

#: A page of up to this many fields is built at once (every page of an ordinary form);
#: a longer one `FIELDS_PER_TURN` at a time, over a few turns of the event loop, so
#: that a page of forty does not stall it (bench/bench_form_stall.py).
FIELDS_AT_ONCE = 12
FIELDS_PER_TURN = 5


class FormPageScreen(ScrollingPage):
    value_edited = Signal(str, str)
    json_edited = Signal(str, object)
    person_requested = Signal(str, object)
    """(field, (index or None, by_card)): open the person editor."""
    people_changed = Signal(str, object)
    """(field, ("remove", i) or ("move", i, j))."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editors: dict[str, FieldEditor] = {}
        self._pending: list[tuple[Section, Field | None, bool]] = []
        self._problems: tuple[FieldProblem, ...] = ()
        self._batch = FIELDS_AT_ONCE
        self._generation = 0
        self._layout: QVBoxLayout | None = None
        self._built_for: tuple[str, int, str, int] | None = None
        self._form: FormSession | None = None

    def show_state(
        self,
        state: Filling,
        form: FormSession,
        service_title: str,
        language: str,
        document_type: str | None = None,
        next_step: str | None = "form_page",
        resumed_at: datetime | None = None,
    ) -> None:
        """Draw page ``state.page``; ``document_type`` is the identity document's, if read;
        ``next_step`` the kind of step that follows (it names the forward button)."""
        key = (state.service, state.page, language, id(form))
        page = form.pages[state.page]
        if key != self._built_for:
            self._build(page.sections, form, language, document_type)
            self._built_for = key
        else:
            for editor in self._editors.values():
                editor.refresh()  # persons change in their editor, off this page
        set_label(self._service, service_title)
        set_label(self._title, page.title.get(language))
        intro = (
            self.tr("Step %1 of %2. Fields marked * must be filled in.")
            .replace("%1", str(state.page + 1))
            .replace("%2", str(len(form.pages)))
        )
        if resumed_at is not None:
            intro += "\n" + self.tr(
                "Your answers from %1 were kept for you. Please check them."
            ).replace("%1", resumed_at.strftime("%Y-%m-%d %H:%M"))
        set_label(self._intro, intro)
        self._problems = state.problems
        self.show_field_problems(self._editors, state.problems, language)
        forward = {
            "review": self.tr("Check my answers"),
            "name_check": self.tr("Check the name"),
            "feedback_sent": self.tr("Send my rating"),
            "licence_print": self.tr("Print my licence"),
        }
        self._forward.set_text(forward.get(next_step or "", self.tr("Next")))
        self._back.set_text(self.tr("Back"))

    def _build(
        self,
        sections: tuple[Section, ...],
        form: FormSession,
        language: str,
        document_type: str | None,
    ) -> None:
        """Build the page's editors: all at once for an ordinary page, a long one a few
        per turn of the event loop (it must not stall the UI thread)."""
        container = QWidget()
        layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 20, 0)
        layout.addStretch(1)
        self._editors = {}
        self._layout = layout
        self._form = form
        self._generation += 1
        self._pending = [
            (section, spec, index == 0)
            for section in sections
            for index, spec in enumerate(section.fields or (None,))
        ]
        self._scroll.setWidget(container)
        self._batch = (
            len(self._pending) if len(self._pending) <= FIELDS_AT_ONCE else FIELDS_PER_TURN
        )
        self._build_more(self._generation, language, document_type)

    def _build_more(self, generation: int, language: str, document_type: str | None) -> None:
        form, layout = self._form, self._layout
        if generation != self._generation or form is None or layout is None:
            return  # the page was cleared or built anew meanwhile
        built = 0
        while self._pending and built < self._batch:
            section, spec, first = self._pending.pop(0)
            if first:
                heading = QLabel(section.title.get(language))
                heading.setObjectName("subtitle")
                heading.setAccessibleName(section.title.get(language))
                layout.insertWidget(layout.count() - 1, heading)
            if spec is None:
                continue
            locked = form.is_locked(spec)
            editor = FieldEditor(spec, form, locked, language)
            set_label(editor.note, self._note(spec, locked, document_type))
            editor.edited.connect(self.value_edited)
            editor.json_edited.connect(self.json_edited)
            editor.person_requested.connect(self.person_requested)
            editor.people_changed.connect(self.people_changed)
            editor.edited.connect(self._show_visible_fields)
            editor.json_edited.connect(self._show_visible_fields)
            layout.insertWidget(layout.count() - 1, editor)
            self._editors[spec.name] = editor
            built += 1
        self._show_visible_fields()
        if self._pending:
            QTimer.singleShot(0, lambda: self._build_more(generation, language, document_type))
        elif self._problems:
            # Problems shown before the last editors existed: shown under them now.
            self.show_field_problems(self._editors, self._problems, language)

    @property
    def complete(self) -> bool:
        """True once every editor of the page is built (a long page takes a few turns)."""
        return not self._pending

    def _show_visible_fields(self, *_: object) -> None:
        """Fields whose ``visible_if`` does not hold are hidden (and not sent)."""
        form = self._form
        if form is None:
            return
        for name, editor in self._editors.items():
            editor.setVisible(form.visible(name))

    def _note(self, spec: Field, locked: bool, document_type: str | None) -> str:
        """Where a value came from, or why a document could not give it."""
        from_card = document_type in (None, "cn_resident_id")
        if locked and spec.prefill == LINK:
            return self.tr("Filled in from the application you have just submitted.")
        if locked:
            return (
                self.tr("Read from your identity card.")
                if from_card
                else self.tr("Read from your passport or travel permit.")
            )
        if spec.prefill == "id_number" and not from_card:
            # A foreign passport carries no Chinese identity number: say so plainly
            # instead of asking for something the citizen may not have.
            return (
                self.tr(
                    "Your document does not show a Chinese identity number. This service needs one: if you have one, type it here; if not, please ask a member of staff."
                )
                if spec.required
                else self.tr(
                    "Your document does not show a Chinese identity number. If you have none, leave this empty."
                )
            )
        return ""

    def clear(self) -> None:
        # A new citizen's form must be built anew, even if its session object
        # happens to get the old one's id().
        super().clear()
        self._editors = {}
        self._pending = []
        self._problems = ()
        self._generation += 1
        self._layout = None
        self._built_for = None
        self._form = None

    def editor(self, name: str) -> QLineEdit | QPlainTextEdit:
        """The text box of field ``name`` (tests and the virtual keyboard use it)."""
        editor = self._editors[name].editor
        assert editor is not None, f"{name} has no text box"
        return editor

    def control(self, name: str) -> QWidget:
        """The control of field ``name``, whatever its type."""
        return self._editors[name].control.widget
