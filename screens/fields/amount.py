"""Numbers and sums of money: the keyboard's digit pad, the unit beside the box.

The box accepts what a citizen types (full-width digits, separators, a stray
space) and reports it as text; the form engine normalises and checks it
(``integer``, ``decimals``, ``min``/``max``) and names the problem.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from screens.widgets import label, set_label


class AmountInput(QWidget):
    """A number box with its unit (万元, 人) shown after it; ``edited`` carries the text."""

    edited = Signal(str)

    def __init__(
        self, unit: str = "", *, decimals: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.editor = QLineEdit()
        # The on-screen keyboard's digit pad: "." only where money has cents.
        hints = (
            Qt.InputMethodHint.ImhFormattedNumbersOnly
            if decimals
            else Qt.InputMethodHint.ImhDigitsOnly
        )
        self.editor.setInputMethodHints(hints | Qt.InputMethodHint.ImhNoPredictiveText)
        self.editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.editor.textEdited.connect(self.edited)
        self.unit = label()
        set_label(self.unit, unit)
        row.addWidget(self.editor, 1)
        row.addWidget(self.unit)

    def text(self) -> str:
        return self.editor.text()

    def set_text(self, text: str) -> None:
        self.editor.setText(text)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt override
        unit = self.unit.text()
        self.editor.setAccessibleName(f"{name} ({unit})" if unit else name)
        super().setAccessibleName(name)
