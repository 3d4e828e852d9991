"""The one normalised value every identity-document reader produces.

Chinese resident ID cards (serial SAM or vendor SDK) and eMRTD passports and
permits (PC/SC) all come out as an `IdentityDocument` with its provenance and an
authenticity verdict, so the rest of the kiosk never cares which reader was used.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class DocumentType(StrEnum):
    """Families of identity documents the kiosk reads."""

    CN_RESIDENT_ID = "cn_resident_id"
    PASSPORT = "passport"
    TRAVEL_PERMIT = "travel_permit"


class Verdict(StrEnum):
    """Outcome of checking a document's authenticity."""

    VERIFIED = "verified"
    SIGNER_NOT_TRUSTED = "hashes match but signer not trusted"
    FAILED = "failed"
    NOT_CHECKED = "not checked"


@dataclass(frozen=True, slots=True)
class Authenticity:
    """An authenticity verdict with a plain-words detail ("failed: <why>")."""

    verdict: Verdict
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a document came from: which reader and which protocol."""

    reader: str
    protocol: str


@dataclass(frozen=True, slots=True)
class IdentityDocument:
    """A read identity document, normalised across document families.

    Dates are `datetime.date`; ``expiry_date`` is None for a card valid for life
    (长期). ``sex`` is "M", "F" or "X". Names: ``surname``/``given_names`` are
    Latin (from an MRZ) where present, ``name_cn`` is the Chinese name where present.
    """

    document_type: DocumentType
    document_number: str
    surname: str
    given_names: str
    name_cn: str
    sex: str
    birth_date: date | None
    expiry_date: date | None
    nationality: str
    provenance: Provenance
    authenticity: Authenticity
    id_number: str = ""
    address: str = ""
    issuing_state: str = ""
    issuing_authority: str = ""
    valid_from: date | None = None
    ethnicity: str = ""
    personal_number: str = ""
    photo: bytes = field(default=b"", repr=False)
    photo_media_type: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        """The name to greet the holder with: Chinese if known, else Latin."""
        if self.name_cn:
            return self.name_cn
        return " ".join(part for part in (self.given_names, self.surname) if part)

    def to_json(self, *, include_photo: bool = False) -> dict[str, Any]:
        """A JSON-ready dict with ISO dates (the technician CLI prints this)."""
        out: dict[str, Any] = {
            "document_type": self.document_type.value,
            "document_number": self.document_number,
            "surname": self.surname,
            "given_names": self.given_names,
            "name_cn": self.name_cn,
            "sex": self.sex,
            "birth_date": _iso(self.birth_date),
            "expiry_date": _iso(self.expiry_date),
            "valid_from": _iso(self.valid_from),
            "nationality": self.nationality,
            "issuing_state": self.issuing_state,
            "issuing_authority": self.issuing_authority,
            "id_number": self.id_number,
            "personal_number": self.personal_number,
            "address": self.address,
            "ethnicity": self.ethnicity,
            "photo_media_type": self.photo_media_type,
            "provenance": {"reader": self.provenance.reader, "protocol": self.provenance.protocol},
            "authenticity": {
                "verdict": self.authenticity.verdict.value,
                "detail": self.authenticity.detail,
            },
            "extra": dict(self.extra),
        }
        if include_photo:
            out["photo"] = base64.b64encode(self.photo).decode("ascii")
        return out


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
