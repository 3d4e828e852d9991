"""On a registration's result: how the licence will come, and what the citizen can do next.

Three parts, each shown only when it applies: the licence's delivery in words
(posted: where to, masked), the bank account at a bank-branch kiosk (the
question of consent in plain words, then the slip for the counter), and the
permits the chosen scope needs that can be applied for now. A thin view: the
router gives it what to show and turns its signals into the workflow's events.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.delivery import Delivery
from kiosk.workflow.states import Finished
from screens.widgets import BigButton, label, set_label


class ResultOffersPanel(QWidget):
    bank_asked = Signal()
    bank_consented = Signal()
    bank_declined = Signal()
    permit_chosen = Signal(str)
    """A permit service's code: apply for it now, prefilled from the registration."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._delivery = label()
        layout.addWidget(self._delivery)
        self._bank = QFrame()
        self._bank.setObjectName("panel")
        # The words beside the buttons, not above them: the result screen has no height to spare.
        row = QHBoxLayout(self._bank)
        bank = QVBoxLayout()
        row.addLayout(bank, 1)
        self._bank_question = label()
        bold = self._bank_question.font()
        bold.setBold(True)
        self._bank_question.setFont(bold)
        self._bank_words = label()
        self._bank_status = label()
        self._bank_problem = label("error")
        self._ask = BigButton("secondary")
        self._yes = BigButton()
        self._no = BigButton("secondary")
        self._ask.clicked.connect(self.bank_asked)
        self._yes.clicked.connect(self.bank_consented)
        self._no.clicked.connect(self.bank_declined)
        for widget in (self._bank_question, self._bank_words, self._bank_status):
            bank.addWidget(widget)
        bank.addWidget(self._bank_problem)
        for button in (self._ask, self._yes, self._no):
            row.addWidget(button)
        layout.addWidget(self._bank)
        self._permit_words = label()
        layout.addWidget(self._permit_words)
        self._permit_row = QHBoxLayout()
        self._permit_row.addStretch(1)
        layout.addLayout(self._permit_row)
        self._permit_buttons: dict[str, BigButton] = {}
        self._bank.hide()

    def show_offers(
        self,
        state: Finished,
        *,
        delivery: Delivery | None,
        language: str,
        bank: str | None,
        permits: tuple[tuple[str, str], ...],
    ) -> None:
        """``bank``: the bank's name when the account is offered; ``permits``: (code, title)."""
        set_label(self._delivery, self._delivery_words(delivery, language))
        self._show_bank(state, bank)
        self._show_permits(permits)

    def _delivery_words(self, delivery: Delivery | None, language: str) -> str:
        if delivery is None:
            return ""
        match delivery.how:
            case "post":
                return (
                    self.tr("Once approved, your licence will be posted to %1 (to %2, %3).")
                    .replace("%1", delivery.place(language))
                    .replace("%2", delivery.recipient)
                    .replace("%3", delivery.mobile)
                )
            case "counter":
                return self.tr(
                    "Once approved, collect your licence at the registration counter with your identity card."
                )
            case "kiosk_print":
                return self.tr(
                    "Once approved, print your licence at any kiosk with your identity card."
                )
        return self.tr("Your licence: %1").replace("%1", delivery.label.get(language))

    def _show_bank(self, state: Finished, bank: str | None) -> None:
        self._bank.setVisible(bank is not None)
        if bank is None:
            return
        step = state.handoff
        asking = step == "asking"
        set_label(
            self._bank_question,
            self.tr("Open the company's bank account at %1?").replace("%1", bank) if asking else "",
        )
        set_label(
            self._bank_words,
            self.tr(
                "If you agree, the kiosk prints a slip for the bank's counter. The bank gets your application number, the enterprise name and your name; not your identity number. Nothing else is shared."
            )
            if asking
            else "",
        )
        status = {
            "": self.tr(
                "This kiosk is in a bank branch: you can open the company's account at its counter today."
            ),
            "declined": self.tr("Nothing was shared with the bank."),
            "printing": self.tr("Printing the slip for the bank's counter…"),
            "printed": self.tr(
                "Take the slip to the bank's counter with your identity card: they open the account there."
            ),
        }.get(step, "")
        set_label(self._bank_status, status)
        problem = {
            "failed": self.tr(
                "The slip could not be printed; nothing came out. You can try again."
            ),
            "unconfirmed": self.tr(
                "The printer stopped answering, so the slip may or may not have come out. If there is none, please ask a member of staff."
            ),
        }.get(step, "")
        set_label(self._bank_problem, problem)
        self._ask.set_text(
            self.tr("Open the company's bank account here, at %1").replace("%1", bank)
        )
        self._yes.set_text(
            self.tr("Try printing the slip again") if step == "failed" else self.tr("Yes, I agree")
        )
        self._no.set_text(self.tr("No, thank you"))
        self._ask.setVisible(step in ("", "declined"))
        self._yes.setVisible(step in ("asking", "failed"))
        self._no.setVisible(asking)

    def _show_permits(self, permits: tuple[tuple[str, str], ...]) -> None:
        if tuple(self._permit_buttons) != tuple(code for code, _ in permits):
            for button in self._permit_buttons.values():
                button.deleteLater()
            self._permit_buttons = {}
            for code, _ in permits:
                button = BigButton()
                button.clicked.connect(lambda _=False, c=code: self.permit_chosen.emit(c))
                self._permit_row.insertWidget(self._permit_row.count() - 1, button)
                self._permit_buttons[code] = button
        for code, title in permits:
            button = self._permit_buttons[code]
            button.set_text(self.tr("Apply now: %1").replace("%1", title))
            button.show()  # at once: a layout shows a new child only on a later turn
        set_label(
            self._permit_words,
            self.tr(
                "Your business scope has items that need a permit before you start them. You can apply now, with what you have given filled in."
            )
            if permits
            else "",
        )
