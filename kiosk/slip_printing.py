"""Short slips (a thermal receipt, a queue ticket) for the receipt desk's journal.

A slip is composed once as a `devices.protocols.Ticket`. On a kiosk with a
receipt printer it is kept as a ``.ticket.json`` file and printed there; on a
kiosk without one it is laid out as an A5 PDF for the document printer. Either
way the receipt desk (`kiosk.receipts`) journals the file exactly as it
journals a receipt's PDF, so a slip is never printed twice either. Qt-free.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import uuid
from collections.abc import Callable
from pathlib import Path

from devices.protocols import PrintOutcome, PrintResult, ReceiptPrinter, Ticket
from kiosk.documents.ticket_file import SUFFIX, TicketFileError, read_ticket, ticket_json
from kiosk.documents.ticket_pdf import write_ticket_pdf
from offline_cache.db import PRIVATE_FILE_MODE, private_directory

log = logging.getLogger(__name__)

RECEIPT_ON_DOCUMENT = "document"
RECEIPT_ON_RECEIPT = "receipt"
_UNSAFE = re.compile(r"[^0-9A-Za-z._-]")


class SlipMedium:
    """Writes and prints slips: on ``tickets`` (the receipt printer) when the kiosk has
    one, else as A5 PDFs for the document printer (printed by the desk)."""

    def __init__(self, tickets: ReceiptPrinter | None, font: Path | None = None) -> None:
        self.tickets = tickets
        self._font = font

    @property
    def thermal(self) -> bool:
        """True when slips go to a receipt printer."""
        return self.tickets is not None

    def write(self, folder: Path, name: str, ticket: Ticket, *, title: str) -> Path:
        """Keep ``ticket`` in ``folder`` as the file the printer takes; returns its path.

        Raises OSError (or the PDF's `FontMissingError`) when it cannot be written.
        """
        stem = _UNSAFE.sub("_", name)
        if self.tickets is not None:
            return write_privately(
                folder / f"{stem}{SUFFIX}", lambda p: p.write_bytes(ticket_json(ticket))
            )
        return write_privately(
            folder / f"{stem}.pdf",
            lambda p: write_ticket_pdf(ticket, p, title=title, font_path=self._font),
        )

    def print_file(self, path: Path) -> PrintResult:
        """Print the slip kept at ``path`` on the receipt printer."""
        if self.tickets is None:
            return PrintResult(
                PrintOutcome.FAILED,
                detail=f"not printed: {path.name} is for a receipt printer and this kiosk has none",
            )
        try:
            ticket = read_ticket(path)
        except (OSError, TicketFileError) as exc:
            return PrintResult(PrintOutcome.FAILED, detail=f"not printed: {exc}")
        try:
            return self.tickets.print_ticket(ticket)
        except Exception as exc:  # a driver bug must not lose the job: it is journaled
            log.exception("the receipt printer driver raised while printing %s", path.name)
            return PrintResult(
                PrintOutcome.UNCONFIRMED,
                detail=f"the receipt printer driver failed mid-job ({type(exc).__name__}: {exc});"
                " the slip may have come out: check before printing it again",
            )


def write_privately(target: Path, write: Callable[[Path], object]) -> Path:
    """Write ``target`` atomically through ``write(partial_path)``, 0600 in a 0700 folder.

    A writer that fails half-way leaves an earlier file of the same name as it
    was, and a reader (the printer) never sees a half-written file.
    """
    private_directory(target.parent)
    partial = target.parent / f".{target.name}.{uuid.uuid4().hex}.part"
    try:
        # Made 0600 before a byte of the citizen's data goes into it.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
        write(partial)
        os.chmod(partial, PRIVATE_FILE_MODE)
        os.replace(partial, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return target
