"""Small building blocks shared by the screens: big buttons and labels.

Every control gets an accessible name equal to what it says, so a screen reader
(or a test) can find it by its words.

The attract screen is built from these before its first paint, so this module
leaves PySide's ``Qt`` namespace alone: touching it creates its hundred-odd enums
(about 20 ms here). Qt's property system sets the same values by name.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from screens.style import BUTTON_PADDING_X_PX, TOUCH_TARGET_PX


class BigButton(QPushButton):
    """A touch-sized button; ``kind`` is "primary", "secondary" or "header_button"."""

    def __init__(self, kind: str = "primary", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if kind != "primary":
            self.setObjectName(kind)
        self.setMinimumHeight(TOUCH_TARGET_PX)
        self._floor_height = self._fitted_height = TOUCH_TARGET_PX
        self.setMinimumWidth(TOUCH_TARGET_PX * 2)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        # Bold through the font, not the style sheet, so the size hint fits the text.
        font = self.font()
        font.setBold(True)
        self.setFont(font)

    def set_text(self, text: str, description: str = "") -> None:
        self.setText(text)
        self.setAccessibleName(text.replace("\n", " "))
        self._fit_text()
        if description:
            self.setAccessibleDescription(description)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit_text()  # larger text from the header: the words still fit

    def _fit_text(self) -> None:
        # The style sheet's padding and its thicker focus border are not in every
        # style's size hint: reserve them, so no state of the button cuts its words.
        self.ensurePolished()
        lines = self.text().splitlines() or [""]
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(line) for line in lines)
        self.setMinimumWidth(max(TOUCH_TARGET_PX * 2, widest + 2 * (BUTTON_PADDING_X_PX + 4) + 4))
        # A screen may have asked for a taller button: that stays the least height.
        if self.minimumHeight() != self._fitted_height:
            self._floor_height = self.minimumHeight()
        self._fitted_height = max(
            self._floor_height, metrics.lineSpacing() * len(lines) + 2 * (8 + 4)
        )
        self.setMinimumHeight(self._fitted_height)


def label(object_name: str = "", parent: QWidget | None = None) -> QLabel:
    """A word-wrapping label styled by ``object_name`` (title, subtitle, hint, error …)."""
    widget = QLabel(parent)
    widget.setWordWrap(True)
    # Never rich text: a citizen's "<b>" is shown as typed (see the module's docstring).
    widget.setProperty("textFormat", "PlainText")
    if object_name:
        widget.setObjectName(object_name)
    return widget


def set_label(widget: QLabel, text: str) -> None:
    widget.setText(text)
    widget.setAccessibleName(text)
    widget.setVisible(bool(text))
