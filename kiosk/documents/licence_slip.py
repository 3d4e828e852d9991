"""The business licence (营业执照) laid out as a landscape PDF page (registration.md §7).

Landscape, as the licence is. Top left the unified social credit code, top right
the central's verification QR with the 国家企业信用信息公示系统 caption (§7.1), the
items of §7.2 in two columns, and the registration authority with the date of
issue at the bottom right. The kiosk's document printer takes A4, so this is the
副本's size (210 × 297 mm). The title and the system's address are printed too,
for plain paper. Whatever the length of the business scope, the licence is one
page: the items shrink to fit, the QR never does. Nothing on it is an identity
number (`kiosk.documents.licence_content` masks any).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.documents.fonts import register_cjk_font
from kiosk.documents.licence_content import GSXT_CAPTION, LicenceLine, LicenceSlip
from kiosk.documents.qr_flowable import QrCode

PAGE = landscape(A4)
MARGIN = 14 * mm
QR_SIZE = 36 * mm
HEADER_HEIGHT = 52 * mm
ITEM_SIZES = (13.0, 12.0, 11.0, 10.0, 9.0, 8.0, 7.0)
"""Point sizes tried for the items, largest first, until they fit the page."""
FOOTER_HEIGHT = 24 * mm
GSXT_URL = "http://www.gsxt.gov.cn"
_GREY = colors.HexColor("#333333")


def write_licence_pdf(slip: LicenceSlip, target: Path, *, font_path: Path | None = None) -> Path:
    """Write the licence to ``target`` (its parent must exist) as one landscape page."""
    font = register_cjk_font(font_path)
    # The page's frame keeps 6 pt of padding on each side.
    width = PAGE[0] - 2 * MARGIN - 12
    height = PAGE[1] - 2 * MARGIN - 12
    body_height = height - HEADER_HEIGHT - FOOTER_HEIGHT
    items, used = _fitted_items(slip, font, width, body_height)
    story: list[Flowable] = [
        _header(slip, font, width),
        items,
        Spacer(1, max(0.0, body_height - used)),  # the authority and date at the foot
        _footer(slip, font, width),
    ]
    document = SimpleDocTemplate(
        str(target),
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"营业执照 {slip.uscc}",
        author="kiosk",
    )
    document.build(story)
    return target


def _header(slip: LicenceSlip, font: str, width: float) -> Table:
    code_label = ParagraphStyle("code_label", fontName=font, fontSize=11, leading=15)
    code = ParagraphStyle("code", fontName=font, fontSize=15, leading=20)
    title = ParagraphStyle(
        "title", fontName=font, fontSize=34, leading=42, alignment=TA_CENTER, spaceBefore=10
    )
    caption = ParagraphStyle(
        "caption", fontName=font, fontSize=6.5, leading=8.5, textColor=_GREY, wordWrap="CJK"
    )
    side = (width - 100 * mm) / 2
    qr: list[Flowable] = [
        QrCode(slip.qr, QR_SIZE) if slip.qr else Spacer(QR_SIZE, QR_SIZE),
        Spacer(1, 1 * mm),
        # Broken after the system's name, as the licence prints it.
        Paragraph("<br/>".join(escape(part) for part in _caption_lines()), caption),
    ]
    table = Table(
        [
            [
                [
                    Paragraph("统一社会信用代码", code_label),
                    Paragraph(escape(slip.uscc), code),
                ],
                Paragraph("营业执照", title),
                qr,
            ]
        ],
        colWidths=(side, 100 * mm, side),
        rowHeights=(HEADER_HEIGHT,),
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                # The QR's caption is as wide as the code, under it at the right.
                ("LEFTPADDING", (2, 0), (2, 0), side - QR_SIZE - 18 * mm),
            ]
        )
    )
    return table


def _fitted_items(
    slip: LicenceSlip, font: str, width: float, height: float
) -> tuple[Flowable, float]:
    """The items at the largest size that fits ``height`` (a long scope takes a smaller
    one; the QR never shrinks), and the height they take."""
    for size in ITEM_SIZES:
        table = _items(slip, font, width, size)
        _, used = table.wrap(width, height)
        if used <= height:
            return table, float(used)
    smallest = _items(slip, font, width, ITEM_SIZES[-1])
    return KeepInFrame(width, height, [smallest], mode="shrink"), height


def _items(slip: LicenceSlip, font: str, width: float, size: float) -> Table:
    label = ParagraphStyle(
        "label", fontName=font, fontSize=size, leading=size * 1.45, wordWrap="CJK"
    )
    value = ParagraphStyle(
        "value", fontName=font, fontSize=size, leading=size * 1.45, wordWrap="CJK"
    )
    left, right = slip.lines
    column = (width - 8 * mm) / 2
    table = Table(
        [[_column(left, label, value, column), _column(right, label, value, column)]],
        colWidths=(column + 8 * mm, column),
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 8 * mm),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
            ]
        )
    )
    return table


def _column(
    lines: tuple[LicenceLine, ...], label: ParagraphStyle, value: ParagraphStyle, width: float
) -> Table:
    label_width = 30 * mm
    table = Table(
        [
            [Paragraph(escape(line.label), label), Paragraph(escape(line.value), value)]
            for line in lines
        ],
        colWidths=(label_width, width - label_width),
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _footer(slip: LicenceSlip, font: str, width: float) -> Table:
    right = ParagraphStyle("authority", fontName=font, fontSize=13, leading=19, alignment=TA_RIGHT)
    small = ParagraphStyle("small", fontName=font, fontSize=8, leading=11, textColor=_GREY)
    table = Table(
        [
            [
                Paragraph(escape(f"国家企业信用信息公示系统网址：{GSXT_URL}"), small),
                [
                    Paragraph(escape(f"登记机关　{slip.authority}"), right),
                    Paragraph(escape(slip.issued_text), right),
                ],
            ]
        ],
        colWidths=(width / 2, width / 2),
        rowHeights=(FOOTER_HEIGHT,),
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (0, 0), "BOTTOM"),
                ("VALIGN", (1, 0), (1, 0), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _caption_lines() -> tuple[str, str]:
    head, _, tail = GSXT_CAPTION.partition("了解")
    return head, "了解" + tail
