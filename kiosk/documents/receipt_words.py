"""The receipt's words, the same on the A4 PDF and on the 80 mm thermal slip.

Each function gives a Chinese text and its English, from a `ReceiptData`; the
layouts (`kiosk.documents.receipt`, `kiosk.documents.receipt_ticket`) only
place them. No layout library here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from kiosk.catalogue import Text
from kiosk.delivery import KIOSK_PRINT
from kiosk.delivery import delivery_words as licence_delivery_words
from kiosk.documents.receipt_data import ReceiptData, china_time

HOTLINE = "12345"

Words = tuple[str, str]
"""A text in Chinese and in English (either may be empty)."""

NOTICE: Words = (
    "本回执仅证明申请材料已提交，不代表登记已核准。登记结果以登记机关的决定为准。请妥善保管本回执。",
    "This receipt confirms that your application was submitted; it is not an approval. "
    "The registration authority's decision is what counts. Please keep this receipt.",
)
QUEUED_NUMBER: Words = ("受理参考号", "Provisional reference")
SMS_PROMISE: Words = (
    "申请编号将通过短信发送",
    "Your application number will follow by text message (SMS).",
)
QUEUED_STATUS: Words = (
    "状态：已保存在本机，联网后自动发送给登记机关",
    "Status: saved on this kiosk; sent to the authority automatically when online.",
)
RECEIVED_NUMBER: Words = ("申请编号", "Application number")
RECEIVED_STATUS: Words = (
    "状态：已提交，登记机关已接收",
    "Status: submitted and received by the authority.",
)


def authority_words(data: ReceiptData) -> Words:
    """Who accepted the application, or that the SMS will say."""
    if data.authority is not None and data.authority.zh:
        en = data.authority.en if data.authority.en != data.authority.zh else ""
        return f"受理机关：{data.authority.zh}", en
    return (
        "受理机关：将在短信和办理结果中告知",
        "The registration authority will be named in the SMS and in the result.",
    )


def scope_words(items: Sequence[Text]) -> Words:
    """Items joined as on a licence (``；``); the first is the main business (主营项目)."""
    zh = "；".join(item.zh for item in items)
    if len(items) > 1:
        zh += "（第一项为主营项目）"
    has_english = all(item.en for item in items)
    en = "; ".join(item.en for item in items) if has_english else ""
    if en and len(items) > 1:
        en += " (the first is the main business)"
    return zh, en


def times_words(data: ReceiptData) -> Words:
    """When it was submitted, and received (or that it is still on its way)."""
    submitted = when(data.submitted_at)
    if data.accepted_at is not None:
        received = when(data.accepted_at)
        return (
            f"提交 {submitted}　接收 {received}",
            f"Submitted {submitted}; received {received}",
        )
    return (
        f"提交 {submitted}　尚未送达登记机关，联网后自动发送",
        f"Submitted {submitted}; not yet with the authority: sent automatically when online.",
    )


def promise_words(data: ReceiptData) -> Words | None:
    """The promised time limit in working days and its last day, if the service has one."""
    if not data.promise_days or data.promise_date is None:
        return None
    due = data.promise_date.isoformat()
    return (
        f"{data.promise_days} 个工作日，{due} 前（遇法定节假日顺延）",
        f"{data.promise_days} working days, by {due} (later if public holidays fall within)",
    )


def delivery_words(data: ReceiptData) -> Words:
    """How the result reaches the citizen, and the licence the way they chose (if asked)."""
    zh, en = "办理结果以短信通知。", "You will be told the result by text message (SMS)."
    chosen = data.delivery
    if chosen is not None and (chosen.how != KIOSK_PRINT or data.licence_print_service is None):
        more_zh, more_en = licence_delivery_words(chosen)
        return zh + more_zh, f"{en} {more_en}"
    if data.licence_print_service is not None:
        title = data.licence_print_service
        zh += f"核准后可凭本人身份证件在自助终端选择“{title.zh}”打印营业执照。"
        en += (
            f" Once approved, print your licence at a self-service kiosk ({title.en})"
            " with your identity document."
        )
    return zh, en


def progress_words(data: ReceiptData) -> Words:
    """How to follow the application; while it is queued, how its number comes.

    A provisional reference is known only to the kiosk that printed it (its
    outbox): once the application has been sent, a lookup there with this
    receipt's QR code shows the central's number.
    """
    zh = f"拨打 {HOTLINE} 政务服务便民热线"
    en = f"Call the {HOTLINE} hotline"
    if data.lookup_service is not None:
        title = data.lookup_service
        zh += f"，或在自助终端选择“{title.zh}”并扫描本回执二维码"
        en += f", or scan this receipt's QR code at a self-service kiosk ({title.en})"
    else:
        zh += "，或扫描本回执二维码"
        en += ", or scan this receipt's QR code"
    if data.queued:
        zh += "；收到申请编号短信后可查询，发送后在本终端扫码也可查到编号"
        en += (
            "; you can look it up once the number has come by SMS, or see it by"
            " scanning the code at this kiosk once sent"
        )
    return zh + "。", en + "."


def place_words(data: ReceiptData) -> Words:
    """The site and the kiosk."""
    zh = "　".join(
        part
        for part in (data.site_name, f"自助终端 {data.kiosk_id}" if data.kiosk_id else "")
        if part
    )
    return zh, f"Self-service kiosk {data.kiosk_id}" if data.kiosk_id else ""


def when(moment: datetime) -> str:
    """A time as printed: China time, to the minute."""
    return china_time(moment).strftime("%Y-%m-%d %H:%M")
