"""The outbox: every submission stays here until the central has acknowledged it.

Exactly-once delivery rests on three rules: the idempotency key is made when the
citizen submits and stored with the body; a row is claimed with a lease inside a
transaction so two senders never send it at the same time; and a row is marked
delivered only with the central's 2xx answer, never deleted before.

A request a citizen was told is kept is committed durably (it waits for the
disk); the sender's own records (claims, leases, 2xx answers) commit without
waiting for it (`Database.transaction`): each survives the process dying, and
one lost to a power cut only means a resend with the same key.

Claims take a bounded batch, and the sender renews the lease of what it still
holds, so no lease runs out in the middle of a long drain. ``attempts`` counts
requests really sent (recorded with their outcome), not claims. A row the
central keeps answering 5xx becomes ``stuck``: never sent again, and never
delivered or dropped, until staff release it; it keeps its key and body, so the
release sends the very same request.

A numbered request (`Outbox.enqueue_numbered`) also gets a short provisional
reference from a durable counter, in the same transaction as its insert: the
name a citizen can read out until the central's number exists.

A delivered row keeps no personal data for longer than the outbox's retention
(``keep_delivered_s``): its body and the central's answer are purged, and only
its reference, the central's number, its idempotency key and the SHA-256 of its
body stay, enough to name it and to keep exactly-once. The database overwrites
what it deletes (``secure_delete``) and the purge empties the write-ahead log,
so the purged text is gone from the files too.

A body waiting to be sent is sealed at rest when the outbox is given a key
(``body_key``: the kiosk always gives one, see `kiosk.sealed_outbox`): AES-GCM
bound to the row's idempotency key and endpoint (`offline_cache.outbox_seal`), so
the database file holds no identity number, name or mobile even while the
central is down. Rows queued before sealing existed are read as they are and
sealed by `Outbox.seal_clear_rows`. Sealing changes nothing the central sees or
exactly-once rests on: the same text is opened, sent and hashed (``body_sha256``
is the SHA-256 of the clear text). A row whose body does not open (another key,
or damaged) is never sent: with a key it becomes stuck for staff (restore the
key, then release it); without one it is left for a reader that has the key.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from offline_cache.db import Database, StorageError
from offline_cache.outbox_seal import BodyNotOpened, BodySeal

log = logging.getLogger(__name__)

_NOT_OPENED = (
    "its body does not open with this kiosk's data key (another key, or damaged):"
    " restore the data key, then release it"
)


class OutboxState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    DELIVERED = "delivered"
    REJECTED = "rejected"
    STUCK = "stuck"
    """The central answered 5xx too often or for too long: staff must look, then release it."""


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One queued request, as stored."""

    idempotency_key: str
    endpoint: str
    body: dict[str, Any]
    created_at: str
    state: OutboxState
    attempts: int
    """Requests really sent for this row (whatever the answer, or none)."""
    next_attempt_at: float
    last_error: str
    result_ref: str | None
    response: dict[str, Any] | None
    reference: str | None = None
    """The provisional reference of a numbered request (None for other requests)."""
    failures: int = 0
    """The central's 5xx answers since the row was queued or last released by staff."""
    first_failed_at: float | None = None
    """Epoch seconds of the first of those answers."""
    lease_until: float = 0.0
    """While ``sending``: when the sender's lease runs out (epoch seconds)."""
    body_sha256: str | None = None
    """SHA-256 (hex) of the body's clear JSON text, as sent (sealed or not at rest); set
    once the row is delivered."""
    purged_at: str | None = None
    """When the delivered body was purged (``body`` is then empty); None while kept."""
    unreadable: bool = False
    """The body is sealed and did not open here (``body`` is then empty): this reader has
    no key, or another one, or the row is damaged. Such a row is never sent."""
    clear_sha256: str | None = None
    """SHA-256 (hex) of the body's clear text as read by `Outbox.claim` (None elsewhere):
    the sender records the delivery with it, without opening the body again."""

    @property
    def purged(self) -> bool:
        """True when the body is gone (delivered, and its retention is over)."""
        return self.purged_at is not None


@dataclass(frozen=True, slots=True)
class Delivery:
    """A 2xx answer to record (`Outbox.mark_delivered_many`): the row's key, the answer,
    the central's reference in it, when (RFC 3339 text), and the SHA-256 of the clear
    body that was sent if the sender has it (`OutboxItem.clear_sha256`)."""

    key: str
    response: dict[str, Any]
    result_ref: str | None
    at: str
    body_sha256: str | None = None


@dataclass(frozen=True, slots=True)
class StuckRule:
    """When the central's 5xx answers make a row stuck: after ``failures`` of them,
    or once the first is ``after_s`` seconds old."""

    failures: int
    after_s: float


class Outbox:
    """Durable queue of requests for the central.

    ``keep_delivered_s``: how long a delivered row keeps its body and the central's
    answer (0: purged with the 2xx itself); None keeps them (tests and tools that
    only read). The kiosk passes ``[privacy] keep_delivered_hours``.

    ``body_key``: the 32-byte AES-256-GCM key that seals bodies at rest. With it,
    every body is stored sealed and sealed bodies are opened on reading; without
    it bodies are stored in clear (tests) and sealed ones are read as unreadable.
    """

    def __init__(
        self,
        db: Database,
        *,
        keep_delivered_s: float | None = None,
        body_key: bytes | None = None,
    ) -> None:
        if keep_delivered_s is not None and keep_delivered_s < 0:
            raise ValueError("keep_delivered_s cannot be negative")
        self._db = db
        self._keep_delivered_s = keep_delivered_s
        self._seal = BodySeal(body_key) if body_key is not None else None

    @property
    def seals(self) -> bool:
        """True when bodies are sealed at rest (the outbox has a key)."""
        return self._seal is not None

    def enqueue(self, key: str, endpoint: str, body: dict[str, Any], created_at: str) -> None:
        """Store a request durably; raises StorageError (or StorageFullError)."""
        text, sealed = self._stored(key, endpoint, body)
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO outbox (idempotency_key, endpoint, body, sealed_body, created_at,"
                " state) VALUES (?, ?, ?, ?, ?, 'pending')",
                (key, endpoint, text, sealed, created_at),
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
            text, sealed = self._stored(key, endpoint, body)
            conn.execute(
                "INSERT INTO outbox (idempotency_key, endpoint, body, sealed_body, created_at,"
                " state, reference) VALUES (?, ?, ?, ?, ?, 'pending', ?)",
                (key, endpoint, text, sealed, created_at, reference),
            )
        return reference

    def _stored(self, key: str, endpoint: str, body: dict[str, Any]) -> tuple[str, bytes | None]:
        """The body as stored: (clear text, None) without a key, ('', sealed text) with one."""
        text = json.dumps(body, ensure_ascii=False, sort_keys=True)
        if self._seal is None:
            return text, None
        return "", self._seal.seal(text, key, endpoint)

    def seal_clear_rows(self) -> int:
        """Seal the bodies still stored in clear (queued before sealing); how many.

        Run once the key is at hand (the kiosk's start, `kiosk sync run`). A delivered
        row keeps the hash of its clear body. The write-ahead log is emptied after,
        so the clear text does not linger there. Raises StorageError.
        """
        if self._seal is None:
            raise ValueError("only an outbox with a key can seal its bodies")
        with self._db.transaction() as conn:
            rows = conn.execute(
                "SELECT idempotency_key, endpoint, body, state FROM outbox"
                " WHERE sealed_body IS NULL AND body != '' AND purged_at IS NULL"
            ).fetchall()
            for row in rows:
                text = str(row["body"])
                key, endpoint = str(row["idempotency_key"]), str(row["endpoint"])
                conn.execute(
                    "UPDATE outbox SET sealed_body = ?, body = '',"
                    " body_sha256 = CASE WHEN state = 'delivered'"
                    "   THEN COALESCE(body_sha256, ?) ELSE body_sha256 END"
                    " WHERE idempotency_key = ?",
                    (self._seal.seal(text, key, endpoint), body_sha256(text), key),
                )
        if rows:
            self._db.checkpoint()
        return len(rows)

    def claim(
        self,
        now: float,
        lease_s: float,
        key: str | None = None,
        *,
        limit: int | None = None,
        due_by: float | None = None,
    ) -> list[OutboxItem]:
        """Claim due items (or the one with ``key``) for sending, under a lease.

        At most ``limit`` items, oldest first. ``due_by`` (default ``now``) is the
        time a pending item must have been due by: a drain passes its start, so a
        row that failed during the drain waits for the next one. A lease that ran
        out (the sender died) makes the item claimable again; resending it is safe
        because it carries the same idempotency key. A claim is not a send:
        ``attempts`` is counted when the send's outcome is recorded. A claim lost
        to a power cut is harmless (the rows are pending again), so its commit
        does not wait for the disk.
        """
        due = now if due_by is None else due_by
        with self._db.transaction(durable=False) as conn:
            where = (
                "(state = 'pending' AND next_attempt_at <= ?)"
                " OR (state = 'sending' AND lease_until <= ?)"
            )
            params: list[Any] = [due, now]
            if key is not None:
                where = f"idempotency_key = ? AND (state = 'pending' OR ({where}))"
                params = [key, *params]
            # A purged body was delivered: there is nothing left to send, ever.
            where = f"purged_at IS NULL AND ({where})"
            bound = ""
            if limit is not None:
                bound = " LIMIT ?"
                params.append(limit)
            rows = conn.execute(
                f"SELECT * FROM outbox WHERE {where} ORDER BY created_at{bound}", params
            ).fetchall()
            until = now + lease_s
            # Read inside the transaction: a row that cannot be read leaves nothing leased.
            read = [
                self._item(row, state=OutboxState.SENDING, lease_until=until, digest=True)
                for row in rows
            ]
            items = [item for item in read if not item.unreadable]
            conn.executemany(
                "UPDATE outbox SET state = 'sending', lease_until = ? WHERE idempotency_key = ?",
                [(until, item.idempotency_key) for item in items],
            )
            unreadable = [item.idempotency_key for item in read if item.unreadable]
            for key_ in unreadable:
                # Never sent as it is (it would not be the citizen's request).
                log.error("outbox row %s: its body does not open here, not sent", key_)
            if unreadable and self._seal is not None:
                # With a key, the key is the wrong one or the row is damaged: staff must look.
                conn.executemany(
                    "UPDATE outbox SET state = 'stuck', lease_until = 0, last_error = ?"
                    " WHERE idempotency_key = ?",
                    [(_NOT_OPENED, key_) for key_ in unreadable],
                )
        return items

    def renew_lease(self, keys: list[str], held_until: float, until: float) -> set[str]:
        """Extend to ``until`` the lease of the items still held under ``held_until``.

        The keys whose lease was renewed; a missing one was taken over by another
        sender after the lease ran out (its lease differs) or is no longer sending.
        """
        renewed: set[str] = set()
        with self._db.transaction(durable=False) as conn:
            for key in keys:
                row = conn.execute(
                    "UPDATE outbox SET lease_until = ? WHERE idempotency_key = ?"
                    " AND state = 'sending' AND lease_until = ? RETURNING idempotency_key",
                    (until, key, held_until),
                ).fetchone()
                if row is not None:
                    renewed.add(key)
        return renewed

    def hand_back(self, keys: list[str], held_until: float) -> None:
        """Items claimed but not sent (the drain stopped): due again, no send counted."""
        with self._db.transaction(durable=False) as conn:
            conn.executemany(
                "UPDATE outbox SET state = 'pending', lease_until = 0 WHERE idempotency_key = ?"
                " AND state = 'sending' AND lease_until = ?",
                [(key, held_until) for key in keys],
            )

    def mark_delivered(
        self, key: str, response: dict[str, Any], result_ref: str | None, at: str
    ) -> None:
        """The central's 2xx: the request was sent and is done.

        ``at`` is RFC 3339 text. The row's body is hashed now; with a retention of
        0 it is purged in the same transaction, and delivered rows whose retention
        has run out are purged with it.
        """
        self.mark_delivered_many([Delivery(key, response, result_ref, at)])

    def mark_delivered_many(self, deliveries: list[Delivery], *, checkpoint: bool = True) -> None:
        """Several 2xx answers recorded at once: one transaction and one purge, as
        `mark_delivered` records one.

        A row whose delivery comes without its body's hash is opened and hashed
        here. The commit does not wait for the disk: a record lost to a power cut
        only means the row is sent again with its own idempotency key, and the
        central answers it as the first time (`Database.transaction`). What it
        purged is emptied from the write-ahead log by a checkpoint right after;
        ``checkpoint=False`` leaves that to the caller (`Outbox.empty_log`), who
        records many in a row: a checkpoint waits for the disk, several times.
        """
        if not deliveries:
            return
        purged = 0
        with self._db.transaction(durable=False) as conn:
            rows = []
            for delivery in deliveries:
                digest = delivery.body_sha256
                if digest is None:
                    row = conn.execute(
                        "SELECT idempotency_key, endpoint, body, sealed_body FROM outbox"
                        " WHERE idempotency_key = ?",
                        (delivery.key,),
                    ).fetchone()
                    # The hash of the clear text, sealed or not: what was sent.
                    digest = body_sha256(self._clear_text(row)) if row is not None else None
                answer = json.dumps(delivery.response, ensure_ascii=False)
                rows.append((answer, delivery.result_ref, delivery.at, digest, delivery.key))
            conn.executemany(
                "UPDATE outbox SET state = 'delivered', response = ?, result_ref = ?,"
                " delivered_at = ?, last_error = '', lease_until = 0,"
                " attempts = attempts + 1, body_sha256 = COALESCE(body_sha256, ?)"
                " WHERE idempotency_key = ?",
                rows,
            )
            if self._keep_delivered_s is not None:
                latest = max(_time_or_now(delivery.at) for delivery in deliveries)
                purged = _purge(conn, latest, self._keep_delivered_s)
        if purged and checkpoint:
            self._db.checkpoint()

    def empty_log(self) -> None:
        """Empty the write-ahead log (a checkpoint), so that nothing purged stays in it."""
        self._db.checkpoint()

    def purge_delivered(self, now: datetime, keep_s: float) -> int:
        """Purge the body and answer of rows delivered ``keep_s`` seconds before ``now``
        or earlier (whoever delivered them); how many were purged."""
        with self._db.transaction() as conn:
            purged = _purge(conn, now, keep_s)
        if purged:
            self._db.checkpoint()
        return purged

    def mark_retry(self, key: str, error: str, next_attempt_at: float) -> None:
        """A send failed, not by the central refusing this row (network, 409, 401): later."""
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE outbox SET state = 'pending', last_error = ?, next_attempt_at = ?,"
                " lease_until = 0, attempts = attempts + 1 WHERE idempotency_key = ?",
                (error, next_attempt_at, key),
            )

    def mark_failed(
        self, key: str, error: str, *, now: float, next_attempt_at: float, stuck: StuckRule
    ) -> OutboxState:
        """The central answered 5xx: try again later, or stop (stuck) by ``stuck``'s rule.

        Decided in the one UPDATE, on the stored counts, so two processes never
        count from stale copies. The row's new state (pending or stuck).
        """
        with self._db.transaction() as conn:
            row = conn.execute(
                "UPDATE outbox SET"
                " state = CASE WHEN failures + 1 >= ? OR ? - COALESCE(first_failed_at, ?) >= ?"
                "   THEN 'stuck' ELSE 'pending' END,"
                " attempts = attempts + 1, failures = failures + 1,"
                " first_failed_at = COALESCE(first_failed_at, ?),"
                " last_error = ?, next_attempt_at = ?, lease_until = 0"
                " WHERE idempotency_key = ? RETURNING state",
                (stuck.failures, now, now, stuck.after_s, now, error, next_attempt_at, key),
            ).fetchone()
        return OutboxState(row["state"]) if row is not None else OutboxState.PENDING

    def mark_rejected(self, key: str, error: str, response: dict[str, Any] | None) -> None:
        """The central refused the request (4xx): staff must look at it; it is kept."""
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE outbox SET state = 'rejected', last_error = ?, response = ?,"
                " lease_until = 0, attempts = attempts + 1 WHERE idempotency_key = ?",
                (error, json.dumps(response, ensure_ascii=False) if response else None, key),
            )

    def release_stuck(self, key: str) -> bool:
        """Staff send a stuck row again: due at once, with the same key and body.

        Its 5xx count starts afresh (else the next 5xx would make it stuck again at
        once); its attempts and last error stay, as history. False when the row is
        not stuck (no such row, or it is in another state).
        """
        with self._db.transaction() as conn:
            cursor = conn.execute(
                "UPDATE outbox SET state = 'pending', next_attempt_at = 0, lease_until = 0,"
                " failures = 0, first_failed_at = NULL"
                " WHERE idempotency_key = ? AND state = 'stuck'",
                (key,),
            )
        return cursor.rowcount == 1

    def get(self, key: str) -> OutboxItem | None:
        row = self._db.connection.execute(
            "SELECT * FROM outbox WHERE idempotency_key = ?", (key,)
        ).fetchone()
        return self._item(row) if row is not None else None

    def find(self, name: str, endpoint: str | None = None) -> OutboxItem | None:
        """The request named by its provisional reference, its result (the central's
        application number) or its idempotency key; None if no request has that name.

        ``endpoint``: only a request to that endpoint (an application, not a rating).
        """
        text = name.strip()
        only = " AND endpoint = ?" if endpoint is not None else ""
        params: list[Any] = [text.upper(), text.upper(), text.lower()]
        if endpoint is not None:
            params.append(endpoint)
        row = self._db.connection.execute(
            "SELECT * FROM outbox WHERE (reference = ? OR result_ref = ? OR idempotency_key = ?)"
            f"{only} ORDER BY created_at LIMIT 1",
            params,
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
        """How many requests are not yet delivered (rejected and stuck ones included)."""
        row = self._db.connection.execute(
            "SELECT COUNT(*) FROM outbox WHERE state != 'delivered'"
        ).fetchone()
        return int(row[0])

    def oldest_unsent_at(self) -> str | None:
        """When the oldest request still to be sent was queued (stuck ones included)."""
        row = self._db.connection.execute(
            "SELECT MIN(created_at) FROM outbox WHERE state IN ('pending', 'sending', 'stuck')"
        ).fetchone()
        return str(row[0]) if row[0] is not None else None

    def _clear_text(self, row: sqlite3.Row) -> str:
        """The row's body as clear JSON text ('' when purged); raises StorageError when
        it is sealed and does not open here."""
        sealed = row["sealed_body"]
        if sealed is None:
            return str(row["body"] or "")
        if self._seal is None:
            raise StorageError("the outbox's bodies are sealed: this reader has no key")
        try:
            return self._seal.open(bytes(sealed), str(row["idempotency_key"]), str(row["endpoint"]))
        except BodyNotOpened as exc:
            raise StorageError(f"outbox row {row['idempotency_key']}: {exc}") from exc

    def _readable_text(self, row: sqlite3.Row) -> str | None:
        """The row's clear text ('' when purged), or None when it does not open here."""
        try:
            return self._clear_text(row)
        except StorageError:
            return None

    def _item(
        self,
        row: sqlite3.Row,
        state: OutboxState | None = None,
        lease_until: float | None = None,
        *,
        digest: bool = False,
    ) -> OutboxItem:
        """The row as an item; ``digest``: with the SHA-256 of its clear text."""
        first_failed_at = row["first_failed_at"]
        text = self._readable_text(row)
        body = _parsed(text) if text is not None else None
        return OutboxItem(
            idempotency_key=row["idempotency_key"],
            endpoint=row["endpoint"],
            body=body if body is not None else {},
            created_at=row["created_at"],
            state=state or OutboxState(row["state"]),
            attempts=int(row["attempts"]),
            next_attempt_at=float(row["next_attempt_at"]),
            last_error=row["last_error"],
            result_ref=row["result_ref"],
            response=json.loads(row["response"]) if row["response"] else None,
            reference=row["reference"],
            failures=int(row["failures"]),
            first_failed_at=float(first_failed_at) if first_failed_at is not None else None,
            lease_until=float(row["lease_until"]) if lease_until is None else lease_until,
            body_sha256=row["body_sha256"],
            purged_at=row["purged_at"],
            unreadable=body is None,
            clear_sha256=body_sha256(text) if digest and text and body is not None else None,
        )


def _parsed(text: str) -> dict[str, Any] | None:
    """A body's JSON object ({} for '', a purged body), or None when it is not one."""
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def body_sha256(body: str) -> str:
    """The SHA-256 (hex) the outbox keeps of a stored body (its UTF-8 text)."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"a delivery time needs its UTC offset: {text!r}")
    return moment


def _time_or_now(text: str) -> datetime:
    try:
        return _parse_time(text)
    except ValueError:
        return datetime.now(UTC)


def _purge(conn: sqlite3.Connection, now: datetime, keep_s: float) -> int:
    """Inside a transaction: purge the delivered rows whose retention is over."""
    rows = conn.execute(
        "SELECT idempotency_key, delivered_at FROM outbox"
        " WHERE state = 'delivered' AND purged_at IS NULL"
    ).fetchall()
    cutoff = now - timedelta(seconds=keep_s)
    due = []
    for row in rows:
        try:
            delivered = _parse_time(str(row["delivered_at"]))
        except (TypeError, ValueError):
            log.warning("outbox row %s has no usable delivery time", row["idempotency_key"])
            delivered = now  # purged with a retention of 0, kept otherwise
        if delivered <= cutoff:
            due.append(row["idempotency_key"])
    stamp = now.replace(microsecond=0).isoformat()
    # A sealed row got its hash (of the clear text) when it was delivered; a row
    # delivered by an older kiosk kept its body in clear, hashed here.
    conn.executemany(
        "UPDATE outbox SET body_sha256 = COALESCE(body_sha256,"
        "   CASE WHEN sealed_body IS NULL THEN sha256_hex(body) END),"
        " body = '', sealed_body = NULL, response = NULL, purged_at = ?"
        " WHERE idempotency_key = ? AND state = 'delivered'",
        [(stamp, key) for key in due],
    )
    return len(due)
