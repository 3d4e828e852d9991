"""The states of a citizen's session, one frozen dataclass each.

A state is everything a screen needs to draw itself (together with the read-only
context the workflow exposes: catalogue, document, form values). Business
decisions live in `kiosk.workflow.transitions`, never in screens.
"""

from __future__ import annotations

from dataclasses import dataclass

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
)
