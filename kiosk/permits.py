"""证照联办 (one matter, one visit): from a registration to the permit its scope needs.

A business scope item that is licensed (许可项目) may name the catalogue's service
that applies for its permit: ``permit_service`` (an extension), or leniently a
``requires`` that is itself a service code. When the scope chosen in a
registration holds such an item and the catalogue offers that service, the
result screen offers to apply for the permit now.

Going on, the permit's form is filled from the registration: every field of the
same name and type takes the registration's answer (when it is valid there),
the persons read on the card stay marked as read, and the application number
(or, while queued, the provisional reference) goes into the field whose
``prefill`` is ``linked_application``, or that is named so. The catalogue
decides all of it: a new permit needs no kiosk release.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kiosk.catalogue import Catalogue, ScopeItem, Service
from kiosk.forms.engine import FormSession
from kiosk.forms.scalars import Context, is_empty
from kiosk.forms.values import check_value

LINK = "linked_application"
"""The prefill key (and the field name) that carries the registration's number."""


def permit_codes(form: FormSession | None) -> tuple[str, ...]:
    """The services named by the licensed items of the form's chosen scope, in scope order,
    each once (whether the catalogue has them is for the caller to see)."""
    if form is None:
        return ()
    items = {item.code: item for item in form.scope_items}
    codes: list[str] = []
    for spec in form.schema.fields:
        chosen = form.json_value(spec.name) if spec.type == "scope" else None
        if not isinstance(chosen, list) or not form.visible(spec.name):
            continue
        for code in chosen:
            item = items.get(str(code))
            for named in _permits_of(item) if item is not None and item.licensed else ():
                if named not in codes:
                    codes.append(named)
    return tuple(codes)


def _permits_of(item: ScopeItem) -> Iterator[str]:
    if isinstance(item.permit_service, str) and item.permit_service:
        yield item.permit_service
        return
    # Leniently: a central may name the permit's service in ``requires`` itself.
    named = item.requires if isinstance(item.requires, list) else [item.requires]
    yield from (n for n in named if isinstance(n, str) and n)


def permit_offers(
    catalogue: Catalogue | None, service: Service | None, form: FormSession | None
) -> tuple[Service, ...]:
    """The permit services to offer on this registration's result: named by its scope,
    in the catalogue, offered on this kiosk, and not the service just done."""
    if catalogue is None or service is None:
        return ()
    offers = []
    for code in permit_codes(form):
        try:
            permit = catalogue.service(code)
        except KeyError:
            continue  # a licence name, or a service this catalogue does not have
        if permit.code != service.code and permit.offered_on_kiosk and permit.form is not None:
            offers.append(permit)
    return tuple(offers)


@dataclass(frozen=True, slots=True)
class CarriedAnswers:
    """What goes on from a finished registration to the permit applied for next."""

    number: str
    """The application number, or the provisional reference while it is queued."""
    values: dict[str, tuple[str, Any]] = field(default_factory=dict)
    """The registration's answers as sent: field name → (type, value)."""
    read_here: tuple[tuple[str, str, str], ...] = ()
    """(document type, number, name) of the persons whose document was read here."""


def carried_from(form: FormSession, number: str) -> CarriedAnswers:
    """Take what the next service may reuse from the registration's form."""
    sent = form.payload()
    values = {name: (form.schema.field(name).type, value) for name, value in sent.items()}
    read_here = tuple(
        (str(p.get("document_type", "")), str(p.get("id_number", "")), str(p.get("name", "")))
        for _, p in form.persons()
        if form.is_identified(p)
    )
    return CarriedAnswers(number, values, read_here)


def link_prefill(carried: CarriedAnswers | None) -> dict[str, str]:
    """The prefill entry that fills the permit's link field (``prefill: linked_application``)."""
    return {LINK: carried.number} if carried is not None else {}


def fill_from(form: FormSession, carried: CarriedAnswers) -> tuple[str, ...]:
    """Fill the empty fields of ``form`` that the registration answered under the same name
    and type, and the link field; the names filled. A value the new field would refuse
    (its own pattern, options or limits) is left for the citizen."""
    context = Context(
        form.today(),
        {r.code: r for r in form.regions()} or None,
        {s.code: s for s in form.scope_items} or None,
    )
    filled = []
    for spec in form.schema.fields:
        if not is_empty(form.json_value(spec.name)) or form.is_locked(spec):
            continue
        if spec.name == LINK and spec.type == "text":
            form.set_value(spec.name, carried.number)
            filled.append(spec.name)
            continue
        kind, value = carried.values.get(spec.name, ("", None))
        if kind != spec.type or is_empty(value) or check_value(spec, value, context):
            continue
        form.set_json(spec.name, value)
        filled.append(spec.name)
    for document_type, number, name in carried.read_here:
        form.mark_identified(document_type, number, name)
    return tuple(filled)
