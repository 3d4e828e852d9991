"""The licence desk: a business licence printed once, and the central told exactly once.

central-api.md "Licences (print once)": the kiosk opens the licence's print job
at the central (`LicenceDesk.open_job`), prints the slip on the document printer
through the print journal (`LicenceDesk.print_licence`), and reports ``printed``
only once the printer confirmed it, ``failed`` when nothing came out. A print
whose fate is unknown (unconfirmed, or a crash mid-job) is reported nothing: its
job stays open at the central and in the journal for staff (``kiosk prints``),
so a licence is never issued twice and never lost.

What is reported is decided once, from the print journal's verdict, and kept
(`offline_cache.licence_prints`); `LicenceDesk.report_pending` sends what the
central has not heard yet: after a network cut, at the next sync; after a crash
between the printer's confirmation and the report, at the next start. One print
job is printed at most once: "try again" after a failure asks the central for a
new job (the failure reported first), never prints the old one again.

The slip's PDF (it names the licence's holder) is deleted once the result is
decided; an unconfirmed one is kept for staff to reprint.
"""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import quote

from devices.protocols import DocumentPrinter, PrintOutcome, PrintResult
from kiosk.clock import Clock, rfc3339
from kiosk.documents.fonts import FontMissingError
from kiosk.documents.licence_content import LicenceSlip, licence_slip
from kiosk.documents.receipt_data import china_time
from kiosk.receipts import PrintingReceiptDesk
from kiosk.sync.client import CentralClient
from kiosk.sync.errors import CentralRefused, NotEnrolled, SyncError
from offline_cache.db import PRIVATE_FILE_MODE, Database, StorageError, private_directory
from offline_cache.licence_prints import LicencePrint, LicencePrints
from offline_cache.print_journal import PrintJob, PrintJournal, PrintState

log = logging.getLogger(__name__)

LICENCE = "licence"
"""The print journal's ``kind`` for licences; the ``reference`` is the central's print job."""

_DECIDED = {PrintState.PRINTED: "printed", PrintState.FAILED: "failed"}


class Refusal(StrEnum):
    """Why no licence is printed (the citizen is told in plain words)."""

    NOT_FOUND = "not_found"
    """No licence for these numbers (wrong numbers, or the application is not approved)."""
    NO_LICENCE = "no_licence"
    """The application is found but has no licence (yet)."""
    ALREADY_PRINTED = "already_printed"
    """Its one original has been printed; another needs staff approval."""
    OPEN_ELSEWHERE = "open_elsewhere"
    """Another kiosk is printing it (or its print there was never reported)."""
    LEFT_FOR_STAFF = "left_for_staff"
    """An earlier print here may have come out: staff must look first."""
    UNREACHABLE = "unreachable"
    """The central cannot be asked now (or has not heard the last print's result)."""
    REFUSED = "refused"
    """The central refused for another reason, or the kiosk cannot keep records."""


@dataclass(frozen=True, slots=True)
class LicenceRequest:
    """What the citizen gave: ``uscc`` may be empty (the kiosk then looks it up)."""

    uscc: str
    application_no: str
    id_number: str


@dataclass(frozen=True, slots=True)
class OpenedLicence:
    """A print job the central opened for this kiosk, and the licence it prints."""

    print_job: str
    application_no: str
    slip: LicenceSlip


@dataclass(frozen=True, slots=True)
class LicenceRefused:
    reason: Refusal
    detail: str = ""


@dataclass(frozen=True, slots=True)
class LicencePrintOutcome:
    """``outcome``: "printed" (the printer confirmed it), "failed" (nothing came out)
    or "unconfirmed" (it may have come out: left for staff). ``reported``: the
    central has the result already (else the next sync sends it)."""

    outcome: str
    detail: str = ""
    reported: bool = False


class LicenceDesk:
    """Opens, prints, journals and reports licence print jobs; Qt-free, blocking
    (call it on a worker).

    Args:
        client: the signed central client when connected (None before).
        printer: the document printer.
        folder: where a slip's PDF waits until its result is decided (made 0700).
        db: the kiosk's database (print journal and licence reports).
        clock: for the records and the date of issue.
        font: an embeddable CJK font, if not one of the system's known ones.
    """

    def __init__(
        self,
        client: Callable[[], CentralClient | None],
        printer: DocumentPrinter,
        folder: Path,
        db: Database,
        clock: Clock,
        font: Path | None = None,
    ) -> None:
        self._client = client
        self._folder = folder
        self._clock = clock
        self._font = font
        self._journal = PrintJournal(db)
        self.prints = LicencePrints(db)
        # The journaled printing the receipts use: marked "printing" before the
        # driver is called, "printed" only on the printer's word, PDF gone then.
        self._printing = PrintingReceiptDesk(
            printer, folder, self._journal, clock, font, delete_when_printed=True
        )

    # -- the citizen -------------------------------------------------------------
    def open_job(self, request: LicenceRequest) -> OpenedLicence | LicenceRefused:
        """Ask the central for the licence's print job (the same one if it is open here)."""
        client = self._client()
        if client is None:
            return LicenceRefused(Refusal.UNREACHABLE, "the kiosk is not connected to the central")
        try:
            self.report_pending()
            waiting = self._unreported_result(request)
            if waiting is not None:
                return LicenceRefused(
                    Refusal.UNREACHABLE,
                    f"the result of print job {waiting.print_job} has not reached the central yet",
                )
            for _ in range(2):  # a stale job of ours is closed as failed, then one new one
                opened = self._open(client, request)
                if not isinstance(opened, _Stale):
                    return opened
            return LicenceRefused(Refusal.REFUSED, "the central gave the same closed job again")
        except CentralRefused as exc:
            return _refusal(exc)
        except SyncError as exc:
            return LicenceRefused(Refusal.UNREACHABLE, str(exc))
        except StorageError as exc:
            log.exception("the licence records could not be used")
            return LicenceRefused(Refusal.REFUSED, f"not printed: {exc}")

    def print_licence(self, job: OpenedLicence) -> LicencePrintOutcome:
        """Print the slip of an opened job once and report how it ended."""
        try:
            known = self._journal.find(LICENCE, job.print_job)
            if known is not None:
                # This job was printed (or tried) before: never a second attempt.
                return self._settle_known(job.print_job, known)
            journaled = self._journal_slip(job)
        except StorageError as exc:
            log.exception("the print journal could not be used")
            return LicencePrintOutcome("failed", f"not printed: {exc}")
        if journaled.state is PrintState.FAILED:
            result = PrintResult(PrintOutcome.FAILED, detail=journaled.last_detail)
        else:
            result = self._printing.resume(journaled.id)
        detail = result.detail or str(result.outcome)
        if result.ok:
            return LicencePrintOutcome("printed", detail, self._decide(job.print_job, "printed"))
        if result.retry_safe:
            return LicencePrintOutcome("failed", detail, self._decide(job.print_job, "failed"))
        log.warning("licence print job %s unconfirmed: left for staff", job.print_job)
        return LicencePrintOutcome("unconfirmed", detail)

    # -- the sync loop and the start ------------------------------------------------
    def report_pending(self) -> int:
        """Decide what the journal now knows (a print staff confirmed, or said did not
        come out) and send every result the central has not heard; returns how many
        it took. Safe to call at any time, from any worker."""
        sent = 0
        client = self._client()
        for row in self.prints.unreported():
            if row.result is None:
                job = self._journal.find(LICENCE, row.print_job)
                if job is None or job.state not in _DECIDED:
                    continue
                decided = self.prints.decide(
                    row.print_job, _DECIDED[job.state], job.last_detail, self._now()
                )
                if decided is None:
                    continue
                row = decided
                self._forget_pdf(row.print_job)
            if client is not None and self._report(client, row):
                sent += 1
        return sent

    def recover(self) -> list[str]:
        """At start, in the process that owns the printer: a job opened but never handed
        to the printer (the kiosk stopped first) certainly did not print: failed.
        Returns those jobs. (A job left printing is the journal's `recover`.)"""
        failed = []
        for row in self.prints.unreported():
            if row.result is not None:
                continue
            job = self._journal.find(LICENCE, row.print_job)
            if job is None or job.state is PrintState.PENDING:
                detail = "the kiosk stopped before the licence was printed"
                if job is not None:
                    self._journal.fail(job.id, detail, self._now())
                self.prints.decide(row.print_job, "failed", detail, self._now())
                self._forget_pdf(row.print_job)
                failed.append(row.print_job)
        return failed

    # -- internals ---------------------------------------------------------------
    def _open(self, client: CentralClient, request: LicenceRequest) -> _Opened:
        uscc = request.uscc.strip().upper() or self._uscc_by_lookup(client, request)
        if isinstance(uscc, LicenceRefused):
            return uscc
        body = client.post(
            f"/v1/licences/{quote(uscc, safe='')}/print-jobs",
            {"application_no": request.application_no.strip(), "id_number": request.id_number},
        )
        print_job = body.get("print_job")
        if not isinstance(print_job, str) or not print_job:
            return LicenceRefused(Refusal.UNREACHABLE, "the central's answer names no print job")
        known = self.prints.get(print_job)
        if known is not None:
            settled = self._reopened(known)
            if settled is not None:
                return settled
        slip = licence_slip(
            body.get("licence"),
            body.get("verification"),
            printed_on=china_time(self._clock.now()).date(),
        )
        slip_uscc = slip.uscc or uscc
        self.prints.record(print_job, slip_uscc, request.application_no.strip(), self._now())
        if not slip.qr:
            log.warning("print job %s came without a verification QR", print_job)
        return OpenedLicence(print_job, request.application_no.strip(), slip)

    def _reopened(self, known: LicencePrint) -> _Opened | None:
        """The central gave back a job this kiosk knows: what to do instead of printing
        it again (None: it never reached the printer, print it now)."""
        if known.result is not None:
            # Its result was refused for good (else it would be closed there): staff.
            return LicenceRefused(Refusal.REFUSED, known.report_problem or "job already ended")
        job = self._journal.find(LICENCE, known.print_job)
        if job is None:
            return None
        settled = self._settle_known(known.print_job, job)
        if settled.outcome == "printed":
            return LicenceRefused(Refusal.ALREADY_PRINTED, "printed here before")
        if settled.outcome == "unconfirmed":
            return LicenceRefused(Refusal.LEFT_FOR_STAFF, job.last_detail)
        return _Stale()

    def _settle_known(self, print_job: str, job: PrintJob) -> LicencePrintOutcome:
        """A job already journaled is not printed again: its end as the journal has it
        (a job journaled but never started is failed: nothing came out)."""
        if job.state is PrintState.PENDING:
            self._journal.fail(job.id, "not printed: the job was opened again", self._now())
            return LicencePrintOutcome("failed", "", self._decide(print_job, "failed"))
        decided = _DECIDED.get(job.state)
        if decided is None:
            return LicencePrintOutcome("unconfirmed", job.last_detail)
        return LicencePrintOutcome(decided, job.last_detail, self._decide(print_job, decided))

    def _uscc_by_lookup(
        self, client: CentralClient, request: LicenceRequest
    ) -> str | LicenceRefused:
        """A catalogue form without the credit code: the application's lookup names it."""
        found = client.lookup(request.application_no, request.id_number)
        if found is None:
            return LicenceRefused(Refusal.NOT_FOUND)
        licence = found.get("licence")
        uscc = licence.get("uscc") if isinstance(licence, dict) else None
        if not isinstance(uscc, str) or not uscc.strip():
            return LicenceRefused(Refusal.NO_LICENCE, str(found.get("status") or ""))
        return uscc.strip().upper()

    def _unreported_result(self, request: LicenceRequest) -> LicencePrint | None:
        number = request.application_no.strip()
        uscc = request.uscc.strip().upper()
        for row in self.prints.unreported():
            if row.result is not None and (row.application_no == number or row.uscc == uscc):
                return row
        return None

    def _journal_slip(self, job: OpenedLicence) -> PrintJob:
        title = f"licence-{job.print_job}"
        try:
            pdf = self._render(job)
        except (OSError, FontMissingError, ValueError) as exc:
            log.exception("could not make the licence slip")
            problem = f"could not make the licence slip: {type(exc).__name__}"
            return self._journal.add(
                LICENCE, job.print_job, title, "", self._now(), problem=problem
            )
        return self._journal.add(LICENCE, job.print_job, title, str(pdf), self._now())

    def _render(self, job: OpenedLicence) -> Path:
        """Write the slip's PDF atomically, private (0600) before a byte is written."""
        from kiosk.documents.licence_slip import write_licence_pdf  # reportlab on first use

        private_directory(self._folder)
        target = self._folder / f"licence-{_safe(job.print_job)}.pdf"
        partial = self._folder / f".{target.name}.{uuid.uuid4().hex}.part"
        try:
            os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
            write_licence_pdf(job.slip, partial, font_path=self._font)
            os.replace(partial, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
        return target

    def _decide(self, print_job: str, result: str) -> bool:
        """Decide the job's result (once), drop its PDF, and report it; True if the
        central has it now. A storage failure leaves it to the next start or sync."""
        try:
            job = self._journal.find(LICENCE, print_job)
            detail = job.last_detail if job is not None else ""
            row = self.prints.decide(print_job, result, detail, self._now())
            self._forget_pdf(print_job)
            client = self._client()
            return row is not None and client is not None and self._report(client, row)
        except StorageError:
            log.exception("the result of licence print job %s could not be recorded", print_job)
            return False

    def _report(self, client: CentralClient, row: LicencePrint) -> bool:
        """Send ``row``'s result; True once the central has it (or refused it for good)."""
        if row.result is None or row.reported_at is not None:
            return row.reported_at is not None
        path = f"/v1/print-jobs/{quote(row.print_job, safe='')}/result"
        try:
            client.post(path, {"result": row.result, "detail": row.detail[:500]})
        except NotEnrolled:
            log.warning("licence print job %s: not enrolled, reported later", row.print_job)
            return False
        except CentralRefused as exc:
            # 409: the central holds another result; 404: it has no such job. Sending
            # again cannot help: staff see the problem in the records.
            log.error("the central refused the result of print job %s: %s", row.print_job, exc)
            self.prints.reported(row.print_job, self._now(), problem=str(exc)[:500])
            return True
        except SyncError as exc:
            log.info("licence print job %s reported later: %s", row.print_job, exc)
            return False
        self.prints.reported(row.print_job, self._now())
        log.info("licence print job %s reported %s", row.print_job, row.result)
        return True

    def _forget_pdf(self, print_job: str) -> None:
        """The result is decided: the slip (personal data) is not kept."""
        with contextlib.suppress(OSError):
            (self._folder / f"licence-{_safe(print_job)}.pdf").unlink(missing_ok=True)

    def _now(self) -> str:
        return rfc3339(self._clock.now())


class _Stale:
    """The central gave back a job of ours that is over here: closed as failed, ask again."""


_Opened = OpenedLicence | LicenceRefused | _Stale


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name)


def _refusal(exc: CentralRefused) -> LicenceRefused:
    kind = str(exc.problem.get("type", ""))
    detail = str(exc.problem.get("detail") or exc)
    if exc.status == 404:
        return LicenceRefused(Refusal.NOT_FOUND)
    if exc.status == 409 and kind.endswith("print-job-open"):
        return LicenceRefused(Refusal.OPEN_ELSEWHERE, detail)
    if exc.status == 409 and "printed" in kind:
        return LicenceRefused(Refusal.ALREADY_PRINTED, detail)
    if exc.status == 401:
        return LicenceRefused(Refusal.UNREACHABLE, "the kiosk must be enrolled again")
    return LicenceRefused(Refusal.REFUSED, detail)


def staff_refusal(job: PrintJob, command: str) -> str | None:
    """Why staff may not ``command`` (resume, reprint) licence ``job``, or None.

    A failed licence job is closed at the central (or will be at the next sync):
    the citizen prints again at the kiosk, under a new job. A printed licence is
    the one original: another needs the registration office's approval first.
    """
    if job.kind != LICENCE:
        return None
    if command == "resume":
        return (
            "a licence is never printed again under a job that failed: its failure is "
            "reported to the central, and the citizen prints it again at the kiosk (a new job)"
        )
    if command == "reprint" and job.state is PrintState.PRINTED:
        return (
            "the original licence has come out: another original needs the registration "
            "office's approval, then the citizen prints it at the kiosk"
        )
    return None
