"""A citizen rates the service at its end (好差评, issue 11 point 7), without Qt.

The rules: "rate this service" from the end of a service goes on to the catalogue's
feedback service; its page asks for the rating, tags and a comment the catalogue
requires for the two lowest levels; "send" queues it and thanks the citizen. Then
the same on real parts (SQLite outbox, the sync engine, simulated devices).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.catalogue import Catalogue, parse_catalogue
from kiosk.feedback import RatingFor, RatingNotReadable, feedback_service, rating_body
from kiosk.forms.engine import FormSession
from kiosk.names.declaration import CannotReserveNow
from kiosk.steps.interpreter import first_step
from kiosk.steps.plan import FEEDBACK_SENT, FORM_PAGE, plan_for
from kiosk.workflow import events as ev
from kiosk.workflow.states import (
    Attract,
    Filling,
    Finished,
    NameChecking,
    ReadingGuidance,
    SendingFeedback,
    ServiceMenu,
)
from kiosk.workflow.transitions import next_state
from offline_cache.db import Database
from tests.conftest import state_now
from tests.core.test_workflow import Desk

FB = "FEEDBACK"
S = "GT-SETUP"


def feedback_form(catalogue: Catalogue) -> FormSession:
    schema = catalogue.service(FB).form
    assert schema is not None
    return FormSession(schema, catalogue=catalogue)


def test_the_rating_is_a_plan_of_its_page_then_the_thanks(catalogue: Catalogue) -> None:
    service = catalogue.service(FB)
    assert service.offered_on_kiosk  # the menu offers it: it has a plan now
    assert feedback_service(catalogue) == service
    # No guidance (nothing to bring, nothing promised) and no identity: a rating names nobody.
    assert [ref.kind for ref in plan_for(service)] == [FORM_PAGE, FEEDBACK_SENT]
    assert first_step(service) == Filling(FB, 0)


@pytest.mark.parametrize(
    ("state", "event", "expected"),
    [
        # "Rate this service" at the end of a service, once the receipt is out of the way.
        (Finished(S, "K1", "GT001", "printed"), ev.RateRequested(FB), Filling(FB, 0)),
        (Finished(S, "K1", None, "failed"), ev.RateRequested(FB), Filling(FB, 0)),
        (Finished(S, "K1", "GT001", "printing"), ev.RateRequested(FB), None),
        # The name check's answer is an end too; while it is being checked, it is not.
        (
            NameChecking("NAME-DECL", CannotReserveNow("x", "offline")),
            ev.RateRequested(FB),
            Filling(FB, 0),
        ),
        (NameChecking("NAME-DECL"), ev.RateRequested(FB), None),
        # Only the catalogue's feedback service, and never from the middle of a service.
        (Finished(S, "K1", "GT001", "printed"), ev.RateRequested(S), None),
        (Finished(S, "K1", "GT001", "printed"), ev.RateRequested("NO-SUCH"), None),
        (Filling(S, 0), ev.RateRequested(FB), None),
        (ReadingGuidance(S), ev.RateRequested(FB), None),
        (SendingFeedback(FB, stored=True), ev.RateRequested(FB), None),
        # Chosen from the menu: straight to the rating.
        (ServiceMenu(), ev.ServiceChosen(FB), Filling(FB, 0)),
        # Queued, then thanked; or what to do when it could not be stored.
        (SendingFeedback(FB), ev.FeedbackStored(), SendingFeedback(FB, stored=True)),
        (
            SendingFeedback(FB),
            ev.FeedbackNotStored("storage_full"),
            SendingFeedback(FB, stored=False, problem="storage_full"),
        ),
        (SendingFeedback(FB, stored=False, problem="x"), ev.TryAgainPressed(), SendingFeedback(FB)),
        (SendingFeedback(FB, stored=False, problem="x"), ev.BackPressed(), Filling(FB, 0)),
        (SendingFeedback(FB, stored=True), ev.DonePressed(), Attract()),
        (SendingFeedback(FB), ev.DonePressed(), None),  # not before it is stored
        (SendingFeedback(FB, stored=True), ev.TryAgainPressed(), None),
        (Filling(FB, 0), ev.BackPressed(), ServiceMenu()),
        (Filling(FB, 0), ev.TimedOut(), Attract()),
    ],
)
def test_rating_rules(state, event, expected, catalogue: Catalogue) -> None:  # type: ignore[no-untyped-def]
    form = feedback_form(catalogue) if isinstance(state, Filling) else None
    assert next_state(state, event, catalogue, form) == (state if expected is None else expected)


def test_send_goes_on_only_with_a_rating(catalogue: Catalogue) -> None:
    form = feedback_form(catalogue)
    blank = next_state(Filling(FB, 0), ev.NextPressed(), catalogue, form)
    assert isinstance(blank, Filling)
    assert [(p.field, p.code) for p in blank.problems] == [("rating", "required")]
    form.set_json("rating", "4")  # what the button gives
    assert next_state(Filling(FB, 0), ev.NextPressed(), catalogue, form) == SendingFeedback(FB)


@pytest.mark.parametrize(
    ("rating", "comment_required"), [(1, True), (2, True), (3, False), (4, False), (5, False)]
)
def test_a_comment_is_required_for_the_two_lowest_ratings_as_the_catalogue_says(
    catalogue: Catalogue, rating: int, comment_required: bool
) -> None:
    form = feedback_form(catalogue)
    form.set_json("rating", str(rating))
    problems = [(p.field, p.code) for p in form.page_problems(0)]
    assert (("comment", "required") in problems) is comment_required
    form.set_value("comment", "窗口排队时间太长")
    assert form.page_problems(0) == ()


def test_the_comment_rule_comes_from_the_catalogue_not_from_the_kiosk(
    catalogue_data: dict[str, Any],
) -> None:
    data = copy.deepcopy(catalogue_data)
    [service] = [s for s in data["services"] if s["code"] == FB]
    [comment] = [
        f for f in service["form"]["pages"][0]["sections"][0]["fields"] if f["name"] == "comment"
    ]
    comment["required_if"] = {"field": "rating", "in": [1, 2, 3]}  # a stricter province
    form = feedback_form(parse_catalogue(data))
    form.set_json("rating", "3")
    assert ("comment", "required") in [(p.field, p.code) for p in form.page_problems(0)]


def test_the_rating_sent_is_the_catalogue_level_with_its_tags_and_comment(
    catalogue: Catalogue,
) -> None:
    form = feedback_form(catalogue)
    form.set_json("rating", "2")
    form.set_json("tags", ["slow", "unclear_guidance"])
    form.set_value("comment", "等了四十分钟")
    about = RatingFor(S, "KA20261122-000001", "K0001-000001")
    assert rating_body(form, about, FB) == {
        "application_no": "KA20261122-000001",
        "service": S,
        "rating": 2,
        "tags": ["slow", "unclear_guidance"],
        "comment": "等了四十分钟",
    }
    # From the menu: the visit itself, no case; no tags and no comment are sent empty.
    plain = feedback_form(catalogue)
    plain.set_json("rating", "5")
    assert rating_body(plain, None, FB) == {
        "application_no": None,
        "service": FB,
        "rating": 5,
        "tags": [],
        "comment": "",
    }


def test_a_rating_that_is_not_a_level_is_refused(catalogue_data: dict[str, Any]) -> None:
    data = copy.deepcopy(catalogue_data)
    [service] = [s for s in data["services"] if s["code"] == FB]
    rating = service["form"]["pages"][0]["sections"][0]["fields"][0]
    rating["options"] = [{"value": "good", "label": {"zh": "好", "en": "Good"}}]
    form = feedback_form(parse_catalogue(data))
    form.set_json("rating", "good")
    with pytest.raises(RatingNotReadable):
        rating_body(form, None, FB)


def rate_with(desk: Desk, rating: str, comment: str = "") -> None:
    wf = desk.workflow
    wf.set_json("rating", rating)
    if comment:
        wf.set_value("comment", comment)
    wf.dispatch(ev.NextPressed())


def test_citizen_rates_the_application_once_its_receipt_is_out_and_it_is_queued(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = Desk(tmp_path, db, catalogue)  # offline: the central is not reachable
    wf = desk.workflow
    desk.fill_and_submit()
    finished = wf.state
    assert isinstance(finished, Finished)
    assert finished.receipt == "printed"
    assert wf.can_rate()

    wf.rate_service()
    assert wf.state == Filling(FB, 0)
    assert wf.rating_for == RatingFor(S, None, finished.reference)  # tied to the case
    # The rating names nobody: the citizen's document and answers are gone.
    assert wf.document is None
    assert wf.form is not None
    assert set(wf.form.values()) == {"rating", "tags", "comment"}

    rate_with(desk, "1")  # very dissatisfied, and no reason given
    state = wf.state
    assert isinstance(state, Filling)
    assert [(p.field, p.code) for p in state.problems] == [("comment", "required")]
    rate_with(desk, "1", "打印机没有纸")
    assert state_now(wf) == SendingFeedback(FB, stored=True)
    assert not wf.can_rate()

    rows = [i for i in desk.outbox.items() if i.endpoint == "/v1/feedback"]
    assert [row.body for row in rows] == [
        {
            "application_no": None,  # the application was queued: the central gave no number yet
            "service": S,
            "rating": 1,
            "tags": [],
            "comment": "打印机没有纸",
        }
    ]
    [rating] = rows
    assert len(rating.idempotency_key) == 36  # its own key, made when it was queued
    assert rating.reference is None  # nobody reads a rating out: no provisional reference

    # The look-ups and receipts never mistake it for an application.
    assert desk.outbox.find(rating.idempotency_key, endpoint="/v1/applications") is None
    wf.dispatch(ev.DonePressed())
    assert state_now(wf) == Attract()
    assert wf.rating_for is None


def test_a_rating_is_asked_once_per_visit_and_again_for_the_next_citizen(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = Desk(tmp_path, db, catalogue)
    wf = desk.workflow
    desk.fill_and_submit()
    wf.rate_service()
    rate_with(desk, "5")
    assert wf.state == SendingFeedback(FB, stored=True)
    wf.dispatch(ev.DonePressed())

    desk.reader.remove()  # the first citizen took their card back
    desk.fill_and_submit()  # the next citizen
    assert isinstance(wf.state, Finished)
    assert wf.can_rate()


def test_backing_out_of_the_rating_keeps_the_offer_for_the_rest_of_the_visit(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = Desk(tmp_path, db, catalogue)
    wf = desk.workflow
    desk.fill_and_submit()
    wf.rate_service()
    wf.dispatch(ev.BackPressed())
    assert wf.state == ServiceMenu()
    assert wf.rating_for is None  # what was rated went with the service
    assert [i for i in desk.outbox.items() if i.endpoint == "/v1/feedback"] == []


def test_a_rating_that_cannot_be_stored_is_said_and_can_be_tried_again(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = Desk(tmp_path, db, catalogue)
    wf = desk.workflow
    desk.fill_and_submit()
    wf.rate_service()
    db.connection.execute("PRAGMA query_only = ON")  # the disk refuses writes
    try:
        rate_with(desk, "4")
        assert wf.state == SendingFeedback(FB, stored=False, problem="storage_failed")
        assert wf.can_rate() is False  # on the rating itself
    finally:
        db.connection.execute("PRAGMA query_only = OFF")
    wf.dispatch(ev.TryAgainPressed())
    assert wf.state == SendingFeedback(FB, stored=True)


def test_without_a_feedback_service_in_the_catalogue_nothing_is_offered(
    tmp_path: Path, db: Database, catalogue_data: dict[str, Any]
) -> None:
    data = copy.deepcopy(catalogue_data)
    data["services"] = [s for s in data["services"] if s["code"] != FB]
    desk = Desk(tmp_path, db, parse_catalogue(data))
    desk.fill_and_submit()
    assert isinstance(desk.workflow.state, Finished)
    assert not desk.workflow.can_rate()
    desk.workflow.rate_service()  # a stale button: nothing happens
    assert isinstance(desk.workflow.state, Finished)
    assert desk.workflow.document is not None


def test_feedback_rows_keep_their_json_shape_in_the_outbox(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = Desk(tmp_path, db, catalogue)
    desk.workflow.dispatch(ev.Started())
    desk.workflow.dispatch(ev.ServiceChosen(FB))
    assert desk.workflow.state == Filling(FB, 0)
    rate_with(desk, "3")
    [row] = desk.outbox.items()
    assert json.loads(json.dumps(row.body)) == {
        "application_no": None,
        "service": FB,
        "rating": 3,
        "tags": [],
        "comment": "",
    }
