"""The central's own Ed25519 signing key, kept in the database.

The key signs licence verification payloads. It is created the first time it
is needed (by the server or the command line, whichever comes first, inside
a write transaction so only one is ever made) and published, with the other
still-valid keys, at ``GET /v1/keys`` and in every enrolment response.
"""

import base64
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from central.clock import rfc3339, stamp, unstamp
from central.database import Connection

KEY_VALIDITY = timedelta(days=3650)


@dataclass(frozen=True)
class SigningKey:
    """The central's current signing key."""

    key_id: str
    private_key: Ed25519PrivateKey

    def sign(self, message: bytes) -> bytes:
        """Sign ``message`` (raw 64-byte Ed25519 signature)."""
        return self.private_key.sign(message)


def current_signing_key(connection: Connection, now: datetime) -> SigningKey:
    """Return the newest unexpired key, making one if there is none (needs a write transaction)."""
    row = connection.execute(
        "SELECT key_id, private_key FROM central_keys WHERE not_after > ? ORDER BY created_at DESC LIMIT 1",
        (stamp(now),),
    ).fetchone()
    if row is not None:
        return SigningKey(row["key_id"], Ed25519PrivateKey.from_private_bytes(row["private_key"]))
    private_key = Ed25519PrivateKey.generate()
    key_id = "central-" + secrets.token_hex(4)
    connection.execute(
        "INSERT INTO central_keys (key_id, private_key, public_key, created_at, not_after) VALUES (?, ?, ?, ?, ?)",
        (
            key_id,
            private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()),
            private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw),
            stamp(now),
            stamp(now + KEY_VALIDITY),
        ),
    )
    return SigningKey(key_id, private_key)


def published_keys(connection: Connection, now: datetime) -> list[dict[str, str]]:
    """The public keys a verifier should trust: ``[{"key_id", "public_key", "not_after"}]``."""
    current_signing_key(connection, now)
    rows = connection.execute(
        "SELECT key_id, public_key, not_after FROM central_keys WHERE not_after > ? ORDER BY created_at",
        (stamp(now),),
    ).fetchall()
    return [
        {
            "key_id": row["key_id"],
            "public_key": base64.b64encode(row["public_key"]).decode("ascii"),
            "not_after": rfc3339(unstamp(row["not_after"])),
        }
        for row in rows
    ]
