"""What an acceptance receipt (受理回执) says, as one immutable value.

`ReceiptData` holds facts, not layout: `kiosk.documents.receipt` lays them out
on the page, `kiosk.documents.receipt_content` gathers them from the catalogue
and the form. The identity number is only ever held masked: the slip may be
left behind in a public place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kiosk.catalogue import Text
from kiosk.clock import CHINA_TZ
from kiosk.delivery import Delivery
from kiosk.documents.receipt_qr import NumberKind, ReceiptQr, format_receipt_qr
from kiosk.documents.working_days import add_working_days


@dataclass(frozen=True, slots=True)
class ReceiptData:
    """Everything printed on a receipt.

    ``application_no`` is the central's number once it has received the
    application; until then ``reference`` (the kiosk's provisional reference,
    an opaque short string) identifies it and the number follows by SMS.
    ``authority`` is the registration authority (受理机关) when the kiosk knows
    it. ``business_scope`` lists the scope items in order, the first being the
    main business. ``materials_received`` is what this kiosk took in
    electronically; ``materials_listed`` the service's material list from the
    catalogue.
    """

    service_title_zh: str
    service_title_en: str
    applicant_name: str
    masked_id_number: str
    business_name: str
    reference: str
    application_no: str | None
    submitted_at: datetime
    promise_days: int | None
    site_name: str = ""
    service_code: str = ""
    kiosk_id: str = ""
    authority: Text | None = None
    accepted_at: datetime | None = None
    business_address: str = ""
    business_scope: tuple[Text, ...] = ()
    materials_received: tuple[Text, ...] = ()
    materials_listed: tuple[Text, ...] = ()
    licence_print_service: Text | None = None
    """The catalogue's self-service licence printing, if it has one."""
    lookup_service: Text | None = None
    """The catalogue's progress lookup service, if it has one."""
    delivery: Delivery | None = None
    """How the citizen chose to get the paper licence, if the form asked (`kiosk.delivery`)."""
    signed_qr_text: str = ""
    """The QR text signed by the kiosk (``KRV2.…``, `kiosk.verification.receipt_signing`),
    set by the receipt desk just before printing; empty: the plain ``KRV1`` text."""

    def __post_init__(self) -> None:
        # The last guard before paper: a full number must never reach a slip.
        if self.masked_id_number and "*" not in self.masked_id_number:
            raise ValueError("masked_id_number is not masked; use mask_id_number()")

    @property
    def number(self) -> str:
        """The number the receipt is known by: the application number, else the reference."""
        return self.application_no or self.reference

    @property
    def queued(self) -> bool:
        """True while the central has not received the application yet."""
        return self.application_no is None

    @property
    def qr(self) -> ReceiptQr:
        kind = NumberKind.REFERENCE if self.queued else NumberKind.APPLICATION
        return ReceiptQr(kind, self.number, self.service_code, self.kiosk_id, self.submitted_on)

    @property
    def qr_text(self) -> str:
        """The QR code's payload (`kiosk.documents.receipt_qr`), signed if the desk signed it."""
        return self.signed_qr_text or format_receipt_qr(self.qr)

    @property
    def submitted_on(self) -> date:
        """The day of submission in China, whatever zone ``submitted_at`` was given in."""
        return china_time(self.submitted_at).date()

    @property
    def promise_date(self) -> date | None:
        """The last day of the promised time limit, counted in working days from submission."""
        if not self.promise_days:
            return None
        return add_working_days(self.submitted_on, self.promise_days)


def china_time(moment: datetime) -> datetime:
    """``moment`` in China time; a naive time is taken to be China time already."""
    return moment.astimezone(CHINA_TZ) if moment.tzinfo is not None else moment


def mask_id_number(number: str) -> str:
    """Keep the first 4 and last 4 characters: 3307**********0824."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]
