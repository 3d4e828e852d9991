"""Presenting the identity document: what to do, and what went wrong if it did."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.workflow.states import IdentityCheck
from screens.messages import read_problem
from screens.widgets import BigButton, label, set_label


class IdentifyScreen(QWidget):
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        self._service = label("subtitle")
        self._title = label("title")
        panel = QFrame()
        panel.setObjectName("panel")
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(30, 30, 30, 30)
        self._steps = label()
        panel_layout.addWidget(self._steps)
        self._status = label("subtitle")
        self._status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._problem = label("error")
        self._problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._photo_note = label("hint")
        self._back = BigButton("secondary")
        self._back.clicked.connect(self.back)
        layout.addWidget(self._service)
        layout.addWidget(self._title)
        layout.addSpacing(20)
        layout.addWidget(panel)
        layout.addSpacing(20)
        layout.addWidget(self._status)
        layout.addWidget(self._problem)
        layout.addStretch(1)
        layout.addWidget(self._photo_note)
        row = QHBoxLayout()
        row.addWidget(self._back)
        row.addStretch(1)
        layout.addLayout(row)

    def show_state(self, state: IdentityCheck, service_title: str) -> None:
        set_label(self._service, service_title)
        set_label(self._title, self.tr("Please put your identity card on the reader"))
        set_label(
            self._steps,
            self.tr(
                "1. Place your resident identity card flat on the reader below the screen.\n2. Keep it still until your name appears.\nA passport: open it at the photo page and place it on the reader."
            ),
        )
        # While polling an empty reader, keep saying "waiting" rather than flickering.
        reading = state.reading and state.problem != "no_document"
        set_label(
            self._status,
            self.tr("Reading your card…") if reading else self.tr("Waiting for your card…"),
        )
        set_label(self._problem, read_problem(state.problem) if state.problem else "")
        set_label(
            self._photo_note,
            self.tr(
                "Your card is only read to fill in the form. Nothing is kept on this machine after you leave."
            ),
        )
        self._back.set_text(self.tr("Back"))
