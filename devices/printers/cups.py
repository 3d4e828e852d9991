"""A `DocumentPrinter` that prints PDFs through a CUPS queue with pycups.

One call to `CupsDocumentPrinter.print_pdf` submits at most one job and follows it
with IPP ``job-state`` until CUPS says *completed* (the only state reported as
printed), the job ends otherwise, the printer stops, or the timeout passes. A job
that will not finish is cancelled before the call returns, so it cannot print
later behind the kiosk's back (see devices/printers/README.md, "The retry rule").
When that cannot be made sure of (the submission or the scheduler was lost, the
cancel was not confirmed) the result is ``UNCONFIRMED``: the job may still print.

pycups is imported when first used, not when `devices` is imported: a kiosk
without the ``cups`` extra can still run with another printer.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from devices.errors import DeviceConfigError
from devices.printers.cups_states import (
    JobState,
    JobView,
    outcome_for_status,
    printer_status,
)
from devices.protocols import PrintOutcome, PrintResult
from devices.status import DeviceState, DeviceStatus

_PRINTER_ATTRS = [
    "printer-state",
    "printer-state-reasons",
    "printer-state-message",
    "printer-is-accepting-jobs",
]
_JOB_ATTRS = ["job-state", "job-state-reasons", "job-printer-state-message"]


def import_pycups() -> Any:
    """pycups, imported now; ImportError without the ``cups`` extra."""
    import cups

    return cups


def _pycups() -> Any:
    """Import pycups now; a missing library is a configuration error with a fix in it."""
    try:
        return import_pycups()
    except ImportError as exc:
        raise DeviceConfigError(
            "the CUPS printer needs pycups: install the 'cups' extra "
            "(pip install 'business-kiosk[cups]'; it compiles against libcups2-dev)"
        ) from exc


class CupsDocumentPrinter:
    """Prints PDFs on the CUPS queue ``queue`` and reports only confirmed results.

    Args:
        queue: the CUPS destination name (``lpstat -p``).
        name: the device name for logs and the heartbeat; default ``cups:<queue>``.
        server: CUPS server (host, ``host:port`` or socket path); default: the
            client's default (``/run/cups/cups.sock`` or ``$CUPS_SERVER``).
        options: CUPS job options, e.g. ``{"media": "A4", "sides": "one-sided"}``.
        timeout_s: how long a job may take from submission to *completed*.
        poll_interval_s: pause between two ``Get-Job-Attributes`` requests.
        cancel_grace_s: how long to wait for a cancelled job to reach a final state.
        clock, sleep: injected so tests can run the loop without real waiting.
    """

    def __init__(
        self,
        queue: str,
        *,
        name: str | None = None,
        server: str | None = None,
        options: Mapping[str, str] | None = None,
        timeout_s: float = 120.0,
        poll_interval_s: float = 0.2,
        cancel_grace_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not queue:
            raise DeviceConfigError("a CUPS queue name is required")
        if timeout_s <= 0 or poll_interval_s <= 0 or cancel_grace_s < 0:
            raise DeviceConfigError("CUPS timeouts must be positive")
        self.queue = queue
        self.name = name or f"cups:{queue}"
        self.server = server
        self.options = dict(options or {})
        self.timeout_s = timeout_s
        self.poll_interval_s = poll_interval_s
        self.cancel_grace_s = cancel_grace_s
        self._clock = clock
        self._sleep = sleep

    # -- DocumentPrinter ---------------------------------------------------------

    def status(self) -> DeviceStatus:
        cups = _pycups()
        try:
            conn = self._connect()
        except RuntimeError as exc:
            return DeviceStatus(DeviceState.OFFLINE, f"print service not reachable: {exc}")
        try:
            return printer_status(self._printer_attrs(conn))
        except cups.IPPError as exc:
            if self._not_found(exc):
                return DeviceStatus(DeviceState.NO_DEVICE, f"no CUPS queue named {self.queue!r}")
            return DeviceStatus(DeviceState.HARDWARE_ERROR, f"CUPS refused the query: {exc}")
        except (RuntimeError, cups.HTTPError) as exc:
            return DeviceStatus(DeviceState.OFFLINE, f"print service not reachable: {exc}")

    def print_pdf(self, pdf: Path, *, title: str) -> PrintResult:
        cups = _pycups()
        pdf = Path(pdf)
        if not pdf.is_file():
            return PrintResult(PrintOutcome.FAILED, detail=f"not submitted: no PDF at {pdf}")
        try:
            conn = self._connect()
            before = printer_status(self._printer_attrs(conn))
        except cups.IPPError as exc:
            if self._not_found(exc):
                return PrintResult(
                    PrintOutcome.OFFLINE,
                    detail=f"not submitted: no CUPS queue named {self.queue!r}",
                )
            return PrintResult(PrintOutcome.FAILED, detail=f"not submitted: CUPS said {exc}")
        except (RuntimeError, cups.HTTPError) as exc:
            return PrintResult(
                PrintOutcome.OFFLINE, detail=f"not submitted: print service not reachable: {exc}"
            )
        # A stopped queue still accepts jobs and prints them when it is enabled again,
        # possibly after the kiosk has told the citizen "failed" and printed a second
        # copy elsewhere. So nothing is submitted unless the printer can print now.
        if not before.usable:
            return PrintResult(outcome_for_status(before), detail=f"not submitted: {before.reason}")
        try:
            job_id = int(conn.printFile(self.queue, str(pdf), title, self.options))
        except cups.IPPError as exc:
            # IPP refused the request: no job exists.
            return PrintResult(PrintOutcome.FAILED, detail=f"not submitted: CUPS refused: {exc}")
        except (RuntimeError, cups.HTTPError, OSError) as exc:
            # The request may or may not have reached the scheduler, and a job that
            # did may print: resubmitting could give two copies.
            return PrintResult(
                PrintOutcome.UNCONFIRMED,
                detail=f"submission interrupted ({exc}); a job may exist on {self.queue!r}: "
                "check the queue before printing again",
            )
        return self._follow(conn, job_id)

    def job_state(self, job_id: str) -> JobView | None:
        """The current IPP state of an earlier job, for the journal's retry decision.

        Returns None when CUPS no longer knows the job (job history purged). Reprint
        only if the returned view's ``retry_safe`` is true.
        """
        cups = _pycups()
        conn = self._connect()
        try:
            return JobView.from_attrs(
                conn.getJobAttributes(int(job_id), requested_attributes=_JOB_ATTRS)
            )
        except cups.IPPError as exc:
            if self._not_found(exc):
                return None
            raise

    def close(self) -> None:
        """Nothing held open: every call uses its own short-lived connection."""

    # -- internals ---------------------------------------------------------------

    def _connect(self) -> Any:
        cups = _pycups()
        # A connection per call: pycups connections are not thread-safe, and a
        # fresh one survives a cupsd restart between two prints.
        if self.server is None:
            return cups.Connection()
        host, sep, port = self.server.rpartition(":")
        if sep and port.isdigit() and not self.server.startswith("/"):
            return cups.Connection(host=host, port=int(port))
        return cups.Connection(host=self.server)

    def _printer_attrs(self, conn: Any) -> dict[str, Any]:
        attrs: dict[str, Any] = conn.getPrinterAttributes(
            self.queue, requested_attributes=_PRINTER_ATTRS
        )
        return attrs

    def _job(self, conn: Any, job_id: int) -> JobView:
        return JobView.from_attrs(conn.getJobAttributes(job_id, requested_attributes=_JOB_ATTRS))

    @staticmethod
    def _not_found(exc: BaseException) -> bool:
        cups = _pycups()
        return bool(exc.args) and exc.args[0] == cups.IPP_NOT_FOUND

    def _follow(self, conn: Any, job_id: int) -> PrintResult:
        """Poll the job until it is final, the printer stops, or the timeout passes."""
        cups = _pycups()
        deadline = self._clock() + self.timeout_s
        last: JobView | None = None
        while True:
            try:
                last = self._job(conn, job_id)
                if last.state.final:
                    return self._final(job_id, last, conn)
                printer = printer_status(self._printer_attrs(conn))
            except (RuntimeError, cups.IPPError, cups.HTTPError) as exc:
                # Lost the scheduler mid-job: the job is queued and may print when
                # cupsd is back, so this is not "failed, reprint".
                return PrintResult(
                    PrintOutcome.UNCONFIRMED,
                    job_id=str(job_id),
                    detail=f"lost contact with CUPS while job {job_id} was "
                    f"{last.describe() if last else 'submitted'} ({exc}); "
                    "it may still print: check the job before printing again",
                )
            if last.state is JobState.PENDING_HELD:
                return self._cancel(conn, job_id, PrintOutcome.FAILED, "job held by CUPS")
            if not printer.usable:
                return self._cancel(conn, job_id, outcome_for_status(printer), printer.reason)
            if self._clock() >= deadline:
                return self._cancel(
                    conn,
                    job_id,
                    PrintOutcome.FAILED,
                    f"not completed within {self.timeout_s:g} s ({last.describe()})",
                )
            self._sleep(self.poll_interval_s)

    def _final(self, job_id: int, view: JobView, conn: Any) -> PrintResult:
        cups = _pycups()
        if view.state is JobState.COMPLETED:
            return PrintResult(PrintOutcome.PRINTED, job_id=str(job_id), detail=view.describe())
        outcome = PrintOutcome.FAILED
        if view.state is JobState.ABORTED:
            # The printer's condition usually says why the system gave up on the job.
            try:
                printer = printer_status(self._printer_attrs(conn))
            except (RuntimeError, cups.IPPError, cups.HTTPError):
                printer = None  # only enriches the report
            if printer is not None and not printer.usable:
                outcome = outcome_for_status(printer)
        return PrintResult(
            outcome, job_id=str(job_id), detail=f"job {job_id} {view.describe()}; did not print"
        )

    def _cancel(self, conn: Any, job_id: int, outcome: PrintOutcome, why: str) -> PrintResult:
        """Cancel a job that will not finish, and report what CUPS made of the cancel."""
        cups = _pycups()
        # Cancelling may fail, e.g. because the job completed meanwhile: the state
        # read below decides what is reported, not the cancel request.
        with contextlib.suppress(cups.IPPError, RuntimeError, cups.HTTPError):
            conn.cancelJob(job_id)
        end = self._clock() + self.cancel_grace_s
        view: JobView | None = None
        while True:
            try:
                view = self._job(conn, job_id)
            except (RuntimeError, cups.IPPError, cups.HTTPError):
                view = None
            if (view is not None and view.state.final) or self._clock() >= end:
                break
            self._sleep(self.poll_interval_s)
        if view is not None and view.state is JobState.COMPLETED:
            # It finished while being cancelled: it printed.
            return PrintResult(PrintOutcome.PRINTED, job_id=str(job_id), detail=view.describe())
        if view is not None and view.retry_safe:
            return PrintResult(
                outcome,
                job_id=str(job_id),
                detail=f"{why}; job {job_id} cancelled ({view.describe()}), did not print",
            )
        state = view.describe() if view else "unknown"
        # Neither completed nor cancelled: the job can still come out.
        return PrintResult(
            PrintOutcome.UNCONFIRMED,
            job_id=str(job_id),
            detail=f"{why}; job {job_id} could not be cancelled (state {state}): "
            "it may still print, check the job before printing again",
        )
