"""Checking a signed slip's QR code against a ring of public keys: the verdict and why.

The order of the checks: a key the ring does not know (or one that may not sign
this kind of slip: a kiosk's key never signs a licence) is *unknown key*; a
signature that does not match the payload is *invalid signature*; a key that
had expired when the slip was signed is *expired key*; else *valid*.

When was it signed? The payload's own time (``signed_at``, ``printed_at`` or
``issued_at``; a receipt's day of submission) when it carries one, else now. A
licence is kept for decades and outlives the key that signed it: what matters
is that the key was valid when the central signed, not that it still is. A
central that must disown a key (it leaked) takes it out of ``GET /v1/keys``;
the kiosk replaces its cached keys with each answer, so slips signed with it
are then *unknown key*.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from cryptography.exceptions import InvalidSignature

from kiosk.clock import rfc3339
from kiosk.verification.envelope import LICENCE, RECEIPT, SignedQr, parse_signed_qr
from kiosk.verification.fields import SignedContent, read_payload
from kiosk.verification.keys import KeyOwner, KeyRing, VerificationKey


class Verdict(StrEnum):
    """The outcome of a check; only ``VALID`` means the slip is genuine."""

    VALID = "valid"
    INVALID_SIGNATURE = "invalid signature"
    UNKNOWN_KEY = "unknown key"
    EXPIRED_KEY = "expired key"


KINDS = {LICENCE: "licence", RECEIPT: "receipt"}


@dataclass(frozen=True, slots=True)
class SlipCheck:
    """A checked slip: the verdict, the key (if known), and what the payload says.

    The fields are shown whatever the verdict, so the clerk sees what the slip
    claims; only a ``VALID`` one vouches for them.
    """

    verdict: Verdict
    qr: SignedQr
    content: SignedContent
    key: VerificationKey | None
    signed_at: datetime
    """The time the key's validity was judged at (the payload's, else the check's)."""
    detail: str

    @property
    def valid(self) -> bool:
        return self.verdict is Verdict.VALID

    @property
    def kind(self) -> str:
        """``licence`` or ``receipt``."""
        return KINDS[self.qr.scheme]

    @property
    def signer(self) -> str:
        """Who signed it, in plain words; for an unknown key, the key id it names."""
        return self.key.describe() if self.key is not None else f"unknown key {self.qr.key_id}"

    def to_json(self) -> dict[str, Any]:
        key = self.key
        return {
            "result": self.verdict.value,
            "valid": self.valid,
            "kind": self.kind,
            "key_id": self.qr.key_id,
            "signer": self.signer,
            "signer_kind": key.owner.value if key else None,
            "signer_kiosk_id": key.kiosk_id or None if key else None,
            "this_kiosk": key.this_kiosk if key else False,
            "signed_at": rfc3339(self.signed_at),
            "detail": self.detail,
            "fields": {f.name: f.value for f in self.content.fields},
            "payload": self.qr.text,
        }


def verify_slip(text: str, ring: KeyRing, now: datetime) -> SlipCheck:
    """Check the slip whose QR code says ``text``.

    Raises:
        SlipQrError: ``text`` is not a signed slip's code at all.
    """
    qr = parse_signed_qr(text)
    content = read_payload(qr.text)
    signed_at = content.signed_at or now
    key = ring.get(qr.key_id)

    def result(verdict: Verdict, detail: str) -> SlipCheck:
        return SlipCheck(verdict, qr, content, key, signed_at, detail)

    if key is None:
        return result(Verdict.UNKNOWN_KEY, f"no known key {qr.key_id!r}")
    if qr.scheme == LICENCE and key.owner is not KeyOwner.CENTRAL:
        # Any enrolled kiosk holds a kiosk key: it must never be able to make a licence.
        return SlipCheck(
            Verdict.UNKNOWN_KEY,
            qr,
            content,
            None,
            signed_at,
            f"{qr.key_id!r} is a kiosk's key, and only the central signs licences",
        )
    try:
        key.public_key().verify(qr.signature, qr.payload)
    except InvalidSignature:
        return result(Verdict.INVALID_SIGNATURE, "the signature does not match the slip's content")
    claimed = content.value("kiosk") if qr.scheme == RECEIPT else None
    if key.owner is KeyOwner.KIOSK and key.kiosk_id and claimed and claimed != key.kiosk_id:
        return result(
            Verdict.INVALID_SIGNATURE,
            f"signed by kiosk {key.kiosk_id}, but the receipt says kiosk {claimed}",
        )
    if key.expired_at(signed_at):
        assert key.not_after is not None
        return result(
            Verdict.EXPIRED_KEY,
            f"signed {rfc3339(signed_at)}, after its key expired {rfc3339(key.not_after)}",
        )
    return result(Verdict.VALID, f"signed by {key.describe()}")
