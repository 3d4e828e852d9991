"""The "rate this service" button a result screen shows at the end of a service.

A step screen that ends a service holds one as ``rate_button``; the router binds
it to the workflow's ``rate_service`` and shows it while the workflow offers a
rating (`KioskWorkflow.can_rate`: the step may be rated now, and the citizen has
not rated yet in this visit).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from screens.widgets import BigButton


class RateButton(BigButton):
    """ "Rate this service" (好差评), shown only while a rating is offered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("secondary", parent)
        self.hide()

    def show_offer(self, offered: bool) -> None:
        self.set_text(
            self.tr("Rate this service"),
            self.tr(
                "Tell us how this visit went: five levels, from very satisfied to very dissatisfied"
            ),
        )
        self.setVisible(offered)
