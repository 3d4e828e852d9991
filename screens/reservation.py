"""A service that needs a reserved company name, and the session has none that fits.

Says why in plain words and offers the name declaration first; once the name
is reserved the citizen comes straight back to this service (same session, the
same identity document).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.workflow.states import Reserving
from screens.widgets import BigButton, label, set_label


class ReservationScreen(QWidget):
    back = Signal()
    declare = Signal(str)
    """The name declaration service's code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._declare_code = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        self._service = label("subtitle")
        self._title = label("title")
        self._explanation = label()
        for widget in (self._service, self._title, self._explanation):
            layout.addWidget(widget)
        layout.addStretch(1)
        row = QHBoxLayout()
        self._back = BigButton("secondary")
        self._declare = BigButton()
        self._back.clicked.connect(self.back)
        self._declare.clicked.connect(lambda: self.declare.emit(self._declare_code))
        row.addWidget(self._back)
        row.addStretch(1)
        row.addWidget(self._declare)
        layout.addLayout(row)

    def show_state(
        self, state: Reserving, service_title: str, declaration: tuple[str, str] | None
    ) -> None:
        """``declaration``: the name declaration service's (code, title), if offered."""
        set_label(self._service, service_title)
        self._back.set_text(self.tr("Back"))
        if state.missing is None:
            set_label(self._title, self.tr("Using your reserved name…"))
            set_label(self._explanation, "")
            self._declare.hide()
            return
        set_label(self._title, self.tr("First, reserve the company name"))
        reasons = {
            "expired": self.tr("The name you reserved has expired."),
            "mismatch": self.tr("The name you reserved is not a company name of this kind."),
        }
        words = reasons.get(state.missing, "")
        words += ("\n" if words else "") + self.tr(
            "This service starts from a company name reserved through the enterprise name declaration. It takes a few minutes, and then you come straight back here."
        )
        if declaration is None:
            words += "\n" + self.tr("Please ask a member of staff for help.")
        set_label(self._explanation, words)
        self._declare_code = declaration[0] if declaration else ""
        if declaration is not None:
            self._declare.set_text(
                self.tr("Reserve the name now: %1").replace("%1", declaration[1])
            )
        self._declare.setVisible(declaration is not None)
