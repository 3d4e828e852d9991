"""Public keys a slip may be signed with, and the body of ``GET /v1/keys`` read leniently.

``GET /v1/keys`` → ``{"keys": [{"key_id", "public_key" (base64 of the raw 32
bytes), "not_after"}]}``. Lenient toward other centrals: an entry without
``not_after`` never expires, unknown fields are ignored, and an entry that cannot
be used (no key id, a key that is not 32 bytes) is skipped rather than spoiling
the others. An entry naming a ``kiosk_id`` (an extension some centrals may
publish) is a kiosk's key: it may sign receipts, never a licence.

The kiosk's own signing keys are known locally (`kiosk.verification.key_cache`)
and join the ring as kiosk keys of this kiosk.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

PUBLIC_KEY_BYTES = 32


class KeysBodyError(ValueError):
    """A keys body that is not the interface's shape at all (not JSON, no ``keys`` list)."""


class KeyOwner(StrEnum):
    """Who holds the private half of a key: what it may sign follows from it."""

    CENTRAL = "central"
    """The central: licences and anything else."""
    KIOSK = "kiosk"
    """An enrolled kiosk: its own acceptance receipts only."""


@dataclass(frozen=True, slots=True)
class VerificationKey:
    """One public key: ``raw`` is the 32-byte Ed25519 key; ``not_after`` None never expires.

    ``this_kiosk``: the key is this kiosk's own (it signed the receipts it printed).
    """

    key_id: str
    raw: bytes
    owner: KeyOwner
    not_after: datetime | None = None
    kiosk_id: str = ""
    this_kiosk: bool = False

    def public_key(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.raw)

    def expired_at(self, moment: datetime) -> bool:
        """True when the key was no longer valid at ``moment``."""
        return self.not_after is not None and moment > self.not_after

    def describe(self) -> str:
        """Who signed with it, in plain words (English; the screen translates)."""
        if self.owner is KeyOwner.KIOSK:
            who = f"this kiosk {self.kiosk_id}" if self.this_kiosk else f"kiosk {self.kiosk_id}"
            return f"{who} (key {self.key_id})" if self.kiosk_id else f"a kiosk's key {self.key_id}"
        return f"the central (key {self.key_id})"


class KeyRing:
    """The keys a verifier trusts, by key id; a later key of the same id replaces an earlier."""

    def __init__(self, keys: Iterable[VerificationKey] = ()) -> None:
        self._keys: dict[str, VerificationKey] = {}
        for key in keys:
            self._keys[key.key_id] = key

    def get(self, key_id: str) -> VerificationKey | None:
        return self._keys.get(key_id)

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[VerificationKey]:
        return iter(self._keys.values())

    def with_keys(self, keys: Iterable[VerificationKey]) -> KeyRing:
        """A ring with ``keys`` added (replacing keys of the same id)."""
        return KeyRing([*self._keys.values(), *keys])


def parse_keys_body(body: str | bytes | Mapping[str, Any]) -> list[VerificationKey]:
    """The usable keys of a ``GET /v1/keys`` body; raises `KeysBodyError` for another shape."""
    if isinstance(body, str | bytes):
        try:
            body = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise KeysBodyError(f"not JSON: {exc}") from None
    if not isinstance(body, Mapping):
        raise KeysBodyError("not a JSON object")
    entries = body.get("keys")
    if not isinstance(entries, list):
        raise KeysBodyError('no "keys" list')
    keys = [_entry(entry) for entry in entries]
    return [key for key in keys if key is not None]


def _entry(entry: object) -> VerificationKey | None:
    if not isinstance(entry, Mapping):
        return None
    key_id, encoded = entry.get("key_id"), entry.get("public_key")
    if not isinstance(key_id, str) or not key_id or not isinstance(encoded, str):
        return None
    raw = _base64(encoded)
    if raw is None or len(raw) != PUBLIC_KEY_BYTES:
        return None
    not_after = parse_time(entry.get("not_after"))
    if entry.get("not_after") not in (None, "") and not_after is None:
        return None  # an expiry it cannot read: trusting it for ever would be wrong
    kiosk_id = entry.get("kiosk_id")
    owner = KeyOwner.KIOSK if isinstance(kiosk_id, str) and kiosk_id else KeyOwner.CENTRAL
    return VerificationKey(
        key_id, raw, owner, not_after, kiosk_id if isinstance(kiosk_id, str) else ""
    )


def _base64(text: str) -> bytes | None:
    """Standard base64 as the interface says; base64url too (some centrals send it)."""
    cleaned = text.strip().rstrip("=")
    padded = cleaned + "=" * (-len(cleaned) % 4)
    try:
        if "-" in cleaned or "_" in cleaned:
            return base64.urlsafe_b64decode(padded)
        return base64.b64decode(padded, validate=True)
    except (binascii.Error, ValueError):
        return None


def parse_time(value: object) -> datetime | None:
    """An RFC 3339 time (``Z`` or an offset) as an aware datetime; a naive one is UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
