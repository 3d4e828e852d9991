"""Small building blocks shared by the screens: big buttons and labels.

Every control gets an accessible name equal to what it says, so a screen reader
(or a test) can find it by its words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from screens.style import BUTTON_PADDING_X_PX, TOUCH_TARGET_PX


class BigButton(QPushButton):
    """A touch-sized button; ``kind`` is "primary", "secondary" or "header_button"."""

    def __init__(self, kind: str = "primary", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if kind != "primary":
            self.setObjectName(kind)
        self.setMinimumHeight(TOUCH_TARGET_PX)
        self.setMinimumWidth(TOUCH_TARGET_PX * 2)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        # Bold through the font, not the style sheet, so the size hint fits the text.
        font = self.font()
        font.setBold(True)
        self.setFont(font)

    def set_text(self, text: str, description: str = "") -> None:
        self.setText(text)
        self.setAccessibleName(text.replace("\n", " "))
        # The style sheet's padding and its thicker focus border are not in every
        # style's size hint: reserve them, so no state of the button cuts its words.
        self.ensurePolished()
        widest = max(
            self.fontMetrics().horizontalAdvance(line) for line in text.splitlines() or [""]
        )
        self.setMinimumWidth(max(TOUCH_TARGET_PX * 2, widest + 2 * (BUTTON_PADDING_X_PX + 4) + 4))
        if description:
            self.setAccessibleDescription(description)


def label(object_name: str = "", parent: QWidget | None = None) -> QLabel:
    """A word-wrapping label styled by ``object_name`` (title, subtitle, hint, error …)."""
    widget = QLabel(parent)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if object_name:
        widget.setObjectName(object_name)
    return widget


def set_label(widget: QLabel, text: str) -> None:
    widget.setText(text)
    widget.setAccessibleName(text)
    widget.setVisible(bool(text))
