"""A service's list of steps, made from its catalogue data by its ``flow``.

Each flow is a function of the service (its form's pages, what it requires);
adding a flow means adding step kinds to the registry and a plan here, never a
hand-written machine per service.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.catalogue import Service
from kiosk.forms.kinds import register_flow
from kiosk.steps.kinds import StepRef

GUIDANCE = "guidance"
IDENTIFY = "identify"
FORM_PAGE = "form_page"
REVIEW = "review"
SUBMIT = "submit"
RESULT = "result"
NAME_CHECK = "name_check"
SIGN = "sign"
RESERVATION = "reservation"
PERSON = "person"
"""Not in any plan: opened from a form page holding a person or people field."""


def application_plan(service: Service) -> tuple[StepRef, ...]:
    """A form submitted to /v1/applications: the guidance, identify, the pages, review,
    submit, result."""
    steps = [StepRef(GUIDANCE), *_identify(service), *_reservation(service), *_form_pages(service)]
    steps += [StepRef(REVIEW), StepRef(SUBMIT), StepRef(RESULT)]
    return tuple(steps)


def name_check_plan(service: Service) -> tuple[StepRef, ...]:
    """Enterprise name self-declaration: who declares (if required), the name's parts,
    then the check (and reservation)."""
    return (StepRef(GUIDANCE), *_identify(service), *_form_pages(service), StepRef(NAME_CHECK))


def _identify(service: Service) -> tuple[StepRef, ...]:
    return (StepRef(IDENTIFY),) if "id_document" in service.requires else ()


def _reservation(service: Service) -> tuple[StepRef, ...]:
    return (StepRef(RESERVATION),) if "name_reservation" in service.requires else ()


def _form_pages(service: Service) -> tuple[StepRef, ...]:
    """One step per page: a page holding a signature is signed, the others filled in."""
    if service.form is None:
        return ()
    return tuple(
        StepRef(SIGN if any(f.type == "signature" for f in page.fields) else FORM_PAGE, index)
        for index, page in enumerate(service.form.pages)
    )


def page_ref(plan: tuple[StepRef, ...], page: int) -> StepRef:
    """The step that shows form page ``page`` (filled in, or signed)."""
    return next(ref for ref in plan if ref.kind in (FORM_PAGE, SIGN) and ref.page == page)


#: The flows this kiosk runs, by the catalogue's ``flow`` name.
PLANS: dict[str, Callable[[Service], tuple[StepRef, ...]]] = {
    "application": application_plan,
    "name_check": name_check_plan,
}


for _flow in PLANS:
    register_flow(_flow)  # the catalogue offers a service only for a flow with a plan


def plan_for(service: Service) -> tuple[StepRef, ...]:
    """The service's steps; KeyError for a flow this kiosk does not run."""
    return PLANS[service.flow](service)
