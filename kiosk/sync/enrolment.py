"""Enrolling the kiosk with the central: make a key, present the one-time code."""

from __future__ import annotations

from kiosk import __version__
from kiosk.sync.client import CentralClient
from kiosk.sync.identity import IdentityStore, KioskIdentity, new_key, public_key_b64


def enrol(
    client: CentralClient, store: IdentityStore, *, code: str, kiosk_id: str
) -> KioskIdentity:
    """Enrol with ``code`` and store the new identity; raises SyncError on refusal."""
    key = new_key()
    answer = client.enrol(code, kiosk_id, public_key_b64(key), __version__)
    identity = KioskIdentity(
        kiosk_id=str(answer.get("kiosk_id", kiosk_id)),
        key_id=str(answer["key_id"]),
        central_url=client.base_url,
        private_key=key,
    )
    store.save(identity)
    return identity
