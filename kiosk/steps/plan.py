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
FEEDBACK_SENT = "feedback_sent"
LOOKUP_ENTRY = "lookup_entry"
LOOKUP_RESULT = "lookup_result"
LICENCE_PRINT = "licence_print"
QUEUE_CHOICE = "queue_choice"
QUEUE_TICKET = "queue_ticket"
COMPLAINT = "complaint"
"""Not in any plan: opened from a service's result (跑一次没办成)."""

TYPED_IDENTITY = frozenset({LOOKUP_ENTRY})
"""Kinds that, right after the identify step, take an identity number typed by a
citizen who has no document with them (identify then offers to type it)."""


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


def lookup_plan(service: Service) -> tuple[StepRef, ...]:
    """Status lookup: the guidance, the document (if required; or the identity number
    typed), the application's number, then its status and what to do next."""
    return (StepRef(GUIDANCE), *_identify(service), StepRef(LOOKUP_ENTRY), StepRef(LOOKUP_RESULT))


def licence_print_plan(service: Service) -> tuple[StepRef, ...]:
    """Licence printing: the guidance, who prints (if required), the numbers (the form's
    pages), then the print itself, once."""
    return (
        StepRef(GUIDANCE),
        *_identify(service),
        *_form_pages(service),
        StepRef(LICENCE_PRINT),
    )


def feedback_plan(service: Service) -> tuple[StepRef, ...]:
    """A rating (好差评): the catalogue's page(s), then it is queued and thanked for.

    No guidance step: a rating asks for no materials and promises nothing, and its
    page says all there is to do; a page before it would only cost a touch at the
    end of a visit. Nor an identify step: a rating names nobody.
    """
    return (*_form_pages(service), StepRef(FEEDBACK_SENT))


def queue_ticket_plan(service: Service) -> tuple[StepRef, ...]:
    """A queue ticket: the guidance, what the citizen needs (the catalogue's page: the
    business type), which ticket (ordinary, priority, an appointment), then the ticket."""
    return (
        StepRef(GUIDANCE),
        *_form_pages(service),
        StepRef(QUEUE_CHOICE),
        StepRef(QUEUE_TICKET),
    )


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
    "feedback": feedback_plan,
    "lookup": lookup_plan,
    "licence_print": licence_print_plan,
    "queue_ticket": queue_ticket_plan,
}


for _flow in PLANS:
    register_flow(_flow)  # the catalogue offers a service only for a flow with a plan


def plan_for(service: Service) -> tuple[StepRef, ...]:
    """The service's steps; KeyError for a flow this kiosk does not run."""
    return PLANS[service.flow](service)
