"""The outbox: every submission stays here until the central has acknowledged it.

Exactly-once delivery rests on three rules: the idempotency key is made when the
citizen submits and stored with the body; a row is claimed with a lease inside a
transaction so two senders never send it at the same time; and a row is marked
delivered only with the central's 2xx answer, never deleted before.

A numbered request (`Outbox.enqueue_numbered`) also gets a short provisional
reference from a durable counter, in the same transaction as its insert: the
name a citizen can read out until the central's number exists.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from offline_cache.db import Database


class OutboxState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    DELIVERED = "delivered"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One queued request, as stored."""

    idempotency_key: str
    endpoint: str
    body: dict[str, Any]
    created_at: str
    state: OutboxState
    attempts: int
    next_attempt_at: float
    last_error: str
    result_ref: str | None
    response: dict[str, Any] | None
    reference: str | None = None
    """The provisional reference of a numbered request (None for other requests)."""


class Outbox:
    """Durable queue of requests for the central."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def enqueue(self, key: str, endpoint: str, body: dict[str, Any], created_at: str) -> None:
        """Store a request durably; raises StorageError (or StorageFullError)."""
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO outbox (idempotency_key, endpoint, body, created_at, state)"
                " VALUES (?, ?, ?, ?, 'pending')",
                (key, endpoint, json.dumps(body, ensure_ascii=False, sort_keys=True), created_at),
            )

    def enqueue_numbered(
        self,
        key: str,
        endpoint: str,
        created_at: str,
        build: Callable[[int], tuple[str, dict[str, Any]]],
    ) -> str:
        """Number a request and store it durably, in one transaction; its reference.

        ``build(number)`` gets the next number of the outbox's counter (1, 2, ...,
        never handed out twice) and returns the request's reference and body, so
        the body can carry the reference. Raises StorageError (or StorageFullError).
        """
        with self._db.transaction() as conn:
            (number,) = conn.execute(
                "UPDATE sequences SET last = last + 1 WHERE name = 'outbox' RETURNING last"
            ).fetchone()
            reference, body = build(int(number))
            conn.execute(
                "INSERT INTO outbox (idempotency_key, endpoint, body, created_at, state, reference)"
                " VALUES (?, ?, ?, ?, 'pending', ?)",
                (
                    key,
                    endpoint,
                    json.dumps(body, ensure_ascii=False, sort_keys=True),
                    created_at,
                    reference,
                ),
            )
        return reference

    def claim(self, now: float, lease_s: float, key: str | None = None) -> list[OutboxItem]:
        """Claim due items (or the one with ``key``) for sending, under a lease.

        A lease that ran out (the sender died) makes the item claimable again;
        resending it is safe because it carries the same idempotency key.
        """
        with self._db.transaction() as conn:
            where = (
                "(state = 'pending' AND next_attempt_at <= ?)"
                " OR (state = 'sending' AND lease_until <= ?)"
            )
            params: list[Any] = [now, now]
            if key is not None:
                where = f"idempotency_key = ? AND (state = 'pending' OR ({where}))"
                params = [key, *params]
            rows = conn.execute(
                f"SELECT * FROM outbox WHERE {where} ORDER BY created_at", params
            ).fetchall()
            for row in rows:
                conn.execute(
                    "UPDATE outbox SET state = 'sending', lease_until = ?,"
                    " attempts = attempts + 1 WHERE idempotency_key = ?",
                    (now + lease_s, row["idempotency_key"]),
                )
        return [self._item(row, state=OutboxState.SENDING) for row in rows]

    def mark_delivered(
        self, key: str, response: dict[str, Any], result_ref: str | None, at: str
    ) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE outbox SET state = 'delivered', response = ?, result_ref = ?,"
                " delivered_at = ?, last_error = '' WHERE idempotency_key = ?",
                (json.dumps(response, ensure_ascii=False), result_ref, at, key),
            )

    def mark_retry(self, key: str, error: str, next_attempt_at: float) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE outbox SET state = 'pending', last_error = ?, next_attempt_at = ?,"
                " lease_until = 0 WHERE idempotency_key = ?",
                (error, next_attempt_at, key),
            )

    def mark_rejected(self, key: str, error: str, response: dict[str, Any] | None) -> None:
        """The central refused the request (4xx): staff must look at it; it is kept."""
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE outbox SET state = 'rejected', last_error = ?, response = ?,"
                " lease_until = 0 WHERE idempotency_key = ?",
                (error, json.dumps(response, ensure_ascii=False) if response else None, key),
            )

    def get(self, key: str) -> OutboxItem | None:
        row = self._db.connection.execute(
            "SELECT * FROM outbox WHERE idempotency_key = ?", (key,)
        ).fetchone()
        return self._item(row) if row is not None else None

    def find(self, name: str) -> OutboxItem | None:
        """The request named by its provisional reference, its result (the central's
        application number) or its idempotency key; None if no request has that name."""
        text = name.strip()
        row = self._db.connection.execute(
            "SELECT * FROM outbox WHERE reference = ? OR result_ref = ? OR idempotency_key = ?"
            " ORDER BY created_at LIMIT 1",
            (text.upper(), text.upper(), text.lower()),
        ).fetchone()
        return self._item(row) if row is not None else None

    def items(self, state: OutboxState | None = None) -> list[OutboxItem]:
        if state is None:
            rows = self._db.connection.execute("SELECT * FROM outbox ORDER BY created_at")
        else:
            rows = self._db.connection.execute(
                "SELECT * FROM outbox WHERE state = ? ORDER BY created_at", (state.value,)
            )
        return [self._item(row) for row in rows.fetchall()]

    def depth(self) -> int:
        """How many requests are not yet delivered (rejected ones included)."""
        row = self._db.connection.execute(
            "SELECT COUNT(*) FROM outbox WHERE state != 'delivered'"
        ).fetchone()
        return int(row[0])

    def oldest_unsent_at(self) -> str | None:
        row = self._db.connection.execute(
            "SELECT MIN(created_at) FROM outbox WHERE state IN ('pending', 'sending')"
        ).fetchone()
        return str(row[0]) if row[0] is not None else None

    @staticmethod
    def _item(row: sqlite3.Row, state: OutboxState | None = None) -> OutboxItem:
        return OutboxItem(
            idempotency_key=row["idempotency_key"],
            endpoint=row["endpoint"],
            body=json.loads(row["body"]),
            created_at=row["created_at"],
            state=state or OutboxState(row["state"]),
            attempts=int(row["attempts"]) + (1 if state is OutboxState.SENDING else 0),
            next_attempt_at=float(row["next_attempt_at"]),
            last_error=row["last_error"],
            result_ref=row["result_ref"],
            response=json.loads(row["response"]) if row["response"] else None,
            reference=row["reference"],
        )
