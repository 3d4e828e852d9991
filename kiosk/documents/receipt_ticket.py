"""The acceptance receipt (受理回执) as an 80 mm thermal slip: the A4 receipt's content.

For a kiosk whose receipts go to its ESC/POS receipt printer (`[printing]
receipt_on`). The same facts and words as the PDF (`kiosk.documents.receipt_words`),
Chinese first with the English under it, in lines that fit the roll
(`kiosk.documents.thermal`); the number large; the QR code (the same payload)
printed by the printer itself. A queued application gets its provisional
reference and the promise that the number follows by SMS. Qt-free and
layout-library-free: the driver turns the `Ticket` into ESC/POS bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from devices.protocols import Ticket, TicketLine
from kiosk.catalogue import Text
from kiosk.documents.receipt_data import ReceiptData
from kiosk.documents.receipt_words import (
    NOTICE,
    QUEUED_NUMBER,
    QUEUED_STATUS,
    RECEIVED_NUMBER,
    RECEIVED_STATUS,
    SMS_PROMISE,
    Words,
    authority_words,
    delivery_words,
    place_words,
    progress_words,
    promise_words,
    scope_words,
    times_words,
)
from kiosk.documents.thermal import labelled, rule, text_lines


def receipt_ticket(data: ReceiptData) -> Ticket:
    """The receipt ``data`` as a thermal slip (lines and a QR code)."""
    lines: list[TicketLine] = [
        *text_lines("受理回执", bold=True, double_size=True, align="center"),
        *text_lines("Acceptance receipt", align="center"),
        *_pair(authority_words(data)),
        rule(),
    ]
    label, status = (
        (QUEUED_NUMBER, QUEUED_STATUS) if data.queued else (RECEIVED_NUMBER, RECEIVED_STATUS)
    )
    lines += _pair((f"{label[0]} {label[1]}", ""))
    lines += text_lines(data.number, bold=True, double_size=True, align="center")
    if data.queued:
        lines += _pair(SMS_PROMISE, bold=True)
    lines += _pair(status)
    lines.append(rule())
    lines += _field("事项", "Matter", (data.service_title_zh, data.service_title_en))
    lines += _field(
        "申请人", "Applicant", (f"{data.applicant_name}　证件号码 {data.masked_id_number}", "")
    )
    lines += _field("名称", "Business name", (data.business_name, ""))
    lines += _field("经营场所（住所）", "Business address", (data.business_address, ""))
    if data.business_scope:
        lines += _field("经营范围", "Business scope", scope_words(data.business_scope))
    lines += _items("已收取材料", "Materials received", data.materials_received, "√")
    lines += _items("办事指南所列材料", "Materials listed", data.materials_listed, "·")
    lines += _field("时间", "Times", times_words(data))
    promise = promise_words(data)
    if promise is not None:
        lines += _field("承诺时限", "Time limit", promise)
    lines += _field("结果送达", "Result", delivery_words(data))
    lines += _field("进度查询", "Progress", progress_words(data))
    lines += _field("办理地点", "Place", place_words(data))
    lines.append(rule())
    lines += _pair(NOTICE)
    return Ticket(lines=tuple(lines), qr=data.qr_text)


def _pair(words: Words, *, bold: bool = False) -> list[TicketLine]:
    zh, en = words
    return [*(text_lines(zh, bold=bold) if zh else []), *(text_lines(en) if en else [])]


def _field(label_zh: str, label_en: str, value: Words) -> list[TicketLine]:
    """``标签 Label：value`` with the value's English under it; nothing without a value."""
    zh, en = value
    if not zh and not en:
        return []
    return [*labelled(f"{label_zh} {label_en}", zh or en), *(text_lines(en) if zh and en else [])]


def _items(label_zh: str, label_en: str, items: Sequence[Text], bullet: str) -> list[TicketLine]:
    if not items:
        return []
    lines = text_lines(f"{label_zh} {label_en}：")
    for item in items:
        lines += _pair(
            (f"{bullet} {item.zh}" if item.zh else "", f"  {item.en}" if item.en else "")
        )
    return lines
