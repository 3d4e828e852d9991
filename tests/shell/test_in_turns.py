"""A long page is made a turn of the event loop at a time (`screens.in_turns`)."""

from __future__ import annotations

import time
from functools import partial

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from screens.in_turns import BUILD_BUDGET_S, InTurns


def slow_step(made: list[int], n: int) -> None:
    time.sleep(BUILD_BUDGET_S / 2)
    made.append(n)


def test_a_long_page_is_made_over_several_turns_in_order(qtbot: QtBot) -> None:
    made: list[int] = []
    turns_ended: list[int] = []
    turns = InTurns(after_turn=lambda: turns_ended.append(len(made)))

    turns.start(partial(slow_step, made, n) for n in range(10))

    assert 0 < len(made) < 10  # the first turn stopped at its budget
    assert not turns.done
    qtbot.waitUntil(lambda: turns.done)
    assert made == list(range(10))
    assert len(turns_ended) > 1
    assert turns_ended[-1] == 10


def test_asking_for_what_is_not_made_yet_makes_the_rest_at_once() -> None:
    made: list[int] = []
    turns = InTurns()
    turns.start(partial(slow_step, made, n) for n in range(10))

    turns.finish()

    assert turns.done
    assert made == list(range(10))


def test_a_page_drawn_anew_or_cleared_gets_nothing_of_the_last_one(qtbot: QtBot) -> None:
    made: list[int] = []
    turns = InTurns()
    turns.start(partial(slow_step, made, n) for n in range(10))
    turns.start([lambda: made.append(-1)])  # -1: the new page's one step
    turns.stop()
    turns.start([])
    qtbot.wait(50)  # the first run's next turn, had it been kept

    assert turns.done
    assert made[-1] == -1
    assert len(made) < 10  # the first run's rest was dropped


def test_a_due_timer_runs_between_every_two_turns(qtbot: QtBot) -> None:
    # A frame or a tap's feedback waits one turn of building, never two.
    ticks = [0]
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(1)
    ticker.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    seen: list[int] = []

    def step() -> None:
        seen.append(ticks[0])
        time.sleep(BUILD_BUDGET_S)  # a turn of one step, longer than the timer's interval

    ticker.start()
    turns = InTurns()
    turns.start(step for _ in range(8))
    qtbot.waitUntil(lambda: turns.done)
    ticker.stop()

    assert all(later > earlier for earlier, later in zip(seen[1:], seen[2:], strict=False))


def test_a_widget_deleted_half_made_gets_no_more_turns(qtbot: QtBot) -> None:
    made: list[int] = []
    page = QWidget()
    turns = InTurns(parent=page)
    turns.start(partial(slow_step, made, n) for n in range(10))
    page.deleteLater()  # the session ended while the page was being made
    qtbot.wait(50)

    assert len(made) < 10
