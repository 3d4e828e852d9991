"""Finds text that does not fit its widget: a cut button label, a clipped line.

A label must be tall enough for its wrapped text (``heightForWidth``) or, when it
does not wrap, wide enough for it; a button must be wide and tall enough for
every line of its text plus the style sheet's padding and border. The fonts are
the widgets' own after styling, so a style sheet's size or weight counts.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from screens.style import BUTTON_PADDING_X_PX

# The style sheet's padding (8 px above and below) and a border of up to 4 px when focused.
BUTTON_PAD_X = 2 * (BUTTON_PADDING_X_PX + 4)
BUTTON_PAD_Y = 2 * (8 + 4)


def settle_layouts() -> None:
    """Run every pending relayout, as the event loop does before the screen is painted
    (a page fitting its screen to the display takes a few rounds)."""
    for _ in range(6):
        QApplication.sendPostedEvents(None, int(QEvent.Type.LayoutRequest.value))


def cut_texts(root: QWidget) -> list[str]:
    """One line for each visible label or button under ``root`` whose text is cut."""
    settle_layouts()
    problems: list[str] = []
    for label in root.findChildren(QLabel):
        if label.isVisible() and label.text() and label.pixmap().isNull():
            problems += _label_problems(label)
    for button in root.findChildren(QPushButton):
        if button.isVisible() and button.text():
            problems += _button_problems(button)
    return problems


def _label_problems(label: QLabel) -> list[str]:
    rect = label.contentsRect()
    metrics = QFontMetrics(label.font())
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 1:
            return [
                f"label {label.text()[:40]!r}: needs {needed} px of height, has {label.height()}"
            ]
        words = [w for w in label.text().split() if w]
        widest = max((metrics.horizontalAdvance(w) for w in words), default=0)
        # A single Latin word cannot wrap; CJK text breaks between characters.
        if widest > rect.width() + 1 and all(w.isascii() for w in words):
            return [f"label {label.text()[:40]!r}: a word needs {widest} px, has {rect.width()}"]
        return []
    widest = max(metrics.horizontalAdvance(line) for line in label.text().splitlines())
    if widest > rect.width() + 1:
        return [f"label {label.text()[:40]!r}: needs {widest} px of width, has {rect.width()}"]
    return []


def _button_problems(button: QPushButton) -> list[str]:
    metrics = QFontMetrics(button.font())
    lines = button.text().splitlines()
    width = max(metrics.horizontalAdvance(line) for line in lines) + BUTTON_PAD_X
    height = metrics.lineSpacing() * len(lines) + BUTTON_PAD_Y
    if width > button.width() or height > button.height():
        return [
            f"button {button.text()[:40]!r}: needs {width}x{height} px,"
            f" has {button.width()}x{button.height()}"
        ]
    return []
