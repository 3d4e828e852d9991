"""The bank hand-off slip (注册开户一条龙): what the citizen takes to the bank's counter.

At a kiosk in a bank branch, a citizen who has just applied to register a
business may open the company's account at the counter. With their consent the
kiosk prints a short slip for the bank: the application number (large, and in
a QR code the counter scans), the enterprise name and the applicant's name:
never the identity number (the counter reads the card itself). The slip says
what was shared with whom, and when. Composed as a `Ticket`: on the receipt
printer, or laid out as an A5 PDF for the document printer (`kiosk.slip_printing`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from devices.protocols import Ticket, TicketLine
from kiosk.catalogue import Text
from kiosk.documents.receipt_data import china_time
from kiosk.documents.receipt_qr import NumberKind, ReceiptQr, format_receipt_qr
from kiosk.documents.thermal import rule, text_lines

SHARED = ("application_no", "enterprise_name", "applicant_name")
"""The items the citizen agrees to share (their names, as the consent log records them)."""


@dataclass(frozen=True, slots=True)
class HandoffSlip:
    """Everything on a hand-off slip; ``application_no`` None while the application is queued
    (then ``reference`` is the number the counter sees, and the SMS brings the other)."""

    bank: str
    reference: str
    application_no: str | None
    service_code: str
    service_title: Text
    enterprise_name: str
    applicant_name: str
    kiosk_id: str
    consented_at: datetime

    @property
    def number(self) -> str:
        return self.application_no or self.reference

    @property
    def qr_text(self) -> str:
        """The receipt's QR payload (`kiosk.documents.receipt_qr`): the counter scans the
        same code as on the receipt, with nothing personal in it."""
        kind = NumberKind.APPLICATION if self.application_no else NumberKind.REFERENCE
        day = china_time(self.consented_at).date()
        return format_receipt_qr(
            ReceiptQr(kind, self.number, self.service_code, self.kiosk_id, day)
        )


def handoff_ticket(slip: HandoffSlip) -> Ticket:
    """The slip as ticket lines and its QR code."""
    when = china_time(slip.consented_at).strftime("%Y-%m-%d %H:%M")
    queued = slip.application_no is None
    number_label = "受理参考号 Provisional reference" if queued else "申请编号 Application number"
    lines: list[TicketLine] = [
        *text_lines("企业开户 转柜台", bold=True, double_size=True, align="center"),
        *text_lines("Company bank account: to the counter", align="center"),
        *text_lines(slip.bank, bold=True, align="center"),
        rule(),
        *text_lines(number_label),
        *text_lines(slip.number, bold=True, double_size=True, align="center"),
    ]
    if queued:
        lines += text_lines("申请编号将通过短信发送。")
        lines += text_lines("The application number follows by SMS.")
    for label, value in (
        ("企业名称 Enterprise", slip.enterprise_name),
        ("申请人 Applicant", slip.applicant_name),
        ("事项 Matter", slip.service_title.zh),
    ):
        lines += [*text_lines(label), *text_lines(value, bold=True)] if value else []
    lines += [
        rule(),
        *text_lines(
            f"经申请人同意，本机于 {when} 向{slip.bank}提供：申请编号、企业名称、申请人姓名"
            "（不含身份证件号码）。"
        ),
        *text_lines(
            f"Shared with the applicant's consent at {when}: the application number, the"
            " enterprise name and the applicant's name (not the identity number)."
        ),
        *text_lines("请持本单和本人身份证件到柜台办理开户。"),
        *text_lines("Take this slip and your identity card to the counter."),
        *text_lines(f"自助终端 Kiosk {slip.kiosk_id}"),
    ]
    return Ticket(lines=tuple(lines), qr=slip.qr_text)
