"""Applications that go together (证照联办): a permit application names the registration
it follows, in the form field the registry names (``link_field``, e.g.
``linked_application``).

The central checks the link where it can: a number in its own format
(``KA<YYYYMMDD>-<NNNNNN>``) must be an application it received, from the same
applicant. Anything else is taken as a kiosk's provisional reference for a
registration still on its way (the central never saw it: kiosks send
``kiosk_reference`` but it is not stored) and kept as written for the operators.
"""

import re
from typing import Any

from central.database import Connection
from central.problems import FieldError
from central.text import escaped

APPLICATION_NO = re.compile(r"^KA\d{8}-\d{6}$")


def link_error(
    connection: Connection, form: dict[str, Any], rules: dict[str, Any], id_number: str
) -> FieldError | None:
    """Why the form's link to another application is not acceptable; None when it is (or
    the service links to nothing, or the form names no application)."""
    field = rules.get("link_field")
    if not isinstance(field, str) or not isinstance(form.get(field), str):
        return None
    linked = str(form[field])
    if APPLICATION_NO.fullmatch(linked) is None:
        return None
    row = connection.execute(
        "SELECT applicant_id_number FROM applications WHERE application_no = ?", (linked,)
    ).fetchone()
    # An unknown number and another applicant's get the same answer: numbers cannot be probed.
    if row is None or row["applicant_id_number"] != id_number.upper():
        return FieldError(
            f"form.{field}",
            "unknown",
            "No application of this applicant has this number; check the number on the receipt.",
        )
    return None


def linked_application(form: dict[str, Any], rules: dict[str, Any]) -> str | None:
    """The application the form says it goes with, if the service has a link field."""
    field = rules.get("link_field")
    value = form.get(field) if isinstance(field, str) else None
    return value if isinstance(value, str) else None


def operator_notes(form: dict[str, Any], rules: dict[str, Any]) -> str:
    """What the operators' listing adds to an application's line: how the licence is to be
    delivered (the registry's ``delivery_field``; ``post`` with the district) and the
    application it goes with."""
    notes = ""
    field = rules.get("delivery_field")
    delivery = form.get(field) if isinstance(field, str) else None
    if isinstance(delivery, str):
        notes += f"  licence: {escaped(delivery)}"
        region = form.get("delivery_region")
        if delivery == "post" and isinstance(region, str):
            notes += f" to {escaped(region)}"
    linked = linked_application(form, rules)
    if linked is not None:
        notes += f"  goes with {escaped(linked)}"
    return notes
