"""Checks of a person: ``{"name", "document_type", "id_number", "mobile"?, ...}``.

A person always has a name, a document type of the document's list and a
number; a mobile when ``require_mobile``. The field's ``validators`` apply to
the person's ``id_number`` and ``mobile``: ``cn_resident_id`` only to a resident
identity card's number (a passport number is not one), ``cn_mobile`` to the
mobile, any other to the number. ``min_age`` is counted from the birth date in
a GB 11643 number (resident card, Hong Kong/Macao/Taiwan residence permit) or
from a ``birth_date`` sub-field, on the injected today.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from msgspec.structs import replace as struct_replace

from kiosk.catalogue_types import Field, Option, Text
from kiosk.forms import kinds
from kiosk.forms.conditions import is_required, visible_names
from kiosk.forms.dates import age_on, parse_date
from kiosk.forms.scalars import Context, check_scalar, sub_spec
from kiosk.forms.validation import FieldProblem, check_named

#: The document types of central-api.md in the citizen's words, for a person whose
#: catalogue field does not restate ``document_type`` with labels of its own.
DOCUMENT_TYPE_LABELS = {
    "cn_resident_id": Text("居民身份证", "Resident identity card"),
    "hmt_residence_permit": Text(
        "港澳台居民居住证", "Residence permit for Hong Kong, Macao and Taiwan residents"
    ),
    "foreign_permanent_resident": Text(
        "外国人永久居留身份证", "Foreign permanent resident ID card"
    ),
    "hk_mo_travel_permit": Text(
        "港澳居民来往内地通行证", "Mainland travel permit for Hong Kong and Macao residents"
    ),
    "tw_travel_permit": Text(
        "台湾居民来往大陆通行证", "Mainland travel permit for Taiwan residents"
    ),
    "passport": Text("护照", "Passport"),
}

_STANDARD_LABELS = {
    "name": Text("姓名", "Name"),
    "document_type": Text("证件类型", "Document type"),
    "id_number": Text("证件号码", "Document number"),
    "mobile": Text("手机号码", "Mobile number"),
}

#: Documents whose number is GB 11643-shaped and so carries the birth date.
_GB11643_DOCUMENTS = frozenset({"cn_resident_id", "hmt_residence_permit"})


def check_person(spec: Field, value: Any, context: Context, path: str) -> list[FieldProblem]:
    """Every problem of one person, each at ``path.key``; [] when the person is fine."""
    if not isinstance(value, dict):
        return [FieldProblem(path, "wrong_type")]
    problems: list[FieldProblem] = []
    document_type = value.get("document_type")
    subs = person_fields(spec)
    # A sub-field's visible_if / required_if name a sibling: the person is their form.
    shown = visible_names(subs, value)
    siblings = {key: v for key, v in value.items() if key in shown}
    for sub in subs:
        if sub.name not in shown:
            continue  # hidden: not asked, not checked, not sent
        checked = sub
        if sub.name == "id_number" and document_type != "cn_resident_id":
            # Only a resident card's number is checked as one (id_numbers.md).
            checked = struct_replace(
                sub, validators=tuple(v for v in sub.validators if v != "cn_resident_id")
            )
        problems += check_scalar(
            checked,
            value.get(sub.name),
            context,
            f"{path}.{sub.name}",
            required=is_required(sub, siblings),
        )
    problems += _validators(spec, value, path, {p.field for p in problems})
    if spec.min_age is not None and not any(p.field.startswith(f"{path}.id") for p in problems):
        born, where = birth_date(value)
        if born is not None and age_on(born, context.today) < spec.min_age:
            problems.append(FieldProblem(f"{path}.{where}", "too_young", {"min": spec.min_age}))
    return problems


def shown_keys(spec: Field, person: dict[str, Any]) -> frozenset[str]:
    """The person's entries that are asked, given their other answers (``visible_if``)."""
    return visible_names(person_fields(spec), person)


def person_fields(spec: Field) -> tuple[Field, ...]:
    """The sub-fields of a person: the standard ones (as restated, if they are), then the rest."""
    stated = {f.name: sub_spec(f) for f in spec.fields}
    standard = [
        _standard(name, stated.get(name), spec)
        for name in kinds.PERSON_KEYS
        if name != "mobile" or spec.require_mobile or name in stated
    ]
    extra = tuple(f for name, f in stated.items() if name not in kinds.PERSON_KEYS)
    return (*standard, *extra)


def _standard(name: str, stated: Field | None, spec: Field) -> Field:
    # name, document_type and id_number are always required; mobile when asked for.
    required = name != "mobile" or spec.require_mobile
    if stated is not None:
        return struct_replace(stated, required=stated.required or required)
    if name == "document_type":
        options = tuple(Option(code, label) for code, label in DOCUMENT_TYPE_LABELS.items())
        return Field(name, "choice", _STANDARD_LABELS[name], required=True, options=options)
    validators = ("cn_mobile",) if name == "mobile" else ()
    return Field(name, "text", _STANDARD_LABELS[name], required=required, validators=validators)


def _validators(
    spec: Field, value: dict[str, Any], path: str, already: set[str]
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    for validator in spec.validators:
        if validator == "cn_mobile":
            key = "mobile"
        elif validator == "cn_resident_id" and value.get("document_type") != "cn_resident_id":
            continue
        else:
            key = "id_number"
        target = value.get(key)
        where = f"{path}.{key}"
        unchecked = isinstance(target, str) and target and where not in already
        if unchecked and not check_named(validator, str(target)):
            problems.append(FieldProblem(where, validator))
            already.add(where)
    return problems


def birth_date(person: dict[str, Any]) -> tuple[date | None, str]:
    """The person's birth date and the key it was read from (None when unknown)."""
    number, document_type = person.get("id_number"), person.get("document_type")
    if (
        isinstance(document_type, str)
        and document_type in _GB11643_DOCUMENTS
        and isinstance(number, str)
        and len(number) == 18
        and number[:17].isdigit()
    ):
        born = parse_date(f"{number[6:10]}-{number[10:12]}-{number[12:14]}")
        if born is not None:
            return born, "id_number"
    born = parse_date(person.get("birth_date"))
    return born, "birth_date"
