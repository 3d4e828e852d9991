"""The citizen's receipt (受理回执) as a one-page PDF with a QR code.

The QR code carries the application number (or, while the application is still
queued, the kiosk's reference for it). The identity number is always masked:
the slip may be left behind in a public place.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import qrcode
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from kiosk.documents.fonts import register_cjk_font


@dataclass(frozen=True, slots=True)
class ReceiptData:
    """Everything printed on a receipt."""

    service_title_zh: str
    service_title_en: str
    applicant_name: str
    masked_id_number: str
    business_name: str
    reference: str
    application_no: str | None
    submitted_at: datetime
    promise_days: int | None
    site_name: str = ""

    @property
    def qr_payload(self) -> str:
        return self.application_no or self.reference


def mask_id_number(number: str) -> str:
    """Keep the first 4 and last 4 characters: 3307**********0824."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def qr_png(payload: str) -> bytes:
    """A QR code image with a quiet zone a phone or desk scanner can read."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=4)
    code.add_data(payload)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def write_receipt_pdf(data: ReceiptData, target: Path, *, font_path: Path | None = None) -> Path:
    """Write the receipt PDF to ``target`` (its parent must exist) and return it."""
    font = register_cjk_font(font_path)
    width, height = A5
    pdf = Canvas(str(target), pagesize=A5)
    pdf.setTitle(f"Receipt {data.qr_payload}")
    margin = 14 * mm
    y = height - margin - 8 * mm

    pdf.setFont(font, 18)
    pdf.drawString(margin, y, "受理回执  Receipt")
    y -= 9 * mm
    pdf.setFont(font, 12)
    pdf.drawString(margin, y, f"{data.service_title_zh}  {data.service_title_en}")
    y -= 10 * mm

    if data.application_no:
        rows = [("申请编号 Application no.", data.application_no)]
        status = ("状态 Status", "已提交，已接收  Submitted and received")
    else:
        rows = [("受理参考号 Reference", data.reference)]
        status = ("状态 Status", "已保存，联网后自动发送  Saved; sent automatically when online")
    rows += [
        ("申请人 Applicant", data.applicant_name),
        ("证件号码 ID number", data.masked_id_number),
    ]
    if data.business_name:
        rows.append(("名称 Business name", data.business_name))
    rows += [
        ("提交时间 Submitted", data.submitted_at.strftime("%Y-%m-%d %H:%M")),
        status,
    ]
    if data.promise_days:
        rows.append(("承诺时限 Promised within", f"{data.promise_days} 个工作日 working days"))
    if data.site_name:
        rows.append(("办理地点 Place", data.site_name))

    for label, value in rows:
        pdf.setFont(font, 9)
        pdf.drawString(margin, y, label)
        y -= 5 * mm
        pdf.setFont(font, 12)
        pdf.drawString(margin + 3 * mm, y, value)
        y -= 7.5 * mm

    qr_size = 38 * mm
    pdf.drawImage(
        ImageReader(io.BytesIO(qr_png(data.qr_payload))),
        width - margin - qr_size,
        margin + 10 * mm,
        qr_size,
        qr_size,
    )
    pdf.setFont(font, 8)
    pdf.drawString(margin, margin + 14 * mm, "扫码或拨打 12345 查询办理进度。")
    pdf.drawString(
        margin, margin + 9 * mm, "Scan the code or call 12345 to follow your application."
    )
    pdf.showPage()
    pdf.save()
    return target
