"""The inactivity warning: a countdown with "continue" before the session is wiped."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from screens.widgets import BigButton, label, set_label


class IdleWarningPanel(QFrame):
    keep_going = Signal()
    end_now = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warning")
        self.setFrameShape(QFrame.Shape.Box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(50, 40, 50, 40)
        self._title = label("title")
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._text = label("subtitle")
        self._text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QHBoxLayout()
        self._end = BigButton("secondary")
        self._continue = BigButton()
        self._continue.setMinimumWidth(360)
        self._end.clicked.connect(self.end_now)
        self._continue.clicked.connect(self.keep_going)
        row.addWidget(self._end)
        row.addStretch(1)
        row.addWidget(self._continue)
        layout.addWidget(self._title)
        layout.addWidget(self._text)
        layout.addSpacing(20)
        layout.addLayout(row)
        self.hide()

    @property
    def text(self) -> str:
        return self._text.text()

    def show_countdown(self, seconds: int) -> None:
        set_label(self._title, self.tr("Do you need more time?"))
        set_label(
            self._text,
            self.tr(
                "For your privacy the kiosk will clear your information in %1 seconds."
            ).replace("%1", str(seconds)),
        )
        self._continue.set_text(self.tr("Yes, I need more time"))
        self._end.set_text(self.tr("End now"))
        if not self.isVisible():
            self.show()
            self.raise_()
            self._continue.setFocus()
