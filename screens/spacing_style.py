"""The style under the kiosk's style sheet: room between controls for a finger.

Qt's default spacing between the widgets of a layout is 6 px; two buttons that
close are easy to touch both at once, or the wrong one, with an unsteady finger.
Every layout that does not set its own spacing gets `CONTROL_GAP_PX` instead.
Where a mouse is used (staff, a trackball), every button shows the pointing hand.

The style polishes every widget once, before it is first shown: the shell adds its
own steps there (`polishers`) instead of an application-wide event filter, which
PySide calls in Python for every event of every widget (1,200 for a district
picker of 25 buttons, about 30 ms).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QProxyStyle,
    QSizePolicy,
    QStyle,
    QStyleOption,
    QWidget,
)

CONTROL_GAP_PX = 12
"""At least the 8 px the accessibility check asks for between two touch targets."""

_SPACING_METRICS = (
    QStyle.PixelMetric.PM_LayoutHorizontalSpacing,
    QStyle.PixelMetric.PM_LayoutVerticalSpacing,
)


class SpacingStyle(QProxyStyle):
    """The platform's style, with the kiosk's gap between the widgets of a layout."""

    def __init__(self) -> None:
        super().__init__()
        self.polishers: list[Callable[[QWidget], None]] = []
        """Called with each widget as it is polished."""

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        if metric in _SPACING_METRICS:
            return CONTROL_GAP_PX
        return super().pixelMetric(metric, option, widget)

    def layoutSpacing(
        self,
        control1: QSizePolicy.ControlType,
        control2: QSizePolicy.ControlType,
        orientation: Qt.Orientation,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        return CONTROL_GAP_PX

    def polish(
        self, target: QWidget | QApplication | QPalette | Qt.GlobalColor | QColor, /
    ) -> None:
        # Here and not in each button: the attract screen's button is made before this
        # style (and the `Qt` namespace the cursor's shape needs) is loaded.
        if isinstance(target, QAbstractButton):
            target.setCursor(Qt.CursorShape.PointingHandCursor)
        if isinstance(target, QWidget):
            for polisher in self.polishers:
                polisher(target)
        super().polish(target)
