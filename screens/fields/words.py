"""A field's value in words for the review: labels, not option codes; names, not numbers.

The citizen checks what they chose, so a choice reads as its label, a region as its
name, business scope as its phrases with the main one first, an amount with its
unit, and a person as a name with the identity number masked.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from kiosk.catalogue import Field
from kiosk.documents.receipt_data import mask_id_number
from kiosk.forms.engine import FormSession


def value_in_words(spec: Field, form: FormSession, language: str) -> str:
    if spec.type == "signature":
        return QCoreApplication.translate("Review", "Signed") if form.signed(spec.name) else ""
    value = form.json_value(spec.name)
    if value in (None, "", [], {}):
        return ""
    match spec.type:
        case "choice" | "multi_choice":
            labels = {str(o.value): o.label.get(language) for o in spec.options}
            chosen = value if isinstance(value, list) else [value]
            return "、".join(labels.get(str(v)) or str(v) for v in chosen)
        case "region":
            region = form.region(str(value))
            return region.name.get(language) if region is not None else str(value)
        case "scope":
            texts = {s.code: s.text.get(language) for s in form.scope_items}
            phrases = [texts.get(str(code)) or str(code) for code in value]
            main = QCoreApplication.translate("Review", "main business: %1").replace(
                "%1", phrases[0]
            )
            return "；".join([main, *phrases[1:]])
        case "money" | "number":
            return f"{form.value(spec.name)} {spec.unit}".strip()
        case "person":
            return _person(value)
        case "people":
            return "\n".join(_person(p) for p in value if isinstance(p, dict))
    return form.value(spec.name)


def _person(person: Any) -> str:
    if not isinstance(person, dict):
        return ""
    number = str(person.get("id_number") or "")
    return f"{person.get('name', '')} {mask_id_number(number) if number else ''}".strip()
