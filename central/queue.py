"""Queue tickets for the counters of the hall a kiosk stands in (extension ``POST /v1/queue-tickets``).

The business types and their labels come from the catalogue's ``queue_ticket``
service (its first ``choice`` field), so a new type is a catalogue change. One
type is the sandbox's own and always there: ``complaint``, the complaints
window for citizens who came and could not get their matter done
(跑一次没办成); its ticket needs the citizen's ``mobile`` (for the call-back)
and may name the catalogue ``service`` the complaint is about.

Tickets are numbered per hall, day, type and series: a letter per type (``A``
for the first option, ``B`` for the second ..., ``T`` for complaints), a
series prefix (none; ``P`` for a priority ticket of the 绿色通道; ``Y`` for a
checked-in appointment) and a three-digit sequence: ``A001``, ``PA001``,
``YB002``. The sandbox has no counters calling numbers, so ``waiting`` counts
the tickets served before this one that were issued earlier the same day: for
an ordinary ticket every earlier ticket of its type, for a priority or an
appointment ticket only the earlier ones that also go first.
``estimated_wait_minutes`` is ``waiting`` times `MINUTES_PER_PERSON`.
"""

import json
import re
import secrets
import string
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from central.catalogue import Catalogue, form_fields, service_flow
from central.clock import local_date, rfc3339, stamp
from central.database import Connection
from central.identifiers import mobile_problem
from central.payload import JsonObject, Reader

COMPLAINT = "complaint"
"""The sandbox's own business type: the complaints window (跑一次没办成)."""
COMPLAINT_LABEL = {"zh": "投诉（跑一次没办成）", "en": "Complaint: came and could not get it done"}
COMPLAINT_LETTER = "T"
PRIORITY_SERIES = "P"
APPOINTMENT_SERIES = "Y"
MINUTES_PER_PERSON = 6
"""The sandbox's estimate of one citizen's time at a counter."""

#: The window group that serves each type; any other type goes to the general windows.
WINDOWS: Mapping[str, Mapping[str, str]] = {
    "enterprise_registration": {"zh": "1–4号窗口", "en": "Windows 1–4"},
    "individual_registration": {"zh": "5–6号窗口", "en": "Windows 5–6"},
    "licence_collection": {"zh": "7号窗口", "en": "Window 7"},
    "enquiry": {"zh": "8号咨询台", "en": "Enquiry desk 8"},
    COMPLAINT: {"zh": "9号投诉受理窗口", "en": "Complaints window 9"},
}
GENERAL_WINDOWS = {"zh": "综合窗口", "en": "General windows"}
NOTE = {"zh": "过号请重新取号", "en": "If you miss your number, please take a new ticket."}

_MEMBERS = frozenset({"business_type", "priority", "mobile", "service"})
_SERVICE_CODE = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,39}")


def queue_field(catalogue: Catalogue) -> dict[str, Any] | None:
    """The choice field of the catalogue's queue_ticket service (its business types)."""
    for code in catalogue.service_codes():
        service = catalogue.service(code)
        if service is not None and service_flow(service) == "queue_ticket":
            for field in form_fields(service):
                if field["type"] == "choice":
                    return field
    return None


def business_types(catalogue: Catalogue) -> list[str]:
    """The types a ticket may be for: the catalogue's options, then ``complaint``."""
    field = queue_field(catalogue)
    options = [str(option["value"]) for option in field["options"]] if field else []
    return [*options, COMPLAINT]


def type_label(catalogue: Catalogue, business_type: str) -> dict[str, str]:
    """The type's words, as the catalogue gives them."""
    if business_type == COMPLAINT:
        return dict(COMPLAINT_LABEL)
    field = queue_field(catalogue)
    for option in field["options"] if field else ():
        if option["value"] == business_type:
            return dict(option["label"])
    return {"zh": business_type, "en": business_type}


def site_of(connection: Connection, kiosk_id: str) -> str:
    """The hall the kiosk stands in (its enrolment's site), else its id."""
    row = connection.execute(
        "SELECT c.site_json FROM kiosk_keys k JOIN enrolment_codes c ON c.code = k.code "
        "WHERE k.kiosk_id = ? AND k.revoked_at IS NULL",
        (kiosk_id,),
    ).fetchone()
    site = json.loads(row["site_json"]) if row else {}
    return str(site.get("name") or kiosk_id)


def issue_ticket(
    connection: Connection,
    document: JsonObject,
    *,
    catalogue: Catalogue,
    kiosk_id: str,
    now: datetime,
) -> JsonObject:
    """Handle ``POST /v1/queue-tickets`` (write transaction); returns the 201 body."""
    reader = Reader(document, what="queue ticket")
    for extra in sorted(set(document) - _MEMBERS):
        reader.error(extra, "unknown_field", f"{extra} is not a member of a queue ticket request.")
    business_type = reader.get_choice("business_type", tuple(business_types(catalogue)))
    priority = document.get("priority", False)
    if not isinstance(priority, bool):
        reader.error("priority", "type", "priority must be true or false.")
        priority = False
    mobile = reader.get_str("mobile", required=business_type == COMPLAINT, max_length=20)
    about = reader.get_str("service", required=False, max_length=40)
    if business_type != COMPLAINT:
        for name in ("mobile", "service"):
            if name in document:
                reader.error(name, "misplaced", f"{name} is given only with a complaint ticket.")
    if mobile is not None and (problem := mobile_problem(mobile)) is not None:
        reader.error("mobile", "cn_mobile", problem)
    if about is not None and (
        not _SERVICE_CODE.fullmatch(about) or catalogue.service(about) is None
    ):
        reader.error("service", "option", f"{about!r} is not a service in the catalogue.")
    reader.raise_if_invalid()
    assert business_type is not None
    series = PRIORITY_SERIES if priority else ""
    return create_ticket(
        connection,
        catalogue=catalogue,
        kiosk_id=kiosk_id,
        business_type=business_type,
        series=series,
        now=now,
        mobile=mobile if business_type == COMPLAINT else None,
        about_service=about,
    )


def create_ticket(
    connection: Connection,
    *,
    catalogue: Catalogue,
    kiosk_id: str,
    business_type: str,
    series: str,
    now: datetime,
    mobile: str | None = None,
    about_service: str | None = None,
) -> JsonObject:
    """Number and store one ticket of ``business_type`` in ``series``; its body."""
    types = business_types(catalogue)
    index = types.index(business_type)
    letter = COMPLAINT_LETTER if business_type == COMPLAINT else string.ascii_uppercase[index % 26]
    site = site_of(connection, kiosk_id)
    day = local_date(now)
    issued_before = connection.execute(
        "SELECT COUNT(*) FROM queue_tickets"
        " WHERE site = ? AND day = ? AND business_type = ? AND series = ?",
        (site, day, business_type, series),
    ).fetchone()[0]
    # Who is served before this ticket: every earlier ticket of the type for an
    # ordinary one; only the earlier ones that also go first for the others.
    ahead_series = (
        ("", PRIORITY_SERIES, APPOINTMENT_SERIES)
        if not series
        else (
            PRIORITY_SERIES,
            APPOINTMENT_SERIES,
        )
    )
    marks = ", ".join("?" * len(ahead_series))
    waiting = int(
        connection.execute(
            "SELECT COUNT(*) FROM queue_tickets WHERE site = ? AND day = ? AND business_type = ?"
            f" AND series IN ({marks})",
            (site, day, business_type, *ahead_series),
        ).fetchone()[0]
    )
    number = f"{series}{letter}{issued_before + 1:03d}"
    ticket_id = "QT-" + secrets.token_hex(8)
    connection.execute(
        "INSERT INTO queue_tickets (ticket_id, kiosk_id, site, day, business_type, number,"
        " issued_at, series, mobile, about_service) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            ticket_id,
            kiosk_id,
            site,
            day,
            business_type,
            number,
            stamp(now),
            series,
            mobile,
            about_service,
        ),
    )
    return ticket_body(
        catalogue,
        ticket_id=ticket_id,
        number=number,
        business_type=business_type,
        series=series,
        waiting=waiting,
        site=site,
        issued_at=now,
    )


def ticket_body(
    catalogue: Catalogue,
    *,
    ticket_id: str,
    number: str,
    business_type: str,
    series: str,
    waiting: int,
    site: str,
    issued_at: datetime,
) -> JsonObject:
    """A ticket as the interface sends it."""
    return {
        "ticket": number,
        "ticket_id": ticket_id,
        "business_type": business_type,
        "label": type_label(catalogue, business_type),
        "priority": series == PRIORITY_SERIES,
        "waiting": waiting,
        "estimated_wait_minutes": waiting * MINUTES_PER_PERSON,
        "window": dict(WINDOWS.get(business_type, GENERAL_WINDOWS)),
        "hall": site,
        "issued_at": rfc3339(issued_at),
        "note": dict(NOTE),
    }


def list_tickets(connection: Connection, day: str | None = None) -> list[dict[str, Any]]:
    """The tickets issued (on ``day``, else every day), oldest first, for the operators
    (the complaints window calls back the mobile number given with a complaint)."""
    query = (
        "SELECT day, site, number, business_type, series, kiosk_id, issued_at, mobile,"
        " about_service FROM queue_tickets"
    )
    rows = (
        connection.execute(query + " WHERE day = ? ORDER BY issued_at", (day,))
        if day
        else connection.execute(query + " ORDER BY issued_at")
    )
    return [dict(row) for row in rows.fetchall()]
