"""Business licences: issuing one on approval, and printing it once at a kiosk.

On approval the central assigns a unified social credit code (``92…`` for an
individual business, ``91…`` for a company; see :func:`issue_uscc`) and
stores the licence's printed items, laid out as the registry says.

Printing: at most one print job per licence is open. The same kiosk asking
again gets the open job (``200``), another kiosk ``409``. ``printed`` uses up
the licence's one original (``printable`` becomes false; another needs an
operator's ``allow-reprint``); ``failed`` lets a new job be made. Each job
carries a verification payload signed with the central's Ed25519 key and the
QR text ``KCV1.<key_id>.<base64url payload>.<base64url signature>`` (base64url
without padding), which anyone can check offline against ``GET /v1/keys``.
"""

import base64
import json
import secrets
from datetime import datetime
from decimal import Decimal
from typing import Any

from central.applications import (
    authority_name,
    authority_region,
    change_status,
    find_for_applicant,
    not_found_problem,
)
from central.catalogue import Catalogue, form_fields
from central.central_keys import current_signing_key
from central.clock import local_date, rfc3339, stamp
from central.database import Connection, Row
from central.identifiers import issue_uscc
from central.payload import JsonObject, Reader, dumps
from central.problems import (
    LICENCE_ALREADY_PRINTED,
    NOT_FOUND,
    PRINT_JOB_OPEN,
    RESULT_CONFLICT,
    Problem,
)
from central.registry import Registry

QR_PREFIX = "KCV1"
_LICENSED_SUFFIX = (
    "（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以审批结果为准）"
)
_GENERAL_SUFFIX = "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"


def b64url(data: bytes) -> str:
    """Base64url without padding, as used in the QR text."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def scope_text(codes: list[str], catalogue: Catalogue) -> str:
    """Render scope codes the way a licence prints them (许可项目 …。一般项目 …。)."""
    licensed: list[str] = []
    general: list[str] = []
    for code in codes:
        entry = catalogue.scope_entry(code)
        text = entry["text"]["zh"] if entry else code
        (licensed if entry and entry.get("licensed") else general).append(text)
    parts = []
    if licensed:
        parts.append("许可项目：" + "；".join(licensed) + _LICENSED_SUFFIX + "。")
    if general:
        parts.append("一般项目：" + "；".join(general) + _GENERAL_SUFFIX + "。")
    return "".join(parts)


def _render(field: dict[str, Any] | None, value: Any, catalogue: Catalogue) -> str:
    if value is None:
        return ""
    kind = field["type"] if field else "text"
    if kind == "scope":
        return scope_text(list(value), catalogue)
    if kind == "money":
        return f"{Decimal(value).normalize():f}{field.get('unit', '') if field else ''}"
    if kind == "person":
        return str(value.get("name", ""))
    if kind == "people":
        return "、".join(str(person.get("name", "")) for person in value)
    if kind == "region":
        name = catalogue.region_name(value)
        return name["zh"] if name else str(value)
    if kind in ("choice", "multi_choice") and field:
        labels = {json.dumps(option["value"]): option["label"]["zh"] for option in field["options"]}
        values = value if isinstance(value, list) else [value]
        return "、".join(labels.get(json.dumps(item), str(item)) for item in values)
    return str(value)


def issue_licence(
    connection: Connection,
    application: Row,
    *,
    catalogue: Catalogue,
    registry: Registry,
    now: datetime,
) -> str | None:
    """Issue the licence of an approved application; returns its USCC (``None`` if the service has none)."""
    rules = registry.service_rules(application["service"])
    layout = rules.get("licence")
    service = catalogue.service(application["service"])
    if layout is None or service is None:
        return None
    form = json.loads(application["form_json"])
    fields = {field["name"]: field for field in form_fields(service)}
    region = authority_region(form, service, catalogue, registry, application["kiosk_id"])
    while True:
        uscc = issue_uscc(layout["uscc_type"], region)
        if connection.execute("SELECT 1 FROM licences WHERE uscc = ?", (uscc,)).fetchone() is None:
            break
    entity_type = layout["entity_type"]
    owners = form.get(layout.get("owners_field", ""))
    if "entity_type_single_owner" in layout and isinstance(owners, list) and len(owners) == 1:
        entity_type = layout["entity_type_single_owner"]
    established = local_date(now)
    name_field = rules.get("name_field")
    details = {
        "uscc": uscc,
        "application_no": application["application_no"],
        "name": form.get(name_field) if isinstance(name_field, str) else None,
        "type": entity_type,
        "items": [
            {
                "key": item["key"],
                "label": item["label"],
                "value": item["text"]["zh"]
                if "text" in item
                else _render(fields.get(item["field"]), form.get(item["field"]), catalogue),
            }
            for item in layout["items"]
        ],
        "date_label": layout["date_label"],
        "date_of_establishment": established,
        "date_text": f"{established[:4]}年{established[5:7]}月{established[8:10]}日",
        "registration_authority": authority_name(region, catalogue),
    }
    connection.execute(
        "INSERT INTO licences (uscc, application_no, details_json, issued_at) VALUES (?, ?, ?, ?)",
        (uscc, application["application_no"], dumps(details), stamp(now)),
    )
    return uscc


def approve(
    connection: Connection,
    application_no: str,
    *,
    catalogue: Catalogue,
    registry: Registry,
    now: datetime,
) -> str | None:
    """Approve an application and issue its licence; returns the USCC, if any."""
    row = change_status(connection, application_no, "approved", None, now)
    return issue_licence(connection, row, catalogue=catalogue, registry=registry, now=now)


def allow_reprint(connection: Connection, uscc: str) -> None:
    """Staff approval for one more original of a printed licence."""
    cursor = connection.execute(
        "UPDATE licences SET prints_allowed = prints_made + 1 WHERE uscc = ?", (uscc,)
    )
    if cursor.rowcount == 0:
        raise LookupError(f"no licence {uscc}")


def _verification(
    connection: Connection, details: JsonObject, print_job: str, now: datetime
) -> JsonObject:
    key = current_signing_key(connection, now)
    payload = json.dumps(
        {
            "v": 1,
            "uscc": details["uscc"],
            "name": details["name"],
            "type": details["type"]["zh"],
            "established": details["date_of_establishment"],
            "authority": details["registration_authority"]["zh"],
            "print_job": print_job,
            "printed_at": rfc3339(now),
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    signature = key.sign(payload.encode("utf-8"))
    return {
        "payload": payload,
        "signature": base64.b64encode(signature).decode("ascii"),
        "key_id": key.key_id,
        "qr": ".".join((QR_PREFIX, key.key_id, b64url(payload.encode("utf-8")), b64url(signature))),
    }


def create_print_job(
    connection: Connection, uscc: str, document: JsonObject, *, kiosk_id: str, now: datetime
) -> tuple[int, JsonObject]:
    """Handle ``POST /v1/licences/{uscc}/print-jobs``; returns ``(status, body)``."""
    reader = Reader(document, what="print job")
    application_no = reader.get_str("application_no", max_length=40)
    id_number = reader.get_str("id_number", max_length=40)
    reader.raise_if_invalid()
    assert application_no is not None
    assert id_number is not None
    find_for_applicant(connection, application_no, id_number)
    licence = connection.execute(
        "SELECT * FROM licences WHERE uscc = ? AND application_no = ?",
        (uscc.upper(), application_no),
    ).fetchone()
    if licence is None:
        raise not_found_problem()
    open_job = connection.execute(
        "SELECT * FROM print_jobs WHERE uscc = ? AND state = 'open'", (licence["uscc"],)
    ).fetchone()
    if open_job is not None:
        if open_job["kiosk_id"] == kiosk_id:
            body: JsonObject = json.loads(open_job["response_json"])
            return 200, body
        raise Problem(
            PRINT_JOB_OPEN,
            "This licence is being printed at another kiosk. If that print has failed, the other "
            "kiosk must report it (or staff must cancel it) before printing here.",
        )
    if licence["prints_made"] >= licence["prints_allowed"]:
        raise Problem(
            LICENCE_ALREADY_PRINTED,
            "The original licence has already been printed. A further original needs staff approval at the service counter.",
        )
    details = json.loads(licence["details_json"])
    print_job = "PJ-" + secrets.token_hex(8)
    body = {
        "print_job": print_job,
        "licence": details,
        "verification": _verification(connection, details, print_job, now),
    }
    connection.execute(
        "INSERT INTO print_jobs (print_job, uscc, kiosk_id, state, created_at, response_json) VALUES (?, ?, ?, 'open', ?, ?)",
        (print_job, licence["uscc"], kiosk_id, stamp(now), dumps(body)),
    )
    return 201, body


def record_result(
    connection: Connection,
    print_job: str,
    document: JsonObject,
    *,
    kiosk_id: str,
    now: datetime,
) -> JsonObject:
    """Handle ``POST /v1/print-jobs/{id}/result``; returns the 200 body."""
    reader = Reader(document, what="print result")
    result = reader.get_choice("result", ("printed", "failed"))
    detail = reader.get_str(
        "detail", required=False, max_length=500, allow_empty=True, multiline=True
    )
    reader.raise_if_invalid()
    job = connection.execute(
        "SELECT * FROM print_jobs WHERE print_job = ? AND kiosk_id = ?", (print_job, kiosk_id)
    ).fetchone()
    if job is None:
        raise Problem(NOT_FOUND, "This kiosk has no print job with this id.")
    if job["state"] != "open":
        if job["state"] == result:
            return {"print_job": print_job, "state": job["state"]}
        raise Problem(
            RESULT_CONFLICT, f"Print job {print_job} was already reported as {job['state']}."
        )
    connection.execute(
        "UPDATE print_jobs SET state = ?, closed_at = ?, detail = ? WHERE print_job = ?",
        (result, stamp(now), detail, print_job),
    )
    if result == "printed":
        connection.execute(
            "UPDATE licences SET prints_made = prints_made + 1 WHERE uscc = ?", (job["uscc"],)
        )
    return {"print_job": print_job, "state": result}
