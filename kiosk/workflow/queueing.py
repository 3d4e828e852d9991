"""The workflow's side of queue tickets: get one, check an appointment in, print once.

`SessionQueue` runs the queue desk's blocking work (`kiosk.queueing.desk`) on
the workflow's workers and reports back with events. An appointment's check-in
reads the identity document on the reader (never one left there from before
the session began), sends its number to the central and keeps nothing of it:
the document is not the session's, and no form is started from it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from devices.identity import Verdict
from devices.protocols import PrintOutcome, PrintResult, ReadResult
from devices.status import DeviceStatus
from kiosk.catalogue import Service
from kiosk.forms.engine import FormSession
from kiosk.queueing.desk import CheckInRefused, QueueDesk, queue_types
from kiosk.queueing.ticket import QueueTicket
from kiosk.workflow import events as ev
from kiosk.workflow.document_reading import CARD_FROM_BEFORE
from kiosk.workflow.ports import RunOr
from kiosk.workflow.states import Complaining, TakingTicket

log = logging.getLogger(__name__)

_NOT_PRINTED = PrintResult(PrintOutcome.UNCONFIRMED, detail="the printer driver failed")


class SessionQueue:
    """Queue tickets for the session; ``dispatch`` takes the events back."""

    def __init__(
        self, desk: QueueDesk | None, run: RunOr, dispatch: Callable[[ev.Event], None]
    ) -> None:
        self._desk = desk
        self._run = run
        self._dispatch = dispatch

    def issue(self, state: TakingTicket, service: Service | None, form: FormSession | None) -> None:
        """Get an ordinary or priority ticket of the type chosen on the form's page."""
        desk = self._desk
        if desk is None:
            self._dispatch(ev.QueueTicketNotIssued("not_offered"))
            return
        types = queue_types(service)
        chosen = _business_type(service, form) or (types[0].value if types else "")
        priority = state.mode == "priority"
        self._run(lambda: desk.take(types, chosen, priority=priority), None, self._issued)

    def check_in(
        self,
        read: Callable[[], ReadResult],
        status: Callable[[], DeviceStatus],
        card_from_before: bool,
        seen_empty: Callable[[], None],
    ) -> None:
        """Read the document on the reader and check its holder's appointment in.

        ``card_from_before``: a document lay on the reader when the session began:
        it is read only once the reader has been seen empty (then ``seen_empty``).
        """
        desk = self._desk
        if desk is None:
            self._dispatch(ev.QueueTicketNotIssued("not_offered"))
            return

        def job() -> tuple[bool, QueueTicket | CheckInRefused | str]:
            emptied = False
            if card_from_before:
                if status().media == "present":
                    return False, CARD_FROM_BEFORE
                emptied = True
            result = read()
            document = result.document
            if not result.ok or document is None:
                return emptied, str(result.outcome) if result.outcome != "ok" else "unreadable"
            if document.authenticity.verdict is Verdict.FAILED:
                return emptied, "not_genuine"
            # Sent to the central and not kept: the ticket names nobody.
            return emptied, desk.check_in(document.id_number or document.document_number)

        def done(answer: tuple[bool, QueueTicket | CheckInRefused | str]) -> None:
            emptied, outcome = answer
            if emptied:
                seen_empty()
            if isinstance(outcome, QueueTicket):
                self._dispatch(ev.QueueTicketIssued(outcome))
            elif isinstance(outcome, CheckInRefused):
                self._dispatch(ev.QueueTicketNotIssued(outcome.reason))
            else:
                self._dispatch(ev.QueueTicketNotIssued(outcome))

        self._run(job, (False, "unreadable"), done)

    def complaint(self, state: Complaining) -> None:
        """Get a ticket for the complaints window, with the mobile number for the call-back."""
        desk = self._desk
        if desk is None:
            self._dispatch(ev.QueueTicketNotIssued("not_offered"))
            return
        mobile, about = state.mobile, state.service
        self._run(lambda: desk.complaint(mobile, about), None, self._issued)

    def print(self, state: TakingTicket | Complaining, *, retry: bool) -> None:
        """Print the state's ticket (``retry``: the citizen's "try again") through the journal."""
        desk, ticket = self._desk, state.ticket
        if desk is None or not isinstance(ticket, QueueTicket):
            return
        job = (lambda: desk.retry(ticket)) if retry else (lambda: desk.print(ticket))

        def done(result: PrintResult) -> None:
            outcome = "printed" if result.ok else "failed" if result.retry_safe else "unconfirmed"
            if not result.ok:
                log.warning("queue ticket %s not printed: %s", ticket.number, result.detail)
            self._dispatch(ev.QueueTicketPrinted(ticket.reference, outcome, result.detail))

        self._run(job, _NOT_PRINTED, done)

    def _issued(self, ticket: QueueTicket | None) -> None:
        if ticket is None:  # the desk raised (logged): not even a local number
            self._dispatch(ev.QueueTicketNotIssued("storage_failed"))
        else:
            self._dispatch(ev.QueueTicketIssued(ticket))


def _business_type(service: Service | None, form: FormSession | None) -> str:
    """The type chosen on the form's page: its first choice field (as `queue_types` reads)."""
    fields = service.form.fields if service is not None and service.form is not None else ()
    choice = next((f.name for f in fields if f.type == "choice"), None)
    value = form.payload().get(choice) if form is not None and choice else None
    return str(value) if value is not None else ""
