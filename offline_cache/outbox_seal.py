"""Outbox bodies sealed at rest: AES-256-GCM, bound to their row's key and endpoint.

A queued request holds the citizen's identity number, name and mobile until the
central has it, perhaps for days while the network is down; stored in clear, the
database file (and its write-ahead log, and a backup of either) would give them
to whoever copies it. So the body's JSON text is sealed before it reaches the
database: a fresh random 96-bit nonce per body, stored as ``nonce || ciphertext``
(the tag included), with the row's idempotency key and endpoint as associated
data, so that a sealed body copied to another row (another key, or the feedback
endpoint) no longer opens.

What is sealed is the exact text the outbox always stored (and hashes, and
sends): opening it gives back the same characters, so the body's SHA-256 and the
request the central receives do not change with sealing.

The key comes in as bytes (the kiosk derives it from its data key; this package
knows nothing of the kiosk).
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12
_AAD_LABEL = b"offline_cache.outbox/v1"


class BodyNotOpened(Exception):
    """A sealed body that does not open: another key, or damaged, or moved to another row."""


class BodySeal:
    """Seals and opens outbox bodies with one 32-byte AES-256-GCM key."""

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the outbox's body key must be 32 bytes (AES-256)")
        self._aead = AESGCM(key)

    def seal(self, text: str, idempotency_key: str, endpoint: str) -> bytes:
        """``nonce || ciphertext`` of the body's UTF-8 text, bound to its row."""
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, text.encode("utf-8"), _aad(idempotency_key, endpoint))
        return nonce + sealed

    def open(self, sealed: bytes, idempotency_key: str, endpoint: str) -> str:
        """The body's text; raises BodyNotOpened when it does not open for this row."""
        if len(sealed) <= NONCE_BYTES:
            raise BodyNotOpened("the sealed body is too short")
        try:
            data = self._aead.decrypt(
                sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], _aad(idempotency_key, endpoint)
            )
            return data.decode("utf-8")
        except (InvalidTag, UnicodeDecodeError) as exc:
            raise BodyNotOpened("the sealed body does not open with this key for this row") from exc


def _aad(idempotency_key: str, endpoint: str) -> bytes:
    """Length-prefixed parts, so that no two different rows share associated data."""
    parts = (_AAD_LABEL, idempotency_key.encode("utf-8"), endpoint.encode("utf-8"))
    return b"".join(len(part).to_bytes(4, "big") + part for part in parts)
