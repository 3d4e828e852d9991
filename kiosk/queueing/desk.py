"""The queue desk: gets a ticket (from the central, else numbered here) and prints it once.

`QueueDesk.take` asks the central's queue extension; a central without it, or
one that cannot be reached, gets the ticket numbered by this kiosk per day and
type (``A001``, a priority ``PA001``, a complaint ``T001``, after the
configured prefix), with the number waiting "not known". Appointments are
checked in only at a central that offers it (`QueueDesk.check_in`). Every
ticket is printed through the receipt desk's journal (`QueueDesk.print`): on
the receipt printer, or on the document printer without one, never twice.

Blocking (network, disk, printer): for worker threads. Nothing personal is
logged; the identity number of a check-in and the complaint's mobile go to the
central and are not kept here (the ticket shows the mobile masked).
"""

from __future__ import annotations

import logging
import string
from collections.abc import Callable
from dataclasses import dataclass, replace

from devices.protocols import PrintResult
from kiosk.catalogue import Service, Text
from kiosk.clock import CHINA_TZ, Clock
from kiosk.queueing.central_queue import Request, ask_for_ticket, check_in
from kiosk.queueing.ticket import (
    COMPLAINT,
    COMPLAINT_LABEL,
    QUEUE_TICKET,
    QueueTicket,
    mask_mobile,
    ticket_slip,
)
from kiosk.receipts import PrintingReceiptDesk
from kiosk.sync.client import CentralClient
from kiosk.sync.errors import CentralRefused, SyncError
from offline_cache.queue_numbers import QueueNumbers

log = logging.getLogger(__name__)

COMPLAINT_LETTER = "T"
PRIORITY_SERIES = "P"


@dataclass(frozen=True, slots=True)
class QueueType:
    """A business type the hall's counters serve, and its letter on local numbers."""

    value: str
    label: Text
    letter: str


def queue_types(service: Service | None) -> tuple[QueueType, ...]:
    """The business types of a ``queue_ticket`` service: its form's first choice field."""
    fields = service.form.fields if service is not None and service.form is not None else ()
    choice = next((f for f in fields if f.type == "choice"), None)
    options = choice.options if choice is not None else ()
    return tuple(
        QueueType(str(option.value), option.label, string.ascii_uppercase[index % 26])
        for index, option in enumerate(options)
    )


@dataclass(frozen=True, slots=True)
class CheckInRefused:
    """Why no appointment was checked in: "no_appointment" (none today for this document),
    "missed" (its time has passed), "not_offered" (the central does not check in), or
    "unreachable" (the central cannot be asked now)."""

    reason: str


class QueueDesk:
    """Tickets for the hall's counters.

    Args:
        client: the central's signed client, when connected (None: not now).
        numbers: the kiosk's own counters, for a central that gives no tickets.
        receipts: prints the slips through the print journal.
        clock: the ticket's time and day.
        kiosk_id: printed on the kiosk's own tickets.
        hall: the hall's name when the central does not give it (the site).
        local_prefix: before the kiosk's own numbers (several kiosks, one hall).
    """

    def __init__(
        self,
        *,
        client: Callable[[], CentralClient | None],
        numbers: QueueNumbers,
        receipts: PrintingReceiptDesk,
        clock: Clock,
        kiosk_id: str,
        hall: str,
        local_prefix: str = "",
    ) -> None:
        self._client = client
        self._numbers = numbers
        self._receipts = receipts
        self._clock = clock
        self._kiosk_id = kiosk_id
        self._hall = hall
        self._prefix = local_prefix

    def take(
        self, types: tuple[QueueType, ...], business_type: str, *, priority: bool = False
    ) -> QueueTicket:
        """A ticket of ``business_type``; raises `StorageError` if it cannot even be
        numbered here."""
        kind = next((t for t in types if t.value == business_type), None)
        label = kind.label if kind is not None else Text(business_type, business_type)
        letter = kind.letter if kind is not None else "Z"
        request = Request(business_type, label, priority=priority)
        series = (PRIORITY_SERIES if priority else "") + letter
        return self._from_central(request) or self._local(request, series)

    def complaint(self, mobile: str, about_service: str = "") -> QueueTicket:
        """A ticket for the complaints window, with the citizen's mobile for the call-back."""
        request = Request(COMPLAINT, COMPLAINT_LABEL, mobile=mobile, service=about_service)
        ticket = self._from_central(request) or self._local(request, COMPLAINT_LETTER)
        return replace(ticket, complaint_mobile=mask_mobile(mobile))

    def check_in(self, id_number: str) -> QueueTicket | CheckInRefused:
        """Today's appointment of ``id_number`` checked in at the central, and its ticket."""
        client = self._client()
        if client is None:
            return CheckInRefused("unreachable")
        try:
            ticket = check_in(client, id_number, self._clock.now())
        except CentralRefused as exc:
            # 404 is also what a central without check-ins answers: the citizen hears
            # "no appointment found" either way, which is true for both.
            reason = {404: "no_appointment", 422: "no_appointment", 409: "missed"}.get(
                exc.status, "not_offered" if exc.status in (405, 501) else "unreachable"
            )
            log.info("appointment check-in refused (%s): %s", exc.status, reason)
            return CheckInRefused(reason)
        except SyncError as exc:
            log.info("appointment check-in not possible now: %s", type(exc).__name__)
            return CheckInRefused("unreachable")
        log.info("appointment checked in: ticket %s", ticket.number)
        return _here(ticket, self._hall, self._kiosk_id)

    def print(self, ticket: QueueTicket) -> PrintResult:
        """Print the ticket through the journal (a second call prints nothing more)."""
        return self._receipts.print_slip(
            QUEUE_TICKET, ticket.reference, f"queue-{ticket.number}", ticket_slip(ticket)
        )

    def retry(self, ticket: QueueTicket) -> PrintResult:
        """The citizen's "try again": prints only a ticket that did not come out."""
        return self._receipts.retry_slip(QUEUE_TICKET, ticket.reference)

    # -- internals ---------------------------------------------------------------
    def _from_central(self, request: Request) -> QueueTicket | None:
        client = self._client()
        if client is None:
            return None
        try:
            ticket = ask_for_ticket(client, request, self._clock.now())
        except CentralRefused as exc:
            # 404/405: this central has no queue; 422: not this type. Numbered here.
            log.info(
                "the central gives no %s ticket (%s): numbered here",
                request.business_type,
                exc.status,
            )
            return None
        except SyncError as exc:
            log.info("the central cannot give a ticket now (%s): numbered here", type(exc).__name__)
            return None
        log.info("queue ticket %s from the central", ticket.number)
        return _here(ticket, self._hall, self._kiosk_id)

    def _local(self, request: Request, series: str) -> QueueTicket:
        now = self._clock.now()
        counter = f"{self._prefix}{series}"
        sequence = self._numbers.next(now.astimezone(CHINA_TZ).date().isoformat(), counter)
        ticket = QueueTicket(
            number=f"{counter}{sequence:03d}",
            business_type=request.business_type,
            label=request.label,
            issued_at=now,
            hall=self._hall,
            priority=request.priority,
            local=True,
            kiosk_id=self._kiosk_id,
        )
        log.info("queue ticket %s numbered here", ticket.number)
        return ticket


def _here(ticket: QueueTicket, hall: str, kiosk_id: str) -> QueueTicket:
    return replace(ticket, hall=ticket.hall or hall, kiosk_id=kiosk_id)
