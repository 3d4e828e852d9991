"""A citizen who walks away with what they came for ends their session: the card lifted
off a result, a printout left in the slot. And every end forgets them the same way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from devices.status import DeviceState, DeviceStatus
from kiosk.catalogue import Catalogue
from kiosk.clock import ManualClock
from kiosk.config import KioskConfig, load_config
from kiosk.errors import ConfigError
from kiosk.steps.kinds import kind_of
from kiosk.steps.registered import KINDS
from kiosk.workflow import events as ev
from kiosk.workflow.leaving import (
    CARD_TAKEN,
    SLIP_LEFT,
    LeaveWatch,
    card_on_reader,
    citizen_done,
    slip_waiting,
)
from kiosk.workflow.states import (
    Attract,
    Complaining,
    Filling,
    Finished,
    LookingUp,
    NameChecking,
    PrintingLicence,
    SendingFeedback,
    Submitting,
    TakingTicket,
)
from offline_cache.db import Database
from tests.core.test_workflow import Desk

PRINTED = Finished("GT-SETUP", "K0001-000001", "KA1", receipt="printed")
PRINTING = Finished("GT-SETUP", "K0001-000001", "KA1", receipt="printing")
FORM = Filling("GT-SETUP", 0)


def watch(clock: ManualClock) -> LeaveWatch:
    return LeaveWatch(clock, card_taken_s=10, slip_left_s=60, slip_warning_s=20)


def test_card_lifted_off_the_result_warns_then_ends() -> None:
    clock = ManualClock()
    leaving = watch(clock)
    leaving.card_seen(True, PRINTED)
    assert leaving.reading(PRINTED).reason is None

    leaving.card_seen(False, PRINTED)
    reading = leaving.reading(PRINTED)
    assert (reading.reason, reading.remaining_s, reading.warning) == (CARD_TAKEN, 10, True)
    clock.advance(9)
    assert leaving.reading(PRINTED).remaining_s == 1
    clock.advance(1)
    assert leaving.reading(PRINTED).expired


def test_never_while_the_receipt_is_still_coming_out() -> None:
    clock = ManualClock()
    leaving = watch(clock)
    leaving.card_seen(True, PRINTING)
    leaving.card_seen(False, PRINTING)
    clock.advance(60)
    assert leaving.reading(PRINTING).reason is None
    # Out of the printer: the warning starts now, in full.
    assert leaving.reading(PRINTED).remaining_s == 10


def test_a_card_lifted_before_the_result_or_one_that_cannot_be_seen_says_nothing() -> None:
    clock = ManualClock()
    leaving = watch(clock)
    leaving.card_seen(True, FORM)
    leaving.card_seen(False, FORM)  # lifted while the form was filled in
    assert leaving.reading(FORM).reason is None
    assert leaving.reading(PRINTED).reason is None
    leaving.card_seen(True, PRINTED)
    leaving.card_seen(None, PRINTED)  # the reader unplugged: nothing known of the card
    assert leaving.reading(PRINTED).reason is None
    # Lifted while the application was being stored: it counts only from a result.
    leaving.card_seen(False, Submitting("GT-SETUP"))
    assert leaving.reading(PRINTED).reason is None


def test_not_finished_or_the_card_put_back_keeps_the_session() -> None:
    clock = ManualClock()
    leaving = watch(clock)
    leaving.card_seen(True, PRINTED)
    leaving.card_seen(False, PRINTED)
    assert leaving.reading(PRINTED).warning
    leaving.not_finished()
    clock.advance(30)
    assert leaving.reading(PRINTED).reason is None
    leaving.card_seen(False, PRINTED)  # still off: no new lift
    assert leaving.reading(PRINTED).reason is None

    leaving.card_seen(True, PRINTED)  # put back, lifted again: a new warning
    leaving.card_seen(False, PRINTED)
    assert leaving.reading(PRINTED).remaining_s == 10
    leaving.card_seen(True, PRINTED)  # put back during the warning
    assert leaving.reading(PRINTED).reason is None


def test_going_on_with_another_service_stops_the_countdown() -> None:
    clock = ManualClock()
    leaving = watch(clock)
    leaving.card_seen(True, PRINTED)
    leaving.card_seen(False, PRINTED)
    assert leaving.reading(PRINTED).warning
    assert leaving.reading(Filling("FOOD-PERMIT", 0)).reason is None  # a permit applied for
    clock.advance(30)
    assert leaving.reading(PRINTED).reason is None


def test_a_printout_left_in_the_slot_is_reminded_then_ends_the_session() -> None:
    clock = ManualClock()
    leaving = watch(clock)
    leaving.slip_seen(True)
    clock.advance(39)
    assert leaving.reading(PRINTED).reason is None
    clock.advance(1)
    reading = leaving.reading(PRINTED)
    assert (reading.reason, reading.remaining_s) == (SLIP_LEFT, 20)
    leaving.not_finished()  # counted again from now
    assert leaving.reading(PRINTED).reason is None
    clock.advance(40)
    assert leaving.reading(PRINTED).warning
    clock.advance(20)
    assert leaving.reading(PRINTED).expired


def test_a_printout_taken_or_one_no_printer_can_see_ends_nothing() -> None:
    clock = ManualClock()
    leaving = watch(clock)
    leaving.slip_seen(True)
    clock.advance(50)
    leaving.slip_seen(False)  # taken
    clock.advance(60)
    assert leaving.reading(PRINTED).reason is None
    leaving.slip_seen(None)  # printers that cannot tell (CUPS, plain ESC/POS)
    clock.advance(600)
    assert leaving.reading(PRINTED).reason is None


def test_the_last_citizens_printout_is_not_the_next_ones() -> None:
    clock = ManualClock()
    leaving = watch(clock)
    leaving.slip_seen(True)
    leaving.new_session()  # the slip was left by the one before
    leaving.slip_seen(True)
    clock.advance(600)
    assert leaving.reading(PRINTED).reason is None
    leaving.slip_seen(False)  # taken; this citizen's own then comes out
    leaving.slip_seen(True)
    assert leaving.reading(PRINTED).reason is None  # read every second by the window
    clock.advance(60)
    assert leaving.reading(PRINTED).expired


def test_a_printout_counted_before_the_result_is_still_warned_in_full() -> None:
    clock = ManualClock()
    leaving = watch(clock)
    leaving.slip_seen(True)  # a guidance checklist, on the first step
    clock.advance(300)
    assert leaving.reading(FORM).reason is None
    assert leaving.reading(PRINTED).remaining_s == 20


def test_the_sooner_end_is_the_one_said() -> None:
    clock = ManualClock()
    leaving = watch(clock)
    leaving.card_seen(True, PRINTED)
    leaving.slip_seen(True)
    assert leaving.reading(PRINTED).reason is None
    clock.advance(45)
    assert leaving.reading(PRINTED).reason == SLIP_LEFT  # 15 s left
    leaving.card_seen(False, PRINTED)
    reading = leaving.reading(PRINTED)
    assert (reading.reason, reading.remaining_s) == (CARD_TAKEN, 10)  # before the slip's 15
    leaving.card_seen(True, PRINTED)  # put back: the slip's end is the next
    reading = leaving.reading(PRINTED)
    assert (reading.reason, reading.remaining_s) == (SLIP_LEFT, 15)


# -- the step registry says where the citizen is done ----------------------------------
DONE = [
    PRINTED,
    Finished("GT-SETUP", "K1", None, receipt="failed"),
    NameChecking("NAME-DECL", outcome=object()),
    LookingUp("STATUS-LOOKUP", "KA1", answer=object()),
    PrintingLicence("LICENCE-PRINT", phase="printed"),
    PrintingLicence("LICENCE-PRINT", phase="refused"),
    TakingTicket("QUEUE-TICKET", phase="printed"),
    Complaining("GT-SETUP", phase="printed"),
    SendingFeedback("FEEDBACK", stored=True),
]
NOT_YET = [
    PRINTING,
    Finished("GT-SETUP", "K1", None, receipt="printed", handoff="printing"),
    NameChecking("NAME-DECL"),
    LookingUp("STATUS-LOOKUP", "KA1"),
    PrintingLicence("LICENCE-PRINT", phase="printing"),
    TakingTicket("QUEUE-TICKET", phase="issuing"),
    Complaining("GT-SETUP", phase="typing"),
    SendingFeedback("FEEDBACK"),
]


@pytest.mark.parametrize("state", DONE, ids=lambda s: type(s).__name__)
def test_each_result_says_when_the_citizen_has_everything(state: object) -> None:
    assert citizen_done(state) is True


@pytest.mark.parametrize("state", NOT_YET, ids=lambda s: type(s).__name__)
def test_nothing_ends_while_something_is_still_coming(state: object) -> None:
    assert citizen_done(state) is False


def test_only_the_steps_that_end_a_service_say_it() -> None:
    ending = {kind.name for kind in KINDS if kind.citizen_done is not None}
    assert ending == {
        "result",
        "name_check",
        "lookup_result",
        "licence_print",
        "queue_ticket",
        "complaint",
        "feedback_sent",
    }
    assert citizen_done(FORM) is None
    assert citizen_done(Attract()) is None
    assert kind_of(Submitting("GT-SETUP")) is not None
    assert citizen_done(Submitting("GT-SETUP")) is None  # never while being stored


def test_what_the_devices_say() -> None:
    online = DeviceState.ONLINE
    assert card_on_reader(DeviceStatus(online, media="present")) is True
    assert card_on_reader(DeviceStatus(online, media="notPresent")) is False
    assert card_on_reader(DeviceStatus(DeviceState.NO_DEVICE)) is None
    assert card_on_reader(None) is None
    reader = DeviceStatus(online, media="present")
    assert slip_waiting([reader, DeviceStatus(online, presented=True)]) is True
    assert slip_waiting([reader, DeviceStatus(online, presented=False)]) is False
    assert slip_waiting([reader, DeviceStatus(online)]) is None


# -- every end goes through the same wipe ------------------------------------------------
def _idle(desk: Desk) -> None:
    desk.clock.advance(60)
    desk.workflow.check_idle()


def _card_lifted(desk: Desk) -> None:
    desk.workflow.card_seen(True)
    desk.reader.remove()
    desk.workflow.card_seen(False)
    desk.workflow.check_leaving()
    desk.clock.advance(desk.workflow.delays.card_taken_s)
    desk.workflow.check_leaving()


def _slip_left(desk: Desk) -> None:
    assert desk.printer.status().presented  # the receipt waits in the slot
    desk.workflow.slip_seen(desk.printer.status().presented)
    desk.workflow.check_leaving()  # the window asks every second
    desk.clock.advance(desk.workflow.delays.slip_left_s)
    desk.workflow.check_leaving()


ENDS: dict[str, Callable[[Desk], None]] = {
    "idle timeout": _idle,
    "start over": lambda desk: desk.workflow.dispatch(ev.Cancelled()),
    "done": lambda desk: desk.workflow.dispatch(ev.DonePressed()),
    "card lifted": _card_lifted,
    "slip left": _slip_left,
}


@pytest.mark.parametrize("end", ENDS.values(), ids=ENDS.keys())
def test_every_end_forgets_the_citizen_the_same_way(
    end: Callable[[Desk], None], tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = Desk(tmp_path, db, catalogue)
    forgotten: list[object] = []
    desk.workflow.on_forget(lambda: forgotten.append(desk.workflow.state))
    desk.fill_and_submit()
    assert isinstance(desk.workflow.state, Finished)
    assert desk.workflow.document is not None

    end(desk)

    assert isinstance(desk.workflow.state, Attract)
    assert desk.workflow.document is None
    assert desk.workflow.form is None
    assert len(forgotten) == 1  # once, before the attract screen is drawn


def test_a_new_session_counts_nothing_of_the_last(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = Desk(tmp_path, db, catalogue)
    desk.fill_and_submit()
    desk.workflow.slip_seen(True)
    desk.workflow.dispatch(ev.DonePressed())
    desk.workflow.dispatch(ev.Started())
    desk.workflow.slip_seen(True)  # still the last citizen's receipt
    desk.clock.advance(600)
    assert desk.workflow.check_leaving().reason is None


def test_the_limits_are_configured_under_session(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[session]\ncard_taken_s = 15\nslip_left_s = 45\n", encoding="utf-8")
    config = load_config(path)
    assert (config.card_taken_s, config.slip_left_s) == (15.0, 45.0)
    assert (KioskConfig().card_taken_s, KioskConfig().slip_left_s) == (10.0, 60.0)

    path.write_text("[session]\nslip_left_s = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="session.slip_left_s must be more than 0"):
        load_config(path)
