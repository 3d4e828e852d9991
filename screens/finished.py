"""The result: the application number (or the kiosk's reference while queued) and the receipt."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.workflow.states import Finished
from screens.complaint_button import ComplaintButton
from screens.rating_offer import RateButton
from screens.result_offers import ResultOffersPanel
from screens.touch_scroll import touch_scroll_area
from screens.widgets import BigButton, label, set_label


class FinishedScreen(QWidget):
    done = Signal()
    reprint = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(80, 40, 80, 40)
        # Everything above the buttons scrolls: with larger text, the delivery, the bank
        # question and the offers do not all fit a 1024 px screen.
        self._scroll = touch_scroll_area()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 20, 0)
        self._scroll.setWidget(body)
        self._title = label("title")
        self._what = label("subtitle")
        panel = QFrame()
        panel.setObjectName("panel")
        panel_layout = QVBoxLayout(panel)
        self._number_label = label()
        self._number = label("big_number")
        self._number.setObjectName("big_number")
        self._number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        panel_layout.addWidget(self._number_label)
        panel_layout.addWidget(self._number)
        self._next_steps = label()
        self._receipt = label("subtitle")
        self._receipt_problem = label("error")
        self._card_reminder = label("reminder")
        self._done = BigButton()
        self._done.clicked.connect(self.done)
        self._reprint = BigButton("secondary")
        self._reprint.clicked.connect(self.reprint)
        # "Rate this service": bound and shown by the router while a rating is offered.
        self.rate_button = RateButton()
        # 跑一次没办成: bound and shown by the router while the step offers it.
        self.complaint_button = ComplaintButton()
        layout.addWidget(self._title)
        layout.addWidget(self._what)
        layout.addSpacing(10)
        layout.addWidget(panel)
        layout.addSpacing(10)
        layout.addWidget(self._next_steps)
        layout.addWidget(self._receipt)
        layout.addWidget(self._receipt_problem)
        layout.addWidget(self._card_reminder)
        # The licence's delivery, the bank account, the permit: bound and drawn by the router.
        self.offers = ResultOffersPanel()
        layout.addWidget(self.offers)
        offers_row = QHBoxLayout()
        offers_row.addWidget(self.rate_button)
        offers_row.addWidget(self.complaint_button)
        offers_row.addStretch(1)
        layout.addLayout(offers_row)
        layout.addStretch(1)
        outer.addWidget(self._scroll, 1)
        row = QHBoxLayout()
        row.addWidget(self._reprint)
        row.addStretch(1)
        row.addWidget(self._done)
        outer.addLayout(row)

    @property
    def number_text(self) -> str:
        return self._number.text()

    def show_state(self, state: Finished, service_title: str, promise_days: int | None) -> None:
        set_label(self._what, service_title)
        if state.application_no:
            set_label(self._title, self.tr("Your application has been received"))
            set_label(self._number_label, self.tr("Your application number"))
            set_label(self._number, state.application_no)
            steps = self.tr("We will tell you the result by text message.")
            if promise_days:
                steps = self.tr(
                    "We will tell you the result by text message within %1 working days."
                ).replace("%1", str(promise_days))
        else:
            set_label(self._title, self.tr("Your application is saved"))
            set_label(self._number_label, self.tr("Your reference"))
            # The provisional reference (K0001-000123), large: what the citizen reads
            # out until the central's number arrives.
            set_label(self._number, state.reference)
            steps = "\n".join(
                (
                    self.tr("Your application number will follow by text message (SMS)."),
                    self.tr(
                        "The kiosk cannot reach the registration office just now. It will send your application automatically; you do not need to come back."
                    ),
                )
            )
        set_label(self._next_steps, steps)
        match state.receipt:
            case "printing":
                set_label(self._receipt, self.tr("Printing your receipt…"))
                set_label(self._receipt_problem, "")
            case "printed":
                set_label(
                    self._receipt, self.tr("Please take your receipt from the printer below.")
                )
                set_label(self._receipt_problem, "")
            case "unconfirmed":
                set_label(self._receipt, "")
                set_label(
                    self._receipt_problem,
                    self.tr(
                        "The printer stopped answering, so your receipt may or may not have come out. Your application is safe. If there is no receipt, please ask a member of staff: they can print it for you."
                    ),
                )
            case _:
                set_label(self._receipt, "")
                set_label(
                    self._receipt_problem,
                    self.tr(
                        "The receipt could not be printed. Your application is safe. You can try again, write down the number above, or ask a member of staff to print it."
                    ),
                )
        self._reprint.set_text(self.tr("Try printing again"))
        self._reprint.setVisible(state.receipt == "failed")
        self._done.set_text(self.tr("Finish"))

    def show_card_reminder(self, card_on_reader: bool) -> None:
        """Ask for the identity card to be taken back while it is still on the reader."""
        set_label(
            self._card_reminder,
            self.tr("Please take your identity card back from the reader.")
            if card_on_reader
            else "",
        )
