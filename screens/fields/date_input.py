"""A date chosen with big steppers for year, month and day: no calendar grid of
small squares, no format to remember.

Each part has a "−" and a "+" button at least a touch target wide; the day
follows the month's length; the earliest and latest dates (from the field's
``min``/``max``, resolved by the core) bound every step. The value is
"YYYY-MM-DD", as the interface gives dates.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from screens.widgets import BigButton, label, set_label

_PARTS = ("year", "month", "day")


def _month_length(year: int, month: int) -> int:
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    return (next_month - timedelta(days=1)).day


class DateInput(QWidget):
    """Year, month and day steppers; ``edited`` carries "YYYY-MM-DD"."""

    edited = Signal(str)

    def __init__(
        self,
        value: date,
        *,
        earliest: date = date(1900, 1, 1),
        latest: date = date(2100, 12, 31),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.earliest, self.latest = earliest, latest
        self._value = min(max(value, earliest), latest)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        self._shown: dict[str, QLabel] = {}
        self._buttons: dict[tuple[str, int], BigButton] = {}
        for column, part in enumerate(_PARTS):
            down, shown, up = BigButton("secondary"), label("big_number"), BigButton("secondary")
            shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
            down.clicked.connect(lambda _=False, p=part: self.step(p, -1))
            up.clicked.connect(lambda _=False, p=part: self.step(p, +1))
            grid.addWidget(up, 0, column)
            grid.addWidget(shown, 1, column)
            grid.addWidget(down, 2, column)
            self._shown[part] = shown
            self._buttons[(part, -1)] = down
            self._buttons[(part, +1)] = up
        self._show()

    def value(self) -> str:
        return self._value.isoformat()

    def button(self, part: str, direction: int) -> BigButton:
        return self._buttons[(part, direction)]

    def step(self, part: str, direction: int) -> None:
        """One touch on a part's "+" (1) or "−" (-1); stays within the bounds."""
        year, month, day = self._value.year, self._value.month, self._value.day
        if part == "year":
            year += direction
        elif part == "month":
            month += direction
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        else:
            moved = self._value + timedelta(days=direction)
            year, month, day = moved.year, moved.month, moved.day
        day = min(day, _month_length(year, month))
        try:
            wanted = date(year, month, day)
        except ValueError:  # beyond the calendar's own range
            return
        self._value = min(max(wanted, self.earliest), self.latest)
        self._show()
        self.edited.emit(self.value())

    def _show(self) -> None:
        words = {"year": self.tr("year"), "month": self.tr("month"), "day": self.tr("day")}
        steps = {
            ("year", +1): self.tr("Next year"),
            ("year", -1): self.tr("Previous year"),
            ("month", +1): self.tr("Next month"),
            ("month", -1): self.tr("Previous month"),
            ("day", +1): self.tr("Next day"),
            ("day", -1): self.tr("Previous day"),
        }
        numbers = {"year": self._value.year, "month": self._value.month, "day": self._value.day}
        for part in _PARTS:
            set_label(self._shown[part], str(numbers[part]))
            self._shown[part].setAccessibleName(f"{numbers[part]} {words[part]}")
        for (part, direction), button in self._buttons.items():
            button.set_text("+" if direction > 0 else "−")
            button.setAccessibleName(steps[(part, direction)])
