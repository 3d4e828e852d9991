"""The veil laid over the page while a question or a warning is asked over it.

The page stays in sight, dimmed, but out of reach: a touch on it does nothing,
and Tab moves only between the question's own buttons. The veil shows while any
of its panels shows, and sits just under the one shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

_VEIL = QColor(0, 0, 0, 110)


class Scrim(QWidget):
    def __init__(self, parent: QWidget, panels: list[QWidget]) -> None:
        super().__init__(parent)
        self._panels = panels
        for panel in panels:
            panel.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.Resize):
            self._follow()
        return False

    def _follow(self) -> None:
        shown = [panel for panel in self._panels if panel.isVisible()]
        parent = self.parentWidget()
        if not shown or parent is None:
            self.hide()
            return
        self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        for panel in shown:
            panel.raise_()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), _VEIL)
        painter.end()
