"""The keys this kiosk checks slips with: the central's, cached for offline use, and its own.

`SlipKeys.refresh` asks the central (``GET /v1/keys``) and keeps its answer in
the kiosk's database (`offline_cache.verification_keys`), replacing the last
one; `SlipKeys.ring` builds the key ring from that cache (or from a saved body,
``kiosk verify --keys FILE``), every key this kiosk has signed receipts with,
and its current enrolment key. Blocking (disk, network): for workers and
technician commands, never the UI thread.
"""

from __future__ import annotations

import json
import logging

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.clock import Clock, rfc3339
from kiosk.sync.client import CentralClient
from kiosk.sync.identity import IdentityStore
from kiosk.verification.keys import (
    KeyOwner,
    KeyRing,
    KeysBodyError,
    VerificationKey,
    parse_keys_body,
)
from offline_cache.verification_keys import OwnKey, VerificationKeyStore

log = logging.getLogger(__name__)


class SlipKeys:
    """Reads and refreshes the keys; ``identities`` gives the kiosk's current key, if any.

    Without a ``store`` (a data directory with no database yet) nothing is cached
    and only the kiosk's current key is its own.
    """

    def __init__(
        self, store: VerificationKeyStore | None, identities: IdentityStore | None, clock: Clock
    ) -> None:
        self._store = store
        self._identities = identities
        self._clock = clock

    def refresh(self, client: CentralClient) -> int:
        """Fetch the central's keys and keep them; returns how many are usable.

        Raises:
            SyncError: the central could not be asked.
            KeysBodyError: it answered something that is not a keys body (the
                cached keys are kept then).
        """
        body = client.keys()
        usable = parse_keys_body(body)
        if self._store is not None:
            self._store.save_central_body(json.dumps(body, ensure_ascii=False), self._now())
        return len(usable)

    def fetched_at(self) -> str | None:
        """When the cached keys came from the central (None: never)."""
        cached = self._store.central_body() if self._store is not None else None
        return cached.fetched_at if cached else None

    def ring(self, central_body: str | bytes | None = None) -> KeyRing:
        """The ring: the central's keys (``central_body``, else the cache) and this kiosk's.

        Raises:
            KeysBodyError: ``central_body`` is not a keys body.
        """
        if central_body is not None:
            central = parse_keys_body(central_body)
        else:
            central = self._cached_central_keys()
        return KeyRing(central).with_keys(self.own_keys())

    def own_keys(self) -> list[VerificationKey]:
        """Every key this kiosk has signed with, and its current one."""
        own = [_own(key) for key in self._store.own_keys()] if self._store is not None else []
        identity = self._identities.load() if self._identities is not None else None
        if identity is not None:
            raw = identity.private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
            known = next((k for k in own if k.key_id == identity.key_id), None)
            if known is None:
                own.append(_own(OwnKey(identity.key_id, identity.kiosk_id, raw, self._now())))
            elif known.raw != raw:
                log.warning("key id %s names two keys: the recorded one is used", identity.key_id)
        return own

    def _cached_central_keys(self) -> list[VerificationKey]:
        cached = self._store.central_body() if self._store is not None else None
        if cached is None:
            return []
        try:
            return parse_keys_body(cached.body)
        except KeysBodyError:
            log.warning("the cached keys of the central cannot be read: none are used")
            return []

    def _now(self) -> str:
        return rfc3339(self._clock.now())


def _own(key: OwnKey) -> VerificationKey:
    return VerificationKey(
        key.key_id, key.public_key, KeyOwner.KIOSK, None, key.kiosk_id, this_kiosk=True
    )
