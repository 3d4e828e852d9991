"""A step's screen on a page that scrolls when the screen is taller than the display.

With larger text, on a 1280 x 1024 kiosk, a screen with many parts (the sign page,
a queue ticket, a complaint) can need more height than there is. Rather than cut
it, the page scrolls with a wide bar a finger can drag. It is a plain scroll area,
not a kinetic one: a drag on the page must still write on the signature pad. A
screen that scrolls its own body keeps doing so: its scroll area gives way first,
and the page scrolls only when what stays around it cannot fit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scrolling_page(screen: QWidget) -> QScrollArea:
    """A scroll area holding ``screen``, as wide as the display."""
    page = QScrollArea()
    page.setObjectName("page")
    page.setFrameShape(QFrame.Shape.NoFrame)
    page.setWidgetResizable(True)
    page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    page.setWidget(screen)
    return page
