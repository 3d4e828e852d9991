"""The queue ticket: the number large, the window, who waits before the citizen and for
how long, "过号请重新取号", and whether the ticket came out of the printer.

Also the appointment's check-in (put the identity card on the reader) and, when no
ticket could be given, why in plain words and what to do instead.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.queueing.ticket import QueueTicket, facts
from kiosk.workflow.states import TakingTicket
from screens.complaint_button import ComplaintButton
from screens.messages import read_problem
from screens.widgets import BigButton, label, set_label


class QueueTicketScreen(QWidget):
    done = Signal()
    back = Signal()
    reprint = Signal()
    ordinary = Signal()
    """No appointment could be checked in: take an ordinary ticket instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        self._service = label("subtitle")
        self._title = label("title")
        self._panel = QFrame()
        self._panel.setObjectName("panel")
        panel = QVBoxLayout(self._panel)
        self._caption = label()
        self._number = label("big_number")
        self._kind = label("subtitle")
        panel.addWidget(self._caption)
        panel.addWidget(self._number)
        panel.addWidget(self._kind)
        self._facts = label()
        self._note = label("reminder")
        self._printing = label("subtitle")
        self._problem = label("error")
        for widget in (
            self._service,
            self._title,
            self._panel,
            self._facts,
            self._note,
            self._printing,
            self._problem,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._back = BigButton("secondary")
        self._ordinary = BigButton()
        self._reprint = BigButton("secondary")
        self._done = BigButton()
        self.complaint_button = ComplaintButton()
        self._back.clicked.connect(self.back)
        self._ordinary.clicked.connect(self.ordinary)
        self._reprint.clicked.connect(self.reprint)
        self._done.clicked.connect(self.done)
        row = QHBoxLayout()
        for button in (self._back, self._reprint, self.complaint_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self._ordinary)
        row.addWidget(self._done)
        layout.addLayout(row)

    @property
    def number_text(self) -> str:
        return self._number.text()

    def show_state(self, state: TakingTicket, service_title: str, language: str) -> None:
        set_label(self._service, service_title)
        self._back.set_text(self.tr("Back"))
        self._ordinary.set_text(self.tr("Take an ordinary ticket"))
        self._reprint.set_text(self.tr("Try printing again"))
        self._done.set_text(self.tr("Finish"))
        ticket = state.ticket if isinstance(state.ticket, QueueTicket) else None
        self._show_ticket(ticket, language)
        set_label(self._problem, "")
        set_label(self._printing, "")
        match state.phase:
            case "reading":
                set_label(self._title, self.tr("Please put your identity card on the reader"))
                words = self.tr("We will find the appointment you booked online.")
                problem = read_problem(state.problem) if state.problem else ""
                set_label(self._printing, words)
                set_label(self._problem, problem)
            case "issuing":
                set_label(self._title, self.tr("Getting your ticket…"))
            case "refused":
                set_label(self._title, self.tr("No ticket was given"))
                set_label(self._problem, self._refusal(state.problem or ""))
            case phase:
                set_label(self._title, self._ticket_title(state))
                set_label(self._printing, self._print_words(phase))
                if phase in ("failed", "unconfirmed"):
                    set_label(self._problem, self._print_problem(phase))
        self._back.setVisible(state.phase in ("reading", "refused"))
        self._ordinary.setVisible(state.phase == "refused" and state.mode == "appointment")
        self._reprint.setVisible(state.phase == "failed")
        self._done.setVisible(state.phase in ("printed", "failed", "unconfirmed", "refused"))

    def _show_ticket(self, ticket: QueueTicket | None, language: str) -> None:
        self._panel.setVisible(ticket is not None)
        if ticket is None:
            for widget in (self._caption, self._number, self._kind, self._facts, self._note):
                set_label(widget, "")
            return
        set_label(self._caption, self.tr("Your number"))
        set_label(self._number, ticket.number)
        kind = ticket.label.get(language)
        if ticket.priority:
            kind += "  " + self.tr("Priority (green channel)")
        if ticket.appointment_slot:
            kind += "  " + self.tr("Appointment %1").replace("%1", ticket.appointment_slot)
        set_label(self._kind, kind)
        english = language == "en"
        set_label(self._facts, "\n".join(en if english else zh for zh, en in facts(ticket)))
        set_label(self._note, ticket.note.get(language))

    def _ticket_title(self, state: TakingTicket) -> str:
        if state.mode == "appointment":
            return self.tr("You are checked in")
        return self.tr("Here is your ticket")

    def _print_words(self, phase: str) -> str:
        if phase == "printing":
            return self.tr("Printing your ticket…")
        if phase == "printed":
            return self.tr("Please take your ticket from the printer below and wait to be called.")
        return ""

    def _print_problem(self, phase: str) -> str:
        if phase == "unconfirmed":
            return self.tr(
                "The printer stopped answering, so your ticket may or may not have come out. Please remember your number, or ask a member of staff."
            )
        return self.tr(
            "The ticket could not be printed. Please remember your number above: it is called as it is. You can try printing again."
        )

    def _refusal(self, reason: str) -> str:
        words = {
            "no_appointment": self.tr(
                "We could not find an appointment for you today. You can take an ordinary ticket, or ask a member of staff."
            ),
            "missed": self.tr(
                "The time of your appointment has passed. Please take an ordinary ticket."
            ),
            "not_offered": self.tr(
                "Appointments cannot be checked in at this kiosk. Please take an ordinary ticket, or ask a member of staff."
            ),
            "unreachable": self.tr(
                "Your appointment cannot be checked now. Please take an ordinary ticket, or ask a member of staff."
            ),
            "not_genuine": read_problem("not_genuine"),
        }
        return words.get(
            reason,
            self.tr("The kiosk could not give a ticket just now. Please ask a member of staff."),
        )
