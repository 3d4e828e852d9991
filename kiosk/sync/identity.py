"""The kiosk's enrolment identity: its Ed25519 key (never leaves the kiosk) and key id.

Stored in the kiosk's data directory: the private key as PEM readable only by
the kiosk's user, the rest as JSON.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


@dataclass(frozen=True)
class KioskIdentity:
    kiosk_id: str
    key_id: str
    central_url: str
    private_key: Ed25519PrivateKey


def new_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def public_key_b64(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


class IdentityStore:
    """Reads and writes the identity under ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def _key_path(self) -> Path:
        return self.folder / "kiosk_key.pem"

    @property
    def _meta_path(self) -> Path:
        return self.folder / "identity.json"

    def load(self) -> KioskIdentity | None:
        if not (self._key_path.is_file() and self._meta_path.is_file()):
            return None
        meta = json.loads(self._meta_path.read_text(encoding="utf-8"))
        key = serialization.load_pem_private_key(self._key_path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            return None
        return KioskIdentity(meta["kiosk_id"], meta["key_id"], meta["central_url"], key)

    def save(self, identity: KioskIdentity) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        pem = identity.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        fd = os.open(self._key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        meta = {
            "kiosk_id": identity.kiosk_id,
            "key_id": identity.key_id,
            "central_url": identity.central_url,
        }
        self._meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
