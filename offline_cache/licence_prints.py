"""What the kiosk tells the central about each licence print job, kept durably.

A licence is printed once (central-api.md "Licences (print once)"): the central
opens a print job, the kiosk prints it through the print journal, and reports
``printed`` or ``failed``. The report must survive a network cut or a crash, and
the central must never hear two different results for one job. So:

* a row is recorded before the licence is printed (`LicencePrints.record`);
* its ``result`` is decided once, from the print journal's verdict, by a
  compare-and-set (`LicencePrints.decide`): it never changes afterwards;
* it is reported until the central has it (`LicencePrints.unreported`,
  `LicencePrints.reported`), by the citizen's print or by any later sync.

A job whose print is unconfirmed stays undecided: only staff know whether the
licence came out (they confirm it, or say it did not, in the print journal).
Nothing here is personal: a credit code and an application number.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from offline_cache.db import Database

RESULTS = ("printed", "failed")


@dataclass(frozen=True, slots=True)
class LicencePrint:
    """One print job of a licence, as this kiosk knows it."""

    print_job: str
    uscc: str
    application_no: str
    result: str | None
    """``printed`` or ``failed`` once decided (never changed), else None."""
    detail: str
    created_at: str
    decided_at: str | None
    reported_at: str | None
    """When the central took the result (or refused it for good: ``report_problem``)."""
    report_problem: str


class LicencePrints:
    """The licence print jobs over the kiosk's `Database`; every write may raise
    `offline_cache.db.StorageError`. Timestamps are RFC 3339 text from the caller."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, print_job: str, uscc: str, application_no: str, at: str) -> LicencePrint:
        """Note a job the central opened (again: the row as it stands)."""
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO licence_prints (print_job, uscc, application_no, created_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (print_job) DO NOTHING",
                (print_job, uscc, application_no, at),
            )
            row = conn.execute(
                "SELECT * FROM licence_prints WHERE print_job = ?", (print_job,)
            ).fetchone()
        return _row(row)

    def decide(self, print_job: str, result: str, detail: str, at: str) -> LicencePrint | None:
        """Set the job's result if it has none; returns the row as it now stands
        (its ``result`` may be an earlier, different decision), None for no such job."""
        if result not in RESULTS:
            raise ValueError(f"a licence print is reported printed or failed, not {result!r}")
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE licence_prints SET result = ?, detail = ?, decided_at = ?"
                " WHERE print_job = ? AND result IS NULL",
                (result, detail[:500], at, print_job),
            )
            row = conn.execute(
                "SELECT * FROM licence_prints WHERE print_job = ?", (print_job,)
            ).fetchone()
        return _row(row) if row is not None else None

    def reported(self, print_job: str, at: str, problem: str = "") -> None:
        """The central has the result (``problem``: it refused it for good, e.g. a 409)."""
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE licence_prints SET reported_at = ?, report_problem = ?"
                " WHERE print_job = ? AND result IS NOT NULL AND reported_at IS NULL",
                (at, problem, print_job),
            )

    def get(self, print_job: str) -> LicencePrint | None:
        row = self._db.connection.execute(
            "SELECT * FROM licence_prints WHERE print_job = ?", (print_job,)
        ).fetchone()
        return _row(row) if row is not None else None

    def unreported(self) -> list[LicencePrint]:
        """Jobs the central has not heard the end of yet (undecided ones too), oldest first."""
        rows = self._db.connection.execute(
            "SELECT * FROM licence_prints WHERE reported_at IS NULL ORDER BY created_at, print_job"
        ).fetchall()
        return [_row(row) for row in rows]


def _row(row: sqlite3.Row) -> LicencePrint:
    return LicencePrint(
        print_job=row["print_job"],
        uscc=row["uscc"],
        application_no=row["application_no"],
        result=row["result"],
        detail=row["detail"],
        created_at=row["created_at"],
        decided_at=row["decided_at"],
        reported_at=row["reported_at"],
        report_problem=row["report_problem"],
    )
