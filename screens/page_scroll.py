"""A step's screen on a page that scrolls when the screen is taller than the display.

With larger text, on a 1280 x 1024 kiosk, a screen with many parts (the sign page,
a queue ticket, a complaint) can need more height than there is. Rather than cut
it, the page scrolls with a wide bar a finger can drag. It is a plain scroll area,
not a kinetic one: a drag on the page must still write on the signature pad.

A screen that scrolls its own body (a form page, the review) keeps doing so: its
scroll area gives way first, and the page scrolls only when what stays around it
cannot fit. So the page gives the screen the display's height, or the screen's
*minimum* height for the width when that is more. A resizable QScrollArea would
give a screen with word-wrapped text its preferred height for the width instead,
which keeps the inner scroll area at full size and pushes the page's buttons off
the bottom of the display in larger text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class ScrollingPageArea(QScrollArea):
    """Holds one screen, as wide as the display and at least as tall."""

    def __init__(self, screen: QWidget) -> None:
        super().__init__()
        self.setObjectName("page")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidgetResizable(False)
        self.setWidget(screen)
        screen.installEventFilter(self)
        self.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        screen = self.widget()
        if (watched is screen and event.type() == QEvent.Type.LayoutRequest) or (
            watched is self.viewport() and event.type() == QEvent.Type.Resize
        ):
            self.fit()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        """Size the screen to the viewport's width and the height it needs at least."""
        screen = self.widget()
        if screen is None:
            return
        width = self.viewport().width()
        size = QSize(width, max(minimum_height(screen, width), self.viewport().height()))
        if screen.size() != size:
            screen.resize(size)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        screen = self.widget()
        return screen.sizeHint() if screen is not None else super().sizeHint()


def minimum_height(screen: QWidget, width: int) -> int:
    """The least height ``screen`` can take at ``width`` without cutting anything."""
    layout = screen.layout()
    if layout is not None and layout.hasHeightForWidth():
        return max(layout.minimumHeightForWidth(width), screen.minimumHeight())
    return max(screen.minimumSizeHint().height(), screen.minimumHeight())


def scrolling_page(screen: QWidget) -> QScrollArea:
    """A scroll area holding ``screen``, as wide as the display."""
    return ScrollingPageArea(screen)
