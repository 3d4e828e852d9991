"""Imports every step kind of this release, so that each registers itself once."""

from kiosk.steps import (
    form_page,
    guidance,
    identify,
    name_check,
    person,
    reservation,
    result,
    review,
    sign,
    submit,
)

KINDS = (
    guidance.KIND,
    identify.KIND,
    form_page.KIND,
    sign.KIND,
    review.KIND,
    submit.KIND,
    result.KIND,
    name_check.KIND,
    person.KIND,
    reservation.KIND,
)
