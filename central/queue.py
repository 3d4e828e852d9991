"""Queue tickets for the counters of the hall a kiosk stands in (extension ``POST /v1/queue-tickets``).

The business types and their labels come from the catalogue's ``queue_ticket``
service (its first ``choice`` field), so a new type is a catalogue change.
Tickets are numbered per hall, day and type: a letter per type (``A`` for the
first option, ``B`` for the second ...) and a three-digit sequence. The
sandbox has no counters calling numbers, so ``waiting`` counts the tickets of
that type issued earlier the same day.
"""

import json
import secrets
import sqlite3
import string
from datetime import datetime
from typing import Any

from central.catalogue import Catalogue, form_fields, service_flow
from central.clock import local_date, rfc3339, stamp
from central.payload import JsonObject, Reader


def _choice_field(catalogue: Catalogue) -> dict[str, Any] | None:
    for code in catalogue.service_codes():
        service = catalogue.service(code)
        if service is not None and service_flow(service) == "queue_ticket":
            for field in form_fields(service):
                if field["type"] == "choice":
                    return field
    return None


def _site(connection: sqlite3.Connection, kiosk_id: str) -> str:
    row = connection.execute(
        "SELECT c.site_json FROM kiosk_keys k JOIN enrolment_codes c ON c.code = k.code "
        "WHERE k.kiosk_id = ? AND k.revoked_at IS NULL",
        (kiosk_id,),
    ).fetchone()
    site = json.loads(row["site_json"]) if row else {}
    return str(site.get("name") or kiosk_id)


def issue_ticket(
    connection: sqlite3.Connection,
    document: JsonObject,
    *,
    catalogue: Catalogue,
    kiosk_id: str,
    now: datetime,
) -> JsonObject:
    """Handle ``POST /v1/queue-tickets`` (write transaction); returns the 201 body."""
    field = _choice_field(catalogue)
    options = [str(option["value"]) for option in field["options"]] if field else []
    reader = Reader(document, what="queue ticket")
    business_type = reader.get_choice("business_type", tuple(options))
    reader.raise_if_invalid()
    assert field is not None
    assert business_type is not None
    index = options.index(business_type)
    site = _site(connection, kiosk_id)
    day = local_date(now)
    issued_before = connection.execute(
        "SELECT COUNT(*) FROM queue_tickets WHERE site = ? AND day = ? AND business_type = ?",
        (site, day, business_type),
    ).fetchone()[0]
    number = f"{string.ascii_uppercase[index % 26]}{issued_before + 1:03d}"
    connection.execute(
        "INSERT INTO queue_tickets (ticket_id, kiosk_id, site, day, business_type, number, issued_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        ("QT-" + secrets.token_hex(8), kiosk_id, site, day, business_type, number, stamp(now)),
    )
    return {
        "ticket": number,
        "business_type": business_type,
        "label": field["options"][index]["label"],
        "waiting": int(issued_before),
        "hall": site,
        "issued_at": rfc3339(now),
        "note": {
            "zh": "过号请重新取号",
            "en": "If you miss your number, please take a new ticket.",
        },
    }
