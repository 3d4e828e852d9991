"""The session's name reservation: kept from the name check, used by the service that
needs it, and which services can go on with it.

A name reserved in this session (the central's token and the full name) fills
the ``from_reservation`` field of a service that ``requires`` a
``name_reservation``, and goes with its application. It is the citizen's for
this session only: wiped with the session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.catalogue import Catalogue, Service
from kiosk.forms.engine import FormSession
from kiosk.names.declaration import Checked
from kiosk.steps.interpreter import can_run


@dataclass(frozen=True, slots=True)
class HeldReservation:
    token: str
    full_name: str
    expires_at: datetime


def reservation_from(outcome: object) -> HeldReservation | None:
    """The reservation a name check's outcome made, if it made one."""
    if isinstance(outcome, Checked) and outcome.reserved:
        made = outcome.result.reservation
        assert made is not None
        return HeldReservation(made.token, outcome.full_name, made.expires_at)
    return None


def fill_from_reservation(
    form: FormSession, held: HeldReservation | None, now: datetime
) -> str | None:
    """Fill the form's reserved-name fields; None when done, else why not ("none",
    "expired", "mismatch": the name does not fit the field, e.g. a shop's name for a
    company)."""
    if held is None:
        return "none"
    if held.expires_at <= now:
        return "expired"
    for spec in form.reserved_fields():
        if form.fill_reserved(spec.name, held.full_name):
            return "mismatch"
    return None


def continuations(
    catalogue: Catalogue | None, held: HeldReservation | None, now: datetime
) -> tuple[Service, ...]:
    """The services a citizen holding ``held`` can go on with now (set up the company)."""
    if catalogue is None or held is None:
        return ()
    found = []
    for service in catalogue.offered:
        if "name_reservation" not in service.requires or service.form is None:
            continue
        if not can_run(service):
            continue
        trial = FormSession(service.form, catalogue=catalogue, today=now.date)
        if fill_from_reservation(trial, held, now) is None:
            found.append(service)
        trial.clear()
    return tuple(found)


def name_declaration_service(catalogue: Catalogue | None) -> Service | None:
    """The catalogue's name declaration (flow ``name_check``) the kiosk offers, if any."""
    if catalogue is None:
        return None
    return next((s for s in catalogue.offered if s.flow == "name_check"), None)
