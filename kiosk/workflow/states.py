"""The states of a citizen's session, one frozen dataclass each.

A state is everything a screen needs to draw itself (together with the read-only
context the workflow exposes: catalogue, document, form values). Business
decisions live in `kiosk.workflow.transitions`, never in screens.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.forms.validation import FieldProblem


@dataclass(frozen=True, slots=True)
class Attract:
    """Nobody is using the kiosk: "touch to start"."""


@dataclass(frozen=True, slots=True)
class ServiceMenu:
    """The citizen chooses a service."""


@dataclass(frozen=True, slots=True)
class ReadingGuidance:
    """The service's guidance before the citizen starts; ``only``: opened as "guidance
    only" (nothing is started). ``printing``: None, "printing", "printed" or "failed"
    for the checklist slip, with the printer's ``detail``."""

    service: str
    only: bool = False
    printing: str | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class IdentityCheck:
    """Waiting for, or reading, the citizen's identity document.

    ``problem`` is a `devices.protocols.ReadOutcome` value (e.g. "removed") when
    the last attempt failed, or "mrz_unreadable" for a scan that was not an MRZ,
    for the screen to explain in plain words. ``needs_key``: a passport chip
    needs the MRZ key, typed or scanned, before it can be read (then
    ``key_problems`` say what was wrong with what was typed); ``with_key``: the
    citizen gave the key and reads use it.
    """

    service: str
    reading: bool = False
    problem: str | None = None
    needs_key: bool = False
    with_key: bool = False
    key_problems: tuple[FieldProblem, ...] = ()


@dataclass(frozen=True, slots=True)
class Filling:
    """Filling page ``page`` of the service's form."""

    service: str
    page: int
    problems: tuple[FieldProblem, ...] = ()


@dataclass(frozen=True, slots=True)
class Reviewing:
    """Checking everything before submitting; ``problem`` if saving failed."""

    service: str
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class Submitting:
    """The application is being stored (``reference`` None) then sent."""

    service: str
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class Finished:
    """Done: the application is safe in the outbox and maybe already received.

    ``application_no`` is the central's number once received; until then the
    kiosk's ``reference`` identifies the submission. ``receipt`` is one of
    "printing", "printed", "failed" (nothing came out: the citizen may try
    again) or "unconfirmed" (it may have come out: only staff reprint it).
    """

    service: str
    reference: str
    application_no: str | None
    receipt: str = "printing"
    receipt_detail: str = ""
    handoff: str = ""
    """The bank hand-off at a bank branch (`kiosk.bank_handoff`): "" not asked, "asking"
    (the consent question), "declined", then as ``receipt`` for its slip: "printing",
    "printed", "failed", "unconfirmed"."""
    handoff_detail: str = ""


@dataclass(frozen=True, slots=True)
class NameChecking:
    """The proposed enterprise name is being checked (``outcome`` None), or has been.

    ``outcome`` is a `kiosk.names.declaration.NameOutcome`: refused with problems,
    checked by the central (reserved, or taken with its conflicts), or "cannot
    be reserved now" (offline).
    """

    service: str
    outcome: object | None = None


@dataclass(frozen=True, slots=True)
class Signing:
    """Page ``page`` holds a commitment to read and a signature to give.

    ``statement_read``: the statement has been shown to its end; ``problems``:
    what "next" found missing (the reading, the signature).
    """

    service: str
    page: int
    statement_read: bool = False
    problems: tuple[FieldProblem, ...] = ()


@dataclass(frozen=True, slots=True)
class EditingPerson:
    """One person of page ``page`` is being added or changed: ``path`` is where it sits
    in the form (``shareholders[2]``, ``legal_representative``).

    The person is identified by reading their document on the reader
    (``by_card``: the kiosk is waiting for it; ``reading``: reading now), or typed
    and left for the central's real-name verification. ``identified``: their
    document was read here, so their name and number are locked. ``problem``: a
    read that failed (a `devices.protocols.ReadOutcome` value, or "already_listed"
    for a document already in the list); ``problems``: what "done" found missing.
    ``is_new``: the person was added by this editor ("cancel" takes them out again).
    """

    service: str
    page: int
    path: str
    is_new: bool = False
    by_card: bool = False
    reading: bool = False
    identified: bool = False
    problem: str | None = None
    problems: tuple[FieldProblem, ...] = ()
    copies: int = 0
    """How many times a person already given was copied in (each redraws the entries)."""


@dataclass(frozen=True, slots=True)
class Reserving:
    """The service needs a reserved enterprise name: the session's reservation is being
    used, or (``missing``: "none", "expired", "mismatch") there is none to use."""

    service: str
    missing: str | None = None


@dataclass(frozen=True, slots=True)
class EnteringLookup:
    """The status lookup asks which application: its ``number`` (typed, or filled from a
    receipt's QR code: ``filled`` counts those, so the screen writes each one into the
    box) and, when no document was read, the ``id_number`` typed; ``problems``: what
    "look it up" found wrong."""

    service: str
    number: str = ""
    id_number: str = field(default="", repr=False)
    filled: int = 0
    problems: tuple[FieldProblem, ...] = ()


@dataclass(frozen=True, slots=True)
class LookingUp:
    """Application ``number`` is being looked up for ``id_number`` (``answer`` None), or
    has been: ``answer`` is a `kiosk.status_desk.StatusAnswer`. ``typed_id``: the citizen
    typed the identity number (kept if they go back to correct the number)."""

    service: str
    number: str
    id_number: str = field(default="", repr=False)
    typed_id: bool = False
    answer: object | None = None


@dataclass(frozen=True, slots=True)
class VerifyingSlip:
    """The "scan to verify" screen: waiting for a printed slip's QR code under the scanner
    (``checking``: one is being checked), then showing ``outcome`` (a
    `kiosk.verification.verify.SlipCheck`, or a `kiosk.verification.desk.NotChecked`).
    ``scans`` counts the codes checked, so a screen can tell a new result from the last."""

    checking: bool = False
    outcome: object | None = None
    scans: int = 0


@dataclass(frozen=True, slots=True)
class PrintingLicence:
    """The business licence is printed once (`kiosk.licences`).

    ``phase``: "opening" (asking the central for the print job), "printing",
    then "printed" (take it), "failed" (nothing came out: try again, with a new
    job), "unconfirmed" (it may have come out: staff help; nothing is reported)
    or "refused" (``refusal`` says why: a `kiosk.licences.Refusal` value).
    ``job``: the opened `kiosk.licences.OpenedLicence` (its name and code are
    shown); ``detail``: the printer's or the central's words, for the log.
    """

    service: str
    phase: str = "opening"
    job: object | None = field(default=None, repr=False)
    refusal: str | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class SendingFeedback:
    """The citizen's rating is being put in the outbox (``stored`` None), is safe there
    (True: thanks), or could not be stored (False, with ``problem``: "storage_full",
    "storage_failed", or "invalid" for a rating that is not a level from 1 to 5)."""

    service: str
    stored: bool | None = None
    problem: str = ""


@dataclass(frozen=True, slots=True)
class ChoosingQueue:
    """Which queue ticket: ordinary, priority (绿色通道: the elderly, people with a
    disability, expectant mothers), or the ticket of an appointment booked online."""

    service: str


@dataclass(frozen=True, slots=True)
class TakingTicket:
    """A queue ticket is got and printed (`kiosk.queueing`).

    ``mode``: "ordinary", "priority" or "appointment". ``phase``: "reading" (an
    appointment: waiting for the identity document; ``problem`` says why the last
    read failed), "issuing", "printing", then "printed", "failed" (nothing came out:
    try again), "unconfirmed" (it may have come out: staff), or "refused" (no
    ticket; ``problem``: no_appointment, missed, not_offered, unreachable,
    not_genuine, storage_failed). ``ticket``: a `kiosk.queueing.ticket.QueueTicket`.
    """

    service: str
    mode: str = "ordinary"
    phase: str = "issuing"
    ticket: object | None = None
    problem: str | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Complaining:
    """The complaint entry (跑一次没办成: "I came and could not get it done"), from a
    service's result: the citizen's mobile number, then a ticket for the complaints window.

    ``back_to``: the result state to go back to; ``phase``: "typing" (``problems``:
    what was wrong with the number typed), "issuing", "printing", "printed",
    "failed", "unconfirmed", or "refused" (no ticket could be given). ``mobile`` is
    sent to the central with the ticket's request and printed masked; never logged.
    """

    service: str
    back_to: object | None = field(default=None, repr=False)
    phase: str = "typing"
    mobile: str = field(default="", repr=False)
    problems: tuple[FieldProblem, ...] = ()
    ticket: object | None = None
    detail: str = ""


State = (
    Attract
    | ServiceMenu
    | ReadingGuidance
    | IdentityCheck
    | Filling
    | Reviewing
    | Submitting
    | Finished
    | NameChecking
    | Signing
    | EditingPerson
    | Reserving
    | SendingFeedback
    | EnteringLookup
    | LookingUp
    | VerifyingSlip
    | PrintingLicence
    | ChoosingQueue
    | TakingTicket
    | Complaining
)
