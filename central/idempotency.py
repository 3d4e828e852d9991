"""Exactly-once POSTs with the ``Idempotency-Key`` header (IETF httpapi draft semantics).

Keys are scoped per kiosk and endpoint. The first request with a key claims
it (state ``processing``) in its own short transaction, so a concurrent
request with the same key sees the claim and gets ``409``. A ``2xx`` answer
completes the key together with the work it did (same transaction) and is
replayed for 7 days to any repeat with the same JSON body; a different body
gets ``422 idempotency-key-reused``. A failed request releases its claim, so
the key can be reused with a corrected body. A claim older than
:data:`CLAIM_LEASE` is taken to belong to a crashed worker and may be taken over.
"""

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from central.clock import stamp, unstamp
from central.database import Database
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
    connection: sqlite3.Connection,
    *,
    kiosk_id: str,
    endpoint: str,
    key: str,
    request: str,
    now: datetime,
) -> StoredResponse | None:
    """Claim a key for a new request, or return the stored answer for a repeat.

    ``request`` is the canonical JSON of the body. Must run in its own write
    transaction, committed before the work starts.

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
    connection: sqlite3.Connection,
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


def release(connection: sqlite3.Connection, *, kiosk_id: str, endpoint: str, key: str) -> None:
    """Drop an unfinished claim after a failed request, so the key can be used again."""
    connection.execute(
        "DELETE FROM idempotency_keys WHERE kiosk_id = ? AND endpoint = ? AND key = ? AND state = 'processing'",
        (kiosk_id, endpoint, key),
    )


def run_once(
    database: Database,
    *,
    kiosk_id: str,
    endpoint: str,
    key: str,
    document: JsonObject,
    now: datetime,
    work: Callable[[sqlite3.Connection], StoredResponse],
) -> StoredResponse:
    """Run ``work`` at most once per (kiosk, endpoint, key) and body; replay its answer.

    ``work`` runs in a write transaction and raises :class:`Problem` to refuse;
    a refusal (or crash) releases the key.
    """
    request = canonical_json(document)
    with database.transaction() as connection:
        stored = claim(
            connection, kiosk_id=kiosk_id, endpoint=endpoint, key=key, request=request, now=now
        )
    if stored is not None:
        return stored
    try:
        with database.transaction() as connection:
            response = work(connection)
            complete(
                connection,
                kiosk_id=kiosk_id,
                endpoint=endpoint,
                key=key,
                response=response,
                now=now,
            )
    except BaseException:
        with database.transaction() as connection:
            release(connection, kiosk_id=kiosk_id, endpoint=endpoint, key=key)
        raise
    return response
