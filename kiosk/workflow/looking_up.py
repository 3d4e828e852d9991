"""The session's side of the status lookup: the ports the lookup steps use, the receipt
scanned before the number step, and the answer a following service may use.

`KioskWorkflow` keeps one `SessionLookups` and delegates to it; everything here
runs on the UI thread, and the lookup itself on a worker through ``run``.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.catalogue import Catalogue, Service
from kiosk.lookup_entry import number_from_scan
from kiosk.status_desk import Answer, LastLookup, StatusAnswer, StatusDesk, last_lookup
from kiosk.steps.interpreter import can_run
from kiosk.workflow import events as ev
from kiosk.workflow.ports import RunOr
from kiosk.workflow.states import Attract, EnteringLookup, ServiceMenu, State

# Runs a job on a worker, with the fallback answered if it raises, then ``done`` here.
LOOKUP_FLOW = "lookup"
LICENCE_FLOW = "licence_print"
QUEUE_FLOW = "queue_ticket"


class SessionLookups:
    def __init__(
        self, desk: StatusDesk | None, run: RunOr, dispatch: Callable[[ev.Event], None]
    ) -> None:
        self._desk = desk
        self._run = run
        self._dispatch = dispatch
        self.last: LastLookup | None = None
        """The application found by the last lookup of this session."""
        self._scanned: str | None = None
        """A receipt's number scanned before the number step: filled in there."""

    def forget(self) -> None:
        """The session is over."""
        self.last = None
        self._scanned = None

    def look_up(self, number: str, id_number: str) -> None:
        desk = self._desk
        cannot = StatusAnswer(Answer.CANNOT_ASK, number)
        if desk is None:
            self._dispatch(ev.StatusLookedUp(cannot))
            return

        def done(answer: StatusAnswer) -> None:
            self.last = last_lookup(answer, id_number)
            self._dispatch(ev.StatusLookedUp(answer))

        self._run(lambda: desk.look_up(number, id_number), cannot, done)

    def use_scanned_number(self) -> None:
        """The number step has opened: a receipt scanned before it fills the number."""
        number, self._scanned = self._scanned, None
        if number is not None:
            self._dispatch(ev.ReceiptScanned(number))

    def receipt_scanned(self, text: str, state: State, catalogue: Catalogue | None) -> bool:
        """A code under the scanner: True when it was a receipt this session used.

        On the number step it fills the number in; elsewhere in a lookup it is kept
        for that step; on the attract screen or the menu it opens the lookup with
        the number (the receipt says what the citizen came for: no guidance first).
        """
        number = number_from_scan(text)
        if number is None:
            return False
        if isinstance(state, EnteringLookup):
            self._dispatch(ev.ReceiptScanned(number))
            return True
        if _flow_of(state, catalogue) == LOOKUP_FLOW:
            self._scanned = number
            return True
        if not isinstance(state, Attract | ServiceMenu):
            return False
        service = service_for_flow(catalogue, LOOKUP_FLOW)
        if service is None:
            return False
        if isinstance(state, Attract):
            self._dispatch(ev.Started())
        self._scanned = number
        self._dispatch(ev.ServiceChosen(service.code))
        self._dispatch(ev.NextPressed())  # past the guidance, as "start" would
        return True

    def follow_ups(self, catalogue: Catalogue | None, answer: object) -> tuple[Service, ...]:
        """The services the citizen can go on with after ``answer``: printing the licence
        (approved, printable) or a queue ticket for the counter (a correction, a refusal);
        only those the catalogue has and this kiosk runs."""
        if not isinstance(answer, StatusAnswer):
            return ()
        wanted: list[str] = []
        if answer.answer is Answer.FOUND and answer.status == "approved":
            if answer.licence_uscc and answer.licence_printable:
                wanted.append(LICENCE_FLOW)
        elif answer.answer is Answer.REFUSED or answer.status in ("needs_correction", "rejected"):
            wanted.append(QUEUE_FLOW)
        found = (service_for_flow(catalogue, flow) for flow in wanted)
        return tuple(service for service in found if service is not None)


def service_for_flow(catalogue: Catalogue | None, flow: str) -> Service | None:
    """The first service of ``flow`` the kiosk offers and can run, if the catalogue has one."""
    for service in catalogue.services if catalogue is not None else ():
        if service.flow == flow and service.offered_on_kiosk and can_run(service):
            return service
    return None


def _flow_of(state: State, catalogue: Catalogue | None) -> str | None:
    code = getattr(state, "service", None)
    if not isinstance(code, str) or catalogue is None:
        return None
    try:
        return catalogue.service(code).flow
    except KeyError:
        return None
