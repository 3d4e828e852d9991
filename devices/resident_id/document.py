"""Normalisation of a decoded card into the kiosk's `IdentityDocument`.

Authenticity is reported as NOT_CHECKED, deliberately. The SAM (the Ministry of
Public Security's security module inside the reader) does authenticate the
card: it only decrypts the data of a chip that passed mutual authentication,
and answers SW3 31/32 otherwise. But the host cannot verify the SAM's answer:
the serial line (or vendor DLL) carries plain, unsigned bytes, so anything
plugged into the port could produce a perfect frame. Claiming VERIFIED would
vouch for something this code never checked. The detail says who did check.
"""

from __future__ import annotations

from devices.identity import (
    Authenticity,
    DocumentType,
    IdentityDocument,
    Provenance,
    Verdict,
)
from devices.resident_id.photo import WLT_MEDIA_TYPE
from devices.resident_id.text_block import CardText

AUTHENTICITY_DETAIL = (
    "authenticated by the reader's SAM (GA/T 467 mutual authentication); "
    "the host receives unsigned bytes and cannot check that answer itself"
)


def build_document(
    text: CardText,
    *,
    photo: bytes,
    appended_address: str,
    reader: str,
    protocol: str,
    extra: dict[str, str] | None = None,
) -> IdentityDocument:
    """The `IdentityDocument` for a card read through a SAM.

    The appended address (30 03), written to the chip when the holder moved, is
    the current one and takes the ``address`` slot; the printed one stays in
    ``extra["printed_address"]`` (id_numbers.md §4.5: show the newer one).
    """
    details = {"ethnicity_code": text.ethnicity_code, "printed_address": text.address}
    if appended_address:
        details["appended_address"] = appended_address
    details.update(extra or {})
    return IdentityDocument(
        document_type=DocumentType.CN_RESIDENT_ID,
        # The card carries no number of its own: the citizen number identifies it.
        document_number=text.id_number,
        surname="",
        given_names="",
        name_cn=text.name,
        sex=text.sex,
        birth_date=text.birth_date,
        expiry_date=text.valid_to,
        valid_from=text.valid_from,
        nationality="CHN",
        issuing_state="CHN",
        id_number=text.id_number,
        address=appended_address or text.address,
        issuing_authority=text.issuing_authority,
        ethnicity=text.ethnicity,
        photo=photo,
        photo_media_type=WLT_MEDIA_TYPE,
        provenance=Provenance(reader=reader, protocol=protocol),
        authenticity=Authenticity(Verdict.NOT_CHECKED, AUTHENTICITY_DETAIL),
        extra=details,
    )
