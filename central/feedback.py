"""Citizens' ratings of a visit (好差评), received from kiosks exactly once."""

import secrets
from datetime import datetime

from central.catalogue import Catalogue
from central.clock import stamp
from central.database import Connection
from central.payload import JsonObject, Reader, dumps


def record_feedback(
    connection: Connection,
    document: JsonObject,
    *,
    catalogue: Catalogue,
    kiosk_id: str,
    now: datetime,
) -> JsonObject:
    """Handle ``POST /v1/feedback`` (inside :func:`central.idempotency.run_once`); returns the 201 body."""
    reader = Reader(document, what="feedback")
    application_no = reader.get_str("application_no", required=False, max_length=40)
    service = reader.get_str("service", max_length=40)
    if service is not None and catalogue.service(service) is None:
        reader.error("service", "option", f"{service!r} is not a service in the catalogue.")
    rating = reader.get_int("rating", minimum=1, maximum=5)
    reader.get_str_list("tags", required=False, max_items=20, max_length=40)
    reader.get_str("comment", required=False, max_length=1000, allow_empty=True, multiline=True)
    reader.raise_if_invalid()
    feedback_id = "FB-" + secrets.token_hex(8)
    connection.execute(
        "INSERT INTO feedback (feedback_id, kiosk_id, application_no, service, rating, body_json, received_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (feedback_id, kiosk_id, application_no, service, rating, dumps(document), stamp(now)),
    )
    return {"feedback_id": feedback_id}
