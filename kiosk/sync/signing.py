"""RFC 9421 HTTP Message Signatures for every request to the central.

Each request carries a Content-Digest (RFC 9530, sha-256) when it has a body and
an Ed25519 signature over ``@method``, ``@target-uri`` and, with a body,
``content-digest``, with the parameters ``created``, ``keyid``, ``alg`` and
``nonce``. Plugged into requests as auth.

The signature base of these few components is written out here (RFC 9421
§2.5) rather than through the generic `http_message_signatures` signer, which
spent about 0.6 ms a request serialising structured fields, as much as the
rest of the kiosk's work on a queued submission. What is written is byte for
byte what that library writes for the same request, key, time and nonce
(Ed25519 signatures are deterministic), and a test holds the two equal.
"""

from __future__ import annotations

import base64
import hashlib
import secrets

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.clock import Clock

SIGNATURE_LABEL = "sig1"
ALGORITHM = "ed25519"


class RequestSigner(requests.auth.AuthBase):
    """Signs each prepared request with the kiosk's enrolment key."""

    def __init__(self, key: Ed25519PrivateKey, key_id: str, clock: Clock) -> None:
        self._key = key
        self._key_id = _sf_string(key_id, "key id")
        self._clock = clock

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        method = str(request.method or "GET").upper()
        lines = [f'"@method": {method}', f'"@target-uri": {request.url}']
        components = '"@method" "@target-uri"'
        if request.body:
            raw = _body_bytes(request)
            digest = "sha-256=:" + base64.b64encode(hashlib.sha256(raw).digest()).decode() + ":"
            request.headers["Content-Digest"] = digest
            lines.append(f'"content-digest": {digest}')
            components += ' "content-digest"'
        created = int(self._clock.now().timestamp())
        nonce = secrets.token_urlsafe(16)  # URL-safe base64: a structured string as it is
        parameters = (
            f'({components});created={created};keyid={self._key_id};alg="{ALGORITHM}"'
            f';nonce="{nonce}"'
        )
        lines.append(f'"@signature-params": {parameters}')
        signature = self._key.sign("\n".join(lines).encode("utf-8"))
        request.headers["Signature-Input"] = f"{SIGNATURE_LABEL}={parameters}"
        request.headers["Signature"] = f"{SIGNATURE_LABEL}=:{base64.b64encode(signature).decode()}:"
        return request


def _sf_string(text: str, what: str) -> str:
    """``text`` as an RFC 8941 string (quoted, ``"`` and ``\\`` escaped); visible ASCII only."""
    if any(not " " <= char <= "~" for char in text):
        raise ValueError(f"the {what} must be printable ASCII to be signed: {text!r}")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


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
