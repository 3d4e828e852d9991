"""Which queue ticket, with one touch: ordinary, priority (绿色通道), or an appointment.

The priority button says in plain words whom it is for; nobody is asked to prove
it. An appointment booked online is checked in with the identity document.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from screens.widgets import BigButton, label, set_label


class QueueChoiceScreen(QWidget):
    chosen = Signal(str)
    """"ordinary", "priority" or "appointment"."""
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        layout.setSpacing(24)
        self._service = label("subtitle")
        self._title = label("title")
        self._ordinary = BigButton()
        self._priority = BigButton()
        self._priority_for = label("hint")
        self._appointment = BigButton("secondary")
        self._back = BigButton("secondary")
        self._ordinary.clicked.connect(lambda: self.chosen.emit("ordinary"))
        self._priority.clicked.connect(lambda: self.chosen.emit("priority"))
        self._appointment.clicked.connect(lambda: self.chosen.emit("appointment"))
        self._back.clicked.connect(self.back)
        for widget in (
            self._service,
            self._title,
            self._ordinary,
            self._priority,
            self._priority_for,
            self._appointment,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self._back)
        row.addStretch(1)
        layout.addLayout(row)

    def show_state(self, service_title: str) -> None:
        set_label(self._service, service_title)
        set_label(self._title, self.tr("Which ticket do you need?"))
        self._ordinary.set_text(self.tr("Take a ticket"))
        self._priority.set_text(
            self.tr("Priority ticket (green channel)"),
            self.tr("For older people, people with a disability and expectant mothers"),
        )
        set_label(
            self._priority_for,
            self.tr(
                "The priority ticket is for older people, people with a disability and expectant mothers. You are served first."
            ),
        )
        self._appointment.set_text(self.tr("I booked an appointment online"))
        self._back.set_text(self.tr("Back"))
