"""Call back once a window has been painted for the first time.

Qt paints a shown window on a later turn of the event loop; a zero timer started
at `show` may run before that. The filter sees the paint event before the window
draws, so the callback runs from a zero timer queued then, once the paint is done.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback = callback
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def after_first_paint(window: QWidget, callback: Callable[[], None]) -> None:
    """Run ``callback`` on the UI thread just after ``window``'s first paint."""
    _FirstPaint(window, callback)
