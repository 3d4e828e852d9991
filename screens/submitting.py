"""Shown while the application is saved and sent: a calm "please wait"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.workflow.states import Submitting
from screens.widgets import label, set_label


class SubmittingScreen(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self._title = label("title")
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hint = label("subtitle")
        self._hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addStretch(2)

    def show_state(self, state: Submitting) -> None:
        set_label(self._title, self.tr("Sending your application…"))
        set_label(
            self._hint,
            self.tr("Your application is saved on this kiosk.")
            if state.reference
            else self.tr("Saving your application…"),
        )
