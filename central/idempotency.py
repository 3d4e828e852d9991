"""Exactly-once POSTs with the ``Idempotency-Key`` header (IETF httpapi draft semantics).

Keys are scoped per kiosk and endpoint. The first request with a key claims
it, does its work and completes the key with its ``2xx`` answer in one
serialized transaction (one commit: on PostgreSQL, one wait for the disk while
the other writers wait for their turn, not two), so a repeat with the same key,
from any worker, waits for that transaction and is given the answer; a repeat
within 7 days with the same JSON body gets it again; a different body gets
``422 idempotency-key-reused``. A refused (or failed) request rolls its claim
back with its work, so the key can be reused with a corrected body. A claim
still ``processing`` (left by a central that claimed in a transaction of its
own, or by another program) answers ``409`` until it is :data:`CLAIM_LEASE`
old, then is taken to belong to a crashed worker and may be taken over.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from central.clock import stamp, unstamp
from central.database import Connection, Database
from central.payload import JsonObject, canonical_json, dumps
from central.problems import (
    IDEMPOTENCY_KEY_MISSING,
    IDEMPOTENCY_KEY_REUSED,
    REQUEST_IN_PROGRESS,
    Problem,
)

RETENTION = timedelta(days=7)
CLAIM_LEASE = timedelta(seconds=60)
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


@dataclass(frozen=True)
class StoredResponse:
    """The answer first given for a key, to be given again."""

    status: int
    body: JsonObject


def parse_key(header: str | None) -> str:
    """Read the ``Idempotency-Key`` header: a UUID, optionally as a quoted sf-string.

    Raises:
        Problem: ``400`` if it is missing or not a UUID.
    """
    if header is None or not header.strip():
        raise Problem(
            IDEMPOTENCY_KEY_MISSING,
            "This request needs an Idempotency-Key header holding a UUID made when the citizen pressed Submit.",
        )
    value = header.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    if _UUID.fullmatch(value) is None:
        raise Problem(
            IDEMPOTENCY_KEY_MISSING,
            f"The Idempotency-Key header must be a UUID; got {header.strip()[:60]!r}.",
        )
    return value.lower()


def claim(
    connection: Connection,
    *,
    kiosk_id: str,
    endpoint: str,
    key: str,
    request: str,
    now: datetime,
) -> StoredResponse | None:
    """Claim a key for a new request, or return the stored answer for a repeat.

    ``request`` is the canonical JSON of the body. Runs in the serialized write
    transaction that then does the work (`run_once`).

    Raises:
        Problem: ``409`` while another request holds the key, ``422`` if the
            key was used for a different body.
    """
    row = connection.execute(
        "SELECT * FROM idempotency_keys WHERE kiosk_id = ? AND endpoint = ? AND key = ?",
        (kiosk_id, endpoint, key),
    ).fetchone()
    if row is not None:
        if row["state"] == "completed" and unstamp(row["completed_at"]) + RETENTION > now:
            if row["request_json"] != request:
                raise Problem(
                    IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used with a different request body. A new "
                    "submission needs a new key; a retry must send exactly the same body.",
                )
            return StoredResponse(status=int(row["status"]), body=json.loads(row["response_json"]))
        if row["state"] == "processing" and unstamp(row["claimed_at"]) + CLAIM_LEASE > now:
            raise Problem(
                REQUEST_IN_PROGRESS,
                "A request with this Idempotency-Key is still being processed. Retry in a few seconds.",
                headers={"Retry-After": "2"},
            )
        connection.execute(
            "DELETE FROM idempotency_keys WHERE kiosk_id = ? AND endpoint = ? AND key = ?",
            (kiosk_id, endpoint, key),
        )
    connection.execute(
        "INSERT INTO idempotency_keys (kiosk_id, endpoint, key, request_json, state, claimed_at) "
        "VALUES (?, ?, ?, ?, 'processing', ?)",
        (kiosk_id, endpoint, key, request, stamp(now)),
    )
    return None


def complete(
    connection: Connection,
    *,
    kiosk_id: str,
    endpoint: str,
    key: str,
    response: StoredResponse,
    now: datetime,
) -> None:
    """Bind the key to its successful answer (in the transaction that did the work)."""
    connection.execute(
        "UPDATE idempotency_keys SET state = 'completed', status = ?, response_json = ?, completed_at = ? "
        "WHERE kiosk_id = ? AND endpoint = ? AND key = ?",
        (response.status, dumps(response.body), stamp(now), kiosk_id, endpoint, key),
    )


def run_once(
    database: Database,
    *,
    kiosk_id: str,
    endpoint: str,
    key: str,
    document: JsonObject,
    now: datetime,
    work: Callable[[Connection], StoredResponse],
) -> StoredResponse:
    """Run ``work`` at most once per (kiosk, endpoint, key) and body; replay its answer.

    ``work`` runs in the same serialized write transaction as the claim and raises
    :class:`Problem` to refuse; a refusal (or crash) rolls the claim back with it.
    """
    request = canonical_json(document)
    with database.transaction() as connection:
        stored = claim(
            connection, kiosk_id=kiosk_id, endpoint=endpoint, key=key, request=request, now=now
        )
        if stored is not None:
            return stored
        response = work(connection)
        complete(
            connection, kiosk_id=kiosk_id, endpoint=endpoint, key=key, response=response, now=now
        )
    return response
