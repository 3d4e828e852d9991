"""The business-scope picker: search the catalogue's standard phrases, choose, pick the main one.

Typing Chinese, full pinyin or pinyin initials ("rybh") finds the phrases
(`kiosk.scope_search`); general items and licensed ones (许可项目, with the
permit each needs) are listed apart. The chosen items are listed above the
search, the first being the main business; each can be made main or removed
with one touch. ``edited`` carries the codes, main first, as the form expects.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.scope_search import ScopeChoice, ScopeIndex, ScopeItem
from screens.widgets import BigButton, label, set_label

#: Results shown at once: enough to choose from, few enough to read.
SHOWN = 8


class ScopePicker(QWidget):
    edited = Signal(list)

    def __init__(
        self,
        index: ScopeIndex[ScopeItem],
        language: str,
        chosen: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._index = index
        self._language = language
        self.choice = ScopeChoice(tuple(code for code in chosen if index.get(code)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._chosen_title = label("subtitle")
        self._chosen_box = QVBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type a few characters, or pinyin such as rybh"))
        self.search.setAccessibleName(self.tr("Search the business activities"))
        self.search.textChanged.connect(self._show_results)
        self._general_title = label("hint")
        self._general_box = QVBoxLayout()
        self._licensed_title = label("hint")
        self._licensed_box = QVBoxLayout()
        layout.addWidget(self._chosen_title)
        layout.addLayout(self._chosen_box)
        layout.addWidget(self.search)
        layout.addWidget(self._general_title)
        layout.addLayout(self._general_box)
        layout.addWidget(self._licensed_title)
        layout.addLayout(self._licensed_box)
        self._show_chosen()
        self._show_results("")

    def value(self) -> list[str]:
        return self.choice.as_form_value()

    def choose(self, code: str) -> None:
        self._set(self.choice.add(code))

    def remove(self, code: str) -> None:
        self._set(self.choice.remove(code))

    def make_main(self, code: str) -> None:
        self._set(self.choice.make_main(code))

    def result_buttons(self) -> list[BigButton]:
        return [
            button
            for box in (self._general_box, self._licensed_box)
            for i in range(box.count())
            if isinstance(button := box.itemAt(i).widget(), BigButton)  # type: ignore[union-attr]
        ]

    def _set(self, choice: ScopeChoice) -> None:
        self.choice = choice
        self._show_chosen()
        self._show_results(self.search.text())
        self.edited.emit(self.value())

    def _text(self, item: ScopeItem) -> str:
        return item.en if self._language == "en" and item.en else item.zh

    def _show_chosen(self) -> None:
        _empty(self._chosen_box)
        set_label(
            self._chosen_title,
            self.tr("What the business does (%1 chosen; the first is the main business)").replace(
                "%1", str(len(self.choice))
            )
            if len(self.choice)
            else self.tr("Search below and touch what the business does."),
        )
        for position, code in enumerate(self.choice):
            item = self._index.get(code)
            if item is None:
                continue
            row = QHBoxLayout()
            text = label("big_number" if position == 0 else "")
            main = self.tr("Main business: %1") if position == 0 else "%1"
            set_label(text, main.replace("%1", self._text(item)))
            row.addWidget(text, 1)
            if position:
                make_main = BigButton("secondary")
                make_main.set_text(self.tr("Make main"))
                make_main.setAccessibleName(
                    self.tr("Make %1 the main business").replace("%1", self._text(item))
                )
                make_main.clicked.connect(lambda _=False, c=code: self.make_main(c))
                row.addWidget(make_main)
            remove = BigButton("secondary")
            remove.set_text(self.tr("Remove"))
            remove.setAccessibleName(self.tr("Remove %1").replace("%1", self._text(item)))
            remove.clicked.connect(lambda _=False, c=code: self.remove(c))
            row.addWidget(remove)
            holder = QWidget()
            holder.setLayout(row)
            self._chosen_box.addWidget(holder)

    def _show_results(self, query: str) -> None:
        _empty(self._general_box)
        _empty(self._licensed_box)
        results = self._index.search(query, limit=SHOWN * 2) if query.strip() else None
        general = [hit.item for hit in results.general][:SHOWN] if results else []
        licensed = [hit.item for hit in results.licensed][:SHOWN] if results else []
        set_label(self._general_title, self.tr("General activities") if general else "")
        set_label(
            self._licensed_title,
            self.tr("Activities that need a permit before you start them") if licensed else "",
        )
        for box, items in ((self._general_box, general), (self._licensed_box, licensed)):
            for item in items:
                button = BigButton("choice")
                words = self._text(item)
                if item.licensed:
                    permit = item.requires_en if self._language == "en" else item.requires_zh
                    needs = permit or item.requires or ""
                    words += "\n" + self.tr("Needs: %1").replace("%1", needs) if needs else ""
                chosen = item.code in self.choice
                button.set_text(("✓ " if chosen else "") + words)
                button.setAccessibleName(
                    self._text(item) + (f" ({self.tr('chosen')})" if chosen else "")
                )
                button.setEnabled(not chosen)
                button.clicked.connect(lambda _=False, c=item.code: self.choose(c))
                box.addWidget(button)
        if query.strip() and not general and not licensed:
            set_label(
                self._general_title,
                self.tr("Nothing found. Try other words, or ask a member of staff."),
            )


def _empty(box: QVBoxLayout) -> None:
    while box.count():
        item = box.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()
