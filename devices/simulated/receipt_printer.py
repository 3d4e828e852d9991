"""A simulated thermal receipt printer: keeps printed tickets and can write them as text.

It is the demo's ticket printer and the one tests inspect. Paper low/out, an
open cover and offline are set at run time; a ticket that cannot come out is
refused with the reason and is neither kept nor written, as with a real printer.
"""

from __future__ import annotations

from pathlib import Path

from devices.protocols import PrintOutcome, PrintResult, Ticket
from devices.simulated.printer_controls import PrinterControls
from devices.status import DeviceState, DeviceStatus

TICKET_WIDTH = 42  # characters per line of an 80 mm roll in font A


class SimulatedReceiptPrinter(PrinterControls):
    """A `ReceiptPrinter` that records tickets, and writes ``ticket-<n>.txt`` if given a folder."""

    def __init__(self, name: str = "receipt_printer", output_dir: Path | None = None) -> None:
        self.name = name
        self.output_dir = Path(output_dir) if output_dir is not None else None
        super().__init__()
        self._cover_open = False
        self._tickets: list[Ticket] = []

    # -- controls (any thread) -------------------------------------------------
    def set_cover_open(self, cover_open: bool) -> None:
        with self._lock:
            self._cover_open = cover_open

    @property
    def tickets(self) -> list[Ticket]:
        """The tickets printed so far, oldest first."""
        with self._lock:
            return list(self._tickets)

    # -- ReceiptPrinter --------------------------------------------------------
    def status(self) -> DeviceStatus:
        with self._lock:
            if not self._online:
                return DeviceStatus(DeviceState.OFFLINE, "printer offline")
            if self._cover_open:
                return DeviceStatus(DeviceState.USER_ERROR, "cover open", media=self._paper)
            if self._paper == "out":
                return DeviceStatus(DeviceState.USER_ERROR, "paper out", media="out")
            return DeviceStatus(
                DeviceState.ONLINE,
                "simulated receipt printer",
                media=self._paper,
                presented=self._presented,
            )

    def print_ticket(self, ticket: Ticket) -> PrintResult:
        with self._lock:
            if not self._online:
                return PrintResult(PrintOutcome.OFFLINE, detail="printer offline")
            if self._cover_open:
                return PrintResult(PrintOutcome.FAILED, detail="cover open")
            if self._paper == "out":
                return PrintResult(PrintOutcome.PAPER_OUT, detail="paper out")
            self._tickets.append(ticket)
            self._presented = True
            job = len(self._tickets)
        if self.output_dir is None:
            return PrintResult(PrintOutcome.PRINTED, job_id=str(job))
        try:
            self.output_dir.mkdir(parents=True, exist_ok=True)
            target = self.output_dir / f"ticket-{job}.txt"
            target.write_text(render_ticket(ticket), encoding="utf-8")
        except OSError as exc:
            return PrintResult(PrintOutcome.FAILED, detail=f"could not write the output: {exc}")
        return PrintResult(PrintOutcome.PRINTED, job_id=str(target))

    def close(self) -> None:
        """Nothing to release."""


def render_ticket(ticket: Ticket, width: int = TICKET_WIDTH) -> str:
    """A plain-text picture of ``ticket`` as it would come off the roll."""
    rows: list[str] = []
    for line in ticket.lines:
        text = line.text.upper() if line.double_size else line.text
        if line.bold:
            text = f"*{text}*"
        if line.align == "center":
            rows.append(text.center(width).rstrip())
        elif line.align == "right":
            rows.append(text.rjust(width))
        else:
            rows.append(text)
    if ticket.qr is not None:
        rows.append(f"[QR] {ticket.qr}")
    if ticket.cut:
        rows.append("-" * width)
    return "\n".join(rows) + "\n"
