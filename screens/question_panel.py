"""A question laid over the screen with two big answers, e.g. "start over?".

The safe answer (keep what I have) is the large primary button; the one that
throws something away is secondary and says exactly what it does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from screens.widgets import BigButton, label, set_label


class QuestionPanel(QFrame):
    confirmed = Signal()
    """The citizen chose the answer that acts (e.g. "yes, delete my answers")."""

    declined = Signal()

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
        self._act = BigButton("secondary")
        self._keep = BigButton()
        self._keep.setMinimumWidth(360)
        self._act.clicked.connect(self._on_act)
        self._keep.clicked.connect(self._on_keep)
        row.addWidget(self._act)
        row.addStretch(1)
        row.addWidget(self._keep)
        layout.addWidget(self._title)
        layout.addWidget(self._text)
        layout.addSpacing(20)
        layout.addLayout(row)
        self.hide()

    @property
    def text(self) -> str:
        return self._text.text()

    def ask(self, title: str, text: str, act: str, keep: str) -> None:
        """Show the question (or reword it while it is shown: a countdown)."""
        set_label(self._title, title)
        set_label(self._text, text)
        self._act.set_text(act)
        self._keep.set_text(keep)
        if not self.isVisible():
            self.show()
            self.raise_()
            self._keep.setFocus()

    def _on_act(self) -> None:
        self.hide()
        self.confirmed.emit()

    def _on_keep(self) -> None:
        self.hide()
        self.declined.emit()
