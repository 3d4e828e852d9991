"""The central's queue extensions as the kiosk uses them, read leniently.

``POST /v1/queue-tickets`` and ``POST /v1/appointments/check-ins`` are the
sandbox's extensions (central/README.md), not central-api.md: another central
may lack them (``404``/``405``), refuse a type it does not know (``422``), or
answer with fewer members. Only the ticket's number is required of an answer;
whatever else is missing is "not known" on the ticket, never made up.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from kiosk.catalogue import Text
from kiosk.queueing.ticket import NOTE, QueueTicket
from kiosk.sync.client import CentralClient
from kiosk.sync.errors import CentralBusy

TICKETS_PATH = "/v1/queue-tickets"
CHECK_INS_PATH = "/v1/appointments/check-ins"


@dataclass(frozen=True, slots=True)
class Request:
    """What the kiosk asks a ticket for."""

    business_type: str
    label: Text
    priority: bool = False
    mobile: str = ""
    service: str = ""


def ask_for_ticket(client: CentralClient, request: Request, now: datetime) -> QueueTicket:
    """A ticket from the central; raises `kiosk.sync.errors.SyncError` when there is none
    (no such extension, refused, unreachable, or an answer without a number)."""
    body: dict[str, Any] = {"business_type": request.business_type}
    if request.priority:
        body["priority"] = True
    if request.mobile:
        body["mobile"] = request.mobile
        if request.service:
            body["service"] = request.service
    answer = client.post(TICKETS_PATH, body)
    return read_ticket(answer, request, now)


def check_in(client: CentralClient, id_number: str, now: datetime) -> QueueTicket:
    """The ticket of today's appointment of ``id_number``; raises `SyncError`
    (`CentralRefused` with the central's status for "none", "missed", "not offered")."""
    answer = client.post(CHECK_INS_PATH, {"id_number": id_number})
    ticket = answer.get("ticket")
    appointment = answer.get("appointment")
    if not isinstance(ticket, dict):
        raise CentralBusy("the central's check-in answer has no ticket")
    booked = appointment if isinstance(appointment, dict) else {}
    kind = str(booked.get("business_type") or ticket.get("business_type") or "")
    label = _text(booked.get("label")) or _text(ticket.get("label")) or Text(kind, kind)
    slot = booked.get("slot")
    shown_slot = ""
    if isinstance(slot, dict) and isinstance(slot.get("start"), str):
        end = slot.get("end")
        shown_slot = slot["start"] + (f"–{end}" if isinstance(end, str) else "")
    read = read_ticket(ticket, Request(kind, label), now)
    return replace(read, appointment_slot=shown_slot)


def read_ticket(answer: dict[str, Any], request: Request, now: datetime) -> QueueTicket:
    """A ticket from the central's answer; what it leaves out is not known."""
    number = answer.get("ticket")
    if not isinstance(number, str) or not number.strip() or len(number) > 20:
        raise CentralBusy("the central's queue ticket has no number")
    issued = _time(answer.get("issued_at")) or now
    ticket_id = answer.get("ticket_id")
    return QueueTicket(
        number=number.strip(),
        business_type=str(answer.get("business_type") or request.business_type),
        label=_text(answer.get("label")) or request.label,
        issued_at=issued,
        hall=str(answer.get("hall") or ""),
        waiting=_count(answer.get("waiting")),
        estimated_wait_minutes=_count(answer.get("estimated_wait_minutes")),
        window=_text(answer.get("window")),
        priority=bool(answer.get("priority", request.priority)),
        ticket_id=f"C-{ticket_id}" if isinstance(ticket_id, str) and ticket_id else "",
        note=_text(answer.get("note")) or NOTE,
    )


def _text(value: Any) -> Text | None:
    if isinstance(value, dict) and isinstance(value.get("zh"), str) and value["zh"]:
        en = value.get("en")
        return Text(value["zh"], en if isinstance(en, str) else "")
    if isinstance(value, str) and value:
        return Text(value, value)
    return None


def _count(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
