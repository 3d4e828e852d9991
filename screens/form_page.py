"""One page of a catalogue form: a labelled editor per field, with inline problems.

The editors are built from the catalogue's field list; typing reports each value
to the workflow (which normalises and keeps it). Problems come back in the
state and are shown under their field, in plain words, with an example.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalogue import Field, Section
from kiosk.forms.engine import FormSession
from kiosk.workflow.states import Filling
from screens.fields.controls import build_control
from screens.messages import field_problem
from screens.scrolling_page import ScrollingPage
from screens.widgets import label, set_label


class _FieldEditor(QWidget):
    """A field's label, its control (by type, from `screens.fields.controls`), a note and
    its problem."""

    edited = Signal(str, str)
    json_edited = Signal(str, object)

    def __init__(self, spec: Field, form: FormSession, locked: bool, language: str) -> None:
        super().__init__()
        self.spec = spec
        self.language = language
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        title = spec.label.get(language) + (" *" if spec.required else "")
        self.title = label()
        set_label(self.title, title)
        self.control = build_control(spec, form, language, locked)
        self.control.signals.text.connect(lambda text: self.edited.emit(spec.name, text))
        self.control.signals.json.connect(lambda value: self.json_edited.emit(spec.name, value))
        self.editor = self.control.editor
        widget = self.control.widget
        if isinstance(self.editor, QLineEdit | QPlainTextEdit):
            self.editor.setPlaceholderText(self._example_text())
        widget.setObjectName(f"field_{spec.name}")
        widget.setAccessibleName(spec.label.get(language))
        if self.editor is not None:
            self.editor.setObjectName(f"field_{spec.name}")
            self.editor.setAccessibleName(spec.label.get(language))
            self.title.setBuddy(self.editor)
        self.note = label("hint")
        self.problem = label("error")
        layout.addWidget(self.title)
        layout.addWidget(widget)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        set_label(self.problem, "")
        set_label(self.note, "")

    def _example_text(self) -> str:
        return (
            self.tr("For example: %1").replace("%1", self.spec.example) if self.spec.example else ""
        )

    def show_problem(self, text: str) -> None:
        set_label(self.problem, text)
        target = self.editor or self.control.widget
        target.setProperty("invalid", bool(text))
        target.setAccessibleDescription(text)
        target.style().unpolish(target)
        target.style().polish(target)

    def focus(self) -> None:
        (self.editor or self.control.widget).setFocus()


class FormPageScreen(ScrollingPage):
    value_edited = Signal(str, str)
    json_edited = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editors: dict[str, _FieldEditor] = {}
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
        problems = {p.field: p for p in state.problems}
        for name, editor in self._editors.items():
            problem = problems.get(name)
            editor.show_problem(
                field_problem(problem, editor.spec.label.get(language)) if problem else ""
            )
        set_label(
            self._problem,
            self.tr("Please correct the %1 entries marked in red.").replace(
                "%1", str(len(problems))
            )
            if problems
            else "",
        )
        if state.problems:
            first = self._editors.get(state.problems[0].field)
            if first is not None:
                first.focus()
                self._scroll.ensureWidgetVisible(first)
        forward = {
            "review": self.tr("Check my answers"),
            "name_check": self.tr("Check the name"),
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
        container = QWidget()
        layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 20, 0)
        self._editors = {}
        for section in sections:
            heading = QLabel(section.title.get(language))
            heading.setObjectName("subtitle")
            heading.setAccessibleName(section.title.get(language))
            layout.addWidget(heading)
            for spec in section.fields:
                locked = form.is_locked(spec)
                editor = _FieldEditor(spec, form, locked, language)
                set_label(editor.note, self._note(spec, locked, document_type))
                editor.edited.connect(self.value_edited)
                editor.json_edited.connect(self.json_edited)
                editor.edited.connect(self._show_visible_fields)
                editor.json_edited.connect(self._show_visible_fields)
                layout.addWidget(editor)
                self._editors[spec.name] = editor
        layout.addStretch(1)
        self._scroll.setWidget(container)
        self._form = form
        self._show_visible_fields()

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
