"""`kiosk prints ...`: staff and technicians look after the print journal.

kiosk prints list [--all] [--json]   jobs not known to have come out (--all: every job)
kiosk prints resume JOB              print a pending or failed job (nothing came out)
kiosk prints confirm JOB             the paper of an unconfirmed job was seen: printed
kiosk prints reprint JOB             one more copy of an unconfirmed or printed job
kiosk prints not-printed JOB         nothing of an unconfirmed job came out: failed

JOB is what the citizen holds: the application number or the provisional
reference (``K0001-000123``) of their receipt, or the job's id from ``list``
(a licence: its print job ``PJ-…`` too). A licence (`kiosk.licences`) is
confirmed or found not printed here, and the kiosk tells the central at its
next sync; it is never resumed (the citizen prints it again under a new job)
and its one original is never copied.
Exit 0 when done, 1 when the document did not come out or the job is in the
wrong state for the command (one line on stderr says why), 2 for usage and
configuration errors. ``resume`` and ``reprint`` print on the configured
``printer`` device; when that is a simulator living inside the running kiosk,
the kiosk prints it on its own simulator through its control socket
(`kiosk.control`), or the command refuses (exit 2) if the kiosk does not
answer. Nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from devices.errors import DeviceConfigError
from devices.factory import build_document_printer
from devices.protocols import DocumentPrinter, PrintOutcome, PrintResult
from kiosk import control
from kiosk.clock import SystemClock, rfc3339
from kiosk.config import KioskConfig
from kiosk.instance import device_in_running_kiosk
from kiosk.keys import DataKeyError
from kiosk.licences import LICENCE, staff_refusal
from kiosk.receipts import RECEIPT, PrintingReceiptDesk
from kiosk.references import find_submission
from kiosk.sealed_outbox import open_kiosk_outbox
from offline_cache.db import Database, StorageError
from offline_cache.licence_prints import LicencePrints
from offline_cache.outbox import Outbox
from offline_cache.print_journal import RETRY_SAFE_STATES, PrintJob, PrintJournal, PrintState

PRINTER = "printer"


def add_parser(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``prints`` sub-command to the ``kiosk`` sub-parsers ``sub``.

    ``parents`` carry the kiosk's options, accepted after every sub-command too.
    """
    prints = sub.add_parser(
        "prints", parents=parents, help="list, resume, confirm and reprint print jobs"
    )
    actions = prints.add_subparsers(dest="prints_command", required=True)

    listing = actions.add_parser("list", parents=parents, help="jobs not known to have come out")
    listing.add_argument("--all", action="store_true", help="every job, printed ones too")
    listing.add_argument("--json", action="store_true", help="one JSON object per job")

    for name, text in (
        ("resume", "print a pending or failed job again (nothing of it came out)"),
        ("confirm", "record that an unconfirmed job did come out"),
        ("reprint", "print one more copy of an unconfirmed or printed job"),
        ("not-printed", "record that nothing of an unconfirmed job came out"),
    ):
        action = actions.add_parser(name, parents=parents, help=text)
        action.add_argument(
            "job",
            metavar="JOB",
            help="the receipt's application number or provisional reference (K0001-000123),"
            " or the job's id from `kiosk prints list`",
        )


def run(config: KioskConfig, args: argparse.Namespace) -> int:
    """Run the ``prints`` sub-command chosen in ``args``; returns the exit code."""
    command: str = args.prints_command
    try:
        db = Database.open(config.data_dir / "kiosk.sqlite3")
    except StorageError as exc:
        _say(f"kiosk prints: {exc}", err=True)
        return 1
    try:
        journal = PrintJournal(db)
        names = _Names(open_kiosk_outbox(config, db, purging=False), LicencePrints(db))
        if command == "list":
            return list_jobs(journal, names, everything=bool(args.all), as_json=bool(args.json))
        return _act(config, journal, names, command, str(args.job))
    except (StorageError, DataKeyError) as exc:
        _say(f"kiosk prints {command}: {exc}", err=True)
        return 1
    finally:
        db.close()


def _say(line: str, *, err: bool = False) -> None:
    """One line of the command's output (stdout, or stderr for errors)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(line + "\n")


# -- names -----------------------------------------------------------------------
class _Names:
    """Jobs by the names people use: application number, provisional reference, id.

    A receipt is journaled under its submission's provisional reference; the
    outbox knows the application number the central gave that submission.
    """

    def __init__(self, outbox: Outbox, licences: LicencePrints | None = None) -> None:
        self._outbox = outbox
        self._licences = licences

    def find(self, journal: PrintJournal, name: str) -> PrintJob | None:
        text = name.strip()
        if text.isdigit():
            return journal.get(int(text))
        submission = find_submission(self._outbox, text)
        if submission is not None:
            return journal.find(RECEIPT, submission.reference)
        return journal.find(RECEIPT, text) or journal.find(LICENCE, text)

    def application_no(self, job: PrintJob) -> str | None:
        if job.kind == LICENCE and self._licences is not None:
            licence = self._licences.get(job.reference)
            return licence.application_no if licence is not None else None
        if job.kind != RECEIPT:
            return None
        submission = find_submission(self._outbox, job.reference)
        return submission.application_no if submission is not None else None


def _handle(job: PrintJob) -> str:
    """How to name ``job`` in a command: its reference for receipts, else its id."""
    return job.reference if job.kind == RECEIPT else str(job.id)


def _what(job: PrintJob, names: _Names) -> str:
    number = names.application_no(job)
    return f"job {job.id} ({job.kind} {job.reference}{', application ' + number if number else ''})"


# -- list ------------------------------------------------------------------------
def list_jobs(journal: PrintJournal, names: _Names, *, everything: bool, as_json: bool) -> int:
    jobs = journal.jobs() if everything else journal.open_jobs()
    for job in jobs:
        number = names.application_no(job)
        if as_json:
            _say(json.dumps(job_json(job, number), ensure_ascii=False))
        else:
            _say(
                f"{job.id:>5} {job.state:<12} {job.kind:<8} {job.reference:<14}"
                f" {number or '-':<18} attempts {job.attempts:<3} {job.updated_at}"
                f"  {job.last_detail}"
            )
    if not jobs and not as_json:
        _say("no print jobs" if everything else "no open print jobs")
    return 0


def job_json(job: PrintJob, application_no: str | None = None) -> dict[str, Any]:
    return {
        "id": job.id,
        "kind": job.kind,
        "reference": job.reference,
        "application_no": application_no,
        "title": job.title,
        "state": job.state.value,
        "attempts": job.attempts,
        "last_detail": job.last_detail,
        "device_job": job.device_job,
        "pdf_path": job.pdf_path,
        "created_at": job.created_at,
        "updated_at": job.updated_at,
        "printed_at": job.printed_at,
    }


# -- resume, confirm, reprint ------------------------------------------------------
_WANTED = {
    "resume": (RETRY_SAFE_STATES, "pending or failed"),
    "confirm": (frozenset({PrintState.UNCONFIRMED, PrintState.PRINTED}), "unconfirmed"),
    "reprint": (frozenset({PrintState.UNCONFIRMED, PrintState.PRINTED}), "unconfirmed or printed"),
    "not-printed": (frozenset({PrintState.UNCONFIRMED}), "unconfirmed"),
}
_HINTS = {
    PrintState.PRINTED: "use `kiosk prints reprint {id}` for a copy",
    PrintState.UNCONFIRMED: "check the printer's tray: `kiosk prints confirm {id}` if it came"
    " out, `kiosk prints reprint {id}` (or `kiosk prints not-printed {id}`) if it did not",
    PrintState.FAILED: "nothing came out: `kiosk prints resume {id}`",
    PrintState.PENDING: "nothing came out: `kiosk prints resume {id}`",
    PrintState.PRINTING: "it is printing now, or the kiosk stopped mid-job and will mark it"
    " unconfirmed at its next start",
}


def _act(config: KioskConfig, journal: PrintJournal, names: _Names, command: str, name: str) -> int:
    job = names.find(journal, name)
    if job is None:
        _say(f"kiosk prints {command}: no print job {name}", err=True)
        return 2
    states, wanted = _WANTED[command]
    if job.state not in states:
        hint = _HINTS[job.state].format(id=_handle(job))
        _say(f"kiosk prints {command}: job {job.id} is {job.state}, not {wanted}: {hint}", err=True)
        return 1
    refusal = staff_refusal(job, command)
    if refusal is not None:
        _say(f"kiosk prints {command}: {_what(job, names)}: {refusal}", err=True)
        return 1
    if command == "confirm":
        return _confirm(journal, job, _what(job, names))
    if command == "not-printed":
        return _not_printed(journal, job, _what(job, names))
    in_kiosk = device_in_running_kiosk(config, PRINTER)
    if in_kiosk is not None:
        return _by_the_kiosk(config, command, job, _what(job, names), in_kiosk)
    try:
        printer = _printer(config)
    except DeviceConfigError as exc:
        _say(f"kiosk prints {command}: {exc}", err=True)
        return 2
    try:
        desk = _desk(config, journal, printer)
        result = desk.resume(job.id) if command == "resume" else desk.reprint(job.id)
    finally:
        printer.close()
    return _report(command, _what(job, names), result)


def _by_the_kiosk(config: KioskConfig, command: str, job: PrintJob, what: str, refusal: str) -> int:
    """The printer is a simulator inside the running kiosk: only the kiosk can print."""
    request = {"command": "print", "action": command, "job": job.id}
    try:
        answer = control.call(config.data_dir, request)
        result = PrintResult(
            PrintOutcome(answer["outcome"]), str(answer["job_id"]), str(answer["detail"])
        )
    except (control.ControlUnavailable, KeyError, ValueError) as exc:
        _say(f"kiosk prints {command}: {refusal} ({exc})", err=True)
        return 2
    return _report(command, f"{what} by the running kiosk", result)


def _confirm(journal: PrintJournal, job: PrintJob, what: str) -> int:
    """Needs no printer: a broken printer configuration must not block it."""
    if job.state is PrintState.PRINTED:
        _say(f"already recorded as printed: {what}")
        return 0
    now = rfc3339(SystemClock().now())
    if journal.confirm_printed(job.id, "confirmed by staff: the document came out", now):
        after = ": the kiosk reports it printed at its next sync" if job.kind == LICENCE else ""
        _say(f"recorded as printed: {what}{after}")
        return 0
    current = journal.get(job.id) or job
    _say(f"kiosk prints confirm: {what} is {current.state} now, not unconfirmed", err=True)
    return 1


def _not_printed(journal: PrintJournal, job: PrintJob, what: str) -> int:
    """Staff checked: nothing of an unconfirmed job came out. Needs no printer."""
    now = rfc3339(SystemClock().now())
    if journal.confirm_not_printed(job.id, "checked by staff: nothing came out", now):
        after = (
            ": the kiosk reports it failed at its next sync; the citizen may print it again"
            if job.kind == LICENCE
            else f": `kiosk prints resume {_handle(job)}` prints it"
        )
        _say(f"recorded as not printed: {what}{after}")
        return 0
    current = journal.get(job.id) or job
    _say(f"kiosk prints not-printed: {what} is {current.state} now, not unconfirmed", err=True)
    return 1


def _report(command: str, what: str, result: PrintResult) -> int:
    if result.ok:
        _say(f"printed: {what}{': ' + result.detail if result.detail else ''}")
        return 0
    _say(f"kiosk prints {command}: {what} {result.outcome}: {result.detail}", err=True)
    return 1


def _printer(config: KioskConfig) -> DocumentPrinter:
    device = config.devices.get(PRINTER)
    if device is None:
        raise DeviceConfigError(f"no device {PRINTER!r} in the configuration")
    return build_document_printer(PRINTER, device.driver, device.options, config.print_dir)


def _desk(
    config: KioskConfig, journal: PrintJournal, printer: DocumentPrinter
) -> PrintingReceiptDesk:
    # No recover() here: the kiosk may be printing right now in its own process.
    return PrintingReceiptDesk(
        printer,
        config.data_dir / "receipts",
        journal,
        SystemClock(),
        config.cjk_font,
        delete_when_printed=True,  # as the kiosk does: a printed receipt keeps no copy
    )
