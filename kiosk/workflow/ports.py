"""What the workflow needs from the outside world, as small Protocols.

The shell passes Qt-backed implementations (a thread pool reporting back on the
UI thread, QTimer); tests pass synchronous ones. Nothing here blocks the caller.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from devices.protocols import PrintResult
from kiosk.catalogue import Service
from kiosk.documents.receipt import ReceiptData

T = TypeVar("T")


class Runner(Protocol):
    """Runs ``job`` away from the caller's thread and calls ``done`` on it later."""

    def run(self, job: Callable[[], T], done: Callable[[T], None]) -> None: ...


Run = Callable[[Callable[[], Any], Callable[[Any], None]], None]
"""``run(job, done)``: ``job`` on a worker, then ``done`` with its answer on the
workflow's thread, for this session only (`KioskWorkflow` hands its parts one)."""

RunOr = Callable[[Callable[[], Any], Any, Callable[[Any], None]], None]
"""``run(job, fallback, done)``: the same, answering ``fallback`` if ``job`` raises."""


class Scheduler(Protocol):
    """Calls ``fn`` on the caller's thread after ``delay_s`` seconds."""

    def call_later(self, delay_s: float, fn: Callable[[], None]) -> None: ...


@dataclass(frozen=True, slots=True)
class Submission:
    """An application as the citizen submitted it, before it has a key."""

    service: str
    catalogue_version: str
    applicant: dict[str, str]
    form: dict[str, Any]
    attachments: list[dict[str, str]] = field(default_factory=list)
    """Signatures as the interface sends them: kind, media_type, base64 data."""
    name_reservation: str | None = None
    """The token of the name reservation the form's name comes from, if the service needs one."""


class GuidancePrinter(Protocol):
    """Prints a service's guidance checklist (`kiosk.guidance.GuidanceDesk`)."""

    def print_guidance(self, service: Service) -> PrintResult: ...


@dataclass(frozen=True, slots=True)
class StoreOutcome:
    """``reference`` when the submission is safe in the outbox, else ``problem``."""

    reference: str | None = None
    problem: str | None = None


class SubmissionDesk(Protocol):
    """Keeps submissions safe and delivers them exactly once."""

    def store(self, submission: Submission) -> StoreOutcome:
        """Put the submission in the outbox (durably) and return its reference."""
        ...

    def deliver(self, reference: str) -> str | None:
        """Try to deliver now; the application number, or None if it stays queued."""
        ...


class ReceiptDesk(Protocol):
    """Makes and prints the citizen's receipt."""

    def print_receipt(self, receipt: ReceiptData) -> PrintResult: ...

    def retry_receipt(self, reference: str) -> PrintResult:
        """Print the receipt ``reference`` again only if nothing of it came out."""
        ...


class DraftKeeper(Protocol):
    """Keeps a citizen's unfinished answers, sealed, found again by their identity number."""

    def save(self, service: Any, identity_number: str, state: Mapping[str, Any]) -> Any:
        """Keep ``state`` (the form's JSON values); blocks on the disk."""
        ...

    def resume(self, service: Any, identity_number: str) -> Any:
        """The kept answers (with ``state`` and ``saved_at``), or None."""
        ...

    def discard(self, service: Any, identity_number: str) -> bool: ...
