"""A list of persons (shareholders, directors): add, edit, remove, reorder, and who is
still to be identified.

Each person is a row: the name, the document and its number masked, and
whether the person was identified by reading their document here or is still
to be identified. The list says how many still are ("3 of 5 persons still to
identify") and how many are allowed. The widget only shows and asks: adding by
reading a card or by typing, editing and the rest are signals the step turns
into actions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.documents.receipt_data import mask_id_number
from screens.widgets import BigButton, label, set_label

#: Rows built in one go: a list of fifty appears over a few turns of the event
#: loop instead of stalling it (bench/bench_form_stall.py).
ROWS_PER_TURN = 5


class PeopleList(QWidget):
    add_by_card = Signal()
    add_by_typing = Signal()
    edit = Signal(int)
    remove = Signal(int)
    reorder = Signal(int, int)

    def __init__(
        self,
        *,
        min_items: int | None = None,
        max_items: int | None = None,
        subject: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """``subject``: the field's label, so that each button's name says which list."""
        super().__init__(parent)
        self._subject = subject
        self.min_items, self.max_items = min_items, max_items
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = label("subtitle")
        self._rows = QVBoxLayout()
        self._rows.setSpacing(12)
        self._row_widgets: list[_PersonRow] = []
        self._shown: tuple[list[Mapping[str, Any]], list[bool]] = ([], [])
        add_row = QHBoxLayout()
        self._add_card = BigButton()
        self._add_typed = BigButton("secondary")
        self._add_card.clicked.connect(self.add_by_card)
        self._add_typed.clicked.connect(self.add_by_typing)
        add_row.addWidget(self._add_card)
        add_row.addWidget(self._add_typed)
        add_row.addStretch(1)
        layout.addWidget(self.summary)
        layout.addLayout(self._rows)
        layout.addLayout(add_row)

    def show_people(
        self, people: Sequence[Mapping[str, Any]], identified: Sequence[bool], language: str
    ) -> None:
        """Draw ``people`` (persons as the interface gives them); ``identified[i]`` says
        whether person i's document was read here.

        Rows are kept and only their words change, so that adding the fiftieth
        person builds one row, not fifty (the UI thread must not stall).
        """
        self._shown = (list(people), list(identified))
        while len(self._row_widgets) > len(people):
            self._row_widgets.pop().deleteLater()
        self._draw_rows()
        missing = sum(1 for i in range(len(people)) if i >= len(identified) or not identified[i])
        words = self.tr("%1 persons; %2 still to identify.").replace("%1", str(len(people)))
        words = words.replace("%2", str(missing))
        if self.min_items and len(people) < self.min_items:
            words += " " + self.tr("At least %1 are needed.").replace("%1", str(self.min_items))
        full = self.max_items is not None and len(people) >= self.max_items
        if full:
            words += " " + self.tr("No more can be added.")
        set_label(self.summary, words)
        self._add_card.set_text(self.tr("Add a person: read their ID card"))
        self._add_typed.set_text(self.tr("Add a person: type the details"))
        self._add_card.setEnabled(not full)
        self._add_typed.setEnabled(not full)
        for button in (self._add_card, self._add_typed):
            if self._subject:
                button.setAccessibleName(f"{button.text()} — {self._subject}")

    def _draw_rows(self) -> None:
        """Update the rows there are, and build at most a few more per event-loop turn."""
        people, identified = self._shown
        built = 0
        while len(self._row_widgets) < len(people) and built < ROWS_PER_TURN:
            row = _PersonRow(len(self._row_widgets), self)
            self._rows.addWidget(row)
            self._row_widgets.append(row)
            built += 1
        for index, row in enumerate(self._row_widgets):
            known = index < len(identified) and identified[index]
            row.show_person(people[index], known, len(people))
        if len(self._row_widgets) < len(people):
            QTimer.singleShot(0, self._draw_rows)

    @property
    def complete(self) -> bool:
        """True once every person has its row (a long list is built over a few turns)."""
        return len(self._row_widgets) == len(self._shown[0])

    def row_buttons(self, index: int) -> dict[str, BigButton]:
        """The buttons of row ``index`` by what they do (edit, remove, up, down)."""
        return dict(self._row_widgets[index].buttons)


class _PersonRow(QFrame):
    """One person: name, masked number, identified or not, and the row's four buttons."""

    def __init__(self, index: int, owner: PeopleList) -> None:
        super().__init__()
        self.index = index
        self.setObjectName("panel")
        grid = QGridLayout(self)
        self._name = label("subtitle")
        self._details = label()
        self._status = label()
        grid.addWidget(self._name, 0, 0)
        grid.addWidget(self._details, 1, 0)
        grid.addWidget(self._status, 2, 0)
        row = QHBoxLayout()
        self.buttons: dict[str, BigButton] = {}
        for action, handler in (
            ("up", lambda: owner.reorder.emit(self.index, self.index - 1)),
            ("down", lambda: owner.reorder.emit(self.index, self.index + 1)),
            ("edit", lambda: owner.edit.emit(self.index)),
            ("remove", lambda: owner.remove.emit(self.index)),
        ):
            button = BigButton("secondary")
            button.setProperty("action", action)
            button.clicked.connect(handler)
            row.addWidget(button)
            self.buttons[action] = button
        grid.addLayout(row, 0, 1, 3, 1)
        grid.setColumnStretch(0, 1)

    def show_person(self, person: Mapping[str, Any], identified: bool, count: int) -> None:
        index = self.index
        set_label(self._name, f"{index + 1}. {person.get('name') or _words('(no name yet)')}")
        number = str(person.get("id_number") or "")
        set_label(self._details, mask_id_number(number) if number else _words("(no number yet)"))
        # Said in words and a mark, with colour only as a help.
        self._status.setObjectName("success" if identified else "error")
        self._status.style().polish(self._status)
        set_label(
            self._status,
            _words("✓ Identified: document read here")
            if identified
            else _words("✗ Still to identify: read their document, or staff verify it"),
        )
        shown_name = str(person.get("name") or index + 1)
        words = {
            "up": _words("Move up"),
            "down": _words("Move down"),
            "edit": _words("Change"),
            "remove": _words("Remove"),
        }
        enabled = {"up": index > 0, "down": index + 1 < count, "edit": True, "remove": True}
        for action, button in self.buttons.items():
            if button.text() != words[action]:
                button.set_text(words[action])
            button.setAccessibleName(f"{words[action]}: {shown_name}")
            button.setEnabled(enabled[action])


def _words(source: str) -> str:
    # A row speaks in its list's words: one place in the translation file.
    return QCoreApplication.translate("PeopleList", source)
