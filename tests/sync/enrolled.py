"""A kiosk enrolled with the real central sandbox, signing every request as in service."""

from __future__ import annotations

from pathlib import Path

import requests

from kiosk.clock import Clock, SystemClock
from kiosk.sync.client import CallObserver, CentralClient
from kiosk.sync.enrolment import enrol
from kiosk.sync.identity import IdentityStore
from kiosk.sync.signing import RequestSigner
from tests.central.support import Central

KIOSK_ID = "K-330702-0001"


def enrolled_client(
    central: Central,
    folder: Path,
    kiosk_id: str = KIOSK_ID,
    *,
    clock: Clock | None = None,
    observer: CallObserver | None = None,
    session: requests.Session | None = None,
    url: str | None = None,
) -> CentralClient:
    """Enrol as a technician does (a one-time code), then a client that signs with the key.

    ``clock`` signs (default: the system's), ``observer`` hears every call, ``session``
    carries them, ``url`` is where the client sends them (default: the central's).
    """
    identity = enrol(
        CentralClient(central.url),
        IdentityStore(folder / "identity"),
        code=central.enrolment_code(kiosk_id),
        kiosk_id=kiosk_id,
    )
    signer = RequestSigner(identity.private_key, identity.key_id, clock or SystemClock())
    return CentralClient(
        url or central.url, signer=signer, timeout_s=10, observer=observer, session=session
    )
