"""The one normalised value every identity-document reader produces.

Chinese resident ID cards (serial SAM or vendor SDK) and eMRTD passports and
permits (PC/SC) all come out as an `IdentityDocument` with its provenance and an
authenticity verdict, so the rest of the kiosk never cares which reader was used.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
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

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> IdentityDocument:
        """The document `to_json` printed (a technician's saved read); KeyError or
        ValueError names what is missing or wrong."""
        provenance = data.get("provenance") or {}
        authenticity = data.get("authenticity") or {}
        return cls(
            document_type=DocumentType(data["document_type"]),
            document_number=str(data.get("document_number", "")),
            surname=str(data.get("surname", "")),
            given_names=str(data.get("given_names", "")),
            name_cn=str(data.get("name_cn", "")),
            sex=str(data.get("sex", "X")),
            birth_date=_date(data.get("birth_date")),
            expiry_date=_date(data.get("expiry_date")),
            valid_from=_date(data.get("valid_from")),
            nationality=str(data.get("nationality", "")),
            issuing_state=str(data.get("issuing_state", "")),
            issuing_authority=str(data.get("issuing_authority", "")),
            id_number=str(data.get("id_number", "")),
            personal_number=str(data.get("personal_number", "")),
            address=str(data.get("address", "")),
            ethnicity=str(data.get("ethnicity", "")),
            photo=base64.b64decode(data["photo"]) if data.get("photo") else b"",
            photo_media_type=str(data.get("photo_media_type", "")),
            provenance=Provenance(
                str(provenance.get("reader", "")), str(provenance.get("protocol", ""))
            ),
            authenticity=Authenticity(
                Verdict(authenticity.get("verdict", Verdict.NOT_CHECKED.value)),
                str(authenticity.get("detail", "")),
            ),
            extra={str(k): str(v) for k, v in (data.get("extra") or {}).items()},
        )

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


def _date(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
