"""Applications: receiving a submission, looking it up, and the operators' decisions.

:func:`submit` validates a submission completely (envelope, applicant,
attachments, the form against the catalogue, the authority's cross-field
rules, the name reservation) and stores it with a new application number
``KA<YYYYMMDD>-<NNNNNN>`` (date in China, per-day sequence). Exactly-once
delivery is the caller's job (:mod:`central.idempotency`).

A lookup presents the applicant's identity number; a wrong number gets the
same ``404`` as an unknown application, so numbers cannot be probed.
"""

import base64
import binascii
import json
from datetime import datetime
from typing import Any

from central.catalogue import Catalogue, form_fields, service_flow
from central.clock import local_date, parse_rfc3339, rfc3339, stamp, unstamp
from central.database import Connection, Row
from central.enrolment import region_of_kiosk
from central.form_validation import apply_rules, validate_form
from central.identifiers import mask_id_number, resident_id_problem
from central.links import link_error
from central.names import use_reservation
from central.payload import JsonObject, Reader, dumps
from central.problems import NOT_FOUND, STATE_CONFLICT, Problem, validation_problem
from central.registry import Registry

# Document types whose numbers follow GB 11643 (the kiosk's reader says "cn_resident_id").
RESIDENT_ID_DOCUMENTS = frozenset({"cn_resident_id", "resident_id", "hmt_residence_permit"})
MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024
MAX_ATTACHMENTS = 10

# Which status an operator decision may follow.
_ALLOWED_FROM = {
    "under_review": ("received", "needs_correction"),
    "needs_correction": ("received", "under_review"),
    "approved": ("received", "under_review"),
    "rejected": ("received", "under_review", "needs_correction"),
}


def not_found_problem() -> Problem:
    """The one ``404`` for an unknown application *and* a wrong identity number."""
    return Problem(
        NOT_FOUND,
        "No application matches this application number and identity number.",
    )


def _next_application_no(connection: Connection, now: datetime) -> str:
    day = local_date(now).replace("-", "")
    name = f"application:{day}"
    value = connection.execute(
        "INSERT INTO counters (name, value) VALUES (?, 1) "
        "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value",
        (name,),
    ).fetchone()[0]
    return f"KA{day}-{int(value):06d}"


def _applicant(reader: Reader, today: Any) -> JsonObject | None:
    document = reader.get_object("applicant")
    if document is None:
        return None
    inner = Reader(document, prefix="applicant.")
    name = inner.get_str("name", max_length=50)
    document_type = inner.get_str("document_type", max_length=40)
    id_number = inner.get_str("id_number", max_length=40)
    for extra in sorted(set(document) - {"name", "document_type", "id_number"}):
        inner.error(extra, "unknown_field", f"applicant.{extra} is not a member of applicant.")
    if id_number is not None and document_type in RESIDENT_ID_DOCUMENTS:
        problem = resident_id_problem(id_number, today=today)
        if problem is not None:
            inner.error("id_number", "cn_resident_id", problem)
    reader.errors.extend(inner.errors)
    if inner.errors:
        return None
    return {"name": name, "document_type": document_type, "id_number": id_number}


def _attachments(reader: Reader) -> list[JsonObject] | None:
    errors_before = len(reader.errors)
    items = reader.get_list("attachments", required=False, max_items=MAX_ATTACHMENTS)
    if items is None:
        return [] if len(reader.errors) == errors_before else None
    attachments: list[JsonObject] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            reader.error(f"attachments[{index}]", "type", "Each attachment must be an object.")
            continue
        inner = Reader(item, prefix=f"attachments[{index}].")
        kind = inner.get_str("kind", max_length=40)
        media_type = inner.get_str("media_type", max_length=100)
        data = inner.get_str("data", max_length=MAX_ATTACHMENT_BYTES * 2)
        if data is not None:
            try:
                raw = base64.b64decode(data, validate=True)
            except (binascii.Error, ValueError):
                inner.error("data", "format", "Attachment data must be standard base64.")
            else:
                if not raw:
                    inner.error("data", "required", "Attachment data must not be empty.")
                elif len(raw) > MAX_ATTACHMENT_BYTES:
                    inner.error("data", "max_length", "An attachment may be at most 2 MiB.")
        reader.errors.extend(inner.errors)
        if not inner.errors:
            attachments.append({"kind": kind, "media_type": media_type, "data": data})
    return attachments


def submit(
    connection: Connection,
    document: JsonObject,
    *,
    catalogue: Catalogue,
    registry: Registry,
    kiosk_id: str,
    idempotency_key: str,
    now: datetime,
) -> JsonObject:
    """Validate and store a submission (write transaction); returns the 201 body.

    Raises:
        Problem: ``422`` listing every invalid field.
    """
    today = datetime.fromisoformat(local_date(now)).date()
    reader = Reader(document, what="application")
    service_code = reader.get_str("service", max_length=40)
    catalogue_version = reader.get_str("catalogue_version", max_length=40)
    submitted_text = reader.get_str("submitted_at", max_length=40)
    if submitted_text is not None and parse_rfc3339(submitted_text) is None:
        reader.error(
            "submitted_at", "format", "submitted_at must be an RFC 3339 time with an offset."
        )
    applicant = _applicant(reader, today)
    form = reader.get_object("form")
    attachments = _attachments(reader)
    reservation = reader.get_str("name_reservation", required=False, max_length=64)
    # Extension (the interface allows new fields): the kiosk's provisional reference,
    # which its citizen holds until the application number arrives. Checked, not stored.
    reader.get_str("kiosk_reference", required=False, max_length=40)
    for extra in sorted(
        set(document)
        - {
            "service",
            "catalogue_version",
            "submitted_at",
            "applicant",
            "form",
            "attachments",
            "name_reservation",
            "kiosk_reference",
        }
    ):
        reader.error(extra, "unknown_field", f"{extra} is not a member of an application.")

    service = catalogue.service(service_code) if service_code is not None else None
    if service_code is not None and (service is None or service_flow(service) != "application"):
        reader.error(
            "service", "option", f"{service_code!r} is not a service that takes applications."
        )
        service = None
    if service is not None and form is not None:
        kinds = {str(item["kind"]) for item in attachments or []}
        reader.errors.extend(
            validate_form(form, service, catalogue, today=today, signature_kinds=kinds)
        )
    rules = registry.service_rules(service_code) if service is not None and service_code else {}
    if service is not None and rules.get("name_reservation") == "required" and reservation is None:
        reader.error(
            "name_reservation", "required", "This service needs the token of a name reservation."
        )
    reader.raise_if_invalid()
    assert service is not None
    assert form is not None
    assert applicant is not None
    assert service_code is not None

    rule_errors = apply_rules(
        form, rules.get("rules", []), today=today, stated=service.get("form", {}).get("rules", [])
    )
    link = link_error(connection, form, rules, str(applicant["id_number"]))
    if rule_errors or link is not None:
        raise validation_problem(rule_errors + ([link] if link else []), "application")

    application_no = _next_application_no(connection, now)
    connection.execute(
        "INSERT INTO applications (application_no, kiosk_id, idempotency_key, service, catalogue_version, "
        "submitted_at, received_at, applicant_json, applicant_id_number, form_json, attachments_json, "
        "name_reservation, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received')",
        (
            application_no,
            kiosk_id,
            idempotency_key,
            service_code,
            catalogue_version,
            submitted_text,
            stamp(now),
            dumps(applicant),
            str(applicant["id_number"]).upper(),
            dumps(form),
            dumps(attachments),
            reservation,
        ),
    )
    connection.execute(
        "INSERT INTO application_history (application_no, status, at, note) VALUES (?, 'received', ?, NULL)",
        (application_no, stamp(now)),
    )
    if reservation is not None:
        name_field = rules.get("name_field")
        name = form.get(name_field) if isinstance(name_field, str) else None
        error = use_reservation(
            connection,
            token=reservation,
            name=name if isinstance(name, str) else None,
            application_no=application_no,
            now=now,
        )
        if error is not None:
            raise validation_problem([error], "application")
    return {
        "application_no": application_no,
        "status": "received",
        "received_at": rfc3339(now),
        "receipt": _receipt(
            service,
            rules,
            form,
            applicant,
            application_no,
            submitted_text,
            now,
            catalogue,
            registry,
            kiosk_id,
        ),
    }


def authority_region(
    form: JsonObject, service: JsonObject, catalogue: Catalogue, registry: Registry, kiosk_id: str
) -> str:
    """The region of the registration authority handling an application."""
    for field in form_fields(service):
        if field["type"] == "region" and isinstance(form.get(field["name"]), str):
            return str(form[field["name"]])
    kiosk_region = region_of_kiosk(kiosk_id)
    if kiosk_region is not None and catalogue.region_name(kiosk_region) is not None:
        return kiosk_region
    return registry.default_region


def authority_name(region: str, catalogue: Catalogue) -> dict[str, str]:
    """The market regulation bureau of a region (``金华市婺城区市场监督管理局``)."""
    name = catalogue.region_name(region) or {"zh": region, "en": region}
    return {
        "zh": name["zh"] + "市场监督管理局",
        "en": f"Administration for Market Regulation, {name['en']}",
    }


def _receipt(
    service: JsonObject,
    rules: JsonObject,
    form: JsonObject,
    applicant: JsonObject,
    application_no: str,
    submitted_at: str | None,
    now: datetime,
    catalogue: Catalogue,
    registry: Registry,
    kiosk_id: str,
) -> JsonObject:
    name_field = rules.get("name_field")
    entity_name = form.get(name_field) if isinstance(name_field, str) else None
    region = authority_region(form, service, catalogue, registry, kiosk_id)
    return {
        "application_no": application_no,
        "service": service["code"],
        "service_title": service["title"],
        "applicant_name": applicant["name"],
        "applicant_id_masked": mask_id_number(str(applicant["id_number"])),
        "entity_name": entity_name,
        "submitted_at": submitted_at,
        "received_at": rfc3339(now),
        "authority": authority_name(region, catalogue),
        "promise_days": service.get("promise_days"),
        "enquiries": {"hotline": "12345", "service": "STATUS-LOOKUP"},
    }


def find_for_applicant(connection: Connection, application_no: str, id_number: str) -> Row:
    """The application, if ``id_number`` is its applicant's; else the lookup ``404``."""
    row: Row | None = connection.execute(
        "SELECT * FROM applications WHERE application_no = ?", (application_no,)
    ).fetchone()
    if row is None or row["applicant_id_number"] != id_number.strip().upper():
        raise not_found_problem()
    return row


def lookup(connection: Connection, application_no: str, document: JsonObject) -> JsonObject:
    """Handle ``POST /v1/applications/{no}/lookups``; returns the 200 body."""
    reader = Reader(document, what="lookup")
    id_number = reader.get_str("id_number", max_length=40)
    reader.raise_if_invalid()
    assert id_number is not None
    row = find_for_applicant(connection, application_no, id_number)
    return status_view(connection, row)


def status_view(connection: Connection, row: Row) -> JsonObject:
    """The lookup body of an application row."""
    history = connection.execute(
        "SELECT status, at, note FROM application_history WHERE application_no = ? ORDER BY id",
        (row["application_no"],),
    ).fetchall()
    licence = connection.execute(
        "SELECT uscc, prints_allowed, prints_made FROM licences WHERE application_no = ?",
        (row["application_no"],),
    ).fetchone()
    return {
        "application_no": row["application_no"],
        "service": row["service"],
        "status": row["status"],
        "history": [
            {"status": h["status"], "at": rfc3339(unstamp(h["at"])), "note": h["note"]}
            for h in history
        ],
        "licence": None
        if licence is None
        else {
            "uscc": licence["uscc"],
            "printable": licence["prints_made"] < licence["prints_allowed"],
        },
    }


def own_application(connection: Connection, application_no: str, kiosk_id: str) -> JsonObject:
    """``GET /v1/applications/{no}`` (extension): a kiosk reads its own submission only."""
    row = connection.execute(
        "SELECT * FROM applications WHERE application_no = ? AND kiosk_id = ?",
        (application_no, kiosk_id),
    ).fetchone()
    if row is None:
        raise Problem(NOT_FOUND, "This kiosk submitted no application with this number.")
    return status_view(connection, row)


def change_status(
    connection: Connection,
    application_no: str,
    status: str,
    note: str | None,
    now: datetime,
) -> Row:
    """Record an operator's decision; returns the updated row.

    Raises:
        LookupError: no such application.
        Problem: ``409 state-conflict`` if the decision cannot follow the current status.
    """
    row = connection.execute(
        "SELECT * FROM applications WHERE application_no = ?", (application_no,)
    ).fetchone()
    if row is None:
        raise LookupError(f"no application {application_no}")
    if row["status"] not in _ALLOWED_FROM[status]:
        raise Problem(
            STATE_CONFLICT,
            f"Application {application_no} is {row['status']}; it cannot become {status}.",
        )
    connection.execute(
        "UPDATE applications SET status = ? WHERE application_no = ?", (status, application_no)
    )
    connection.execute(
        "INSERT INTO application_history (application_no, status, at, note) VALUES (?, ?, ?, ?)",
        (application_no, status, stamp(now), note),
    )
    updated: Row = connection.execute(
        "SELECT * FROM applications WHERE application_no = ?", (application_no,)
    ).fetchone()
    return updated


def list_applications(connection: Connection) -> list[JsonObject]:
    """Every application received, oldest first, for the operators (``applications --json``)."""
    rows = connection.execute(
        "SELECT * FROM applications ORDER BY received_at, application_no"
    ).fetchall()
    listing = []
    for row in rows:
        licence = connection.execute(
            "SELECT uscc FROM licences WHERE application_no = ?", (row["application_no"],)
        ).fetchone()
        listing.append(
            {
                "application_no": row["application_no"],
                "kiosk_id": row["kiosk_id"],
                "idempotency_key": row["idempotency_key"],
                "service": row["service"],
                "catalogue_version": row["catalogue_version"],
                "status": row["status"],
                "submitted_at": row["submitted_at"],
                "received_at": rfc3339(unstamp(row["received_at"])),
                "applicant": json.loads(row["applicant_json"]),
                "form": json.loads(row["form_json"]),
                "attachments": [
                    {
                        "kind": a["kind"],
                        "media_type": a["media_type"],
                        "bytes": len(base64.b64decode(a["data"])),
                    }
                    for a in json.loads(row["attachments_json"])
                ],
                "name_reservation": row["name_reservation"],
                "uscc": licence["uscc"] if licence else None,
            }
        )
    return listing
