"""The header's reading aids: larger text and high contrast, one touch each.

Each is a toggle that shows its state in words and a tick as well as in colour
(a citizen who cannot tell the colours apart still sees which is on). What the
aids change is the shell's business (`kiosk.shell.look`); this view only asks.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from screens.widgets import BigButton


class ReadingAids(QWidget):
    large_text_toggled = Signal(bool)
    high_contrast_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.large_text = BigButton("header_button")
        self.high_contrast = BigButton("header_button")
        for button in (self.large_text, self.high_contrast):
            button.setCheckable(True)
            row.addWidget(button)
        self.large_text.toggled.connect(self.large_text_toggled)
        self.high_contrast.toggled.connect(self.high_contrast_toggled)

    def show_state(self, large_text: bool, high_contrast: bool) -> None:
        """Words in the current language; the buttons follow the look actually applied."""
        for button, on in ((self.large_text, large_text), (self.high_contrast, high_contrast)):
            button.blockSignals(True)
            button.setChecked(on)
            button.blockSignals(False)
        self.large_text.set_text(
            self._marked(self.tr("Larger text"), large_text),
            self.tr("On: the words are larger")
            if large_text
            else self.tr("Makes the words larger"),
        )
        self.high_contrast.set_text(
            self._marked(self.tr("High contrast"), high_contrast),
            self.tr("On: light words on black")
            if high_contrast
            else self.tr("Light words on black, easier to see"),
        )

    @staticmethod
    def _marked(text: str, on: bool) -> str:
        return f"✓ {text}" if on else text
