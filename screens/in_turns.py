"""Building a long page a turn of the event loop at a time, so that it never stalls.

A form page's editors take 2-8 ms each, a review's rows about 1 ms and a choice's
buttons 1-4 ms: made all at once, a long page (or a province's districts) would
hold the UI thread for a hundred milliseconds or more, and a citizen feels a stall
of 50 ms (bench/bench_form_stall.py, bench/bench_speech_stall.py).
`InTurns` runs the steps that make it until `BUILD_BUDGET_S` is spent, then goes on
in the next turn; the page is drawn after the first turn, the rest within a few frames.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer

BUILD_BUDGET_S = 0.006
"""How long one turn of the event loop may spend building."""


class InTurns:
    """Runs queued steps a turn at a time; ``after_turn`` runs at the end of each turn.

    Starting again or stopping drops what is left of the run before: a page drawn
    anew, or cleared at the session's end, gets nothing of the last one.
    """

    def __init__(
        self, after_turn: Callable[[], None] | None = None, parent: QObject | None = None
    ) -> None:
        """``parent``: the widget being made; its end ends the turns (their timer is its child)."""
        self._steps: deque[Callable[[], None]] = deque()
        self._after_turn = after_turn
        # A zero timer, not QTimer.singleShot(0, ...): that posts an event, and Qt
        # runs posted events twice over before a due timer's turn, so a 1 ms timer
        # (a frame, a tap's feedback) waited two turns of building instead of one.
        self._next = QTimer(parent)
        self._next.setSingleShot(True)
        self._next.setInterval(0)
        self._next.timeout.connect(self._turn)

    @property
    def done(self) -> bool:
        return not self._steps

    def start(self, steps: Iterable[Callable[[], None]]) -> None:
        self.stop()
        self._steps.extend(steps)
        self._turn()

    def add(self, steps: Iterable[Callable[[], None]]) -> None:
        """Queue ``steps`` after what is left of this run: made in the next turns."""
        self._steps.extend(steps)
        if self._steps and not self._next.isActive():
            self._next.start()

    def stop(self) -> None:
        self._steps.clear()
        self._next.stop()  # started anew or stopped: nothing of the last run is made

    def finish(self) -> None:
        """Run what is left at once: something asked for a part not yet made."""
        self._turn(budget_s=None)

    def _turn(self, budget_s: float | None = BUILD_BUDGET_S) -> None:
        self._next.stop()
        started = time.perf_counter()
        while self._steps and (budget_s is None or time.perf_counter() - started < budget_s):
            self._steps.popleft()()
        if self._after_turn is not None:
            self._after_turn()
        if self._steps:
            self._next.start()
