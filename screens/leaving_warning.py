"""The warning before a session ends because the citizen seems to have gone: they
took their card, or left their printout in the slot (`kiosk.workflow.leaving`)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from screens.question_panel import QuestionPanel


class LeavingWarningPanel(QuestionPanel):
    """A countdown with "I'm not finished", the large, safe answer, as the idle warning."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.not_finished = self.declined
        self.end_now = self.confirmed

    def show_card_taken(self, seconds: int) -> None:
        self.ask(
            self.tr("You took your card"),
            self.tr("This session will end in %1 seconds.").replace("%1", str(seconds)),
            self.tr("End now"),
            self.tr("I'm not finished"),
        )

    def show_slip_left(self, seconds: int) -> None:
        self.ask(
            self.tr("Please take your printout"),
            self.tr(
                "It is still in the printer's slot. For your privacy this session will end in %1 seconds."
            ).replace("%1", str(seconds)),
            self.tr("End now"),
            self.tr("I'm not finished"),
        )
