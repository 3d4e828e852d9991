"""Scroll areas made for fingers: drag anywhere to scroll, with momentum, and a
scroll bar wide enough to grab.

A citizen who has never used a touch screen drags the page itself, as on a
phone; QScroller turns that drag (touch or mouse) into kinetic scrolling, and a
tap still reaches the field under the finger.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QWidget


def touch_scroll_area(parent: QWidget | None = None) -> QScrollArea:
    """A frameless, resizable scroll area with kinetic touch and mouse-drag scrolling."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return area
