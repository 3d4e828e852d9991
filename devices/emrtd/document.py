"""Chip contents + passive-authentication verdict -> `devices.identity.IdentityDocument`."""

from __future__ import annotations

import re

from devices.emrtd.chip import ChipContents
from devices.identity import (
    Authenticity,
    DocumentType,
    IdentityDocument,
    Provenance,
)

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


def national_name(full_name: str) -> str:
    """DG11 full name to display form; '<' separates name parts as in the MRZ.

    Chinese names are written without spaces (张<<三 -> 张三); others keep
    one space between parts.
    """
    parts = [p for p in re.split(r"<+", full_name) if p]
    joiner = "" if _CJK.search(full_name) else " "
    return joiner.join(parts)


def document_type_of(code: str) -> DocumentType:
    """'P…' is a passport; other 9303 codes (C, I, A, V…) are travel permits/cards."""
    return DocumentType.PASSPORT if code.startswith("P") else DocumentType.TRAVEL_PERMIT


def to_identity_document(
    chip: ChipContents, authenticity: Authenticity, *, reader: str, protocol: str
) -> IdentityDocument:
    """Normalise: Latin names from the MRZ, Chinese name and details from DG11."""
    mrz, dg11 = chip.mrz, chip.dg11
    name_cn = ""
    personal_number = mrz.optional_data if mrz.document_code.startswith("P") else ""
    birth = mrz.birth_date
    address = ""
    extra: dict[str, str] = {"lds_version": chip.com.lds_version}
    if dg11 is not None:
        if dg11.full_name and _CJK.search(dg11.full_name):
            name_cn = national_name(dg11.full_name)
        elif dg11.full_name:
            extra["full_name"] = national_name(dg11.full_name)
        personal_number = dg11.personal_number or personal_number
        birth = dg11.full_date_of_birth or birth
        address = dg11.address.replace("<", " ").strip()
        if dg11.place_of_birth:
            extra["place_of_birth"] = dg11.place_of_birth.replace("<", " ").strip()
        if dg11.other_names:
            extra["other_names"] = "; ".join(national_name(n) for n in dg11.other_names)
        extra.update({k: v.replace("<", " ").strip() for k, v in dg11.extra.items()})
    face = chip.face
    return IdentityDocument(
        document_type=document_type_of(mrz.document_code),
        document_number=mrz.document_number,
        surname=mrz.surname,
        given_names=mrz.given_names,
        name_cn=name_cn,
        sex=mrz.sex,
        birth_date=birth,
        expiry_date=mrz.expiry_date,
        nationality=mrz.nationality,
        provenance=Provenance(reader=reader, protocol=protocol),
        authenticity=authenticity,
        address=address,
        issuing_state=mrz.issuing_state,
        personal_number=personal_number,
        photo=face.data if face is not None else b"",
        photo_media_type=face.media_type if face is not None else "",
        extra=extra,
    )
