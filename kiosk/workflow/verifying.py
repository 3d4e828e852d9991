"""The "scan to verify" screen's rules: a clerk holds a slip's QR code under the scanner.

A session-level state like the menu, not a step kind: it belongs to no
catalogue service (a step kind's moves are resolved against a service's plan,
and this needs none), it is opened from the menu and goes back to it, and it
keeps nothing of anyone. The rules are pure (`verifying_next`); `SlipVerifying`
runs the check on a worker (the keys are read from disk) and reports back with
`SlipChecked`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from kiosk.verification.desk import NotChecked
from kiosk.workflow import events as ev
from kiosk.workflow.ports import Run
from kiosk.workflow.states import ServiceMenu, State, VerifyingSlip

log = logging.getLogger(__name__)


class SlipChecker(Protocol):
    """Checks a scanned code (blocking); never raises (`kiosk.verification.desk.SlipDesk`)."""

    def check(self, text: str) -> Any: ...


def verifying_next(state: VerifyingSlip, event: ev.Event) -> State:
    """The state after ``event`` on the verify screen."""
    match event:
        case ev.SlipScanned() if not state.checking:
            return VerifyingSlip(checking=True, scans=state.scans + 1)
        case ev.SlipChecked(outcome=outcome) if state.checking:
            return VerifyingSlip(checking=False, outcome=outcome, scans=state.scans)
        case ev.BackPressed() | ev.DonePressed():
            return ServiceMenu()
    return state


class SlipVerifying:
    """The workflow's side of the verify screen: a scanned code is checked on a worker."""

    def __init__(
        self,
        checker: SlipChecker | None,
        dispatch: Callable[[ev.Event], None],
        run: Run,
    ) -> None:
        self._checker = checker
        self._dispatch = dispatch
        self._run = run

    def scanned(self, state: State, text: str) -> None:
        """A code came from the scanner while ``state`` is shown."""
        if not isinstance(state, VerifyingSlip) or state.checking:
            return
        self._dispatch(ev.SlipScanned())
        checker = self._checker
        if checker is None:
            self._dispatch(ev.SlipChecked(NotChecked("failed", "no slip checker")))
            return

        def check() -> Any:
            try:
                return checker.check(text)
            except Exception:  # a bug must not leave the clerk on "checking…"
                log.exception("checking a slip failed")
                return NotChecked("failed", "the check failed")

        self._run(check, lambda outcome: self._dispatch(ev.SlipChecked(outcome)))
