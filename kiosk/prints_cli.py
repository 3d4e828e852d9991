"""`kiosk prints ...`: staff and technicians look after the print journal.

kiosk prints list [--all] [--json]   jobs not known to have come out (--all: every job)
kiosk prints resume ID               print a pending or failed job (nothing came out)
kiosk prints confirm ID              the paper of an unconfirmed job was seen: printed
kiosk prints reprint ID              one more copy of an unconfirmed or printed job

Exit 0 when done, 1 when the document did not come out or the job is in the
wrong state for the command (one line on stderr says why), 2 for usage and
configuration errors. ``resume`` and ``reprint`` print on the configured
``printer`` device. Nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from devices.errors import DeviceConfigError
from devices.factory import build_document_printer
from devices.protocols import DocumentPrinter, PrintResult
from kiosk.clock import SystemClock, rfc3339
from kiosk.config import KioskConfig
from kiosk.receipts import PrintingReceiptDesk
from offline_cache.db import Database, StorageError
from offline_cache.print_journal import RETRY_SAFE_STATES, PrintJob, PrintJournal, PrintState

PRINTER = "printer"


def add_parser(sub: Any) -> None:
    """Add the ``prints`` sub-command to the ``kiosk`` sub-parsers ``sub``."""
    prints = sub.add_parser("prints", help="list, resume, confirm and reprint print jobs")
    actions = prints.add_subparsers(dest="prints_command", required=True)

    listing = actions.add_parser("list", help="jobs not known to have come out")
    listing.add_argument("--all", action="store_true", help="every job, printed ones too")
    listing.add_argument("--json", action="store_true", help="one JSON object per job")

    for name, text in (
        ("resume", "print a pending or failed job again (nothing of it came out)"),
        ("confirm", "record that an unconfirmed job did come out"),
        ("reprint", "print one more copy of an unconfirmed or printed job"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("id", type=int, help="the job's id, from `kiosk prints list`")


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
        if command == "list":
            return list_jobs(journal, everything=bool(args.all), as_json=bool(args.json))
        return _act(config, journal, command, int(args.id))
    except StorageError as exc:
        _say(f"kiosk prints {command}: {exc}", err=True)
        return 1
    finally:
        db.close()


def _say(line: str, *, err: bool = False) -> None:
    """One line of the command's output (stdout, or stderr for errors)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(line + "\n")


# -- list ------------------------------------------------------------------------
def list_jobs(journal: PrintJournal, *, everything: bool, as_json: bool) -> int:
    jobs = journal.jobs() if everything else journal.open_jobs()
    for job in jobs:
        if as_json:
            _say(json.dumps(job_json(job), ensure_ascii=False))
        else:
            _say(
                f"{job.id:>5} {job.state:<12} {job.kind:<8} {job.reference:<36}"
                f" attempts {job.attempts:<3} {job.updated_at}  {job.last_detail}"
            )
    if not jobs and not as_json:
        _say("no print jobs" if everything else "no open print jobs")
    return 0


def job_json(job: PrintJob) -> dict[str, Any]:
    return {
        "id": job.id,
        "kind": job.kind,
        "reference": job.reference,
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
}
_HINTS = {
    PrintState.PRINTED: "use `kiosk prints reprint {id}` for a copy",
    PrintState.UNCONFIRMED: "check the printer's tray: `kiosk prints confirm {id}` if it came"
    " out, `kiosk prints reprint {id}` if it did not",
    PrintState.FAILED: "nothing came out: `kiosk prints resume {id}`",
    PrintState.PENDING: "nothing came out: `kiosk prints resume {id}`",
    PrintState.PRINTING: "it is printing now, or the kiosk stopped mid-job and will mark it"
    " unconfirmed at its next start",
}


def _act(config: KioskConfig, journal: PrintJournal, command: str, job_id: int) -> int:
    job = journal.get(job_id)
    if job is None:
        _say(f"kiosk prints {command}: no print job {job_id}", err=True)
        return 2
    states, wanted = _WANTED[command]
    if job.state not in states:
        hint = _HINTS[job.state].format(id=job_id)
        _say(f"kiosk prints {command}: job {job_id} is {job.state}, not {wanted}: {hint}", err=True)
        return 1
    if command == "confirm":
        return _confirm(journal, job)
    try:
        printer = _printer(config)
    except DeviceConfigError as exc:
        _say(f"kiosk prints {command}: {exc}", err=True)
        return 2
    try:
        desk = _desk(config, journal, printer)
        result = desk.resume(job_id) if command == "resume" else desk.reprint(job_id)
    finally:
        printer.close()
    return _report(command, job, result)


def _confirm(journal: PrintJournal, job: PrintJob) -> int:
    """Needs no printer: a broken printer configuration must not block it."""
    what = f"job {job.id} ({job.kind} {job.reference})"
    if job.state is PrintState.PRINTED:
        _say(f"already recorded as printed: {what}")
        return 0
    now = rfc3339(SystemClock().now())
    if journal.confirm_printed(job.id, "confirmed by staff: the document came out", now):
        _say(f"recorded as printed: {what}")
        return 0
    current = journal.get(job.id) or job
    _say(f"kiosk prints confirm: {what} is {current.state} now, not unconfirmed", err=True)
    return 1


def _report(command: str, job: PrintJob, result: PrintResult) -> int:
    what = f"job {job.id} ({job.kind} {job.reference})"
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
        printer, config.data_dir / "receipts", journal, SystemClock(), config.cjk_font
    )
