"""The inactivity warning: a countdown with "continue" before the session is wiped."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from screens.question_panel import QuestionPanel


class IdleWarningPanel(QuestionPanel):
    """Asks "do you need more time?"; keeping the session is the large, safe answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keep_going = self.declined
        self.end_now = self.confirmed

    def show_countdown(self, seconds: int) -> None:
        self.ask(
            self.tr("Do you need more time?"),
            self.tr(
                "For your privacy the kiosk will clear your information in %1 seconds."
            ).replace("%1", str(seconds)),
            self.tr("End now"),
            self.tr("Yes, I need more time"),
        )
