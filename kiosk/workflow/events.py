"""What can happen in a citizen's session: touches, device results, timeouts.

Events are past-tense nouns; the workflow's commands create them and effects
running in the background report back with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from devices.identity import IdentityDocument


@dataclass(frozen=True, slots=True)
class Started:
    """The citizen touched the attract screen."""


@dataclass(frozen=True, slots=True)
class ServiceChosen:
    """``guidance_only``: the citizen wants to read (and print) the guidance, not start."""

    code: str
    guidance_only: bool = False


@dataclass(frozen=True, slots=True)
class ReadRequested:
    """An attempt to read the document begins."""


@dataclass(frozen=True, slots=True)
class DocumentRead:
    """A document was read; ``face`` is its photo as JPEG/PNG when one can be shown;
    ``draft`` the citizen's unfinished answers for this service, if any were kept
    (a `kiosk.drafts.ResumedDraft`, looked up on the worker with the read)."""

    document: IdentityDocument
    face: bytes | None = None
    draft: object | None = None


@dataclass(frozen=True, slots=True)
class DocumentNotRead:
    outcome: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class MrzKeyTyped:
    """The citizen typed the passport's number, birth date and expiry date."""

    document_number: str
    birth_date: str
    expiry_date: str


@dataclass(frozen=True, slots=True)
class MrzScanned:
    """The scanner read a code while the kiosk was asking for the passport's MRZ."""

    text: str


@dataclass(frozen=True, slots=True)
class NextPressed:
    """The citizen wants to go on from the current form page."""


@dataclass(frozen=True, slots=True)
class BackPressed:
    pass


@dataclass(frozen=True, slots=True)
class EditRequested:
    """From the review, go back to the page holding a field."""

    page: int


@dataclass(frozen=True, slots=True)
class SubmitPressed:
    pass


@dataclass(frozen=True, slots=True)
class SubmissionStored:
    reference: str


@dataclass(frozen=True, slots=True)
class SubmissionNotStored:
    reason: str


@dataclass(frozen=True, slots=True)
class SubmissionDelivered:
    application_no: str


@dataclass(frozen=True, slots=True)
class SubmissionQueued:
    """Stored safely, but the central has not answered yet; sync will send it."""


@dataclass(frozen=True, slots=True)
class ReceiptPrinted:
    pass


@dataclass(frozen=True, slots=True)
class ReceiptNotPrinted:
    """No receipt for certain (``retry_safe``), or perhaps one: the printer cannot say."""

    detail: str
    retry_safe: bool = True


@dataclass(frozen=True, slots=True)
class ReprintPressed:
    """The citizen asks to try printing a receipt that did not come out."""


@dataclass(frozen=True, slots=True)
class DonePressed:
    pass


@dataclass(frozen=True, slots=True)
class NameChecked:
    """The name check came back; ``outcome`` is a `kiosk.names.declaration.NameOutcome`."""

    outcome: object


@dataclass(frozen=True, slots=True)
class StatementRead:
    """The commitment's text has been shown to its end."""


@dataclass(frozen=True, slots=True)
class TryAgainPressed:
    """The citizen asks to try again what could not be done just now (e.g. offline)."""


@dataclass(frozen=True, slots=True)
class PersonEditRequested:
    """On a form page: add a person to field ``field`` (``index`` None) or change person
    ``index`` (None as well for a single-person field); ``by_card``: by reading their
    identity document rather than typing."""

    field: str
    index: int | None = None
    by_card: bool = False


@dataclass(frozen=True, slots=True)
class PersonCardRequested:
    """In the person editor: read this person's document after all."""


@dataclass(frozen=True, slots=True)
class PersonDocumentRead:
    """The document of the person being edited was read on the reader."""

    document: IdentityDocument


@dataclass(frozen=True, slots=True)
class PersonCopied:
    """In the person editor: this person is the one already given at ``source``
    (the legal representative is the first shareholder)."""

    source: str


@dataclass(frozen=True, slots=True)
class PrintGuidancePressed:
    """Print the service's guidance checklist to take home."""


@dataclass(frozen=True, slots=True)
class GuidancePrinted:
    ok: bool
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ContinueWith:
    """Go on with service ``code`` in this session (declare the name first; set up the
    company with the name just reserved)."""

    code: str


@dataclass(frozen=True, slots=True)
class NoDocumentPressed:
    """On the identify step: the citizen has no identity document with them and types
    the identity number instead (offered only where the next step takes one)."""


@dataclass(frozen=True, slots=True)
class LookupRequested:
    """The citizen pressed "look it up": the application's number as typed, and the
    identity number, read from the document (``typed`` False) or typed by the citizen."""

    number: str
    id_number: str = dataclass_field(default="", repr=False)
    typed: bool = False


@dataclass(frozen=True, slots=True)
class ReceiptScanned:
    """A receipt's QR code was scanned for a lookup: the number it carries."""

    number: str


@dataclass(frozen=True, slots=True)
class StatusLookedUp:
    """The lookup came back: a `kiosk.status_desk.StatusAnswer`."""

    answer: object


@dataclass(frozen=True, slots=True)
class ReservationUsed:
    """The session's name reservation fills the form's name: the service can go on."""


@dataclass(frozen=True, slots=True)
class ReservationMissing:
    """The service needs a reserved name and the session has none that fits:
    ``reason`` is "none", "expired" or "mismatch" (the name does not fit this form)."""

    reason: str = "none"


@dataclass(frozen=True, slots=True)
class BankAccountAsked:
    """At a bank branch, on a registration's result: "open the company's account here"."""


@dataclass(frozen=True, slots=True)
class BankConsentGiven:
    """The citizen agrees that the bank gets the application number, the enterprise name
    and their name (then the hand-off slip prints; again, after one that did not)."""


@dataclass(frozen=True, slots=True)
class BankConsentDeclined:
    """The citizen does not agree: nothing is shared, recorded or printed."""


@dataclass(frozen=True, slots=True)
class BankSlipPrinted:
    """The hand-off slip's print ended: ``outcome`` "printed", "failed" (nothing came out)
    or "unconfirmed"."""

    outcome: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class VerifySlipChosen:
    """The menu's "scan to verify" was chosen."""


@dataclass(frozen=True, slots=True)
class SlipScanned:
    """A code came from the scanner on the verify screen: it is being checked."""


@dataclass(frozen=True, slots=True)
class SlipChecked:
    """The scanned code was checked (``outcome``: see `kiosk.workflow.states.VerifyingSlip`)."""

    outcome: object


@dataclass(frozen=True, slots=True)
class LicenceJobOpened:
    """The central opened the licence's print job: a `kiosk.licences.OpenedLicence`."""

    job: object


@dataclass(frozen=True, slots=True)
class LicenceJobRefused:
    """No print job: ``reason`` is a `kiosk.licences.Refusal` value."""

    reason: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class LicencePrintEnded:
    """The licence's print ended: ``outcome`` "printed", "failed" or "unconfirmed"."""

    outcome: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class RateRequested:
    """At the end of a service, "rate this service": go on to the rating service ``code``."""

    code: str


@dataclass(frozen=True, slots=True)
class FeedbackStored:
    """The rating is safe in the outbox (it is sent now, or as soon as the central answers)."""


@dataclass(frozen=True, slots=True)
class FeedbackNotStored:
    """The rating could not be stored: ``problem`` (see `kiosk.workflow.states.SendingFeedback`)."""

    problem: str


@dataclass(frozen=True, slots=True)
class QueueModeChosen:
    """Which queue ticket the citizen wants: "ordinary", "priority" (绿色通道) or
    "appointment" (booked online: checked in with the identity document)."""

    mode: str


@dataclass(frozen=True, slots=True)
class QueueTicketIssued:
    """A queue ticket was got: a `kiosk.queueing.ticket.QueueTicket`."""

    ticket: object


@dataclass(frozen=True, slots=True)
class QueueTicketNotIssued:
    """No ticket (yet): ``reason`` is a read outcome while waiting for an appointment's
    document (e.g. "no_document"), or why there is none (see `states.TakingTicket`)."""

    reason: str


@dataclass(frozen=True, slots=True)
class QueueTicketPrinted:
    """The print of ticket ``reference`` ended: ``outcome`` "printed", "failed" (nothing
    came out) or "unconfirmed"."""

    reference: str
    outcome: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ComplaintRequested:
    """On a result screen: "I came and could not get it done" (跑一次没办成)."""


@dataclass(frozen=True, slots=True)
class ComplaintMobileGiven:
    """The mobile number typed for the complaints window's call-back."""

    mobile: str = dataclass_field(repr=False)


@dataclass(frozen=True, slots=True)
class Cancelled:
    pass


@dataclass(frozen=True, slots=True)
class TimedOut:
    pass


Event = (
    Started
    | ServiceChosen
    | ReadRequested
    | DocumentRead
    | DocumentNotRead
    | MrzKeyTyped
    | MrzScanned
    | NextPressed
    | BackPressed
    | EditRequested
    | SubmitPressed
    | SubmissionStored
    | SubmissionNotStored
    | SubmissionDelivered
    | SubmissionQueued
    | ReceiptPrinted
    | ReceiptNotPrinted
    | ReprintPressed
    | DonePressed
    | NameChecked
    | TryAgainPressed
    | StatementRead
    | PersonEditRequested
    | PersonCardRequested
    | PersonDocumentRead
    | PersonCopied
    | PrintGuidancePressed
    | GuidancePrinted
    | ContinueWith
    | NoDocumentPressed
    | LookupRequested
    | ReceiptScanned
    | StatusLookedUp
    | ReservationUsed
    | ReservationMissing
    | BankAccountAsked
    | BankConsentGiven
    | BankConsentDeclined
    | BankSlipPrinted
    | VerifySlipChosen
    | SlipScanned
    | SlipChecked
    | LicenceJobOpened
    | LicenceJobRefused
    | LicencePrintEnded
    | RateRequested
    | FeedbackStored
    | FeedbackNotStored
    | QueueModeChosen
    | QueueTicketIssued
    | QueueTicketNotIssued
    | QueueTicketPrinted
    | ComplaintRequested
    | ComplaintMobileGiven
    | Cancelled
    | TimedOut
)
