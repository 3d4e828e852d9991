"""Signing an acceptance receipt's QR code with the kiosk's own enrolment key.

The central's answer to an application carries no signature for the receipt
(central-api.md), and a queued application has no answer at all; so the kiosk
signs the receipt's ``KRV1|…`` text itself and prints
``KRV2.<key id>.<base64url text>.<base64url signature>``: ``kiosk verify``
then says the receipt is genuine and which kiosk printed it. The public half of
the key is recorded first (`offline_cache.verification_keys`), so the kiosk
still recognises the receipt after it is enrolled again with a new key.

A kiosk not enrolled has no key: its receipts carry the plain ``KRV1`` text.
"""

from __future__ import annotations

import logging

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.clock import Clock, rfc3339
from kiosk.sync.identity import IdentityStore
from kiosk.verification.envelope import RECEIPT, format_signed_qr
from offline_cache.verification_keys import OwnKey, VerificationKeyStore

log = logging.getLogger(__name__)


class ReceiptSigner:
    """Signs receipt QR texts with the kiosk's current key (blocking: disk)."""

    def __init__(
        self, identities: IdentityStore, store: VerificationKeyStore, clock: Clock
    ) -> None:
        self._identities = identities
        self._store = store
        self._clock = clock

    def sign(self, qr_text: str) -> str:
        """The signed code for ``qr_text``, or ``qr_text`` itself when there is no key.

        Raises whatever reading the key or recording it raises: the caller prints
        the plain text then (a receipt is never held back for its signature).
        """
        identity = self._identities.load()
        if identity is None:
            return qr_text
        raw = identity.private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        recorded = self._store.remember_own_key(
            OwnKey(identity.key_id, identity.kiosk_id, raw, rfc3339(self._clock.now()))
        )
        if recorded.public_key != raw:
            # The key file and its id disagree (a re-enrolment half written): a
            # signature nobody could check would only mislead.
            log.warning("key id %s names another key: the receipt is not signed", identity.key_id)
            return qr_text
        payload = qr_text.encode("utf-8")
        return format_signed_qr(
            RECEIPT, identity.key_id, payload, identity.private_key.sign(payload)
        )
