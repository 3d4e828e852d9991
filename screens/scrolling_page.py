"""The frame shared by the form pages and the review: headings, a scrolling body,
and a Back / forward button row at the bottom where a thumb reaches it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from screens.identity_strip import IdentityStrip
from screens.touch_scroll import touch_scroll_area
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
        # Folded away while the on-screen keyboard is up, to leave room for the fields.
        self._headings = QWidget()
        headings = QVBoxLayout(self._headings)
        headings.setContentsMargins(0, 0, 0, 0)
        headings.addWidget(self._service)
        headings.addWidget(self._title)
        headings.addWidget(self.identity)
        headings.addWidget(self._intro)
        layout.addWidget(self._headings)
        layout.addWidget(self._problem)
        self._scroll = touch_scroll_area()
        layout.addWidget(self._scroll, 1)
        self._buttons = QWidget()
        row = QHBoxLayout(self._buttons)
        row.setContentsMargins(0, 0, 0, 0)
        self._back = BigButton("secondary")
        self._forward = BigButton()
        self._back.clicked.connect(self.back)
        self._forward.clicked.connect(self.forward)
        row.addWidget(self._back)
        row.addStretch(1)
        row.addWidget(self._forward)
        layout.addWidget(self._buttons)

    def set_compact(self, compact: bool) -> None:
        """While typing on the on-screen keyboard, show only the fields and problems."""
        self._headings.setVisible(not compact)
        self._buttons.setVisible(not compact)

    def clear(self) -> None:
        """Drop the page's content (the citizen's answers) until it is drawn again."""
        content = self._scroll.takeWidget()
        if content is not None:
            content.deleteLater()
        self.identity.show_identity(None, None)
