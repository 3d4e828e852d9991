"""A wide button whose words wrap onto more lines instead of being cut (a service's
title and summary on the menu)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from screens.style import BUTTON_PADDING_X_PX, TOUCH_TARGET_PX


class WrappingButton(QPushButton):
    """A wide button whose words wrap onto more lines when the screen is narrow or the
    text large (a service's title and summary): it grows taller, never wider, so no
    word is cut and nothing needs scrolling sideways. Primary or secondary kind."""

    _PAD_X = BUTTON_PADDING_X_PX + 4
    _PAD_Y = 8 + 4

    def __init__(self, kind: str = "primary", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if kind != "primary":
            self.setObjectName(kind)
        self._words = QLabel(self)
        self._words.setObjectName("button_words")
        self._words.setWordWrap(True)
        self._words.setTextFormat(Qt.TextFormat.PlainText)
        # The touch goes to the button; the label only shows its words.
        self._words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        font = self._words.font()
        font.setBold(True)
        self._words.setFont(font)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.floor_height = TOUCH_TARGET_PX

    def set_text(self, text: str, description: str = "") -> None:
        self._words.setText(text)
        self.setAccessibleName(text.replace("\n", " "))
        if description:
            self.setAccessibleDescription(description)
        self.updateGeometry()

    def words(self) -> str:
        return self._words.text()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        inner = max(1, width - 2 * self._PAD_X)
        return max(self.floor_height, self._words.heightForWidth(inner) + 2 * self._PAD_Y)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = max(TOUCH_TARGET_PX * 2, self.width())
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(TOUCH_TARGET_PX * 2, self.floor_height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._words.setGeometry(
            self.rect().adjusted(self._PAD_X, self._PAD_Y, -self._PAD_X, -self._PAD_Y)
        )
        if self.height() < self.heightForWidth(self.width()):
            self.updateGeometry()  # the width changed: ask for the height the words need

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.updateGeometry()
