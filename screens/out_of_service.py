"""Shown between citizens while the central has the kiosk in maintenance: plain words,
nothing to touch (no button that would do nothing)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from screens.widgets import label, set_label


class OutOfServiceScreen(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 60, 80, 60)
        layout.addStretch(2)
        self._title = label("title")
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._what = label("subtitle")
        self._what.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._where = label()
        self._where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self._title)
        layout.addSpacing(30)
        layout.addWidget(self._what)
        layout.addSpacing(20)
        layout.addWidget(self._where)
        layout.addStretch(3)

    def show_state(self) -> None:
        set_label(self._title, self.tr("This kiosk is out of service for now"))
        set_label(self._what, self.tr("It is being looked after and will be back soon."))
        set_label(
            self._where,
            self.tr(
                "Please use another kiosk, or ask the staff at the service desk: they can help you."
            ),
        )
