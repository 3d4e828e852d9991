"""Rating a visit (好差评): which service takes ratings, and the request one becomes.

The catalogue's service whose ``flow`` is ``feedback`` asks for the rating on its
form (registration.md §8: five levels, 非常满意 to 非常不满意, tags, a comment,
which the catalogue requires for the two lowest through ``required_if``). The
kiosk offers it at the end of every service, once per visit, tied to that
service and its case number (`RatingFor`); chosen from the menu, it rates the
visit as a whole (the feedback service itself, no case number).

`rating_body` makes ``POST /v1/feedback``'s body from the form
(central-api.md, "Feedback"): the rating is the catalogue option's own value
(1 to 5), never the button's text. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.catalogue import Catalogue, Field, Service
from kiosk.forms.engine import FormSession

FEEDBACK_FLOW = "feedback"
RATING, TAGS, COMMENT = "rating", "tags", "comment"
"""The form's field names, as the interface names the body's members."""


class RatingNotReadable(ValueError):
    """The form's rating is not one of the five levels (a catalogue the kiosk cannot use)."""


@dataclass(frozen=True, slots=True)
class RatingFor:
    """What a rating is about: the service just done and, once known, its case number.

    ``reference`` is the kiosk's provisional reference of a submission still queued
    (the central has not given its number yet): kept for the log and the screen,
    never sent, since the interface's ``application_no`` takes the central's number
    only.
    """

    service: str
    application_no: str | None = None
    reference: str | None = None


def feedback_service(catalogue: Catalogue | None) -> Service | None:
    """The catalogue's service that takes ratings on this kiosk, if it offers one."""
    for service in catalogue.offered if catalogue is not None else ():
        if service.flow == FEEDBACK_FLOW:
            return service
    return None


def rating_body(form: FormSession, about: RatingFor | None, own_service: str) -> dict[str, Any]:
    """``POST /v1/feedback``'s body from the filled form.

    ``about`` is what is rated (None: the visit, from the menu, named by the
    feedback service ``own_service``). Raises RatingNotReadable when the rating
    is not a level from 1 to 5.
    """
    values = form.payload()
    rating = _level(form, values.get(RATING))
    tags = values.get(TAGS) or []
    comment = values.get(COMMENT) or ""
    return {
        "application_no": about.application_no if about is not None else None,
        "service": about.service if about is not None else own_service,
        "rating": rating,
        "tags": [str(tag) for tag in tags] if isinstance(tags, list) else [str(tags)],
        "comment": str(comment),
    }


def _level(form: FormSession, chosen: object) -> int:
    """The chosen option's catalogue value as a level 1..5 (a button gives its text)."""
    try:
        spec: Field = form.schema.field(RATING)
    except KeyError as exc:
        raise RatingNotReadable("the feedback form has no rating field") from exc
    value = next((o.value for o in spec.options if str(o.value) == str(chosen)), chosen)
    level: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        level = value
    elif isinstance(value, float) and value.is_integer():
        level = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        level = int(value.strip())
    if level is None or not 1 <= level <= 5:
        raise RatingNotReadable(f"the rating {value!r} is not a level from 1 to 5")
    return level
