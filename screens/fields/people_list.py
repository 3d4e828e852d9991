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
from screens.flow_layout import FlowLayout
from screens.widgets import BigButton, label, set_label

#: Persons shown at once; a longer list turns over in pages ("next 10"), so that a
#: list of fifty never holds fifty rows of widgets (bench/bench_form_stall.py), and
#: an elderly citizen reads ten at a time rather than scrolling through fifty.
PAGE_SIZE = 10

#: Rows built in one go: a page appears over a few turns of the event loop instead
#: of stalling it.
ROWS_PER_TURN = 2


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
        self._page = 0
        pager = QHBoxLayout()
        self._previous = BigButton("secondary")
        self._next = BigButton("secondary")
        self._range = label()
        self._previous.clicked.connect(lambda: self._turn(-1))
        self._next.clicked.connect(lambda: self._turn(1))
        pager.addWidget(self._previous)
        pager.addWidget(self._range, 1)
        pager.addWidget(self._next)
        add_row = FlowLayout()  # one under the other when side by side is too wide
        self._add_card = BigButton()
        self._add_typed = BigButton("secondary")
        self._add_card.clicked.connect(self.add_by_card)
        self._add_typed.clicked.connect(self.add_by_typing)
        add_row.addWidget(self._add_card)
        add_row.addWidget(self._add_typed)
        layout.addWidget(self.summary)
        layout.addLayout(self._rows)
        layout.addLayout(pager)
        layout.addLayout(add_row)

    def show_people(
        self, people: Sequence[Mapping[str, Any]], identified: Sequence[bool], language: str
    ) -> None:
        """Draw ``people`` (persons as the interface gives them); ``identified[i]`` says
        whether person i's document was read here.

        Rows are kept and only their words change, so that adding the fiftieth
        person builds no row at all (the UI thread must not stall). A person just
        added is shown: the list turns to their page.
        """
        before = len(self._shown[0])
        self._shown = (list(people), list(identified))
        if len(people) > before:
            self._page = (len(people) - 1) // PAGE_SIZE
        self._page = max(0, min(self._page, (len(people) - 1) // PAGE_SIZE))
        self._show_page()
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

    def _turn(self, pages: int) -> None:
        self._page += pages
        self._show_page()

    def _page_people(self) -> range:
        start = self._page * PAGE_SIZE
        return range(start, min(start + PAGE_SIZE, len(self._shown[0])))

    def _show_page(self) -> None:
        people = self._shown[0]
        on_page = self._page_people()
        for row in self._row_widgets[len(on_page) :]:
            row.hide()
        self._draw_rows()
        paged = len(people) > PAGE_SIZE
        for widget in (self._previous, self._next, self._range):
            widget.setVisible(paged)
        if paged:
            words = self.tr("Persons %1 to %2 of %3")
            words = words.replace("%1", str(on_page.start + 1)).replace("%2", str(on_page.stop))
            set_label(self._range, words.replace("%3", str(len(people))))
            self._previous.set_text(self.tr("Previous %1").replace("%1", str(PAGE_SIZE)))
            self._next.set_text(self.tr("Next %1").replace("%1", str(PAGE_SIZE)))
            self._previous.setEnabled(self._page > 0)
            self._next.setEnabled(on_page.stop < len(people))

    def _draw_rows(self) -> None:
        """Update the page's rows there are, and build at most a few more per turn."""
        people, identified = self._shown
        on_page = self._page_people()
        built = 0
        while len(self._row_widgets) < len(on_page) and built < ROWS_PER_TURN:
            row = _PersonRow(self)
            self._rows.addWidget(row)
            self._row_widgets.append(row)
            built += 1
        for row, index in zip(self._row_widgets, on_page, strict=False):
            known = index < len(identified) and identified[index]
            row.show_person(index, people[index], known, len(people))
            row.show()
        if len(self._row_widgets) < len(on_page):
            QTimer.singleShot(0, self._draw_rows)

    @property
    def complete(self) -> bool:
        """True once every person of the page has its row (built over a few turns)."""
        return len(self._row_widgets) >= len(self._page_people())

    def button_named(self, words: str) -> BigButton:
        """The page-turning button that says ``words`` (tests find it as a citizen does)."""
        return next(b for b in (self._previous, self._next) if b.text() == words)

    def row_buttons(self, index: int) -> dict[str, BigButton]:
        """The buttons of person ``index`` (on the page shown) by what they do (edit,
        remove, up, down)."""
        on_page = self._page_people()
        assert index in on_page, f"person {index} is not on the page shown"
        return dict(self._row_widgets[index - on_page.start].buttons)


class _PersonRow(QFrame):
    """One person: name, masked number, identified or not, and the row's four buttons."""

    def __init__(self, owner: PeopleList) -> None:
        super().__init__()
        self.index = 0
        self._shown: tuple[object, ...] | None = None
        self.setObjectName("panel")
        grid = QGridLayout(self)
        self._name = label("subtitle")
        self._details = label()
        self._status = label()
        grid.addWidget(self._name, 0, 0)
        grid.addWidget(self._details, 1, 0)
        grid.addWidget(self._status, 2, 0)
        row = FlowLayout()
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
        # The buttons under the words, not beside them: the words keep the row's whole
        # width on a 1280-pixel screen too, and never wrap out of their room; the
        # buttons go onto a second line when larger text makes them too wide for one.
        grid.addLayout(row, 3, 0)

    def show_person(
        self, index: int, person: Mapping[str, Any], identified: bool, count: int
    ) -> None:
        self.index = index
        # A row whose words would not change is left alone: restyling every row on
        # every turn made a long list stall the UI thread (bench/bench_form_stall.py).
        key = (person.get("name"), person.get("id_number"), identified, index, count)
        if key == self._shown:
            return
        self._shown = key
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
