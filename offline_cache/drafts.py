"""Encrypted drafts: a citizen's unfinished form, found again with their identity number.

A row is keyed by (service code, owner key). The owner key is HMAC-SHA256 of
the normalised identity number under a secret key: identity numbers are few and
guessable (region, birth date, a checksum), so a plain hash would name the
citizen to anyone holding the file. The body is AES-256-GCM under a second key,
with a fresh random 96-bit nonce per write and the row's service, owner key and
expiry as associated data, so a body moved to another row, or a row whose
expiry was edited, no longer decrypts.

The keys come in as bytes (the kiosk derives them; this package knows nothing of
the kiosk). A row that does not decrypt is logged and treated as absent, never
raised: a damaged draft must not stop a citizen from starting afresh.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from offline_cache.db import Database

log = logging.getLogger(__name__)

NONCE_BYTES = 12
_AAD_LABEL = b"offline_cache.drafts/v1"


@dataclass(frozen=True, slots=True)
class Draft:
    """One draft, decrypted."""

    service: str
    body: bytes
    created_at: datetime
    updated_at: datetime
    expires_at: datetime


def normalise_identity_number(number: str) -> str:
    """The identity number as the owner key is made from it.

    NFKC folds full-width digits and letters (an on-screen keyboard may type
    them), white space goes, and letters are upper-cased (the ID checksum 'x').
    """
    folded = unicodedata.normalize("NFKC", number)
    return "".join(folded.split()).upper()


class DraftStore:
    """Drafts in the offline cache, encrypted at rest and keyed by an HMAC of the owner."""

    def __init__(self, db: Database, encryption_key: bytes, owner_key: bytes) -> None:
        if len(encryption_key) != 32:
            raise ValueError("the draft encryption key must be 32 bytes (AES-256)")
        if len(owner_key) < 32:
            raise ValueError("the draft owner key must be at least 32 bytes")
        if hmac.compare_digest(encryption_key, owner_key):
            # One key for two jobs would tie the HMAC and the cipher together.
            raise ValueError("the encryption key and the owner key must differ")
        self._db = db
        self._aead = AESGCM(encryption_key)
        self._owner_secret = owner_key

    def owner_key(self, identity_number: str) -> bytes:
        """HMAC-SHA256 of the normalised identity number: the row's key, never the number."""
        number = normalise_identity_number(identity_number)
        if not number:
            raise ValueError("a draft needs an identity number")
        return hmac.new(self._owner_secret, number.encode("utf-8"), hashlib.sha256).digest()

    def save(
        self,
        service: str,
        identity_number: str,
        body: bytes,
        now: datetime,
        expires_at: datetime,
    ) -> None:
        """Store (or replace) the draft; its creation time survives a replacement.

        Raises StorageError (or StorageFullError) when it cannot be written.
        """
        owner = self.owner_key(identity_number)
        expires = _stamp(expires_at)
        nonce = os.urandom(NONCE_BYTES)
        ciphertext = self._aead.encrypt(nonce, body, _aad(service, owner, expires))
        stamp = _stamp(now)
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO drafts"
                " (service, owner_key, nonce, body, created_at, updated_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (service, owner_key) DO UPDATE SET"
                " nonce = excluded.nonce, body = excluded.body,"
                " updated_at = excluded.updated_at, expires_at = excluded.expires_at",
                (service, owner, nonce, ciphertext, stamp, stamp, expires),
            )

    def load(self, service: str, identity_number: str, now: datetime) -> Draft | None:
        """The draft, or None if there is none, it expired, or it does not decrypt."""
        owner = self.owner_key(identity_number)
        row = self._db.connection.execute(
            "SELECT * FROM drafts WHERE service = ? AND owner_key = ?", (service, owner)
        ).fetchone()
        if row is None:
            return None
        expires = row["expires_at"]
        if not isinstance(expires, str):
            log.warning("a stored draft for %s has a damaged expiry; ignoring it", service)
            return None
        if expires <= _stamp(now):
            return None
        return self._decrypt(row)

    def delete(self, service: str, identity_number: str) -> bool:
        """Remove the draft (at submit, or when the citizen discards it); True if there was one."""
        owner = self.owner_key(identity_number)
        with self._db.transaction() as conn:
            cursor = conn.execute(
                "DELETE FROM drafts WHERE service = ? AND owner_key = ?", (service, owner)
            )
        return cursor.rowcount > 0

    def purge_expired(self, now: datetime) -> int:
        """Delete every draft whose time is up; how many went."""
        with self._db.transaction() as conn:
            cursor = conn.execute("DELETE FROM drafts WHERE expires_at <= ?", (_stamp(now),))
        return cursor.rowcount

    def count(self) -> int:
        """How many drafts are stored, expired ones included (for technicians)."""
        row = self._db.connection.execute("SELECT COUNT(*) FROM drafts").fetchone()
        return int(row[0])

    def _decrypt(self, row: sqlite3.Row) -> Draft | None:
        try:
            aad = _aad(row["service"], bytes(row["owner_key"]), row["expires_at"])
            body = self._aead.decrypt(bytes(row["nonce"]), bytes(row["body"]), aad)
            return Draft(
                service=row["service"],
                body=body,
                created_at=datetime.fromisoformat(row["created_at"]),
                updated_at=datetime.fromisoformat(row["updated_at"]),
                expires_at=datetime.fromisoformat(row["expires_at"]),
            )
        except (InvalidTag, ValueError, TypeError):
            # Tampered, truncated, or written under another key. The log names the
            # service only: the owner key is derived from a person's number.
            log.warning("a stored draft for %s does not decrypt; ignoring it", row["service"])
            return None


def _stamp(moment: datetime) -> str:
    """Fixed-width UTC text: string order is time order, whatever offset came in."""
    if moment.tzinfo is None:
        raise ValueError("draft times must carry a time zone")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _aad(service: str, owner: bytes, expires_at: str) -> bytes:
    """Length-prefixed parts, so that no two different rows share associated data."""
    parts = (_AAD_LABEL, service.encode("utf-8"), owner, expires_at.encode("ascii"))
    return b"".join(len(part).to_bytes(4, "big") + part for part in parts)
