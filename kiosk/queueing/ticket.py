"""A queue ticket (排队号票): what it says, and the slip printed from it.

A ticket shows the hall, the business type, the number, the window group, how
many people wait before the citizen and about how long, the time it was taken,
and "过号请重新取号" (registration.md §8). Never a name or an identity number;
a complaint ticket shows the call-back mobile masked (138****8000). A ticket the
kiosk numbered itself (its central gives none) says so, and says that the number
waiting is not known rather than guess it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from devices.protocols import Ticket, TicketLine
from kiosk.catalogue import Text
from kiosk.clock import CHINA_TZ
from kiosk.documents.thermal import rule, text_lines

NOTE = Text("过号请重新取号", "If you miss your number, please take a new ticket.")
COMPLAINT = "complaint"
"""The business type of the complaints window (跑一次没办成)."""
COMPLAINT_LABEL = Text("投诉（跑一次没办成）", "Complaint: came and could not get it done")
QUEUE_TICKET = "queue_ticket"
"""The print journal's ``kind`` for queue tickets."""


@dataclass(frozen=True, slots=True)
class QueueTicket:
    """One ticket, as the central gave it or as this kiosk numbered it (``local``).

    ``waiting`` and ``estimated_wait_minutes`` are None when not known;
    ``appointment_slot`` is "09:30–10:00" for a checked-in appointment.
    """

    number: str
    business_type: str
    label: Text
    issued_at: datetime
    hall: str = ""
    waiting: int | None = None
    estimated_wait_minutes: int | None = None
    window: Text | None = None
    priority: bool = False
    appointment_slot: str = ""
    complaint_mobile: str = field(default="", repr=False)
    """Masked (138****8000): the complaints window checks it with the citizen."""
    local: bool = False
    kiosk_id: str = ""
    ticket_id: str = ""
    note: Text = NOTE

    @property
    def reference(self) -> str:
        """The ticket's name in the print journal: unique per central ticket, and per day
        and number for the kiosk's own (a local A001 is not the central's A001)."""
        if self.ticket_id:
            return self.ticket_id
        day = self.issued_at.astimezone(CHINA_TZ).date().isoformat()
        return f"{day}-{'L' if self.local else 'C'}-{self.number}"


def mask_mobile(mobile: str) -> str:
    """138****8000: enough for the citizen to recognise, not to call."""
    digits = mobile.strip()
    return digits[:3] + "*" * max(0, len(digits) - 7) + digits[-4:] if len(digits) > 7 else "****"


def ticket_slip(ticket: QueueTicket) -> Ticket:
    """The slip printed for ``ticket`` (on the receipt printer, or as A5 without one)."""
    lines: list[TicketLine] = []
    if ticket.hall:
        lines += text_lines(ticket.hall, bold=True, align="center")
    lines += text_lines("排队号票 Queue ticket", align="center")
    lines += text_lines(ticket.label.zh, bold=True, align="center")
    if ticket.label.en and ticket.label.en != ticket.label.zh:
        lines += text_lines(ticket.label.en, align="center")
    lines += text_lines(ticket.number, bold=True, double_size=True, align="center")
    if ticket.priority:
        lines += text_lines("绿色通道 Priority", bold=True, align="center")
    if ticket.appointment_slot:
        lines += text_lines(f"预约时段 Appointment {ticket.appointment_slot}", align="center")
    lines.append(rule())
    for zh, en in facts(ticket):
        lines += text_lines(zh)
        lines += text_lines(en)
    lines.append(rule())
    lines += text_lines(ticket.note.zh, bold=True, align="center")
    lines += text_lines(ticket.note.en, align="center")
    if ticket.local:
        lines += text_lines(f"本机取号 Numbered at kiosk {ticket.kiosk_id}".strip(), align="center")
    return Ticket(lines=tuple(lines))


def facts(ticket: QueueTicket) -> list[tuple[str, str]]:
    """The ticket's facts in Chinese and English, for the slip and the screen alike."""
    found: list[tuple[str, str]] = []
    if ticket.window is not None and ticket.window.zh:
        found.append(
            (f"请到：{ticket.window.zh}", f"Go to: {ticket.window.en or ticket.window.zh}")
        )
    else:
        found.append(("请留意叫号屏", "Please watch the calling screen"))
    if ticket.waiting is None:
        found.append(("前面等候人数：暂无法获知", "People waiting before you: not known"))
    else:
        found.append(
            (f"前面还有 {ticket.waiting} 人", f"People waiting before you: {ticket.waiting}")
        )
    if ticket.estimated_wait_minutes:  # "about 0 minutes" says nothing
        minutes = ticket.estimated_wait_minutes
        found.append((f"预计等候约 {minutes} 分钟", f"Estimated wait: about {minutes} min"))
    taken = ticket.issued_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
    found.append((f"取号时间：{taken}", f"Taken at {taken}"))
    if ticket.complaint_mobile:
        found.append(
            (f"联系电话：{ticket.complaint_mobile}", f"Call-back mobile: {ticket.complaint_mobile}")
        )
    return found
