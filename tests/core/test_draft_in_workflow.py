"""A citizen steps away mid-form and comes back with the same card: the answers wait,
sealed on disk; submitting (or "delete my answers") drops them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from kiosk.catalogue import Catalogue
from kiosk.clock import ManualClock
from kiosk.drafts import DraftDesk
from kiosk.keys import open_data_key
from kiosk.workflow import events as ev
from kiosk.workflow.states import Attract, Filling, Finished
from offline_cache.db import Database
from tests.core.test_workflow import Desk, S


def desk_with_drafts(tmp_path: Path, db: Database, catalogue: Catalogue) -> tuple[Desk, DraftDesk]:
    made: list[DraftDesk] = []

    def drafts(clock: ManualClock) -> DraftDesk:
        made.append(DraftDesk.open(db, open_data_key(tmp_path / "data"), clock))
        return made[0]

    desk = Desk(tmp_path, db, catalogue, drafts=drafts)
    return desk, made[0]


def step_away(desk: Desk) -> None:
    wf = desk.workflow
    wf.set_value("mobile", "13800138000")
    wf.dispatch(ev.NextPressed())  # page 1 done: kept
    wf.set_value("trade_name", "金华市婺城区丽华百货店")
    desk.clock.advance(200)
    wf.dispatch(ev.TimedOut())  # walked away: kept again, then wiped from the screen
    assert wf.state == Attract()
    assert wf.form is None
    desk.reader.remove()  # and took the card


def test_citizen_who_stepped_away_finds_their_answers_with_the_same_card(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk, drafts = desk_with_drafts(tmp_path, db, catalogue)
    desk.begin()
    step_away(desk)

    desk.clock.advance(timedelta(hours=3).total_seconds())
    desk.begin()  # the same card, three hours later
    wf = desk.workflow
    assert wf.state == Filling(S, 0)
    assert wf.form is not None
    assert wf.form.value("mobile") == "13800138000"
    assert wf.form.value("trade_name") == "金华市婺城区丽华百货店"
    assert wf.form.value("operator_name") == "王丽华"  # from the card, read afresh
    assert wf.resumed_at is not None

    wf.dispatch(ev.NextPressed())
    wf.set_value("business_scope", "日用百货销售")
    wf.dispatch(ev.NextPressed())
    wf.dispatch(ev.SubmitPressed())
    assert isinstance(wf.state, Finished)
    service = catalogue.service(S)
    assert drafts.resume(service, "330702196205050824") is None  # submitted: gone


def test_start_over_deletes_the_kept_answers(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk, drafts = desk_with_drafts(tmp_path, db, catalogue)
    desk.begin()
    desk.workflow.set_value("mobile", "13800138000")
    desk.workflow.dispatch(ev.NextPressed())
    assert drafts.resume(catalogue.service(S), "330702196205050824") is not None
    desk.workflow.dispatch(ev.Cancelled())  # "yes, delete my answers"
    assert drafts.resume(catalogue.service(S), "330702196205050824") is None


def test_a_draft_waits_only_as_long_as_the_service_allows(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk, _ = desk_with_drafts(tmp_path, db, catalogue)
    desk.begin()
    step_away(desk)
    desk.clock.advance(timedelta(days=8).total_seconds())  # the default limit is 7 days
    desk.begin()
    wf = desk.workflow
    assert wf.form is not None
    assert wf.form.value("mobile") == ""
    assert wf.resumed_at is None
