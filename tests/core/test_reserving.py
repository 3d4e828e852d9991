"""The session's name reservation, used by a service that needs one: filled and locked, or
why not (none, expired, a name that does not fit the form)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kiosk.catalogue import Catalogue
from kiosk.forms.engine import FormSession
from kiosk.steps import registered  # noqa: F401 - every step kind registers itself
from kiosk.workflow.reserving import HeldReservation, continuations, fill_from_reservation

NOW = datetime(2026, 12, 4, 8, tzinfo=UTC)
COMPANY = "金华市婺城区恒泰科技有限公司"


def _form(catalogue: Catalogue) -> FormSession:
    schema = catalogue.service("GS-SETUP").form
    assert schema is not None
    return FormSession(schema, catalogue=catalogue, today=NOW.date)


def test_a_reserved_company_name_is_filled_and_locked(catalogue: Catalogue) -> None:
    form = _form(catalogue)
    held = HeldReservation("t1", COMPANY, NOW + timedelta(days=60))
    assert fill_from_reservation(form, held, NOW) is None
    assert form.value("company_name") == COMPANY
    form.set_value("company_name", "金华市婺城区别的科技有限公司")
    assert form.value("company_name") == COMPANY  # locked


def test_no_expired_or_unfitting_reservation_says_why_and_fills_nothing(
    catalogue: Catalogue,
) -> None:
    assert fill_from_reservation(_form(catalogue), None, NOW) == "none"
    expired = HeldReservation("t2", COMPANY, NOW - timedelta(seconds=1))
    assert fill_from_reservation(_form(catalogue), expired, NOW) == "expired"
    shop = HeldReservation("t3", "金华市婺城区丽华百货店", NOW + timedelta(days=60))
    form = _form(catalogue)
    assert fill_from_reservation(form, shop, NOW) == "mismatch"  # not a company's name
    assert form.value("company_name") == ""
    # Nor is the company offered to go on with after such a name.
    assert [s.code for s in continuations(catalogue, shop, NOW)] == []
    good = HeldReservation("t4", COMPANY, NOW + timedelta(days=60))
    assert [s.code for s in continuations(catalogue, good, NOW)] == ["GS-SETUP"]
