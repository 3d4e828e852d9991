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

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.documents.receipt_data import mask_id_number
from screens.widgets import BigButton, label, set_label


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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.min_items, self.max_items = min_items, max_items
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = label("subtitle")
        self._rows = QVBoxLayout()
        self._rows.setSpacing(12)
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
        whether person i's document was read here."""
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for index, person in enumerate(people):
            self._rows.addWidget(
                self._row(index, person, index < len(identified) and identified[index], len(people))
            )
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

    def row_buttons(self, index: int) -> dict[str, BigButton]:
        """The buttons of row ``index`` by what they do (edit, remove, up, down)."""
        item = self._rows.itemAt(index)
        row = item.widget() if item is not None else None
        assert row is not None
        return {str(b.property("action")): b for b in row.findChildren(BigButton)}

    def _row(self, index: int, person: Mapping[str, Any], identified: bool, count: int) -> QFrame:
        frame = QFrame()
        frame.setObjectName("panel")
        grid = QGridLayout(frame)
        name = label("subtitle")
        set_label(name, f"{index + 1}. {person.get('name') or self.tr('(no name yet)')}")
        number = str(person.get("id_number") or "")
        details = label()
        set_label(details, mask_id_number(number) if number else self.tr("(no number yet)"))
        status = label("success" if identified else "error")
        set_label(
            status,
            self.tr("✓ Identified: document read here")
            if identified
            else self.tr("✗ Still to identify: read their document, or staff verify it"),
        )
        grid.addWidget(name, 0, 0)
        grid.addWidget(details, 1, 0)
        grid.addWidget(status, 2, 0)
        buttons = QHBoxLayout()
        shown_name = str(person.get("name") or index + 1)
        for action, words, enabled, handler in (
            ("up", self.tr("Move up"), index > 0, lambda: self.reorder.emit(index, index - 1)),
            (
                "down",
                self.tr("Move down"),
                index + 1 < count,
                lambda: self.reorder.emit(index, index + 1),
            ),
            ("edit", self.tr("Change"), True, lambda: self.edit.emit(index)),
            ("remove", self.tr("Remove"), True, lambda: self.remove.emit(index)),
        ):
            button = BigButton("secondary")
            button.set_text(words)
            button.setAccessibleName(f"{words}: {shown_name}")
            button.setProperty("action", action)
            button.setEnabled(enabled)
            button.clicked.connect(handler)
            buttons.addWidget(button)
        grid.addLayout(buttons, 0, 1, 3, 1)
        grid.setColumnStretch(0, 1)
        return frame
