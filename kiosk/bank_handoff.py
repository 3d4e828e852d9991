"""注册开户一条龙: at a kiosk in a bank branch, from the registration to the bank's counter.

A kiosk configured as a bank branch (``[site] kind = "bank_branch"``, its
``bank_name``) offers, on a registration's result, to open the company's
account here. The citizen is told in plain words what the bank gets (the
application number, the enterprise name and their own name; not the identity
number) and says yes or no. Yes records the consent and then prints the
hand-off slip (`kiosk.documents.handoff_slip`) through the print journal, on
the receipt printer if the kiosk has one, else the document printer; no
records nothing and prints nothing.

Where the consent is kept, and why there: in the kiosk's own consent log
(`offline_cache.consents`), one row holding the application number, the bank,
the names of the items shared and the time; nothing personal. The bank holds
the slip and reads the card at its counter; the central's interface has no
place for a consent to a third party, and the application itself is unchanged
by it, so nothing is sent. No slip is printed without its consent row.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from devices.protocols import PrintOutcome, PrintResult, Ticket
from kiosk.catalogue import Service
from kiosk.clock import Clock, rfc3339
from kiosk.documents.handoff_slip import SHARED, HandoffSlip, handoff_ticket
from kiosk.documents.receipt_content import business_fields
from offline_cache.consents import ConsentLog
from offline_cache.db import StorageError

log = logging.getLogger(__name__)

PURPOSE = "bank_account_opening"
"""The consent log's purpose for a hand-off to the bank."""
KIND = "bank_handoff"
"""The print journal's kind for hand-off slips."""
REGISTRATION = "registration"
"""The catalogue category of the services that set a business up."""


class SlipPrinter(Protocol):
    """Journals and prints a short slip (`kiosk.receipts.PrintingReceiptDesk.print_slip`)."""

    def print_slip(self, kind: str, reference: str, title: str, ticket: Ticket) -> PrintResult: ...


def bank_offered(bank: str | None, service: Service | None) -> bool:
    """Whether a result screen offers the bank account: at a bank branch, after a service
    that registers a business (catalogue category ``registration``)."""
    return bool(bank) and service is not None and service.category == REGISTRATION


def compose_slip(
    *,
    bank: str,
    service: Service,
    form: Mapping[str, Any],
    applicant_name: str,
    reference: str,
    application_no: str | None,
    kiosk_id: str,
    at: datetime,
) -> HandoffSlip:
    """The slip for the submitted ``form`` (its payload), consented to ``at``."""
    name_field = business_fields(service.form).name
    name = form.get(name_field) if name_field else None
    return HandoffSlip(
        bank=bank,
        reference=reference,
        application_no=application_no,
        service_code=service.code,
        service_title=service.title,
        enterprise_name=name if isinstance(name, str) else "",
        applicant_name=applicant_name,
        kiosk_id=kiosk_id,
        consented_at=at,
    )


class BankHandoffDesk:
    """Records the citizen's consent, then prints the hand-off slip. Blocking: call it on a
    worker."""

    def __init__(self, bank: str, consents: ConsentLog, slips: SlipPrinter, clock: Clock) -> None:
        self.bank = bank
        self._consents = consents
        self._slips = slips
        self._clock = clock

    def hand_off(self, slip: HandoffSlip) -> PrintResult:
        """Record the consent to ``slip`` and print it (again only if it did not come out)."""
        try:
            self._consents.record(
                PURPOSE, slip.number, self.bank, SHARED, rfc3339(slip.consented_at)
            )
        except StorageError as exc:
            log.exception("the consent to the bank hand-off could not be recorded")
            return PrintResult(
                PrintOutcome.FAILED,
                detail=f"not printed: the consent could not be recorded ({exc})",
            )
        return self._slips.print_slip(
            KIND, slip.number, f"bank-handoff-{slip.number}", handoff_ticket(slip)
        )

    def now(self) -> datetime:
        return self._clock.now()
