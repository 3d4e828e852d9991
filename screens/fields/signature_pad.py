"""A signature pad: sign with a finger or a stylus, clear and sign again, send as PNG.

The strokes are kept as points and drawn again on every paint; the PNG is made
from them on request, black on white at a fixed size, for the application's
signature attachment. `clear` forgets them (at "clear" and when the session
ends). Place it outside a kinetic scroll area: a drag on it must draw, not
scroll the page.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from screens.style import MUTED, TEXT

#: The attachment's size: wide enough for a Chinese name written by hand.
PNG_SIZE = QSize(900, 300)
_PEN_PX = 4.0


class SignaturePad(QWidget):
    """Draws what the citizen writes; ``signed`` is emitted after each stroke."""

    signed = Signal()
    accessible_role = "Canvas"
    """A surface to write on (`screens.accessible_roles`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[list[QPointF]] = []
        self._drawing = False
        self.setMinimumSize(600, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(self.tr("Signature area: write your name here with your finger"))

    # -- what was written ----------------------------------------------------------
    def is_empty(self) -> bool:
        return not any(len(stroke) > 1 for stroke in self._strokes)

    @property
    def stroke_count(self) -> int:
        return len(self._strokes)

    def clear(self) -> None:
        self._strokes = []
        self._drawing = False
        self.update()

    def png_bytes(self) -> bytes:
        """The signature as a PNG, black on white, scaled to fit `PNG_SIZE`."""
        image = QImage(PNG_SIZE, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale = min(
            PNG_SIZE.width() / max(1, self.width()), PNG_SIZE.height() / max(1, self.height())
        )
        painter.scale(scale, scale)
        self._draw_strokes(painter, QColor("black"))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; Qt takes str
        buffer.close()
        return bytes(data.data())

    # -- input: mouse (and touch, which Qt turns into mouse) and stylus -----------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._drawing:
            self._extend(event.position())
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._drawing:
            self._extend(event.position())
            self._end()
            event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 - Qt override
        match event.type():
            case QTabletEvent.Type.TabletPress:
                self._begin(event.position())
            case QTabletEvent.Type.TabletMove if self._drawing:
                self._extend(event.position())
            case QTabletEvent.Type.TabletRelease if self._drawing:
                self._end()
        event.accept()

    def _begin(self, point: QPointF) -> None:
        self._drawing = True
        self._strokes.append([QPointF(point)])
        self.update()

    def _extend(self, point: QPointF) -> None:
        self._strokes[-1].append(QPointF(point))
        self.update()

    def _end(self) -> None:
        self._drawing = False
        self.signed.emit()

    # -- drawing -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        frame = QPen(QColor(MUTED), 3)
        painter.setPen(frame)
        painter.drawRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5))
        # A line to sign on, as on paper.
        baseline = self.height() * 0.75
        painter.setPen(QPen(QColor(MUTED), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(30, baseline), QPointF(self.width() - 30, baseline))
        self._draw_strokes(painter, QColor(TEXT))
        painter.end()

    def _draw_strokes(self, painter: QPainter, colour: QColor) -> None:
        pen = QPen(colour, _PEN_PX, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(stroke[0])
                continue
            path = QPainterPath(stroke[0])
            for point in stroke[1:]:
                path.lineTo(point)
            painter.drawPath(path)
