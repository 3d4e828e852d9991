"""Gathers a receipt's content from the catalogue, the submitted form and the document.

Which form field holds the business name, address and scope is read from the
catalogue's data, so the receipt works with any central that follows
central-api.md: a field of type ``scope`` is the scope; otherwise well-known
field names (``trade_name``, ``business_address``, ``business_scope`` …), then
the field's Chinese label. The central-api catalogue carries no service-level
hint for these roles (the sandbox's ``name_field`` lives in its registry, which
is never sent to kiosks), hence the fallbacks.

Materials: a self-service kiosk receives no paper. What it receives is the
electronic application form, the identity document read by the chip reader
(when the service has an identity step) and a signature captured on screen
(when the form has a required ``signature`` field: the form cannot be
submitted without it). The receipt lists those as received, then the
catalogue's material list for the service as guidance, so that the citizen sees
what the authority asks for and what the kiosk took in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from devices.identity import DocumentType, IdentityDocument, Verdict
from kiosk.catalogue import Catalogue, Field, FormSchema, Service, Text
from kiosk.delivery import licence_delivery
from kiosk.documents.receipt_data import ReceiptData, mask_id_number

# Fallbacks when no field has the role's type; first match wins. The first names
# are the sandbox catalogue's, the others common spellings of the same role.
NAME_FIELDS = ("trade_name", "company_name", "enterprise_name", "entity_name", "business_name")
ADDRESS_FIELDS = ("business_address", "domicile", "premises", "business_premises", "address")
SCOPE_FIELDS = ("business_scope", "scope")
# Last resort: words of the field's Chinese label (企业名称, 经营场所, 住所 …).
NAME_LABELS = ("名称",)
ADDRESS_LABELS = ("经营场所", "经营地址", "住所")
SCOPE_LABELS = ("经营范围",)

_TEXT_TYPES = frozenset({"text"})

_APPLICATION_FORM = Text(
    "电子申请表（在本机填写并提交）", "Application form (filled in and submitted at this kiosk)"
)
_DOCUMENT_NAMES = {
    DocumentType.CN_RESIDENT_ID: Text("居民身份证", "Resident identity card"),
    DocumentType.PASSPORT: Text("护照", "Passport"),
    DocumentType.TRAVEL_PERMIT: Text("通行证", "Travel permit"),
}


@dataclass(frozen=True, slots=True)
class BusinessFields:
    """The names of the form fields that play each role on the receipt (None: no such field)."""

    name: str | None
    address: str | None
    scope: str | None


@dataclass(frozen=True, slots=True)
class ReceiptPlace:
    """Where the receipt is printed: the kiosk, its site, and the authority if configured."""

    kiosk_id: str = ""
    site_name: str = ""
    authority: Text | None = None


def business_fields(schema: FormSchema | None) -> BusinessFields:
    """Find the business name, address and scope fields of a form from its data."""
    fields = schema.fields if schema is not None else ()
    texts = [f for f in fields if f.type in _TEXT_TYPES]
    scope = next((f.name for f in fields if f.type == "scope"), None)
    return BusinessFields(
        name=_by_name(texts, NAME_FIELDS) or _by_label(texts, NAME_LABELS),
        address=_by_name(texts, ADDRESS_FIELDS) or _by_label(texts, ADDRESS_LABELS),
        scope=scope or _by_name(texts, SCOPE_FIELDS) or _by_label(texts, SCOPE_LABELS),
    )


def scope_items(value: Any, texts: Mapping[str, Text]) -> tuple[Text, ...]:
    """The scope as printed: a scope field's codes as the catalogue's texts, or the plain text.

    A code the catalogue does not know is printed as the code rather than dropped.
    """
    if value is None or value == "":
        return ()
    if isinstance(value, list | tuple):
        return tuple(texts.get(str(code), Text(str(code), "")) for code in value)
    return (Text(str(value), ""),)


def materials_received(
    schema: FormSchema | None, document: IdentityDocument | None
) -> tuple[Text, ...]:
    """What the kiosk took in electronically for this application (see the module docstring)."""
    items = [_APPLICATION_FORM]
    if document is not None:
        kind = _DOCUMENT_NAMES.get(document.document_type, Text("身份证件", "Identity document"))
        if document.authenticity.verdict is Verdict.VERIFIED:
            items.append(
                Text(
                    f"{kind.zh}（读卡器读取，芯片已核验）",
                    f"{kind.en} (read by the card reader, chip verified)",
                )
            )
        else:
            items.append(Text(f"{kind.zh}（读卡器读取）", f"{kind.en} (read by the card reader)"))
    for spec in schema.fields if schema is not None else ():
        if spec.type == "signature" and spec.required:
            items.append(
                Text(
                    f"{spec.label.zh}（在本机屏幕签署）",
                    f"{spec.label.en} (signed on this kiosk's screen)",
                )
            )
    return tuple(items)


def service_of_flow(catalogue: Catalogue | None, flow: str) -> Text | None:
    """The title of the catalogue's kiosk service with this ``flow``, if there is one."""
    for service in catalogue.services if catalogue is not None else ():
        if service.flow == flow and "kiosk" in service.channels:
            return service.title
    return None


def compose_receipt(
    *,
    service: Service,
    catalogue: Catalogue | None,
    form: Mapping[str, Any],
    applicant: Mapping[str, str],
    document: IdentityDocument | None,
    reference: str,
    application_no: str | None,
    submitted_at: datetime,
    accepted_at: datetime | None,
    place: ReceiptPlace,
    scope_texts: Mapping[str, Text] | None = None,
) -> ReceiptData:
    """The receipt of one submitted application.

    ``form`` is the submitted ``form`` object; ``applicant`` the submitted
    applicant (its identity number is masked here and goes no further).
    """
    roles = business_fields(service.form)
    return ReceiptData(
        service_title_zh=service.title.zh,
        service_title_en=service.title.en,
        applicant_name=applicant.get("name", ""),
        masked_id_number=mask_id_number(applicant.get("id_number", "")),
        business_name=_text_value(form, roles.name),
        reference=reference,
        application_no=application_no,
        submitted_at=submitted_at,
        promise_days=service.promise_days,
        site_name=place.site_name,
        service_code=service.code,
        kiosk_id=place.kiosk_id,
        authority=place.authority,
        accepted_at=accepted_at,
        business_address=_text_value(form, roles.address),
        business_scope=scope_items(
            form.get(roles.scope) if roles.scope else None, scope_texts or {}
        ),
        materials_received=materials_received(service.form, document),
        materials_listed=tuple(m.title for m in service.materials if m.zh or m.en),
        licence_print_service=service_of_flow(catalogue, "licence_print"),
        lookup_service=service_of_flow(catalogue, "lookup"),
        delivery=licence_delivery(
            service.form, form, catalogue.regions if catalogue is not None else ()
        ),
    )


def _text_value(form: Mapping[str, Any], name: str | None) -> str:
    value = form.get(name) if name else None
    return str(value) if value is not None else ""


def _by_name(fields: Sequence[Field], names: Sequence[str]) -> str | None:
    present = {f.name for f in fields}
    return next((name for name in names if name in present), None)


def _by_label(fields: Sequence[Field], words: Sequence[str]) -> str | None:
    return next((f.name for f in fields if any(w in f.label.zh for w in words)), None)
