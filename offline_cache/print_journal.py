"""The print journal: every document the kiosk prints, and whether it came out.

A failed print is kept and can be resumed, never silently lost, and never
printed twice by a retry. That rests on three rules:

* a job is marked ``printing`` in a committed transaction *before* the driver is
  called, so a crash mid-job leaves a trace, and `PrintJournal.recover` turns it
  into ``unconfirmed`` at the next start;
* only ``pending`` and ``failed`` jobs (nothing came out) are printed by a retry;
  an ``unconfirmed`` job may have come out and is printed again only when staff
  ask for a copy;
* every state change is a compare-and-set inside ``BEGIN IMMEDIATE``, so two
  callers (the citizen's "try again" and a technician's command in another
  process) can never both start the same job.

States and who moves them::

    (new)        -> pending       the document is made (failed if it could not be)
    pending      -> printing      printed for the first time
    failed       -> printing      retry / resume: nothing came out before
    unconfirmed  -> printing      reprint: staff ask for it explicitly
    printed      -> printing      reprint: staff ask for a copy
    printing     -> printed       the printer confirmed it
    printing     -> failed        nothing came out (paper out, offline, refused)
    printing     -> unconfirmed   it may have come out; also recover() after a crash
    unconfirmed  -> printed       confirm: staff saw the paper
    unconfirmed  -> failed        staff checked: nothing of it came out

A copy (a reprint of a printed job) leaves the job ``printed`` whatever becomes
of the copy, and a reprint of an ``unconfirmed`` job that fails with nothing out
leaves it ``unconfirmed``: the earlier attempt is still unaccounted for.

This module knows nothing of receipts: ``kind`` says what a row is ("receipt",
later "licence"), ``reference`` which document of that kind it is.

The journal is kept in clear because nothing in it names a person: ``reference``
and ``title`` are a document's numbers (a provisional reference, an application
number, a print job), ``last_detail`` the printer's words, ``pdf_path`` a file
named by the reference (the PDF itself is private and deleted once printed). A
new kind of document must keep it so: never a name, identity number or mobile
in a title or a detail (tests/privacy scans the whole database after a flow).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from offline_cache.db import Database


class PrintState(StrEnum):
    PENDING = "pending"
    """Made (or being made), not yet handed to the printer."""
    PRINTING = "printing"
    """Handed to the printer; committed before the driver was called."""
    PRINTED = "printed"
    """The printer confirmed it, or staff saw the paper."""
    FAILED = "failed"
    """Nothing came out: safe to print again."""
    UNCONFIRMED = "unconfirmed"
    """It may have come out: never printed again without staff asking."""


RETRY_SAFE_STATES = frozenset({PrintState.PENDING, PrintState.FAILED})
OPEN_STATES = frozenset(
    {PrintState.PENDING, PrintState.PRINTING, PrintState.FAILED, PrintState.UNCONFIRMED}
)
"""Jobs someone may still have to act on. ``printing`` is listed because a kiosk
that stopped mid-job leaves it so until its next start."""

_FINAL_STATES = frozenset({PrintState.PRINTED, PrintState.FAILED, PrintState.UNCONFIRMED})


@dataclass(frozen=True, slots=True)
class PrintJob:
    """One document in the journal, as stored."""

    id: int
    kind: str
    reference: str
    title: str
    pdf_path: str
    state: PrintState
    attempts: int
    """How many times the document was handed to the printer."""
    last_detail: str
    device_job: str
    """The driver's id for the last attempt (a CUPS job id), to check it on the device."""
    created_at: str
    updated_at: str
    printed_at: str | None
    """When the document was first known to have come out."""

    @property
    def retry_safe(self) -> bool:
        """True when nothing has come out, so printing it cannot give two copies."""
        return self.state in RETRY_SAFE_STATES


class PrintJournal:
    """Durable record of print jobs over the kiosk's `Database`.

    Every write raises `StorageError` (`StorageFullError` for a full disk).
    Timestamps are given by the caller (RFC 3339 text), as for the outbox.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- writing -----------------------------------------------------------------
    def add(
        self, kind: str, reference: str, title: str, pdf_path: str, at: str, *, problem: str = ""
    ) -> PrintJob:
        """Journal the document ``kind``/``reference`` and return its row.

        A new row is ``pending``, or ``failed`` with ``problem`` when the PDF could
        not be made (``pdf_path`` then ""). A row already ``pending`` or ``failed``
        takes the new title and PDF; a row in any other state is returned
        unchanged, so a repeated call never reopens a job that may have printed.
        """
        state = PrintState.FAILED if problem else PrintState.PENDING
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO print_jobs (kind, reference, title, pdf_path, state, last_detail,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (kind, reference) DO UPDATE SET"
                "  title = excluded.title,"
                "  pdf_path = CASE WHEN excluded.pdf_path = '' THEN print_jobs.pdf_path"
                "             ELSE excluded.pdf_path END,"
                "  state = CASE WHEN excluded.state = 'failed' THEN 'failed'"
                "          ELSE print_jobs.state END,"
                "  last_detail = CASE WHEN excluded.state = 'failed' THEN excluded.last_detail"
                "                ELSE print_jobs.last_detail END,"
                "  updated_at = excluded.updated_at"
                " WHERE print_jobs.state IN ('pending', 'failed')",
                (kind, reference, title, pdf_path, state.value, problem, at, at),
            )
            row = conn.execute(
                "SELECT * FROM print_jobs WHERE kind = ? AND reference = ?", (kind, reference)
            ).fetchone()
        return _job(row)

    def start(self, job_id: int, allowed: Iterable[PrintState], at: str) -> PrintJob | None:
        """Mark the job ``printing`` if it is in one of the ``allowed`` states.

        Returns the job as it was just before (its ``state`` and ``printed_at`` say
        what this attempt is: a first print, a retry, a copy); None if the job is
        not in an allowed state (anymore), in which case nothing may be printed.
        """
        states = sorted({PrintState(state).value for state in allowed})
        if PrintState.PRINTING.value in states:
            raise ValueError("a job that is printing cannot be started again")
        marks = ", ".join("?" * len(states))
        with self._db.transaction() as conn:
            row = conn.execute(
                f"SELECT * FROM print_jobs WHERE id = ? AND state IN ({marks})", (job_id, *states)
            ).fetchone()
            if row is None:
                return None
            conn.execute(
                "UPDATE print_jobs SET state = 'printing', attempts = attempts + 1,"
                " updated_at = ? WHERE id = ?",
                (at, job_id),
            )
        return _job(row)

    def finish(self, job_id: int, state: PrintState, detail: str, device_job: str, at: str) -> bool:
        """Record how a ``printing`` job ended; False if it was not printing.

        ``printed`` sets ``printed_at`` the first time only.
        """
        if state not in _FINAL_STATES:
            raise ValueError(f"a print job cannot end as {state}")
        with self._db.transaction() as conn:
            done = conn.execute(
                "UPDATE print_jobs SET state = ?, last_detail = ?,"
                " device_job = CASE WHEN ? = '' THEN device_job ELSE ? END,"
                " printed_at = CASE WHEN ? = 'printed' THEN COALESCE(printed_at, ?)"
                "              ELSE printed_at END,"
                " updated_at = ? WHERE id = ? AND state = 'printing'",
                (state.value, detail, device_job, device_job, state.value, at, at, job_id),
            )
        return done.rowcount == 1

    def fail(self, job_id: int, detail: str, at: str) -> bool:
        """A ``pending`` or ``failed`` job cannot be printed now (e.g. its PDF is gone)."""
        with self._db.transaction() as conn:
            done = conn.execute(
                "UPDATE print_jobs SET state = 'failed', last_detail = ?, updated_at = ?"
                " WHERE id = ? AND state IN ('pending', 'failed')",
                (detail, at, job_id),
            )
        return done.rowcount == 1

    def confirm_printed(self, job_id: int, detail: str, at: str) -> bool:
        """Staff saw the paper of an ``unconfirmed`` job; False if it was not unconfirmed."""
        with self._db.transaction() as conn:
            done = conn.execute(
                "UPDATE print_jobs SET state = 'printed', last_detail = ?,"
                " printed_at = COALESCE(printed_at, ?), updated_at = ?"
                " WHERE id = ? AND state = 'unconfirmed'",
                (detail, at, at, job_id),
            )
        return done.rowcount == 1

    def confirm_not_printed(self, job_id: int, detail: str, at: str) -> bool:
        """Staff checked an ``unconfirmed`` job and nothing of it came out: ``failed``
        (printed again only by a retry). False if it was not unconfirmed, or it had
        come out before (a copy's fate does not undo the original's)."""
        with self._db.transaction() as conn:
            done = conn.execute(
                "UPDATE print_jobs SET state = 'failed', last_detail = ?, updated_at = ?"
                " WHERE id = ? AND state = 'unconfirmed' AND printed_at IS NULL",
                (detail, at, job_id),
            )
        return done.rowcount == 1

    def recover(self, at: str) -> list[PrintJob]:
        """After a crash: every job left ``printing`` may have come out.

        It becomes ``unconfirmed``, or stays ``printed`` if it was a copy of a
        document that had come out before. Call it once at start, from the process
        that owns the printer: in any other process it would misreport a job
        that is printing right now. Returns the jobs changed.
        """
        with self._db.transaction() as conn:
            ids = [
                int(row["id"])
                for row in conn.execute("SELECT id FROM print_jobs WHERE state = 'printing'")
            ]
            conn.execute(
                "UPDATE print_jobs SET"
                " state = CASE WHEN printed_at IS NULL THEN 'unconfirmed' ELSE 'printed' END,"
                " last_detail = CASE WHEN printed_at IS NULL"
                "  THEN 'the kiosk stopped while this was printing: it may have come out'"
                "  ELSE 'the kiosk stopped while a copy was printing: the copy may have come out'"
                "  END,"
                " updated_at = ? WHERE state = 'printing'",
                (at,),
            )
            rows = [
                conn.execute("SELECT * FROM print_jobs WHERE id = ?", (job_id,)).fetchone()
                for job_id in ids
            ]
        return [_job(row) for row in rows]

    # -- reading -----------------------------------------------------------------
    def get(self, job_id: int) -> PrintJob | None:
        row = self._db.connection.execute(
            "SELECT * FROM print_jobs WHERE id = ?", (job_id,)
        ).fetchone()
        return _job(row) if row is not None else None

    def find(self, kind: str, reference: str) -> PrintJob | None:
        row = self._db.connection.execute(
            "SELECT * FROM print_jobs WHERE kind = ? AND reference = ?", (kind, reference)
        ).fetchone()
        return _job(row) if row is not None else None

    def jobs(self, states: Iterable[PrintState] | None = None) -> list[PrintJob]:
        """Jobs in ``states`` (all jobs when None), oldest first."""
        if states is None:
            rows = self._db.connection.execute("SELECT * FROM print_jobs ORDER BY id")
        else:
            wanted = sorted({PrintState(state).value for state in states})
            marks = ", ".join("?" * len(wanted))
            rows = self._db.connection.execute(
                f"SELECT * FROM print_jobs WHERE state IN ({marks}) ORDER BY id", wanted
            )
        return [_job(row) for row in rows.fetchall()]

    def open_jobs(self) -> list[PrintJob]:
        """Jobs not known to have come out: pending, printing, failed, unconfirmed."""
        return self.jobs(OPEN_STATES)


def _job(row: sqlite3.Row) -> PrintJob:
    return PrintJob(
        id=int(row["id"]),
        kind=row["kind"],
        reference=row["reference"],
        title=row["title"],
        pdf_path=row["pdf_path"],
        state=PrintState(row["state"]),
        attempts=int(row["attempts"]),
        last_detail=row["last_detail"],
        device_job=row["device_job"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        printed_at=row["printed_at"],
    )


def state_after(before: PrintJob, came_out: bool | None) -> PrintState:
    """The state a job ends in after an attempt started from ``before``.

    ``came_out``: True when the printer confirmed the document, False when
    nothing came out, None when it cannot be known.
    """
    if came_out or before.printed_at is not None:
        return PrintState.PRINTED
    if came_out is None or before.state is PrintState.UNCONFIRMED:
        return PrintState.UNCONFIRMED
    return PrintState.FAILED
