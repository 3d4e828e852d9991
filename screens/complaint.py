"""跑一次没办成: the citizen leaves a mobile number and takes a ticket for the complaints window.

The number is typed on the on-screen keyboard (digits), checked as a mobile number,
and the ticket that comes out names the window; the number on it is masked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.queueing.ticket import QueueTicket, facts
from kiosk.workflow.states import Complaining
from screens.messages import field_problem
from screens.widgets import BigButton, label, set_label


class ComplaintScreen(QWidget):
    mobile_given = Signal(str)
    back = Signal()
    done = Signal()
    reprint = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        self._service = label("subtitle")
        self._title = label("title")
        self._explanation = label()
        self._mobile_label = label()
        self.mobile = QLineEdit()
        self.mobile.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.mobile.setMaxLength(20)
        self.mobile.returnPressed.connect(self._give)
        self._problem = label("error")
        self._panel = QFrame()
        self._panel.setObjectName("panel")
        panel = QVBoxLayout(self._panel)
        self._caption = label()
        self._number = label("big_number")
        panel.addWidget(self._caption)
        panel.addWidget(self._number)
        self._facts = label()
        self._printing = label("subtitle")
        for widget in (
            self._service,
            self._title,
            self._explanation,
            self._mobile_label,
            self.mobile,
            self._problem,
            self._panel,
            self._facts,
            self._printing,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._back = BigButton("secondary")
        self._reprint = BigButton("secondary")
        self._give_button = BigButton()
        self._done = BigButton()
        self._back.clicked.connect(self.back)
        self._reprint.clicked.connect(self.reprint)
        self._give_button.clicked.connect(self._give)
        self._done.clicked.connect(self.done)
        row = QHBoxLayout()
        row.addWidget(self._back)
        row.addWidget(self._reprint)
        row.addStretch(1)
        row.addWidget(self._give_button)
        row.addWidget(self._done)
        layout.addLayout(row)
        self._compact = False

    @property
    def number_text(self) -> str:
        return self._number.text()

    def show_state(self, state: Complaining, service_title: str, language: str) -> None:
        typing = state.phase == "typing"
        set_label(self._service, service_title)
        self._back.set_text(self.tr("Back"))
        self._reprint.set_text(self.tr("Try printing again"))
        self._give_button.set_text(self.tr("Print my ticket"))
        self._done.set_text(self.tr("Finish"))
        set_label(self._mobile_label, self.tr("Your mobile number") if typing else "")
        self.mobile.setAccessibleName(self.tr("Your mobile number"))
        self.mobile.setPlaceholderText("13800138000")
        self.mobile.setVisible(typing)
        if not typing:
            self.mobile.clear()  # the number is the citizen's: not left in the box
        problem = state.problems[0] if state.problems else None
        set_label(
            self._problem, field_problem(problem, self.tr("Your mobile number")) if problem else ""
        )
        ticket = state.ticket if isinstance(state.ticket, QueueTicket) else None
        self._show_ticket(ticket, language)
        set_label(self._printing, "")
        match state.phase:
            case "typing":
                set_label(self._title, self.tr("I came and could not get it done"))
                set_label(
                    self._explanation,
                    self.tr(
                        "We are sorry. Leave your mobile number and take a ticket for the complaints window: staff there will help you now, and call you back."
                    ),
                )
            case "issuing":
                set_label(self._title, self.tr("Getting your ticket…"))
                set_label(self._explanation, "")
            case "refused":
                set_label(self._title, self.tr("No ticket was given"))
                set_label(
                    self._explanation,
                    self.tr(
                        "The kiosk could not give a ticket just now. Please ask a member of staff."
                    ),
                )
            case phase:
                set_label(self._title, self.tr("Please go to the complaints window"))
                set_label(self._explanation, "")
                set_label(self._printing, self._print_words(phase))
        self._back.setVisible(typing and not self._compact)
        self._give_button.setVisible(typing)
        self._reprint.setVisible(state.phase == "failed")
        self._done.setVisible(state.phase in ("printed", "failed", "unconfirmed", "refused"))

    def clear(self) -> None:
        """The session is over: the mobile number typed goes."""
        self.mobile.clear()

    def set_compact(self, compact: bool) -> None:
        """While the on-screen keyboard is up: the field, its problem and "print" only."""
        self._compact = compact
        for widget in (self._service, self._explanation):
            widget.setVisible(not compact and bool(widget.text()))
        self._back.setVisible(not compact and self.mobile.isVisible())

    def _give(self) -> None:
        self.mobile_given.emit(self.mobile.text())

    def _show_ticket(self, ticket: QueueTicket | None, language: str) -> None:
        self._panel.setVisible(ticket is not None)
        if ticket is None:
            set_label(self._caption, "")
            set_label(self._number, "")
            set_label(self._facts, "")
            return
        set_label(self._caption, self.tr("Your number"))
        set_label(self._number, ticket.number)
        english = language == "en"
        lines = [en if english else zh for zh, en in facts(ticket)]
        set_label(self._facts, "\n".join([*lines, ticket.note.get(language)]))

    def _print_words(self, phase: str) -> str:
        return {
            "printing": self.tr("Printing your ticket…"),
            "printed": self.tr("Please take your ticket from the printer below."),
            "failed": self.tr(
                "The ticket could not be printed. Please remember your number above, or try printing again."
            ),
            "unconfirmed": self.tr(
                "The printer stopped answering, so your ticket may or may not have come out. Please remember your number, or ask a member of staff."
            ),
        }.get(phase, "")
