"""A region picker for a province with many districts: type a few characters or pinyin
letters and only the matching places stay on screen.

A short list is just buttons (`ChoiceButtons`); past `SEARCH_FROM` places the
picker puts a search box above them, searching like the business-scope picker
(Chinese, full pinyin, pinyin initials, English), so nobody scrolls through a
hundred districts. The chosen place always stays in sight.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk.scope_search import ScopeIndex, ScopeItem
from screens.fields.choice import ChoiceButtons
from screens.style import TOUCH_TARGET_PX
from screens.widgets import label, set_label

#: From how many places on a search box helps more than it costs.
SEARCH_FROM = 12


class RegionPicker(QWidget):
    edited = Signal(object)

    def __init__(
        self,
        places: Sequence[tuple[str, str, str]],
        chosen: str,
        language: str = "zh",
        parent: QWidget | None = None,
    ) -> None:
        """``places``: (code, Chinese name, English name) in order; found by either."""
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setMinimumHeight(TOUCH_TARGET_PX)
        self.search.setPlaceholderText(self.tr("Type a place name, in characters or pinyin"))
        self.search.setAccessibleName(self.tr("Search for a place"))
        self.search.textChanged.connect(self._filter)
        self._count = label("hint")
        self._index = ScopeIndex(ScopeItem(code, zh, en) for code, zh, en in places)
        names = [(code, en if language == "en" and en else zh) for code, zh, en in places]
        self.buttons = ChoiceButtons(names, chosen=[chosen] if chosen else [])
        self.buttons.edited.connect(self.edited)
        layout.addWidget(self.search)
        layout.addWidget(self._count)
        layout.addWidget(self.buttons)
        self._filter("")

    def _filter(self, query: str) -> None:
        codes = [hit.item.code for hit in self._index.search(query).hits] if query.strip() else None
        chosen = self.buttons.value()
        if codes is not None and isinstance(chosen, str) and chosen not in codes:
            codes.append(chosen)  # what is chosen stays in sight
        shown = self.buttons.show_only(codes)
        set_label(
            self._count,
            self.tr("%1 places match.").replace("%1", str(shown)) if codes is not None else "",
        )
