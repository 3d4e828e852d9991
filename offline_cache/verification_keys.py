"""Public keys kept for checking signed slips offline (migration 012).

The central's last ``GET /v1/keys`` body is kept as it came (read by
`kiosk.verification.keys`, the same reader as ``kiosk verify --keys FILE``),
and the public half of each key this kiosk signed a receipt with. Public keys
only: nothing here is secret or personal.
"""

from __future__ import annotations

from dataclasses import dataclass

from offline_cache.db import Database


@dataclass(frozen=True, slots=True)
class CachedKeysBody:
    body: str
    fetched_at: str


@dataclass(frozen=True, slots=True)
class OwnKey:
    """A key this kiosk signed with: its enrolment key id and the raw 32-byte public key."""

    key_id: str
    kiosk_id: str
    public_key: bytes
    first_used_at: str


class VerificationKeyStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def central_body(self) -> CachedKeysBody | None:
        row = self._db.connection.execute(
            "SELECT body, fetched_at FROM central_keys_body WHERE id = 1"
        ).fetchone()
        return CachedKeysBody(row["body"], row["fetched_at"]) if row is not None else None

    def save_central_body(self, body: str, fetched_at: str) -> None:
        """Replace the cached body with the central's newest answer."""
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO central_keys_body (id, body, fetched_at) VALUES (1, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET body = excluded.body,"
                " fetched_at = excluded.fetched_at",
                (body, fetched_at),
            )

    def own_keys(self) -> list[OwnKey]:
        rows = self._db.connection.execute(
            "SELECT key_id, kiosk_id, public_key, first_used_at FROM own_signing_keys"
            " ORDER BY first_used_at"
        ).fetchall()
        return [
            OwnKey(row["key_id"], row["kiosk_id"], bytes(row["public_key"]), row["first_used_at"])
            for row in rows
        ]

    def remember_own_key(self, key: OwnKey) -> OwnKey:
        """Record a key this kiosk signs with; returns the record (an existing one wins:
        a key id is never given to a second key)."""
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO own_signing_keys (key_id, kiosk_id, public_key, first_used_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING",
                (key.key_id, key.kiosk_id, key.public_key, key.first_used_at),
            )
            row = conn.execute(
                "SELECT key_id, kiosk_id, public_key, first_used_at FROM own_signing_keys"
                " WHERE key_id = ?",
                (key.key_id,),
            ).fetchone()
        return OwnKey(
            row["key_id"], row["kiosk_id"], bytes(row["public_key"]), row["first_used_at"]
        )
