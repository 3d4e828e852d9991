"""The citizen's acceptance receipt (受理回执) laid out as an A4 PDF with a QR code.

A4 because the receipt carries the whole application in brief (scope, address,
materials) and the kiosk's document printer is an A4 printer. Every long text is
a wrapping paragraph, so nothing runs off the page; a very long scope flows on
to a second page with the number in every page's footer. Texts are Chinese
first with English under them. The QR code is drawn as vector squares (no image
round trip) and carries `ReceiptData.qr_text` (`kiosk.documents.receipt_qr`).

`ReceiptData` and `mask_id_number` live in `kiosk.documents.receipt_data` and
are re-exported here for the callers that import them from this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kiosk.catalogue import Text
from kiosk.documents.fonts import register_cjk_font
from kiosk.documents.qr_flowable import QrCode
from kiosk.documents.receipt_data import ReceiptData, china_time, mask_id_number
from kiosk.documents.receipt_words import delivery_words, progress_words, scope_words

__all__ = ["ReceiptData", "mask_id_number", "write_receipt_pdf"]

PAGE = A4
MARGIN = 13 * mm
QR_SIZE = 40 * mm
LABEL_WIDTH = 40 * mm
_GREY = colors.HexColor("#444444")
_RULE = colors.HexColor("#999999")


def write_receipt_pdf(data: ReceiptData, target: Path, *, font_path: Path | None = None) -> Path:
    """Write the receipt PDF to ``target`` (its parent must exist) and return it."""
    styles = _Styles(register_cjk_font(font_path))
    width = PAGE[0] - 2 * MARGIN
    story: list[Flowable] = [
        # Fixed markup, no citizen's text: the English title in a smaller size.
        Paragraph(
            '受理回执　<font size="10" color="#444444">Acceptance receipt</font>', styles.title
        ),
        *_authority(data, styles),
        Spacer(1, 2 * mm),
        _number_block(data, styles, width),
        Spacer(1, 2 * mm),
        _details(data, styles, width),
        Spacer(1, 3 * mm),
        _notice(styles, width),
    ]
    document = SimpleDocTemplate(
        str(target),
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 5 * mm,
        title=f"Receipt {data.number}",
        author=data.kiosk_id or "kiosk",
    )

    def footer(canvas: Canvas, _: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(styles.font, 7.5)
        canvas.setFillColor(_GREY)
        page = canvas.getPageNumber()
        canvas.drawString(MARGIN, MARGIN, f"{data.number}   第 {page} 页 Page {page}")
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return target


class _Styles:
    """The receipt's paragraph styles in one font."""

    def __init__(self, font: str) -> None:
        def style(name: str, size: float, **extra: object) -> ParagraphStyle:
            # CJK wrapping breaks between any two Chinese characters and keeps
            # Latin words whole where it can, so mixed lines wrap inside the cell.
            return ParagraphStyle(
                name, fontName=font, fontSize=size, leading=size * 1.3, wordWrap="CJK", **extra
            )

        self.font = font
        self.title = style("title", 18)
        self.label = style("label", 9.5)
        self.label_en = style("label_en", 7, textColor=_GREY)
        self.value = style("value", 10)
        self.value_en = style("value_en", 7.5, textColor=_GREY)
        self.number_label = style("number_label", 9, textColor=_GREY)
        self.notice = style("notice", 9)
        self.notice_en = style("notice_en", 7.5, textColor=_GREY)


def _authority(data: ReceiptData, styles: _Styles) -> list[Flowable]:
    if data.authority is not None and data.authority.zh:
        return _pair(
            f"受理机关：{data.authority.zh}", _en(data.authority), styles.value, styles.value_en
        )
    return _pair(
        "受理机关：将在短信和办理结果中告知",
        "The registration authority will be named in the SMS and in the result.",
        styles.value,
        styles.value_en,
    )


def _number_block(data: ReceiptData, styles: _Styles, width: float) -> Table:
    text_width = width - QR_SIZE - 6 * mm
    cell: list[Flowable] = []
    if data.queued:
        cell += _pair(
            "受理参考号", "Provisional reference", styles.number_label, styles.number_label
        )
        cell.append(_fitted(data.number, styles.font, 34, text_width))
        cell += _pair(
            "申请编号将通过短信发送",
            "Your application number will follow by text message (SMS).",
            _sized(styles.value, 12),
            styles.value_en,
        )
        cell += _pair(
            "状态：已保存在本机，联网后自动发送给登记机关",
            "Status: saved on this kiosk; sent to the authority automatically when online.",
            styles.value,
            styles.value_en,
        )
    else:
        cell += _pair("申请编号", "Application number", styles.number_label, styles.number_label)
        cell.append(_fitted(data.number, styles.font, 22, text_width))
        cell += _pair(
            "状态：已提交，登记机关已接收",
            "Status: submitted and received by the authority.",
            styles.value,
            styles.value_en,
        )
    table = Table([[cell, QrCode(data.qr_text, QR_SIZE)]], colWidths=[width - QR_SIZE, QR_SIZE])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                ("LEFTPADDING", (0, 0), (0, 0), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
                ("LEFTPADDING", (1, 0), (1, 0), 0),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
            ]
        )
    )
    return table


def _details(data: ReceiptData, styles: _Styles, width: float) -> Table:
    rows: list[tuple[Text, list[Flowable]]] = []

    def row(label: Text, zh: str, en: str = "") -> None:
        rows.append((label, _pair(zh, en, styles.value, styles.value_en)))

    row(Text("事项", "Matter"), data.service_title_zh, data.service_title_en)
    row(
        Text("申请人", "Applicant"),
        f"{data.applicant_name}　证件号码 {data.masked_id_number}",
    )
    if data.business_name:
        row(Text("名称", "Business name"), data.business_name)
    if data.business_address:
        row(Text("经营场所（住所）", "Business address"), data.business_address)
    if data.business_scope:
        row(Text("经营范围", "Business scope"), *scope_words(data.business_scope))
    rows.append(
        (
            Text("已收取材料", "Materials received"),
            _list(data.materials_received, "✓", styles),
        )
    )
    if data.materials_listed:
        rows.append(
            (
                Text("办事指南所列材料", "Materials listed for this service"),
                _list(data.materials_listed, "·", styles),
            )
        )
    submitted = _when(data.submitted_at)
    if data.accepted_at is not None:
        received = _when(data.accepted_at)
        row(
            Text("时间", "Times"),
            f"提交 {submitted}　接收 {received}",
            f"Submitted {submitted}; received {received}",
        )
    else:
        row(
            Text("时间", "Times"),
            f"提交 {submitted}　尚未送达登记机关，联网后自动发送",
            f"Submitted {submitted}; not yet with the authority: sent automatically when online.",
        )
    if data.promise_days and data.promise_date is not None:
        due = data.promise_date.isoformat()
        row(
            Text("承诺时限", "Time limit"),
            f"{data.promise_days} 个工作日，{due} 前（遇法定节假日顺延）",
            f"{data.promise_days} working days, by {due} (later if public holidays fall within)",
        )
    row(Text("结果送达", "Result"), *delivery_words(data))
    row(Text("进度查询", "Progress"), *progress_words(data))
    row(
        Text("办理地点", "Place"),
        "　".join(
            p for p in (data.site_name, f"自助终端 {data.kiosk_id}" if data.kiosk_id else "") if p
        ),
        f"Self-service kiosk {data.kiosk_id}" if data.kiosk_id else "",
    )
    table = Table(
        [
            [_pair(label.zh, label.en, styles.label, styles.label_en), value]
            for label, value in rows
        ],
        colWidths=[LABEL_WIDTH, width - LABEL_WIDTH],
        splitInRow=1,  # a very long scope continues on the next page, not after a gap
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, _RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 1 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * mm),
            ]
        )
    )
    return table


def _notice(styles: _Styles, width: float) -> Table:
    cell = _pair(
        "本回执仅证明申请材料已提交，不代表登记已核准。登记结果以登记机关的决定为准。"
        "请妥善保管本回执。",
        "This receipt confirms that your application was submitted; it is not an approval. "
        "The registration authority's decision is what counts. Please keep this receipt.",
        styles.notice,
        styles.notice_en,
    )
    table = Table([[cell]], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.5, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
            ]
        )
    )
    return table


def _list(items: Sequence[Text], bullet: str, styles: _Styles) -> list[Flowable]:
    out: list[Flowable] = []
    for item in items:
        out += _pair(
            f"{bullet} {item.zh}" if item.zh else "",
            f"{bullet} {item.en}" if item.en else "",
            styles.value,
            styles.value_en,
        )
    return out


def _pair(zh: str, en: str, zh_style: ParagraphStyle, en_style: ParagraphStyle) -> list[Flowable]:
    """A Chinese paragraph with its English under it; empty texts are left out.

    Texts are escaped: a citizen's business name may contain ``<`` or ``&``,
    which reportlab would otherwise read as markup.
    """
    return [
        Paragraph(escape(text), style) for text, style in ((zh, zh_style), (en, en_style)) if text
    ]


def _en(text: Text) -> str:
    return text.en if text.en and text.en != text.zh else ""


def _sized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.35)


def _fitted(text: str, font: str, size: float, width: float) -> Paragraph:
    """``text`` as large as ``size`` but never wider than ``width`` (a long reference shrinks)."""
    natural = stringWidth(text, font, size)
    if natural > width:
        size = max(12.0, size * width / natural)
    style = ParagraphStyle(
        f"number-{size:.1f}", fontName=font, fontSize=size, leading=size * 1.2, wordWrap="CJK"
    )
    return Paragraph(escape(text), style)


def _when(moment: datetime) -> str:
    return china_time(moment).strftime("%Y-%m-%d %H:%M")
