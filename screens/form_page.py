"""One page of a catalogue form: a labelled editor per field, with inline problems.

The editors are built from the catalogue's field list; typing reports each value
to the workflow (which normalises and keeps it). Problems come back in the
state and are shown under their field, in plain words, with an example.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

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
from kiosk.forms.validation import FieldProblem
from kiosk.permits import LINK
from kiosk.workflow.states import Filling
from screens.fields.field_editor import FieldEditor
from screens.in_turns import InTurns
from screens.scrolling_page import ScrollingPage, done_typing
from screens.widgets import set_label


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
        self._turns = InTurns(after_turn=self._after_turn, parent=self)
        self._waiting: dict[str, tuple[Field, QWidget]] = {}
        """Fields hidden by their ``visible_if``: built when they first appear."""
        self._coming: set[str] = set()
        """Waiting fields that now appear: queued, to be built in the next turns."""
        self._problems: tuple[FieldProblem, ...] = ()
        self._layout: QVBoxLayout | None = None
        self._built_for: tuple[str, int, str, int] | None = None
        self._form: FormSession | None = None
        self._language = "zh"
        self._document_type: str | None = None

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
        """Build the page's editors, a turn of the event loop at a time (`InTurns`)."""
        container = QWidget()
        layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 20, 0)
        layout.addStretch(1)
        self._editors = {}
        self._waiting = {}
        self._coming = set()
        self._layout = layout
        self._form = form
        self._language, self._document_type = language, document_type
        self.set_body(container)
        self._turns.start(
            partial(self._build_one, section, spec, index == 0)
            for section in sections
            for index, spec in enumerate(section.fields or (None,))
        )

    def _build_one(self, section: Section, spec: Field | None, first: bool) -> None:
        """A section's heading (before its first field) and a field's editor."""
        form, layout = self._form, self._layout
        assert form is not None
        assert layout is not None
        if first:
            title = section.title.get(self._language)
            heading = QLabel(title, layout.parentWidget())
            heading.setObjectName("subtitle")
            heading.setAccessibleName(title)
            layout.insertWidget(layout.count() - 1, heading)
            heading.show()  # now: the page may be read before the event loop turns
        if spec is None:
            return
        if not form.visible(spec.name):
            # Its place is kept: an empty stand-in, for the editor it may need later.
            stand_in = QWidget()
            stand_in.hide()
            layout.insertWidget(layout.count() - 1, stand_in)
            self._waiting[spec.name] = (spec, stand_in)
            return
        self._add_editor(spec, layout.count() - 1)

    def _after_turn(self) -> None:
        self._show_visible_fields()
        if self._turns.done and self._problems:
            # Problems shown before the last editors existed: shown under them now.
            self.show_field_problems(self._editors, self._problems, self._language)

    def _add_editor(self, spec: Field, position: int) -> FieldEditor:
        form, layout = self._form, self._layout
        assert form is not None
        assert layout is not None
        locked = form.is_locked(spec)
        editor = FieldEditor(spec, form, locked, self._language)
        set_label(editor.note, self._note(spec, locked, self._document_type))
        editor.edited.connect(self.value_edited)
        editor.json_edited.connect(self.json_edited)
        editor.person_requested.connect(self.person_requested)
        editor.people_changed.connect(self.people_changed)
        editor.edited.connect(self._show_visible_fields)
        editor.json_edited.connect(self._show_visible_fields)
        if isinstance(editor.editor, QLineEdit):
            editor.editor.returnPressed.connect(lambda name=spec.name: self._enter_pressed(name))
        layout.insertWidget(position, editor)
        # Shown (or kept hidden) now, not when the layout gets round to it: the page may
        # be asked about it before the event loop turns (`_field`).
        editor.setVisible(form.visible(spec.name))
        self._editors[spec.name] = editor
        return editor

    def _build_waiting(self, name: str) -> None:
        """The editor of a field that was hidden, in the place kept for it."""
        spec, stand_in = self._waiting.pop(name)
        layout = self._layout
        assert layout is not None
        position = layout.indexOf(stand_in)
        layout.removeWidget(stand_in)
        stand_in.deleteLater()
        self._add_editor(spec, position)
        # The editors in the page's reading order, not the order they were built in.
        order = sorted(self._editors, key=lambda n: layout.indexOf(self._editors[n]))
        self._editors = {n: self._editors[n] for n in order}

    @property
    def complete(self) -> bool:
        """True once every editor of the page is built (a long page takes a few turns)."""
        return self._turns.done

    def _show_visible_fields(self, *_: object) -> None:
        """Fields whose ``visible_if`` does not hold are hidden (and not sent)."""
        form = self._form
        if form is None:
            return
        appearing = [n for n in self._waiting if form.visible(n) and n not in self._coming]
        # A turn each, like the page itself: "by post" brings four fields, one of them
        # a district picker, and made at once they held the tap up for 100 ms.
        self._coming.update(appearing)
        self._turns.add(partial(self._build_appearing, name) for name in appearing)
        for name, editor in self._editors.items():
            editor.setVisible(form.visible(name))

    def _build_appearing(self, name: str) -> None:
        self._coming.discard(name)
        form = self._form
        if name in self._waiting and form is not None and form.visible(name):
            self._build_waiting(name)

    def _enter_pressed(self, name: str) -> None:
        """Enter on a one-line field goes on to the page's next box to type in, as on a
        phone; after the last one the typing is done (the keyboard goes)."""
        names = list(self._editors)
        for following in names[names.index(name) + 1 :]:
            box = self._editors[following].editor
            if (
                box is not None
                and box.isVisibleTo(self)
                and box.isEnabled()
                and not box.isReadOnly()
            ):
                box.setFocus()
                return
        done_typing()

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
        self._turns.stop()
        self._editors = {}
        self._waiting = {}
        self._coming = set()
        self._problems = ()
        self._layout = None
        self._built_for = None
        self._form = None

    def editor(self, name: str) -> QLineEdit | QPlainTextEdit:
        """The text box of field ``name`` (tests and the virtual keyboard use it)."""
        editor = self._field(name).editor
        assert editor is not None, f"{name} has no text box"
        return editor

    def control(self, name: str) -> QWidget:
        """The control of field ``name``, whatever its type."""
        return self._field(name).control.widget

    def _field(self, name: str) -> FieldEditor:
        """Field ``name``'s editor, built now if the page has not got to it yet."""
        if name not in self._editors:
            self._turns.finish()
        if name in self._waiting:
            self._build_waiting(name)
        return self._editors[name]
