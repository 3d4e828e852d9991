"""RFC 9421 HTTP Message Signatures for every request to the central.

Each request carries a Content-Digest (RFC 9530, sha-256) when it has a body and
an Ed25519 signature over ``@method``, ``@target-uri`` and, with a body,
``content-digest``, with the parameters ``created``, ``nonce`` and ``keyid``.
Built on the `http_message_signatures` library; plugged into requests as auth.
"""

from __future__ import annotations

import secrets
from datetime import datetime

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from http_message_signatures import HTTPMessageSigner, HTTPSignatureKeyResolver, algorithms

from kiosk.clock import Clock

SIGNATURE_LABEL = "sig1"


class _SingleKey(HTTPSignatureKeyResolver):
    def __init__(self, key: Ed25519PrivateKey) -> None:
        self._key = key

    def resolve_private_key(self, key_id: str) -> Ed25519PrivateKey:
        return self._key

    def resolve_public_key(self, key_id: str) -> object:
        return self._key.public_key()


class RequestSigner(requests.auth.AuthBase):
    """Signs each prepared request with the kiosk's enrolment key."""

    def __init__(self, key: Ed25519PrivateKey, key_id: str, clock: Clock) -> None:
        self._signer = HTTPMessageSigner(
            signature_algorithm=algorithms.ED25519, key_resolver=_SingleKey(key)
        )
        self._key_id = key_id
        self._clock = clock

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        components: tuple[str, ...] = ("@method", "@target-uri")
        body = request.body
        raw: bytes | None = None
        if body:
            # The library adds the RFC 9530 Content-Digest (sha-256) for this body.
            raw = _body_bytes(request)
            components += ("content-digest",)
        created: datetime = self._clock.now()
        self._signer.sign(
            request,
            key_id=self._key_id,
            created=created,
            nonce=secrets.token_urlsafe(16),
            label=SIGNATURE_LABEL,
            covered_component_ids=components,
            body=raw,
        )
        return request


def _body_bytes(request: requests.PreparedRequest) -> bytes:
    """The body's bytes, digested exactly as they are sent.

    `CentralClient` always passes bytes (`kiosk.sync.client.encode_body`, which
    refuses a text that cannot be UTF-8). A text body from elsewhere is made
    UTF-8 bytes here and the request sends those very bytes, so the digest cannot
    differ from what goes on the wire (urllib3 1 would send a text body as
    Latin-1). A text that cannot be UTF-8 never gets here: requests refuses it
    while measuring its length.
    """
    body = request.body
    if not isinstance(body, str):
        return bytes(body or b"")
    raw = body.encode("utf-8")
    request.body = raw
    request.prepare_content_length(raw)
    return raw
