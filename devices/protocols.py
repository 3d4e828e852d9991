"""The seams: one small Protocol per device kind, and the values they return.

Drivers and simulators implement these; the kiosk core depends only on them.
Every method may block (a card read takes a second): callers run them off the
UI thread. Callbacks registered by a device may arrive on any thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from devices.identity import IdentityDocument
from devices.status import DeviceStatus

if TYPE_CHECKING:  # the eMRTD package imports this module: no cycle at run time
    from devices.emrtd.mrz import MrzKey


class ReadOutcome(StrEnum):
    """What came of one attempt to read an identity document."""

    OK = "ok"
    NO_DOCUMENT = "no_document"
    REMOVED = "removed"
    ACCESS_DENIED = "access_denied"
    KEY_NEEDED = "key_needed"
    """The document (an eMRTD) can only be read with the MRZ key, and none is set."""
    UNREADABLE = "unreadable"
    ALREADY_READ = "already_read"
    NO_READER = "no_reader"
    TIMEOUT = "timeout"


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The result of `IdentityReader.read`: a document, or why there is none."""

    outcome: ReadOutcome
    document: IdentityDocument | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome is ReadOutcome.OK and self.document is not None


@runtime_checkable
class IdentityReader(Protocol):
    """Reads one identity document (resident ID card, eMRTD) per call."""

    name: str

    def status(self) -> DeviceStatus:
        """Presence and health of the reader and whether a document is present."""
        ...

    def read(self) -> ReadResult:
        """Read the document now on the reader; blocks for the whole read."""
        ...

    def close(self) -> None:
        """Release the reader."""
        ...


@runtime_checkable
class MrzKeyReader(Protocol):
    """An identity reader that opens eMRTD chips with the MRZ key (BAC; PACE later).

    The kiosk sets the key the citizen typed or scanned before reading, and
    clears it (None) when the session ends: the key is the citizen's data.
    """

    def set_mrz_key(self, key: MrzKey | None) -> None:
        """Use ``key`` for the next reads; None forgets it."""
        ...


class PrintOutcome(StrEnum):
    """What came of one print job."""

    PRINTED = "printed"
    PAPER_OUT = "paper_out"
    OFFLINE = "offline"
    FAILED = "failed"
    UNCONFIRMED = "unconfirmed"
    """The job reached the printer but whether it came out is unknown: a CUPS job
    that neither completed nor could be cancelled, ESC/POS data sent and then the
    connection lost. Printing it again may give the citizen two copies."""


# Outcomes after which nothing came out, so printing again cannot give two copies.
_RETRY_SAFE = frozenset({PrintOutcome.PAPER_OUT, PrintOutcome.OFFLINE, PrintOutcome.FAILED})


@dataclass(frozen=True, slots=True)
class PrintResult:
    """The result of a print job; ``printed`` only once the device confirmed it."""

    outcome: PrintOutcome
    job_id: str = ""
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome is PrintOutcome.PRINTED

    @property
    def retry_safe(self) -> bool:
        """True when nothing came out, so the same document may be printed again."""
        return self.outcome in _RETRY_SAFE


@runtime_checkable
class DocumentPrinter(Protocol):
    """Prints a finished PDF document (receipts, licence slips)."""

    name: str

    def status(self) -> DeviceStatus:
        """Presence, health and paper state of the printer."""
        ...

    def print_pdf(self, pdf: Path, *, title: str) -> PrintResult:
        """Print the PDF and wait until the device confirms or fails the job."""
        ...

    def close(self) -> None:
        """Release the printer."""
        ...


@dataclass(frozen=True, slots=True)
class TicketLine:
    """One line of a thermal ticket: plain text with simple emphasis."""

    text: str
    bold: bool = False
    double_size: bool = False
    align: str = "left"  # "left" | "center" | "right"


@dataclass(frozen=True, slots=True)
class Ticket:
    """A short receipt or queue ticket for a thermal printer (text, optional QR)."""

    lines: tuple[TicketLine, ...]
    qr: str | None = None
    cut: bool = True


@runtime_checkable
class ReceiptPrinter(Protocol):
    """Prints short tickets on a thermal roll (queue tickets, short receipts)."""

    name: str

    def status(self) -> DeviceStatus:
        """Presence, health and paper state (near end / out / cover open)."""
        ...

    def print_ticket(self, ticket: Ticket) -> PrintResult:
        """Print the ticket and report whether it came out."""
        ...

    def close(self) -> None:
        """Release the printer."""
        ...


@dataclass(frozen=True, slots=True)
class ScannedCode:
    """A whole barcode or QR code delivered by a scanner."""

    data: str
    source: str


@runtime_checkable
class CodeScanner(Protocol):
    """A barcode/QR scanner. ``on_code`` may be called from any thread."""

    name: str

    def status(self) -> DeviceStatus:
        """Presence and health of the scanner."""
        ...

    def start(self, on_code: Callable[[ScannedCode], None]) -> None:
        """Begin delivering whole codes to ``on_code``."""
        ...

    def stop(self) -> None:
        """Stop delivering codes and release the port."""
        ...
