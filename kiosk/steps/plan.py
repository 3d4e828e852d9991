"""A service's list of steps, made from its catalogue data by its ``flow``.

Each flow is a function of the service (its form's pages, what it requires);
adding a flow means adding step kinds to the registry and a plan here, never a
hand-written machine per service.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.catalogue import Service
from kiosk.steps.kinds import StepRef

IDENTIFY = "identify"
FORM_PAGE = "form_page"
REVIEW = "review"
SUBMIT = "submit"
RESULT = "result"


def application_plan(service: Service) -> tuple[StepRef, ...]:
    """A form submitted to /v1/applications: identify, the pages, review, submit, result."""
    steps: list[StepRef] = []
    if "id_document" in service.requires:
        steps.append(StepRef(IDENTIFY))
    pages = len(service.form.pages) if service.form is not None else 0
    steps += [StepRef(FORM_PAGE, page) for page in range(pages)]
    steps += [StepRef(REVIEW), StepRef(SUBMIT), StepRef(RESULT)]
    return tuple(steps)


#: The flows this kiosk runs, by the catalogue's ``flow`` name.
PLANS: dict[str, Callable[[Service], tuple[StepRef, ...]]] = {
    "application": application_plan,
}


def plan_for(service: Service) -> tuple[StepRef, ...]:
    """The service's steps; KeyError for a flow this kiosk does not run."""
    return PLANS[service.flow](service)
