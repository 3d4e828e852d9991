"""The calm word to a citizen that the network is down where it matters: before and
while an application is sent. Their application is kept on the kiosk and sent
when the network is back (the outbox), so nothing is asked of them."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from screens.widgets import label, set_label


class ConnectionNotice(QFrame):
    """A warning-coloured band; `show_notice` fills it in the current language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warning")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(30, 10, 30, 10)
        self._text = label()
        layout.addWidget(self._text)
        self.hide()

    def show_notice(self, offline: bool) -> None:
        set_label(
            self._text,
            self.tr(
                "The network is down just now. Your application is kept safely on this kiosk"
                " and will be sent automatically when the network is back. You do not need to"
                " come back."
            )
            if offline
            else "",
        )
        self.setVisible(offline)
