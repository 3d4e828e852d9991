"""The consent log: what a citizen agreed to share, with whom, for which application.

A row proves a consent given at this kiosk and holds nothing personal: the
application number (or provisional reference), the recipient (e.g. the bank),
the names of the items shared (never their values) and the time. A refusal is
not recorded: nothing was shared, so there is nothing to prove.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from offline_cache.db import Database


@dataclass(frozen=True, slots=True)
class Consent:
    """One consent as stored."""

    id: int
    purpose: str
    reference: str
    recipient: str
    shared: tuple[str, ...]
    given_at: str


class ConsentLog:
    """Consents over the kiosk's `Database`; writes raise `StorageError`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def record(
        self, purpose: str, reference: str, recipient: str, shared: Sequence[str], at: str
    ) -> Consent:
        """Record the consent (RFC 3339 ``at``); the first one stays if it was given before."""
        if not shared or any("," in item for item in shared):
            raise ValueError("shared: the names of the items, none with a comma")
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO consents (purpose, reference, recipient, shared, given_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (purpose, reference) DO NOTHING",
                (purpose, reference, recipient, ",".join(shared), at),
            )
            row = conn.execute(
                "SELECT * FROM consents WHERE purpose = ? AND reference = ?", (purpose, reference)
            ).fetchone()
        return _consent(row)

    def find(self, purpose: str, reference: str) -> Consent | None:
        row = self._db.connection.execute(
            "SELECT * FROM consents WHERE purpose = ? AND reference = ?", (purpose, reference)
        ).fetchone()
        return _consent(row) if row is not None else None

    def all(self) -> list[Consent]:
        """Every consent, oldest first (for staff and audits)."""
        rows = self._db.connection.execute("SELECT * FROM consents ORDER BY id").fetchall()
        return [_consent(row) for row in rows]


def _consent(row: sqlite3.Row) -> Consent:
    return Consent(
        id=int(row["id"]),
        purpose=row["purpose"],
        reference=row["reference"],
        recipient=row["recipient"],
        shared=tuple(row["shared"].split(",")),
        given_at=row["given_at"],
    )
