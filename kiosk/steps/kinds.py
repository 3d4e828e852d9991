"""The registry of step kinds and the moves their rules may ask for.

A step kind's rules are a pure function ``(state, event, context) -> state | Move``:
either the step's next state (it stays the current step), or a move along the
service's list of steps that the interpreter resolves (the kind does not know
which step comes next: the service's plan does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from kiosk.catalogue import Service
    from kiosk.forms.engine import FormSession


@dataclass(frozen=True, slots=True)
class StepRef:
    """One entry of a service's plan: a step kind and, for form pages, which page."""

    kind: str
    page: int = 0


@dataclass(frozen=True, slots=True)
class Advance:
    """Go on to the next step of the plan, handing it ``carry`` (e.g. the application number)."""

    carry: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class Retreat:
    """Go back to the previous step the citizen can return to (else the menu)."""


@dataclass(frozen=True, slots=True)
class GoTo:
    """Go to a given step of the plan (e.g. "change" a page from the review), handing it
    ``carry`` (the problems to show there)."""

    ref: StepRef
    carry: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class Finish:
    """The service is over: back to the attract screen."""


@dataclass(frozen=True, slots=True)
class Switch:
    """Go on with another service of the catalogue, in the same session (the citizen's
    document and reservation kept): e.g. from a reserved name to setting up the company."""

    service: str


Move = Advance | Retreat | GoTo | Finish | Switch


@dataclass(frozen=True, slots=True)
class StepContext:
    """What a step's rules may read besides its state and the event."""

    service: Service | None
    """None when the catalogue is not at hand (rules that move then move nowhere)."""
    form: FormSession | None
    plan: tuple[StepRef, ...]


# (state, event, context) -> the step's next state, or a Move.
Rules = Callable[[Any, Any, StepContext], Any]


class StepPorts(Protocol):
    """The effects a step may start, through the workflow's ports; none blocks.

    Each starts work on a worker (read, store, send, print) whose result comes
    back as an event, or schedules one (read again later).
    """

    def read_document(self) -> None: ...

    def read_again_later(self) -> None: ...

    def start_blank_form(self, service: str) -> None: ...

    def store_submission(self) -> None: ...

    def deliver(self, reference: str) -> None: ...

    def print_receipt(self, state: Any) -> None: ...

    def retry_receipt(self, reference: str) -> None: ...

    def check_name(self) -> None: ...

    def read_person_document(self) -> None: ...

    def use_reservation(self) -> None: ...

    def print_guidance(self, service: str) -> None: ...

    def read_person_again_later(self) -> None: ...

    def send_feedback(self) -> None: ...

    def look_up_status(self, number: str, id_number: str) -> None: ...

    def use_scanned_number(self) -> None: ...

    def open_licence_job(self) -> None: ...

    def print_licence(self, state: Any) -> None: ...

    def hand_off_to_bank(self, state: Any) -> None: ...

    def issue_queue_ticket(self, state: Any) -> None: ...

    def check_in_appointment(self) -> None: ...

    def check_in_again_later(self) -> None: ...

    def print_queue_ticket(self, state: Any, *, retry: bool = False) -> None: ...

    def issue_complaint_ticket(self, state: Any) -> None: ...


Effects = Callable[[StepPorts, Any, Any], None]


@dataclass(frozen=True, slots=True)
class StepKind:
    """A kind of step: registered once, used by every service whose plan names it.

    ``enter`` makes the step's first state from the service's code, its place in
    the plan and what the step before handed on; ``ref`` says where a state
    stands in the plan. ``back_stop``: going back never lands here (reading the card again is
    not what "back" means). ``interruptible``: a timeout or "start over" may end
    the session on this step (never while an application is being stored).
    """

    name: str
    state_type: type
    enter: Callable[[str, StepRef, tuple[Any, ...]], Any]
    rules: Rules
    ref: Callable[[Any], StepRef]
    effects: Effects | None = None
    back_stop: bool = False
    interruptible: bool = True
    rateable: Callable[[Any], bool] | None = None
    """For a step that ends a service: whether the citizen may rate the service now (e.g.
    once the receipt has printed); "rate this service" then goes on to the rating."""
    complaint: Callable[[Any], bool] | None = None
    """For a step that ends a service (a result): whether "I came and could not get it
    done" (跑一次没办成, `kiosk.steps.complaint`) may be opened from it now (once nothing
    is printing that a return to the screen would start again)."""
    citizen_done: Callable[[Any], bool] | None = None
    """For a step that ends a service: whether the citizen has all it gives now (nothing
    printing, nothing waiting to be stored), so that walking away ends the session
    (`kiosk.workflow.leaving`): the card lifted off the reader, a slip left in the slot."""


_KINDS: dict[str, StepKind] = {}
_BY_STATE: dict[type, StepKind] = {}


def register(kind: StepKind) -> StepKind:
    """Add a step kind; a second kind of the same name or state type is a bug."""
    if kind.name in _KINDS or kind.state_type in _BY_STATE:
        raise ValueError(f"step kind {kind.name!r} is registered twice")
    _KINDS[kind.name] = kind
    _BY_STATE[kind.state_type] = kind
    return kind


def kind_named(name: str) -> StepKind:
    return _KINDS[name]


def kind_of(state: object) -> StepKind | None:
    """The kind whose state ``state`` is, or None for the session's own states."""
    return _BY_STATE.get(type(state))


def registered_kinds() -> frozenset[str]:
    return frozenset(_KINDS)
