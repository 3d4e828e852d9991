"""A field's label, its control (by type, from `screens.fields.controls`), a note and its
problem: one row of a form page or of the person editor."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from kiosk.catalogue import Field
from kiosk.forms.engine import FormSession
from screens.fields.controls import build_control
from screens.widgets import label, set_label


class FieldEditor(QWidget):
    """A field's label, its control (by type, from `screens.fields.controls`), a note and
    its problem."""

    edited = Signal(str, str)
    json_edited = Signal(str, object)
    person_requested = Signal(str, object)
    people_changed = Signal(str, object)

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
        # Owned by this editor, so that it goes with it: a parentless QObject whose
        # connections hold lambdas over the editor would keep both alive for ever (a
        # cycle through PySide's connection table, which the garbage collector cannot
        # see: bench/bench_startup.py measured 0.4 MB a session).
        self.control.signals.setParent(self)
        self.control.signals.text.connect(lambda text: self.edited.emit(spec.name, text))
        self.control.signals.json.connect(lambda value: self.json_edited.emit(spec.name, value))
        self.control.signals.person.connect(
            lambda request: self.person_requested.emit(spec.name, request)
        )
        self.control.signals.people.connect(lambda op: self.people_changed.emit(spec.name, op))
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

    def refresh(self) -> None:
        """Draw the value again from the form, where the control can change elsewhere."""
        if self.control.refresh is not None:
            self.control.refresh()
