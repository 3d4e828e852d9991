"""The look of the kiosk for this citizen: standard or larger text, standard or high
contrast. Chosen from the header, kept for the session, reset when it ends.

Changing it restyles the whole application at once (one style sheet); every
widget re-measures its text, so nothing is cut in the larger size.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from screens.style import style_sheet


class LookSwitcher(QObject):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.large_text = False
        self.high_contrast = False

    def set_large_text(self, on: bool) -> None:
        self._apply(on, self.high_contrast)

    def set_high_contrast(self, on: bool) -> None:
        self._apply(self.large_text, on)

    def reset(self) -> None:
        """The next citizen starts with the standard look."""
        self._apply(False, False)

    def _apply(self, large_text: bool, high_contrast: bool) -> None:
        if (large_text, high_contrast) == (self.large_text, self.high_contrast):
            return
        self.large_text, self.high_contrast = large_text, high_contrast
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setStyleSheet(style_sheet(large=large_text, high_contrast=high_contrast))
        self.changed.emit()
