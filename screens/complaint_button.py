"""The "I came and could not get it done" (跑一次没办成) button of a result screen.

A step screen that ends a service holds one as ``complaint_button``; the router
binds it to the complaint step (`kiosk.steps.complaint`) and shows it while the
step's kind allows it (`StepKind.complaint`). Nothing else is needed on the screen.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from screens.widgets import BigButton


class ComplaintButton(BigButton):
    """跑一次没办成: a ticket for the complaints window, shown only while offered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("secondary", parent)
        self.hide()

    def show_offer(self, offered: bool) -> None:
        self.set_text(
            self.tr("I came and could not get it done"),
            self.tr("Leave your mobile number and take a ticket for the complaints window"),
        )
        self.setVisible(offered)
