"""A quick check of the one signature shape kiosks send, before the general verifier.

Verifying a request through `http_message_signatures` parses and serialises
structured fields generically, and cost about half of the central's work on a
submission. Kiosks sign every request the same way (``kiosk.sync.signing``)::

    Signature-Input: sig1=("@method" "@target-uri" "content-digest");created=1763777700;keyid="...";alg="ed25519";nonce="..."
    Signature: sig1=:<base64 of 64 bytes>:
    Content-Digest: sha-256=:<base64 of 32 bytes>:

so :func:`quick_verify` recognises exactly that shape (with or without the
digest, for a request without a body) and checks it directly: the digest of
the body, the key (known, not revoked), ``created`` within the window, and the
Ed25519 signature over the signature base RFC 9421 §2.5 defines. It only ever
accepts: anything it does not recognise, or any check that fails, returns None
and the general verifier decides, with its reasons. What it accepts the
general verifier accepts too: the shape is written in the canonical
serialisation (so the ``@signature-params`` line is the header's text as the
library would serialise it again), and the target URI is one the library's
parser takes and gives back unchanged (no user information, IPv6 literal or
fragment, a path present). A test holds the two verifiers equal.
"""

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from central.database import Connection

_LABEL = r"[a-z*][a-z0-9_\-.*]{0,63}"
_STRING = r'"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\\"])*"'  # an RFC 8941 string, as serialised
_INPUT = re.compile(
    rf"(?P<label>{_LABEL})="
    r'(?P<params>\((?P<components>"@method" "@target-uri"(?: "content-digest")?)\)'
    r";created=(?P<created>0|[1-9][0-9]{0,14})"
    rf';keyid=(?P<keyid>{_STRING});alg="ed25519";nonce=(?P<nonce>{_STRING}))'
)
_SIGNATURE = re.compile(rf"(?P<label>{_LABEL})=:(?P<signature>[A-Za-z0-9+/]{{86}}==):")
_DIGEST = re.compile(r"sha-256=:[A-Za-z0-9+/]{43}=:")
_PCHAR = r"[A-Za-z0-9._~\-!$&'()*+,;=:@]|%[0-9A-Fa-f]{2}"
_TARGET_URI = re.compile(
    rf"https?://(?:[A-Za-z0-9._~\-!$&'()*+,;=]|%[0-9A-Fa-f]{{2}})+(?::[0-9]*)?"
    rf"/(?:{_PCHAR}|/)*(?:\?(?:{_PCHAR}|[/?])*)?"
)
_FIELDS = ("signature-input", "signature", "content-digest")


@dataclass(frozen=True)
class QuickResult:
    """A signature the quick check accepted: the kiosk, its key and the nonce."""

    kiosk_id: str
    key_id: str
    nonce: str


def quick_verify(
    connection: Connection,
    *,
    method: str,
    url: str,
    headers: list[tuple[str, str]],
    body: bytes,
    now: datetime,
    tolerance_s: float,
) -> QuickResult | None:
    """The kiosk's signature if the request has the kiosk's shape and it verifies; else None.

    None says nothing about the request: the general verifier decides.
    """
    fields = _fields(headers)
    if fields is None or not method.isalpha() or not method.isupper():
        return None
    signature_input, signature_field, digest = fields
    given = _INPUT.fullmatch(signature_input)
    signed = _SIGNATURE.fullmatch(signature_field)
    if given is None or signed is None or given["label"] != signed["label"]:
        return None
    if _TARGET_URI.fullmatch(url) is None:
        return None
    covers_digest = given["components"].endswith('"content-digest"')
    lines = [f'"@method": {method}', f'"@target-uri": {url}']
    if body:
        if not covers_digest or digest is None or _DIGEST.fullmatch(digest) is None:
            return None
        if digest[9:-1] != base64.b64encode(hashlib.sha256(body).digest()).decode():
            return None
        lines.append(f'"content-digest": {digest}')
    elif covers_digest or digest is not None:
        return None
    if abs(int(given["created"]) - now.timestamp()) > tolerance_s:
        return None
    key_id = _unquoted(given["keyid"])
    row = connection.execute(
        "SELECT kiosk_id, public_key, revoked_at FROM kiosk_keys WHERE key_id = ?", (key_id,)
    ).fetchone()
    if row is None or row["revoked_at"] is not None:
        return None
    lines.append(f'"@signature-params": {given["params"]}')
    signature = base64.b64decode(signed["signature"])
    if base64.b64encode(signature).decode() != signed["signature"]:
        return None  # not the canonical spelling: the general parser decides about it
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(row["public_key"]))
        key.verify(signature, "\n".join(lines).encode())
    except (InvalidSignature, ValueError, binascii.Error):
        return None
    return QuickResult(str(row["kiosk_id"]), key_id, _unquoted(given["nonce"]))


def _fields(headers: list[tuple[str, str]]) -> tuple[str, str, str | None] | None:
    """The one line of Signature-Input and of Signature, and of Content-Digest if any;
    None when one is missing or given twice (the general verifier joins such lines)."""
    found: dict[str, str] = {}
    for name, value in headers:
        lowered = name.lower()
        if lowered in _FIELDS:
            if lowered in found:
                return None
            found[lowered] = value
    if "signature-input" not in found or "signature" not in found:
        return None
    return found["signature-input"], found["signature"], found.get("content-digest")


def _unquoted(text: str) -> str:
    """An RFC 8941 string's value (the quotes taken off, the escapes undone)."""
    return re.sub(r"\\(.)", r"\1", text[1:-1])
