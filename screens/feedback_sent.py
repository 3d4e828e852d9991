"""After a rating: "thank you" once it is saved, or what to do if it could not be."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.workflow.states import SendingFeedback
from screens.widgets import BigButton, label, set_label


class FeedbackSentScreen(QWidget):
    done = Signal()
    try_again = Signal()
    back = Signal()
    """Change the rating (after it could not be saved)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        self._service = label("subtitle")
        self._title = label("title")
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._explanation = label("subtitle")
        self._explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._problem = label("error")
        self._back = BigButton("secondary")
        self._try_again = BigButton("secondary")
        self._done = BigButton()
        self._back.clicked.connect(self.back)
        self._try_again.clicked.connect(self.try_again)
        self._done.clicked.connect(self.done)
        layout.addWidget(self._service)
        layout.addStretch(1)
        for widget in (self._title, self._explanation, self._problem):
            layout.addWidget(widget)
        layout.addStretch(2)
        row = QHBoxLayout()
        row.addWidget(self._back)
        row.addWidget(self._try_again)
        row.addStretch(1)
        row.addWidget(self._done)
        layout.addLayout(row)

    def show_state(self, state: SendingFeedback, service_title: str) -> None:
        set_label(self._service, service_title)
        self._back.set_text(self.tr("Change my rating"))
        self._try_again.set_text(self.tr("Try again"))
        self._done.set_text(self.tr("Finish"))
        self._back.setVisible(state.stored is False)
        self._try_again.setVisible(state.stored is False and state.problem != "invalid")
        self._done.setVisible(state.stored is not None)
        if state.stored is None:
            set_label(self._title, self.tr("Saving your rating…"))
            set_label(self._explanation, "")
            set_label(self._problem, "")
        elif state.stored:
            set_label(self._title, self.tr("Thank you for your rating"))
            set_label(
                self._explanation,
                self.tr(
                    "It is saved and goes to the registration office, which reads every rating to serve you better."
                ),
            )
            set_label(self._problem, "")
        else:
            set_label(self._title, self.tr("Your rating could not be saved"))
            set_label(self._explanation, "")
            set_label(
                self._problem,
                self.tr("This rating cannot be sent as it is. Please choose your rating again.")
                if state.problem == "invalid"
                else self.tr(
                    "The kiosk could not save it just now. Please try again, or tell a member of staff."
                ),
            )
