"""The frame shared by the form pages and the review: headings, a scrolling body,
and a Back / forward button row at the bottom where a thumb reaches it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from screens.identity_strip import IdentityStrip
from screens.widgets import BigButton, label


class ScrollingPage(QWidget):
    back = Signal()
    forward = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 30)
        self._service = label("subtitle")
        self._title = label("title")
        self._intro = label("hint")
        self._problem = label("error")
        self.identity = IdentityStrip()
        for heading in (self._service, self._title, self.identity, self._intro, self._problem):
            layout.addWidget(heading)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self._scroll, 1)
        row = QHBoxLayout()
        self._back = BigButton("secondary")
        self._forward = BigButton()
        self._back.clicked.connect(self.back)
        self._forward.clicked.connect(self.forward)
        row.addWidget(self._back)
        row.addStretch(1)
        row.addWidget(self._forward)
        layout.addLayout(row)
