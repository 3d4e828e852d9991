"""The guidance slip (办事指南): what a service needs, printed to take home.

A citizen who only wants to know what to bring gets the service's summary, a
checklist of its materials (required ones marked), its steps and how many
working days it takes, Chinese first with English under it, and a QR code that
opens the same service's guidance at any kiosk (`kiosk.guidance_qr`). Nothing
personal is on it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from kiosk.catalogue import Service
from kiosk.documents.fonts import register_cjk_font
from kiosk.documents.qr_flowable import QrCode
from kiosk.documents.receipt_data import china_time
from kiosk.guidance_qr import guidance_qr

_GREY = colors.HexColor("#444444")


def write_guidance_pdf(
    service: Service, target: Path, *, printed_at: datetime, font_path: Path | None = None
) -> Path:
    """Lay the service's guidance out on an A4 page at ``target``."""
    font = register_cjk_font(font_path)
    title = ParagraphStyle("title", fontName=font, fontSize=18, leading=24)
    heading = ParagraphStyle("heading", fontName=font, fontSize=13, leading=18, spaceBefore=8)
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=15)
    english = ParagraphStyle(
        "english", fontName=font, fontSize=9, leading=12, textColor=_GREY, spaceAfter=3
    )
    story: list[Flowable] = [
        Paragraph(escape(f"办事指南　{service.title.zh}"), title),
        Paragraph(escape(f"Guidance: {service.title.en}"), english),
    ]
    if service.summary.zh or service.summary.en:
        story += [Paragraph(escape(service.summary.zh), body)]
        story += [Paragraph(escape(service.summary.en), english)]
    if service.materials:
        story += [Paragraph("所需材料（请带齐）Materials to bring", heading)]
        for material in service.materials:
            mark = "□"
            need = "" if material.required is False else "（必需 required）"
            story += [Paragraph(escape(f"{mark} {material.title.zh}{need}"), body)]
            if material.title.en:
                story += [Paragraph(escape(f"　 {material.title.en}"), english)]
    if service.steps:
        story += [Paragraph("办理步骤 Steps", heading)]
        for number, step in enumerate(service.steps, start=1):
            story += [Paragraph(escape(f"{number}. {step.zh}"), body)]
            if step.en:
                story += [Paragraph(escape(f"　 {step.en}"), english)]
    if service.promise_days is not None:
        story += [Paragraph("承诺时限 Time to decide", heading)]
        story += [Paragraph(escape(f"{service.promise_days} 个工作日"), body)]
        story += [Paragraph(escape(f"{service.promise_days} working days"), english)]
    story += [
        Spacer(1, 6 * mm),
        QrCode(guidance_qr(service.code), 32 * mm),
        Paragraph(escape("在任一自助机扫描此码可再次查看本指南。"), body),
        Paragraph(escape("Scan this code at any kiosk to see this guidance again."), english),
        Paragraph(escape(f"打印时间 Printed {china_time(printed_at):%Y-%m-%d %H:%M}"), english),
    ]
    document = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"办事指南 {service.title.zh}",
    )
    document.build(story)
    return target
