"""The text of a signed slip's QR code: ``<scheme>.<key id>.<payload>.<signature>``.

``KCV1`` is the central's licence slip (central-api.md, "Licences"): the payload
and the Ed25519 signature over its UTF-8 bytes, both base64url. ``KRV2`` is this
kiosk's acceptance receipt in the same shape, its payload being the receipt's
``KRV1|…`` text (`kiosk.documents.receipt_qr`) and its key the kiosk's
enrolment key.

Lenient toward other centrals: base64url with or without padding, a key id
that itself holds dots (the payload and signature never do: base64url has no
dot). Anything else raises `SlipQrError`, and only that: a scanner delivers
whatever was under it.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

LICENCE = "KCV1"
"""A licence slip signed by the central."""
RECEIPT = "KRV2"
"""An acceptance receipt signed by the kiosk that printed it."""
SCHEMES = (LICENCE, RECEIPT)

SIGNATURE_BYTES = 64
MAX_TEXT = 8192
"""Longer than any slip's QR code can hold: refused before decoding."""
MAX_KEY_ID = 200


class SlipQrError(ValueError):
    """The text is not a signed slip's code this kiosk understands."""


@dataclass(frozen=True, slots=True)
class SignedQr:
    """What a signed slip's QR code carries; nothing checked yet."""

    scheme: str
    key_id: str
    payload: bytes
    signature: bytes

    @property
    def text(self) -> str:
        """The payload as text (a payload that is not UTF-8 is refused by the parser)."""
        return self.payload.decode("utf-8")


def b64url(data: bytes) -> str:
    """Base64url without padding, as the QR codes carry it."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Base64url with or without padding; raises `SlipQrError`."""
    if not text or not text.isascii():
        raise SlipQrError("not base64url")
    stripped = text.rstrip("=")
    if len(text) - len(stripped) > 2 or len(stripped) % 4 == 1:
        raise SlipQrError("not base64url")
    try:
        return base64.b64decode(
            stripped + "=" * (-len(stripped) % 4), altchars=b"-_", validate=True
        )
    except (binascii.Error, ValueError):
        raise SlipQrError("not base64url") from None


def format_signed_qr(scheme: str, key_id: str, payload: bytes, signature: bytes) -> str:
    """The QR text for a signed payload."""
    if scheme not in SCHEMES:
        raise SlipQrError(f"unknown scheme {scheme!r}")
    _check_key_id(key_id)
    return ".".join((scheme, key_id, b64url(payload), b64url(signature)))


def is_signed_qr(text: str) -> bool:
    """True when ``text`` looks like a signed slip (its scheme is known); not checked."""
    return text.strip().split(".", 1)[0] in SCHEMES


def parse_signed_qr(text: str) -> SignedQr:
    """Read a signed slip's QR text; raises `SlipQrError` for anything else."""
    if len(text) > MAX_TEXT:
        raise SlipQrError("too long for a slip's code")
    text = text.strip()
    scheme, dot, rest = text.partition(".")
    if not dot or scheme not in SCHEMES:
        raise SlipQrError("not a signed slip's code")
    parts = rest.rsplit(".", 2)
    if len(parts) != 3:
        raise SlipQrError(f"a {scheme} code has a key id, a payload and a signature")
    key_id, payload_b64, signature_b64 = parts
    _check_key_id(key_id)
    payload = b64url_decode(payload_b64)
    signature = b64url_decode(signature_b64)
    if len(signature) != SIGNATURE_BYTES:
        raise SlipQrError(f"an Ed25519 signature has {SIGNATURE_BYTES} bytes, not {len(signature)}")
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError:
        raise SlipQrError("the payload is not UTF-8 text") from None
    return SignedQr(scheme, key_id, payload, signature)


def _check_key_id(key_id: str) -> None:
    # Printable ASCII without spaces: shown to the clerk and matched as it is.
    if (
        not key_id
        or len(key_id) > MAX_KEY_ID
        or not key_id.isascii()
        or not key_id.isprintable()
        or " " in key_id
    ):
        raise SlipQrError("the code names no usable key id")
