"""What a decoded service means for this kiosk: its defects and what it cannot run yet.

`service_defects` finds what is wrong with a service's data beyond its shape
(an unknown flow, field type, rule or condition kind; a pattern that does not
compile; a condition naming no field): such a service is kept but never offered.
`support_reasons` says what this kiosk cannot run today (kinds the engine knows
but no step or screen draws yet), read from `kiosk.forms.kinds` at each call.
Every reason starts with its path inside the service (``form.pages[1]...``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kiosk.forms import kinds
from kiosk.forms.dates import parse_bound

if TYPE_CHECKING:
    from kiosk.catalogue_types import Condition, Field, FormSchema, Rule, Service


def service_defects(service: Service) -> tuple[str, ...]:
    """The service's data problems, each ``path: what``; () when it is sound."""
    reasons: list[str] = []
    if service.flow not in kinds.KNOWN_FLOWS:
        reasons.append(f'flow: unknown flow "{service.flow}"')
    for i, requirement in enumerate(service.requires):
        if requirement not in kinds.KNOWN_REQUIREMENTS:
            reasons.append(f'requires[{i}]: unknown requirement "{requirement}"')
    if service.form is not None:
        reasons += _form_defects(service.form)
    return tuple(reasons)


def support_reasons(service: Service) -> tuple[str, ...]:
    """What this kiosk cannot run today; () when it runs the service end to end."""
    reasons: list[str] = []
    if "kiosk" not in service.channels:
        reasons.append('channels: "kiosk" is not among the service\'s channels')
    if service.online_only and "online_only" not in kinds.runnable_features():
        reasons.append("online_only: online-only services are not yet supported on this kiosk")
    if service.flow in kinds.KNOWN_FLOWS and service.flow not in kinds.runnable_flows():
        reasons.append(f'flow: "{service.flow}" is not yet supported on this kiosk')
    for i, requirement in enumerate(service.requires):
        if (
            requirement in kinds.KNOWN_REQUIREMENTS
            and requirement not in kinds.runnable_requirements()
        ):
            reasons.append(f'requires[{i}]: "{requirement}" is not yet supported on this kiosk')
    if service.flow == "application" and (service.form is None or not service.form.fields):
        reasons.append("form: an application needs a form with at least one field")
    if service.form is None:
        return tuple(reasons)
    runnable = kinds.runnable_field_types()
    for path, spec in _all_fields(service.form):
        if spec.type in kinds.KNOWN_FIELD_TYPES and spec.type not in runnable:
            reasons.append(f'form.{path}.type: "{spec.type}" is not yet supported on this kiosk')
        if spec.from_reservation and "from_reservation" not in kinds.runnable_features():
            reasons.append(
                f"form.{path}.from_reservation: filling from a name reservation"
                " is not yet supported on this kiosk"
            )
    return tuple(reasons)


def _all_fields(form: FormSchema) -> list[tuple[str, Field]]:
    """Every field and person sub-field with its path."""
    out: list[tuple[str, Field]] = []
    for path, spec in form.located_fields():
        out.append((path, spec))
        if spec.type in ("person", "people"):
            out += [(f"{path}.fields[{n}]", sub) for n, sub in enumerate(spec.fields)]
    return out


def _form_defects(form: FormSchema) -> list[str]:
    reasons: list[str] = []
    top = {spec.name: spec for spec in form.fields}
    names = [spec.name for spec in form.fields]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        reasons.append(f"form: duplicate field names {duplicates}")
    for path, spec in form.located_fields():
        reasons += _field_defects(spec, f"form.{path}", sub=False)
        for key, condition in (("required_if", spec.required_if), ("visible_if", spec.visible_if)):
            if condition is not None:
                reasons += _condition_defects(condition, f"form.{path}.{key}", top)
        if spec.type in ("person", "people"):
            for n, sub in enumerate(spec.fields):
                reasons += _field_defects(sub, f"form.{path}.fields[{n}]", sub=True)
    for i, rule in enumerate(form.rules):
        reasons += _rule_defects(rule, f"form.rules[{i}]", top)
    return reasons


def _field_defects(spec: Field, path: str, *, sub: bool) -> list[str]:
    reasons: list[str] = []
    kind = spec.type
    if sub and not kind and spec.name in kinds.PERSON_KEYS:
        # A restated standard sub-field may leave its type out: it is known.
        kind = "choice" if spec.name == "document_type" else "text"
    if not kind:
        reasons.append(f"{path}.type: missing field type")
        return reasons
    if kind not in kinds.KNOWN_FIELD_TYPES:
        reasons.append(f'{path}.type: unknown field type "{kind}"')
        return reasons
    if sub and kind not in kinds.SUB_FIELD_TYPES:
        reasons.append(f'{path}.type: "{kind}" cannot be a sub-field of a person')
    if spec.pattern is not None:
        try:
            re.compile(spec.pattern)
        except re.error as exc:
            reasons.append(f"{path}.pattern: not a valid regular expression ({exc})")
    for key, bound in (("min", spec.minimum), ("max", spec.maximum)):
        if bound is None:
            continue
        if kind == "date":
            if not isinstance(bound, str) or parse_bound(bound) is None:
                reasons.append(
                    f'{path}.{key}: expected a date, "today" or a period like "+5y", got {bound!r}'
                )
        elif kind in ("number", "money") and (isinstance(bound, str | bool)):
            reasons.append(f"{path}.{key}: expected a number, got {bound!r}")
    if kind in ("choice", "multi_choice") and not spec.options and spec.name != "document_type":
        reasons.append(f"{path}.options: a {kind} field needs options")
    if kind == "region" and spec.level is not None and spec.level not in kinds.REGION_LEVELS:
        reasons.append(f'{path}.level: unknown region level "{spec.level}"')
    return reasons


def _condition_defects(condition: Condition, path: str, top: dict[str, Field]) -> list[str]:
    reasons: list[str] = []
    if condition.kind is None:
        reasons.append(f'{path}: unknown condition kind (expected "equals" or "in")')
    if condition.field not in top:
        reasons.append(f'{path}.field: no field "{condition.field}" in this form')
    return reasons


def _rule_defects(rule: Rule, path: str, top: dict[str, Field]) -> list[str]:
    if rule.kind not in kinds.KNOWN_RULE_KINDS:
        return [f'{path}.kind: unknown rule kind "{rule.kind}"']
    reasons: list[str] = []
    # sum_equals: items is a people field, item_field one of its sub-fields, equals a number.
    items = top.get(rule.items or "")
    if items is None or items.type != "people":
        reasons.append(f"{path}.items: expected the name of a people field, got {rule.items!r}")
    elif items.sub_field(rule.item_field or "") is None:
        reasons.append(f"{path}.item_field: {items.name} has no sub-field {rule.item_field!r}")
    equals = top.get(rule.equals or "")
    if equals is None or equals.type not in ("money", "number"):
        reasons.append(
            f"{path}.equals: expected the name of a money or number field, got {rule.equals!r}"
        )
    return reasons
