"""A person as the interface gives one, made from an identity document read here.

The reader's document types are families (resident card, passport, travel
permit); central-api.md names six. A travel permit is a Taiwan resident's when
its holder's nationality or issuing state says so, else a Hong Kong or Macao
resident's.
"""

from __future__ import annotations

from devices.identity import DocumentType, IdentityDocument


def person_document_type(document: IdentityDocument) -> str:
    """The interface's ``document_type`` for a document the reader read."""
    if document.document_type is DocumentType.CN_RESIDENT_ID:
        return "cn_resident_id"
    if document.document_type is DocumentType.PASSPORT:
        return "passport"
    if "TWN" in (document.nationality, document.issuing_state):
        return "tw_travel_permit"
    return "hk_mo_travel_permit"


def person_from_document(document: IdentityDocument) -> dict[str, str]:
    """``{"name", "document_type", "id_number"}`` as the document gives them."""
    return {
        "name": document.display_name,
        "document_type": person_document_type(document),
        "id_number": (document.id_number or document.document_number).upper(),
    }
