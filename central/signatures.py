"""RFC 9421 HTTP Message Signatures: verifying that a request comes from an enrolled kiosk.

A signed request carries ``Signature-Input`` and ``Signature`` with exactly
one signature (any label; kiosks use ``sig1``) made with ``ed25519`` by the
key the kiosk enrolled (``keyid``). It must cover ``@method`` and
``@target-uri``, and ``content-digest`` (RFC 9530 ``sha-256``) whenever the
request has a body, and carry the parameters ``created`` (within ±300 s of
the central's clock) and ``nonce`` (never seen before; remembered for
:data:`NONCE_RETENTION_S`, across all kiosks). ``alg``, if present, must be
``ed25519``; ``expires`` and ``tag`` are allowed.

``@target-uri`` is rebuilt from the scheme, the ``Host`` header and the raw
request target exactly as sent (ASGI ``raw_path`` and ``query_string``), so
a kiosk signing ``http://127.0.0.1:8700/v1/catalogue`` with
``http_message_signatures.HTTPMessageSigner`` over a ``requests`` request
verifies as is. Any failure raises ``401`` with a detail saying which rule
was broken. The kiosks' own shape of signature is checked first by
`central.signature_fast_path` (a fraction of the cost); whatever it does not
accept goes through the library.
"""

import base64
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from http_message_signatures import HTTPMessageVerifier, HTTPSignatureKeyResolver, algorithms
from http_message_signatures.exceptions import HTTPMessageSignaturesException, InvalidSignature

from central.database import Connection
from central.problems import UNAUTHORISED, Problem
from central.signature_fast_path import quick_verify

CREATED_TOLERANCE_S = 300
NONCE_RETENTION_S = 900
NONCE_SWEEP_S = 60
"""How often a process forgets the nonces older than :data:`NONCE_RETENTION_S`."""
MAX_NONCE_LENGTH = 256
ACCEPT_SIGNATURE = (
    'sig1=("@method" "@target-uri" "content-digest");alg="ed25519";created;nonce;keyid'
)


@dataclass(frozen=True)
class KioskIdentity:
    """The enrolled kiosk a verified request came from."""

    kiosk_id: str
    key_id: str


def unauthorised(detail: str) -> Problem:
    """A 401 problem that also tells the client how to sign (RFC 9421 ``Accept-Signature``)."""
    return Problem(UNAUTHORISED, detail, headers={"Accept-Signature": ACCEPT_SIGNATURE})


class _Headers:
    """Header field lines in wire order, as the library's resolver wants them."""

    def __init__(self, lines: list[tuple[str, str]]) -> None:
        self._lines = lines

    def items(self) -> list[tuple[str, str]]:
        return list(self._lines)


@dataclass
class _Message:
    method: str
    url: str
    headers: _Headers


class _KioskKeys(HTTPSignatureKeyResolver):
    """Resolves a ``keyid`` to the kiosk's enrolled public key, remembering why it could not."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.identity: KioskIdentity | None = None
        self.failure: str | None = None

    def resolve_public_key(self, key_id: str) -> Ed25519PublicKey | None:
        row = self.connection.execute(
            "SELECT kiosk_id, public_key, revoked_at FROM kiosk_keys WHERE key_id = ?", (key_id,)
        ).fetchone()
        if row is None:
            self.failure = f"The key {key_id!r} is not the key of any enrolled kiosk."
            return None
        if row["revoked_at"] is not None:
            self.failure = f"The key {key_id!r} was revoked; the kiosk must enrol again."
            return None
        self.identity = KioskIdentity(kiosk_id=row["kiosk_id"], key_id=key_id)
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(row["public_key"]))

    def resolve_private_key(self, key_id: str) -> Any:
        raise NotImplementedError("the central never holds a kiosk's private key")


class _Verifier(HTTPMessageVerifier):
    """The library's verifier with the central's clock and ±300 s window."""

    def __init__(self, key_resolver: _KioskKeys, now: datetime) -> None:
        super().__init__(signature_algorithm=algorithms.ED25519, key_resolver=key_resolver)
        self.now = now

    def validate_created_and_expires(self, sig_input: Any, max_age: Any = None) -> None:
        created = sig_input.params.get("created")
        if created is None:
            raise InvalidSignature('The signature needs a "created" parameter.')
        if type(created) is not int:
            raise InvalidSignature('The "created" parameter must be an integer.')
        skew = created - self.now.timestamp()
        if abs(skew) > CREATED_TOLERANCE_S:
            raise InvalidSignature(
                f"The signature was created {abs(skew):.0f} s {'after' if skew > 0 else 'before'} the "
                f"central's time; at most {CREATED_TOLERANCE_S} s is allowed. Check the kiosk's clock."
            )
        expires = sig_input.params.get("expires")
        if expires is not None and (type(expires) is not int or expires < self.now.timestamp()):
            raise InvalidSignature('The signature\'s "expires" time has passed.')


def target_uri(scheme: str, host: str, raw_path: bytes, query_string: bytes) -> str:
    """Rebuild ``@target-uri`` from what was on the wire (no decoding, no normalising)."""
    uri = f"{scheme}://{host}{raw_path.decode('latin-1')}"
    if query_string:
        uri += "?" + query_string.decode("latin-1")
    return uri


class _Forgetting:
    """When this process last forgot expired nonces (by the central's clock).

    Forgetting them on every request made every request delete rows, and
    concurrent requests wait for each other's deletes; once a minute is
    plenty (a nonce is then kept up to a minute longer: stricter, not looser).
    """

    lock = threading.Lock()
    last = float("-inf")

    @classmethod
    def due(cls, moment: float) -> bool:
        with cls.lock:
            if cls.last <= moment < cls.last + NONCE_SWEEP_S:
                return False
            cls.last = moment
            return True


def _remember_nonce(connection: Connection, nonce: str, now: datetime) -> None:
    moment = now.timestamp()
    if _Forgetting.due(moment):
        connection.execute("DELETE FROM nonces WHERE seen_at < ?", (moment - NONCE_RETENTION_S,))
    # Atomic on both databases: of two requests with one nonce, one inserts it.
    inserted = connection.execute(
        "INSERT INTO nonces (nonce, seen_at) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING",
        (nonce, moment),
    ).rowcount
    if inserted != 1:
        raise unauthorised(
            "The signature's nonce was used before; every request needs a new nonce."
        )


def verify_request(
    connection: Connection,
    *,
    method: str,
    url: str,
    headers: list[tuple[str, str]],
    body: bytes,
    now: datetime,
) -> KioskIdentity:
    """Verify a request's signature and record its nonce.

    Must run inside a write transaction (the nonce is stored); it needs no
    serialized one (the nonce's unique key decides between two requests).

    Raises:
        Problem: ``401`` naming the rule the request broke.
    """
    names = {name.lower() for name, _ in headers}
    if "signature" not in names or "signature-input" not in names:
        raise unauthorised(
            "The request is not signed: it needs Signature-Input and Signature headers (RFC 9421)."
        )
    quick = quick_verify(
        connection,
        method=method,
        url=url,
        headers=headers,
        body=body,
        now=now,
        tolerance_s=CREATED_TOLERANCE_S,
    )
    if quick is not None:
        identity, nonce = KioskIdentity(quick.kiosk_id, quick.key_id), quick.nonce
    else:
        identity, nonce = _verify_generally(
            connection, method=method, url=url, headers=headers, body=body, now=now
        )
    if not isinstance(nonce, str) or not nonce or len(nonce) > MAX_NONCE_LENGTH:
        raise unauthorised(
            f'The signature needs a "nonce" parameter: a fresh random string of at most {MAX_NONCE_LENGTH} characters.'
        )
    _remember_nonce(connection, nonce, now)
    return identity


def _verify_generally(
    connection: Connection,
    *,
    method: str,
    url: str,
    headers: list[tuple[str, str]],
    body: bytes,
    now: datetime,
) -> tuple[KioskIdentity, Any]:
    """Any signature, through `http_message_signatures`: the kiosk and the nonce given
    (not yet checked), or ``401`` naming the rule the request broke."""
    keys = _KioskKeys(connection)
    verifier = _Verifier(keys, now.astimezone(UTC))
    message = _Message(method=method, url=url, headers=_Headers(headers))
    try:
        results = verifier.verify(
            message, max_age=None, require_components=("@method", "@target-uri"), body=body
        )
    except HTTPMessageSignaturesException as exc:
        if keys.failure is not None:
            raise unauthorised(keys.failure) from exc
        reason = str(exc) or (
            "The signature does not verify with the kiosk's key: the signed method, target URI, "
            "digest or parameters differ from what was sent."
        )
        raise unauthorised(f"The request signature was rejected: {reason}") from exc
    if len(results) != 1 or keys.identity is None:
        raise unauthorised("The request must carry exactly one signature.")
    return keys.identity, results[0].parameters.get("nonce")
