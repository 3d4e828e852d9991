"""A kiosk enrolled with the real central sandbox, signing every request as in service."""

from __future__ import annotations

from pathlib import Path

from kiosk.clock import SystemClock
from kiosk.sync.client import CentralClient
from kiosk.sync.enrolment import enrol
from kiosk.sync.identity import IdentityStore
from kiosk.sync.signing import RequestSigner
from tests.central.support import Central

KIOSK_ID = "K-330702-0001"


def enrolled_client(central: Central, folder: Path, kiosk_id: str = KIOSK_ID) -> CentralClient:
    """Enrol as a technician does (a one-time code), then a client that signs with the key."""
    identity = enrol(
        CentralClient(central.url),
        IdentityStore(folder / "identity"),
        code=central.enrolment_code(kiosk_id),
        kiosk_id=kiosk_id,
    )
    signer = RequestSigner(identity.private_key, identity.key_id, SystemClock())
    return CentralClient(central.url, signer=signer, timeout_s=10)
