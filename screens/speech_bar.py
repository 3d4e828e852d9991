"""The speech controls under the header: read aloud on or off, quieter, louder, read again.

A row of its own, styled as the header and shown on every screen: the header's
row has no room left for them at 1280 px with the larger text. "Read aloud" (a
drawn headset, as no kiosk font has the emoji) is always there while the kiosk
offers speech; the other three only while it is on. What they do is the shell's
business (`kiosk.shell.speech`); this view only asks.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from screens.spoken import HEADER
from screens.style import HIGH_CONTRAST, STANDARD
from screens.widgets import BigButton

ICON_GAP_PX = 10


class SpeechBar(QFrame):
    toggled = Signal(bool)
    quieter_pressed = Signal()
    louder_pressed = Signal()
    again_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(HEADER)  # the header's look; and not read out with each screen
        row = QHBoxLayout(self)
        row.setContentsMargins(30, 0, 30, 10)
        row.addStretch(1)
        self.read_aloud = HeadsetButton()
        self.read_aloud.setCheckable(True)
        self.quieter = BigButton("header_button")
        self.louder = BigButton("header_button")
        self.again = BigButton("header_button")
        for button in (self.read_aloud, self.quieter, self.louder, self.again):
            row.addWidget(button)
        self.read_aloud.toggled.connect(self.toggled)
        self.quieter.clicked.connect(self.quieter_pressed)
        self.louder.clicked.connect(self.louder_pressed)
        self.again.clicked.connect(self.again_pressed)
        self._high_contrast = False

    def show_state(self, on: bool, step: int, steps: int, high_contrast: bool) -> None:
        """Words in the current language; ``step`` of ``steps`` is the volume (from 0)."""
        self.read_aloud.blockSignals(True)
        self.read_aloud.setChecked(on)
        self.read_aloud.blockSignals(False)
        if high_contrast != self._high_contrast or self.read_aloud.icon().isNull():
            self._high_contrast = high_contrast
            self.read_aloud.setIcon(headset_icon(high_contrast))
        read_aloud = self.tr("Read aloud")
        self.read_aloud.set_text(
            f"✓ {read_aloud}" if on else read_aloud,
            self.tr("On: the kiosk reads each screen aloud. A headset gives you privacy.")
            if on
            else self.tr("The kiosk reads each screen aloud"),
        )
        level = self.tr("Volume %1 of %2").replace("%1", str(step + 1)).replace("%2", str(steps))
        self.quieter.set_text(self.tr("Quieter"), level)
        self.louder.set_text(self.tr("Louder"), level)
        self.again.set_text(self.tr("Read again"), self.tr("Reads this screen again from the top"))
        for button in (self.quieter, self.louder, self.again):
            button.setVisible(on)


class HeadsetButton(BigButton):
    """A header button with a headset drawn before its words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("header_button", parent)

    def _fit_text(self) -> None:
        size = self.fontMetrics().height()
        self.setIconSize(QSize(size, size))
        super()._fit_text()
        # BigButton measures the words only: room for the drawing too.
        self.setMinimumWidth(self.minimumWidth() + size + ICON_GAP_PX)


def headset_icon(high_contrast: bool) -> QIcon:
    """A headset in the header's colours: light on the header, dark when the button is on."""
    palette = HIGH_CONTRAST if high_contrast else STANDARD
    icon = QIcon()
    for state, colour in (
        (QIcon.State.Off, palette.on_header),
        (QIcon.State.On, palette.header_bg),
    ):
        icon.addPixmap(_headset(QColor(colour)), QIcon.Mode.Normal, state)
    return icon


def _headset(colour: QColor, size: int = 64) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, size * 0.09)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    # The band over the head, then an ear cup at each end.
    band = QRectF(size * 0.14, size * 0.12, size * 0.72, size * 0.72)
    painter.drawArc(band, 0, 180 * 16)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    for left in (size * 0.08, size * 0.70):
        painter.drawRoundedRect(QRectF(left, size * 0.46, size * 0.22, size * 0.40), 5, 5)
    painter.end()
    return pixmap
