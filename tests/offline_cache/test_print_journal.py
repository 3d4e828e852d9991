"""The print journal on a real SQLite file: states, crash recovery, a full disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from offline_cache.db import Database, StorageFullError
from offline_cache.print_journal import PrintJournal, PrintState, state_after

T0 = "2026-11-02T09:00:00+08:00"
T1 = "2026-11-02T09:00:05+08:00"
T2 = "2026-11-02T09:01:00+08:00"
ANY_BUT_PRINTING = [s for s in PrintState if s is not PrintState.PRINTING]


@pytest.fixture
def journal(db: Database) -> PrintJournal:
    return PrintJournal(db)


def test_a_new_receipt_is_pending_with_no_attempts(journal: PrintJournal) -> None:
    job = journal.add("receipt", "ref-1", "receipt-ref-1", "/r/ref-1.pdf", T0)

    assert job.state is PrintState.PENDING
    assert job.retry_safe
    assert (job.kind, job.reference, job.title, job.pdf_path) == (
        "receipt",
        "ref-1",
        "receipt-ref-1",
        "/r/ref-1.pdf",
    )
    assert (job.attempts, job.created_at, job.updated_at, job.printed_at) == (0, T0, T0, None)
    assert journal.get(job.id) == job
    assert journal.find("receipt", "ref-1") == job
    assert journal.find("licence", "ref-1") is None


def test_a_printing_job_is_committed_before_the_printer_is_called(
    journal: PrintJournal, db_path: Path
) -> None:
    job = journal.add("receipt", "ref-1", "t", "/r.pdf", T0)

    before = journal.start(job.id, {PrintState.PENDING}, T1)

    assert before is not None
    assert before.state is PrintState.PENDING
    # Another connection (another process) already sees it printing.
    other = Database.open(db_path)
    try:
        seen = PrintJournal(other).get(job.id)
    finally:
        other.close()
    assert seen is not None
    assert (seen.state, seen.attempts, seen.updated_at) == (PrintState.PRINTING, 1, T1)


def test_a_printed_job_records_the_device_job_and_when_it_came_out(
    journal: PrintJournal,
) -> None:
    job = journal.add("receipt", "ref-1", "t", "/r.pdf", T0)
    journal.start(job.id, {PrintState.PENDING}, T1)

    assert journal.finish(job.id, PrintState.PRINTED, "completed", "cups-42", T2)

    done = journal.get(job.id)
    assert done is not None
    assert (done.state, done.last_detail, done.device_job, done.printed_at) == (
        PrintState.PRINTED,
        "completed",
        "cups-42",
        T2,
    )
    assert journal.open_jobs() == []


def test_a_job_can_be_started_only_from_an_allowed_state_and_only_once(
    journal: PrintJournal,
) -> None:
    job = journal.add("receipt", "ref-1", "t", "/r.pdf", T0)

    assert journal.start(job.id, {PrintState.FAILED}, T1) is None
    assert journal.start(job.id, {PrintState.PENDING}, T1) is not None
    # The citizen's retry and a technician's resume race: the second one loses.
    assert journal.start(job.id, {PrintState.PENDING, PrintState.FAILED}, T1) is None
    again = journal.get(job.id)
    assert again is not None
    assert again.attempts == 1


def test_a_failed_job_is_kept_open_and_can_be_started_again(journal: PrintJournal) -> None:
    job = journal.add("receipt", "ref-1", "t", "/r.pdf", T0)
    journal.start(job.id, {PrintState.PENDING}, T1)
    journal.finish(job.id, PrintState.FAILED, "paper out", "", T1)

    [kept] = journal.open_jobs()

    assert (kept.id, kept.state, kept.last_detail) == (job.id, PrintState.FAILED, "paper out")
    assert journal.start(job.id, {PrintState.PENDING, PrintState.FAILED}, T2) is not None


def test_finishing_a_job_that_is_not_printing_changes_nothing(journal: PrintJournal) -> None:
    job = journal.add("receipt", "ref-1", "t", "/r.pdf", T0)

    assert not journal.finish(job.id, PrintState.PRINTED, "?", "", T1)
    assert journal.get(job.id) == job
    with pytest.raises(ValueError, match="cannot end as pending"):
        journal.finish(job.id, PrintState.PENDING, "?", "", T1)


def test_adding_the_same_reference_again_never_reopens_a_job_that_may_have_printed(
    journal: PrintJournal,
) -> None:
    job = journal.add("receipt", "ref-1", "t", "/r.pdf", T0)
    journal.start(job.id, {PrintState.PENDING}, T1)
    journal.finish(job.id, PrintState.UNCONFIRMED, "lost contact", "7", T1)

    again = journal.add("receipt", "ref-1", "t2", "/other.pdf", T2, problem="x")

    assert (again.id, again.state, again.title, again.pdf_path) == (
        job.id,
        PrintState.UNCONFIRMED,
        "t",
        "/r.pdf",
    )
    assert len(journal.jobs()) == 1


def test_a_receipt_whose_pdf_could_not_be_made_is_journaled_as_failed(
    journal: PrintJournal,
) -> None:
    job = journal.add("receipt", "ref-1", "t", "", T0, problem="could not make the receipt")

    assert (job.state, job.pdf_path, job.last_detail, job.attempts) == (
        PrintState.FAILED,
        "",
        "could not make the receipt",
        0,
    )
    # Made on a later try: the failed job takes the PDF and stays retry-safe.
    made = journal.add("receipt", "ref-1", "t", "/r.pdf", T1)
    assert (made.id, made.state, made.pdf_path) == (job.id, PrintState.FAILED, "/r.pdf")


def test_staff_confirm_only_an_unconfirmed_job(journal: PrintJournal) -> None:
    job = journal.add("receipt", "ref-1", "t", "/r.pdf", T0)

    assert not journal.confirm_printed(job.id, "seen", T1)
    journal.start(job.id, {PrintState.PENDING}, T1)
    journal.finish(job.id, PrintState.UNCONFIRMED, "?", "", T1)
    assert journal.confirm_printed(job.id, "seen by staff", T2)

    done = journal.get(job.id)
    assert done is not None
    assert (done.state, done.last_detail, done.printed_at) == (
        PrintState.PRINTED,
        "seen by staff",
        T2,
    )


def test_a_crash_while_printing_makes_the_job_unconfirmed_at_the_next_start(
    db_path: Path,
) -> None:
    first = Database.open(db_path)
    journal = PrintJournal(first)
    crashed = journal.add("receipt", "ref-1", "t", "/r.pdf", T0)
    quiet = journal.add("receipt", "ref-2", "t", "/r2.pdf", T0)
    journal.start(crashed.id, {PrintState.PENDING}, T1)
    first.close()  # the kiosk dies here, the driver's answer never recorded

    second = Database.open(db_path)
    try:
        restarted = PrintJournal(second)
        recovered = restarted.recover(T2)
        after = restarted.get(crashed.id)
        untouched = restarted.get(quiet.id)
    finally:
        second.close()

    assert [job.id for job in recovered] == [crashed.id]
    assert after is not None
    assert after.state is PrintState.UNCONFIRMED
    assert not after.retry_safe
    assert "may have come out" in after.last_detail
    assert untouched == quiet


def test_a_crash_while_printing_a_copy_leaves_the_job_printed(journal: PrintJournal) -> None:
    job = journal.add("receipt", "ref-1", "t", "/r.pdf", T0)
    journal.start(job.id, {PrintState.PENDING}, T0)
    journal.finish(job.id, PrintState.PRINTED, "ok", "", T0)
    journal.start(job.id, {PrintState.PRINTED}, T1)

    [recovered] = journal.recover(T2)

    assert recovered.state is PrintState.PRINTED
    assert recovered.printed_at == T0
    assert "copy" in recovered.last_detail


@pytest.mark.parametrize(
    ("before", "came_out", "expected"),
    [
        (PrintState.PENDING, True, PrintState.PRINTED),
        (PrintState.PENDING, False, PrintState.FAILED),
        (PrintState.PENDING, None, PrintState.UNCONFIRMED),
        (PrintState.FAILED, False, PrintState.FAILED),
        (PrintState.UNCONFIRMED, True, PrintState.PRINTED),
        (PrintState.UNCONFIRMED, False, PrintState.UNCONFIRMED),
        (PrintState.UNCONFIRMED, None, PrintState.UNCONFIRMED),
        (PrintState.PRINTED, False, PrintState.PRINTED),
        (PrintState.PRINTED, None, PrintState.PRINTED),
    ],
)
def test_the_state_after_an_attempt_never_forgets_a_document_that_may_be_out(
    journal: PrintJournal, before: PrintState, came_out: bool | None, expected: PrintState
) -> None:
    job = journal.add("receipt", "ref-1", "t", "/r.pdf", T0)
    if before is not PrintState.PENDING:
        journal.start(job.id, {PrintState.PENDING}, T0)
        journal.finish(job.id, before, "", "", T0)
    started = journal.start(job.id, {before}, T1)
    assert started is not None

    assert state_after(started, came_out) is expected


def test_listing_shows_open_jobs_by_default_and_every_job_when_asked(
    journal: PrintJournal,
) -> None:
    ids = {}
    for state in ANY_BUT_PRINTING:
        job = journal.add("receipt", f"ref-{state}", "t", "/r.pdf", T0)
        if state is not PrintState.PENDING:
            journal.start(job.id, {PrintState.PENDING}, T0)
            journal.finish(job.id, state, "", "", T0)
        ids[state] = job.id
    printing = journal.add("receipt", "ref-printing", "t", "/r.pdf", T0)
    journal.start(printing.id, {PrintState.PENDING}, T0)

    open_states = {job.state for job in journal.open_jobs()}

    assert open_states == {
        PrintState.PENDING,
        PrintState.PRINTING,
        PrintState.FAILED,
        PrintState.UNCONFIRMED,
    }
    assert [job.id for job in journal.jobs()] == sorted([*ids.values(), printing.id])
    assert [job.id for job in journal.jobs({PrintState.FAILED})] == [ids[PrintState.FAILED]]


def test_a_full_disk_raises_storage_full_and_journals_nothing(db: Database) -> None:
    journal = PrintJournal(db)
    pages = db.connection.execute("PRAGMA page_count").fetchone()[0]
    db.connection.execute(f"PRAGMA max_page_count = {pages + 4}")

    def fill() -> None:
        for n in range(10_000):
            journal.add("receipt", f"old-{n:05d}", "t" * 200, "/r" * 100, T0)

    with pytest.raises(StorageFullError):
        fill()

    before = len(journal.jobs())
    with pytest.raises(StorageFullError):
        journal.add("receipt", "new-" + "x" * 2000, "t" * 2000, "/p" * 1000, T1)
    assert len(journal.jobs()) == before
