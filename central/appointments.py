"""Appointments booked online, checked in at a kiosk (extension ``POST /v1/appointments/check-ins``).

A citizen books a slot of a business type for a day (the sandbox's operators
do it for them: ``kiosk-central book-appointment``). On the day, at any kiosk
of the central, the citizen's identity document is read and its number sent;
the central finds that day's appointment and issues a ticket of the
appointment series (``YA001``: served before ordinary tickets, see
`central.queue`). The same appointment checked in again gets the same ticket
(``200``), never a second one. No appointment for that number today is the
same ``404`` as an unknown resource, so numbers cannot be probed; a slot that
ended more than `LATE_MINUTES` ago is ``409`` (take an ordinary ticket).
"""

import re
import secrets
from datetime import date, datetime, time, timedelta
from typing import Any

from central.catalogue import Catalogue
from central.clock import CHINA_STANDARD_TIME, local_date, rfc3339, stamp, unstamp
from central.database import Connection, Row
from central.identifiers import mask_id_number, resident_id_problem
from central.payload import JsonObject, Reader
from central.problems import NOT_FOUND, STATE_CONFLICT, Problem
from central.queue import APPOINTMENT_SERIES, business_types, create_ticket, ticket_body, type_label

LATE_MINUTES = 30
"""How long after its slot ends an appointment can still be checked in."""

_SLOT = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


def book(
    connection: Connection,
    *,
    catalogue: Catalogue,
    id_number: str,
    business_type: str,
    day: date,
    slot: str,
    minutes: int,
    now: datetime,
) -> str:
    """Book a slot (the operators' command); returns the appointment id.

    Raises:
        ValueError: a bad identity number, business type, slot or length.
    """
    number = id_number.strip().upper()
    problem = resident_id_problem(number, today=now.astimezone(CHINA_STANDARD_TIME).date())
    if problem is not None:
        raise ValueError(problem)
    types = [t for t in business_types(catalogue) if t != "complaint"]
    if business_type not in types:
        raise ValueError(f"business type must be one of {', '.join(types)}, not {business_type!r}")
    if not _SLOT.fullmatch(slot):
        raise ValueError(f"the slot is a time HH:MM, not {slot!r}")
    if not 5 <= minutes <= 240:
        raise ValueError("an appointment lasts 5 to 240 minutes")
    start = datetime.combine(day, time.fromisoformat(slot), CHINA_STANDARD_TIME)
    end = start + timedelta(minutes=minutes)
    appointment_id = "AP-" + secrets.token_hex(6)
    connection.execute(
        "INSERT INTO appointments (appointment_id, id_number, business_type, day, slot_start,"
        " slot_end, booked_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            appointment_id,
            number,
            business_type,
            day.isoformat(),
            start.strftime("%H:%M"),
            end.strftime("%H:%M"),
            stamp(now),
        ),
    )
    return appointment_id


def check_in(
    connection: Connection,
    document: JsonObject,
    *,
    catalogue: Catalogue,
    kiosk_id: str,
    now: datetime,
) -> tuple[int, JsonObject]:
    """Handle ``POST /v1/appointments/check-ins`` (write transaction): status and body."""
    reader = Reader(document, what="appointment check-in")
    for extra in sorted(set(document) - {"id_number"}):
        reader.error(extra, "unknown_field", f"{extra} is not a member of a check-in.")
    id_number = reader.get_str("id_number", max_length=18)
    today = now.astimezone(CHINA_STANDARD_TIME).date()
    if id_number is not None and (problem := resident_id_problem(id_number, today=today)):
        reader.error("id_number", "cn_resident_id", problem)
    reader.raise_if_invalid()
    assert id_number is not None
    rows = connection.execute(
        "SELECT * FROM appointments WHERE id_number = ? AND day = ? ORDER BY slot_start",
        (id_number.strip().upper(), local_date(now)),
    ).fetchall()
    if not rows:
        raise Problem(NOT_FOUND, "There is no appointment for this identity number today.")
    done = next((row for row in rows if row["ticket_id"] is not None), None)
    open_rows = [row for row in rows if row["ticket_id"] is None and not _missed(row, now)]
    if not open_rows and done is not None:
        return 200, _checked_in(connection, catalogue, done)
    if not open_rows:
        ended = rows[-1]
        raise Problem(
            STATE_CONFLICT,
            f"The appointment of {ended['slot_start']}–{ended['slot_end']} was missed;"
            " please take an ordinary ticket.",
        )
    row = open_rows[0]
    ticket = create_ticket(
        connection,
        catalogue=catalogue,
        kiosk_id=kiosk_id,
        business_type=row["business_type"],
        series=APPOINTMENT_SERIES,
        now=now,
    )
    connection.execute(
        "UPDATE appointments SET ticket_id = ?, checked_in_at = ? WHERE appointment_id = ?",
        (ticket["ticket_id"], stamp(now), row["appointment_id"]),
    )
    return 201, {"appointment": _appointment(catalogue, row), "ticket": ticket}


def _missed(row: Row, now: datetime) -> bool:
    day = date.fromisoformat(row["day"])
    end = datetime.combine(day, time.fromisoformat(row["slot_end"]), CHINA_STANDARD_TIME)
    return now > end + timedelta(minutes=LATE_MINUTES)


def _appointment(catalogue: Catalogue, row: Row) -> dict[str, Any]:
    return {
        "appointment_id": row["appointment_id"],
        "business_type": row["business_type"],
        "label": type_label(catalogue, row["business_type"]),
        "day": row["day"],
        "slot": {"start": row["slot_start"], "end": row["slot_end"]},
    }


def _checked_in(connection: Connection, catalogue: Catalogue, row: Row) -> JsonObject:
    """The body of an appointment already checked in: its ticket as first issued."""
    ticket = connection.execute(
        "SELECT * FROM queue_tickets WHERE ticket_id = ?", (row["ticket_id"],)
    ).fetchone()
    waiting = connection.execute(
        "SELECT COUNT(*) FROM queue_tickets WHERE site = ? AND day = ? AND business_type = ?"
        " AND series IN ('P', 'Y') AND issued_at < ?",
        (ticket["site"], ticket["day"], ticket["business_type"], ticket["issued_at"]),
    ).fetchone()[0]
    body = ticket_body(
        catalogue,
        ticket_id=ticket["ticket_id"],
        number=ticket["number"],
        business_type=ticket["business_type"],
        series=ticket["series"],
        waiting=int(waiting),
        site=ticket["site"],
        issued_at=unstamp(ticket["issued_at"]),
    )
    return {"appointment": _appointment(catalogue, row), "ticket": body}


def list_appointments(connection: Connection) -> list[dict[str, Any]]:
    """Every appointment, for the operators (identity numbers masked)."""
    rows = connection.execute(
        "SELECT a.*, q.number FROM appointments a LEFT JOIN queue_tickets q"
        " ON q.ticket_id = a.ticket_id ORDER BY a.day, a.slot_start"
    ).fetchall()
    return [
        {
            "appointment_id": row["appointment_id"],
            "id_number": mask_id_number(row["id_number"]),
            "business_type": row["business_type"],
            "day": row["day"],
            "slot": f"{row['slot_start']}–{row['slot_end']}",
            "checked_in_at": rfc3339(unstamp(row["checked_in_at"]))
            if row["checked_in_at"]
            else None,
            "ticket": row["number"],
        }
        for row in rows
    ]
