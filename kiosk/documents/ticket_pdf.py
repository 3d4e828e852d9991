"""A thermal slip laid out as an A5 PDF, for a kiosk without a receipt printer.

A queue ticket is composed once as a `devices.protocols.Ticket` (lines and an
optional QR code); a kiosk whose only printer is its document printer prints
the same lines on A5, large enough to read at arm's length, in an embedded CJK
font. The lines are already wrapped for the roll, so each stays one line here.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from devices.protocols import Ticket, TicketLine
from kiosk.documents.fonts import register_cjk_font
from kiosk.documents.qr_flowable import QrCode

MARGIN = 12 * mm
BODY_PT = 12.0
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


def write_ticket_pdf(
    ticket: Ticket, target: Path, *, title: str, font_path: Path | None = None
) -> Path:
    """Write ``ticket`` as an A5 PDF at ``target`` (its parent must exist)."""
    font = register_cjk_font(font_path)
    story: list[Flowable] = [_paragraph(line, font) for line in ticket.lines]
    if ticket.qr:
        story += [Spacer(1, 4 * mm), QrCode(ticket.qr, 35 * mm)]
    SimpleDocTemplate(
        str(target),
        pagesize=A5,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
    ).build(story)
    return target


def _paragraph(line: TicketLine, font: str) -> Paragraph:
    # The CJK font has no bold face: a bold line is set a little larger instead.
    size = BODY_PT * (2.2 if line.double_size else 1.15 if line.bold else 1.0)
    style = ParagraphStyle(
        f"line-{size}-{line.align}",
        fontName=font,
        fontSize=size,
        leading=size * 1.3,
        alignment=_ALIGN.get(line.align, TA_LEFT),
        wordWrap="CJK",
    )
    return Paragraph(escape(line.text) or "&nbsp;", style)
