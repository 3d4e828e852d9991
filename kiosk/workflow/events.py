"""What can happen in a citizen's session: touches, device results, timeouts.

Events are past-tense nouns; the workflow's commands create them and effects
running in the background report back with them.
"""

from __future__ import annotations

from dataclasses import dataclass

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
class ReservationUsed:
    """The session's name reservation fills the form's name: the service can go on."""


@dataclass(frozen=True, slots=True)
class ReservationMissing:
    """The service needs a reserved name and the session has none that fits:
    ``reason`` is "none", "expired" or "mismatch" (the name does not fit this form)."""

    reason: str = "none"


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
    | ReservationUsed
    | ReservationMissing
    | Cancelled
    | TimedOut
)
