"""The receipt desk: makes the receipt PDF and prints it through the print journal.

Every receipt is journaled (`offline_cache.print_journal`) and marked *printing*
before the printer is called, so a failed print is kept and can be resumed, and
nothing but an explicit staff `PrintingReceiptDesk.reprint` prints a document
that may already have come out. The citizen's "try again" is `retry_receipt`;
staff and technicians use `resume`, `confirm_printed` and `reprint` (by job id,
for any kind of journaled document).

A receipt names the citizen, so its PDF is private (0600 in a 0700 folder) and,
with ``delete_when_printed`` (the kiosk's setting), deleted once the journal
records it *printed*: by the printer's confirmation or by staff confirming an
*unconfirmed* one. A *failed* or *unconfirmed* job keeps its PDF, so that it
can be resumed or reprinted; a copy of a printed one can then no longer be made.

Short slips (queue tickets, and receipts on a kiosk configured to print them on
its 80 mm receipt printer) follow the same rules: the slip is kept as a file
(`kiosk.slip_printing`) and journaled like a PDF, so resume, confirm and
reprint work by job id for every kind.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import uuid
from collections.abc import Callable
from pathlib import Path

from devices.protocols import DocumentPrinter, PrintOutcome, PrintResult, Ticket
from kiosk.clock import Clock, rfc3339
from kiosk.documents.fonts import FontMissingError
from kiosk.documents.receipt import ReceiptData, write_receipt_pdf
from kiosk.documents.receipt_qr import format_receipt_qr
from kiosk.documents.receipt_ticket import receipt_ticket
from kiosk.documents.ticket_file import is_ticket_file
from kiosk.slip_printing import SlipMedium
from offline_cache.db import PRIVATE_FILE_MODE, StorageError, private_directory
from offline_cache.print_journal import (
    RETRY_SAFE_STATES,
    PrintJob,
    PrintJournal,
    PrintState,
    state_after,
)

log = logging.getLogger(__name__)

RECEIPT = "receipt"
"""The journal's ``kind`` for citizens' receipts."""

_COPY_STATES = frozenset({PrintState.UNCONFIRMED, PrintState.PRINTED})


class PrintingReceiptDesk:
    """Makes, prints and journals receipts; retries only what cannot print twice.

    Args:
        printer: the document printer.
        folder: where the receipt PDFs are kept until printed (made 0700).
        journal: the print journal over the kiosk's database.
        clock: for the journal's timestamps.
        font: an embeddable CJK font, if not one of the system's known ones.
        delete_when_printed: delete a job's PDF once it is recorded *printed* (the
            kiosk does; off, the PDFs stay and printed jobs can be copied).
        qr_signer: signs the receipt's QR text with the kiosk's key
            (`kiosk.verification.receipt_signing`); without one, or when it fails,
            the receipt carries the plain text.
        slips: where short slips go (`kiosk.slip_printing`): queue tickets, and with
            ``thermal_receipts`` the receipts too, as 80 mm slips on its receipt printer.
        thermal_receipts: print receipts as thermal slips (`[printing] receipt_on`).
    """

    def __init__(
        self,
        printer: DocumentPrinter,
        folder: Path,
        journal: PrintJournal,
        clock: Clock,
        font: Path | None = None,
        *,
        delete_when_printed: bool = False,
        qr_signer: Callable[[str], str] | None = None,
        slips: SlipMedium | None = None,
        thermal_receipts: bool = False,
    ) -> None:
        self._printer = printer
        self._slips = slips or SlipMedium(None, font)
        self._thermal_receipts = thermal_receipts and self._slips.thermal
        self._qr_signer = qr_signer
        self._folder = folder
        self._journal = journal
        self._clock = clock
        self._font = font
        self._delete_when_printed = delete_when_printed

    def recover(self) -> list[PrintJob]:
        """At start: jobs a crash left *printing* become *unconfirmed*; returns them.

        Only the process that owns the printer may call this (the kiosk, once):
        elsewhere it would misreport a job that is printing right now.
        """
        recovered = self._journal.recover(self._now())
        for job in recovered:
            log.warning(
                "print job %d (%s %s) was printing when the kiosk stopped: now %s",
                job.id,
                job.kind,
                job.reference,
                job.state,
            )
        return recovered

    # -- the citizen -------------------------------------------------------------
    def print_receipt(self, receipt: ReceiptData) -> PrintResult:
        """Make and print the receipt, unless it has printed or may have printed."""
        reference = receipt.reference
        title = f"receipt-{receipt.number}"
        try:
            known = self._journal.find(RECEIPT, reference)
            if known is not None and known.state not in RETRY_SAFE_STATES:
                return _refusal(known)
            try:
                pdf = self._render(receipt)
            except (OSError, FontMissingError) as exc:
                log.exception("could not make the receipt")
                problem = f"could not make the receipt: {exc}"
                # Journaled without a PDF, so staff see the citizen went without one.
                self._journal.add(RECEIPT, reference, title, "", self._now(), problem=problem)
                return PrintResult(PrintOutcome.FAILED, detail=problem)
            job = self._journal.add(RECEIPT, reference, title, str(pdf), self._now())
        except StorageError as exc:
            return _storage_failure(exc)
        return self._attempt(job, RETRY_SAFE_STATES)

    def retry_receipt(self, reference: str) -> PrintResult:
        """The citizen's "try again": prints only a receipt that did not come out."""
        try:
            job = self._journal.find(RECEIPT, reference)
        except StorageError as exc:
            return _storage_failure(exc)
        if job is None:
            return PrintResult(
                PrintOutcome.FAILED, detail=f"no receipt {reference!r} in the print journal"
            )
        return self._attempt(job, RETRY_SAFE_STATES)

    # -- short slips (queue tickets) ----------------------------------------------
    def print_slip(self, kind: str, reference: str, title: str, ticket: Ticket) -> PrintResult:
        """Journal and print a slip (e.g. a queue ticket) unless it has or may have printed:
        on the receipt printer, or as an A5 PDF on the document printer without one."""
        try:
            known = self._journal.find(kind, reference)
            if known is not None and known.state not in RETRY_SAFE_STATES:
                return _refusal(known)
            try:
                path = self._slips.write(self._folder, f"{kind}-{reference}", ticket, title=title)
            except (OSError, FontMissingError) as exc:
                log.exception("could not make the %s slip", kind)
                problem = f"could not make the slip: {exc}"
                self._journal.add(kind, reference, title, "", self._now(), problem=problem)
                return PrintResult(PrintOutcome.FAILED, detail=problem)
            job = self._journal.add(kind, reference, title, str(path), self._now())
        except StorageError as exc:
            return _storage_failure(exc)
        return self._attempt(job, RETRY_SAFE_STATES)

    def retry_slip(self, kind: str, reference: str) -> PrintResult:
        """The citizen's "try again" for a slip: prints only one that did not come out."""
        try:
            job = self._journal.find(kind, reference)
        except StorageError as exc:
            return _storage_failure(exc)
        if job is None:
            return PrintResult(
                PrintOutcome.FAILED, detail=f"no {kind} {reference!r} in the print journal"
            )
        return self._attempt(job, RETRY_SAFE_STATES)

    # -- staff and technicians ---------------------------------------------------
    def resume(self, job_id: int) -> PrintResult:
        """Print a *pending* or *failed* job; the same rule as the citizen's retry."""
        job = self._get(job_id)
        if isinstance(job, PrintResult):
            return job
        return self._attempt(job, RETRY_SAFE_STATES)

    def confirm_printed(self, job_id: int) -> PrintResult:
        """Staff saw the paper of an *unconfirmed* job: it is *printed*. Prints nothing."""
        job = self._get(job_id)
        if isinstance(job, PrintResult):
            return job
        try:
            confirmed = self._journal.confirm_printed(
                job_id, "confirmed by staff: the document came out", self._now()
            )
            job = self._journal.get(job_id) or job
        except StorageError as exc:
            return _storage_failure(exc)
        if confirmed or job.state is PrintState.PRINTED:
            self._printed(job)
            return PrintResult(PrintOutcome.PRINTED, job.device_job, job.last_detail)
        return _refusal(job, wanted="unconfirmed")

    def reprint(self, job_id: int) -> PrintResult:
        """Staff ask for one more copy of an *unconfirmed* or *printed* job.

        The only way a document is printed again once it may have come out; the
        copy counts in the job's attempts.
        """
        job = self._get(job_id)
        if isinstance(job, PrintResult):
            return job
        return self._attempt(job, _COPY_STATES)

    # -- internals ---------------------------------------------------------------
    def _attempt(self, job: PrintJob, allowed: frozenset[PrintState]) -> PrintResult:
        """Print ``job`` if it is in one of the ``allowed`` states, and journal the end."""
        if job.state not in allowed:
            return _refusal(job)
        pdf = Path(job.pdf_path) if job.pdf_path else None
        try:
            if pdf is None or not pdf.is_file():
                detail = f"no PDF to print for job {job.id}" + (f" at {pdf}" if pdf else "")
                if job.state is PrintState.PRINTED and self._delete_when_printed:
                    detail += ": it was deleted once printed (no personal data is kept)"
                self._journal.fail(job.id, detail, self._now())
                return PrintResult(PrintOutcome.FAILED, job.device_job, detail)
            # Committed before the driver is called: a crash from here on leaves
            # the job "printing", which the next start turns into "unconfirmed".
            before = self._journal.start(job.id, allowed, self._now())
        except StorageError as exc:
            return _storage_failure(exc)
        if before is None:
            # Someone else started or finished it since it was read.
            current = self._journal.get(job.id)
            return _refusal(current or job)
        result = self._print(pdf, before.title)
        came_out = True if result.ok else (False if result.retry_safe else None)
        state = state_after(before, came_out)
        detail = result.detail or str(result.outcome)
        if before.state in _COPY_STATES:
            detail = f"copy: {detail}"
        try:
            finished = self._journal.finish(job.id, state, detail, result.job_id, self._now())
            if finished and state is PrintState.PRINTED:
                self._printed(job)
        except StorageError:
            log.exception(
                "print job %d ended %s but the journal could not record it: it stays "
                "'printing' and becomes 'unconfirmed' at the next start",
                job.id,
                result.outcome,
            )
        return result

    def _print(self, pdf: Path, title: str) -> PrintResult:
        if is_ticket_file(pdf):
            return self._slips.print_file(pdf)  # a slip for the receipt printer
        try:
            return self._printer.print_pdf(pdf, title=title)
        except Exception as exc:  # a driver bug must not lose the job: it is journaled
            log.exception("the printer driver raised while printing %s", pdf)
            return PrintResult(
                PrintOutcome.UNCONFIRMED,
                detail=f"the printer driver failed mid-job ({type(exc).__name__}: {exc}); "
                "the document may have come out: check before printing it again",
            )

    def _printed(self, job: PrintJob) -> None:
        """The job is recorded *printed*: its PDF goes, if the desk deletes printed ones.

        Only a PDF in the desk's own folder: a path some other tool journaled is not
        the desk's to delete.
        """
        if not self._delete_when_printed or not job.pdf_path:
            return
        pdf = Path(job.pdf_path)
        if pdf.parent.resolve() != self._folder.resolve():
            return
        try:
            pdf.unlink(missing_ok=True)
        except OSError:
            log.exception("could not delete the printed document %s", pdf)

    def _render(self, receipt: ReceiptData) -> Path:
        """Write the receipt PDF in place atomically.

        A renderer that fails half-way must not spoil an earlier PDF of the same
        receipt, and a reader (the printer) must never see a half-written file.
        """
        private_directory(self._folder)
        receipt = self._signed(receipt)
        if self._thermal_receipts:
            name = f"receipt-{receipt.reference}"
            return self._slips.write(self._folder, name, receipt_ticket(receipt), title=name)
        target = self._folder / f"receipt-{receipt.reference}.pdf"
        partial = self._folder / f".{target.name}.{uuid.uuid4().hex}.part"
        try:
            # Made 0600 before the renderer writes a byte of the citizen's data into it.
            os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
            write_receipt_pdf(receipt, partial, font_path=self._font)
            os.chmod(partial, PRIVATE_FILE_MODE)
            os.replace(partial, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
        return target

    def _signed(self, receipt: ReceiptData) -> ReceiptData:
        """The receipt with its QR text signed, when the desk can sign."""
        if self._qr_signer is None:
            return receipt
        try:
            signed = self._qr_signer(format_receipt_qr(receipt.qr))
        except Exception:  # noqa: BLE001 - a receipt is never held back for its signature
            log.exception("the receipt's QR code could not be signed: it is printed unsigned")
            return receipt
        return dataclasses.replace(receipt, signed_qr_text=signed)

    def _get(self, job_id: int) -> PrintJob | PrintResult:
        try:
            job = self._journal.get(job_id)
        except StorageError as exc:
            return _storage_failure(exc)
        if job is None:
            return PrintResult(PrintOutcome.FAILED, detail=f"no print job {job_id}")
        return job

    def _now(self) -> str:
        return rfc3339(self._clock.now())


def _refusal(job: PrintJob, wanted: str = "") -> PrintResult:
    """Why ``job`` is not printed now, as a result that does not claim a new print."""
    if job.state is PrintState.PRINTED:
        return PrintResult(
            PrintOutcome.PRINTED,
            job.device_job,
            f"print job {job.id} has already printed: not printed again",
        )
    if job.state is PrintState.UNCONFIRMED:
        return PrintResult(
            PrintOutcome.UNCONFIRMED,
            job.device_job,
            f"print job {job.id} may already have come out ({job.last_detail}): "
            "it is printed again only when staff ask for a reprint",
        )
    if job.state is PrintState.PRINTING:
        return PrintResult(
            PrintOutcome.UNCONFIRMED,
            job.device_job,
            f"print job {job.id} is being printed now",
        )
    need = f", not {wanted}" if wanted else ""
    return PrintResult(
        PrintOutcome.FAILED,
        job.device_job,
        f"print job {job.id} is {job.state}{need}: nothing has come out yet"
        + (f" ({job.last_detail})" if job.last_detail else ""),
    )


def _storage_failure(exc: StorageError) -> PrintResult:
    # Nothing is printed without its journal row: a print the journal cannot
    # record could be printed twice by the next retry.
    log.exception("the print journal could not be used")
    return PrintResult(PrintOutcome.FAILED, detail=f"not printed: {exc}")
