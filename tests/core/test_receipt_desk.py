"""The receipt desk over a real SQLite file and the simulated printer.

A failed print is kept and can be resumed, never silently lost, and never
printed twice by a retry. Every "printed" below is a PDF the simulated printer
wrote into its output folder, so the tests count paper, not return values.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.protocols import PrintOutcome
from devices.simulated import SimulatedPrinter
from kiosk.clock import ManualClock
from kiosk.documents.receipt import ReceiptData
from kiosk.receipts import RECEIPT, PrintingReceiptDesk
from offline_cache.db import Database, StorageFullError
from offline_cache.print_journal import PrintJob, PrintJournal, PrintState
from tests.conftest import DriverBugAfterThePage, sample_receipt

REPO = Path(__file__).resolve().parents[2]
REFERENCE = "5b0e3c1e-7d1f-4f0a-9a51-2f4c1c0e9d11"


def receipt(reference: str = REFERENCE, application_no: str | None = None) -> ReceiptData:
    return sample_receipt(reference, application_no)


class Kiosk:
    """One kiosk process: its database file, printer and receipt desk."""

    def __init__(self, root: Path, printer: SimulatedPrinter | None = None) -> None:
        self.root = root
        self.clock = ManualClock()
        self.db = Database.open(root / "kiosk.sqlite3")
        self.journal = PrintJournal(self.db)
        self.printer = printer or SimulatedPrinter(root / "printed")
        self.desk = PrintingReceiptDesk(self.printer, root / "receipts", self.journal, self.clock)
        self.desk.recover()  # as KioskServices does at start

    def paper(self) -> list[Path]:
        """The receipts that came out of the printer."""
        return sorted(self.printer.output_dir.glob("*.pdf"))

    def job(self, reference: str = REFERENCE) -> PrintJob:
        job = self.journal.find(RECEIPT, reference)
        assert job is not None
        return job

    def close(self) -> None:
        self.db.close()


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    running = Kiosk(tmp_path)
    yield running
    running.close()


def test_a_receipt_prints_once_and_is_journaled_as_printed(kiosk: Kiosk) -> None:
    result = kiosk.desk.print_receipt(receipt())

    assert result.outcome is PrintOutcome.PRINTED
    assert len(kiosk.paper()) == 1
    job = kiosk.job()
    assert (job.state, job.attempts, job.title) == (PrintState.PRINTED, 1, f"receipt-{REFERENCE}")
    assert job.device_job == str(kiosk.paper()[0])
    assert Path(job.pdf_path).is_file()


def test_paper_out_fails_the_receipt_but_keeps_the_job_and_its_pdf(kiosk: Kiosk) -> None:
    kiosk.printer.set_paper("out")

    result = kiosk.desk.print_receipt(receipt())

    assert result.outcome is PrintOutcome.PAPER_OUT
    assert result.retry_safe
    assert kiosk.paper() == []
    [job] = kiosk.journal.open_jobs()
    assert (job.reference, job.state, job.attempts) == (REFERENCE, PrintState.FAILED, 1)
    assert job.last_detail == "paper out"
    assert Path(job.pdf_path).is_file()


def test_when_the_paper_is_back_the_citizens_retry_prints_exactly_once(kiosk: Kiosk) -> None:
    kiosk.printer.set_paper("out")
    kiosk.desk.print_receipt(receipt())
    kiosk.printer.set_paper("ok")

    retried = kiosk.desk.retry_receipt(REFERENCE)
    again = kiosk.desk.retry_receipt(REFERENCE)

    assert retried.outcome is PrintOutcome.PRINTED
    assert again.outcome is PrintOutcome.PRINTED
    assert "already printed" in again.detail
    assert len(kiosk.paper()) == 1
    assert (kiosk.job().state, kiosk.job().attempts) == (PrintState.PRINTED, 2)


def test_retrying_a_printed_receipt_prints_nothing(kiosk: Kiosk) -> None:
    kiosk.desk.print_receipt(receipt())

    result = kiosk.desk.retry_receipt(REFERENCE)

    assert result.ok
    assert len(kiosk.paper()) == 1
    assert kiosk.job().attempts == 1


def test_the_same_receipt_dispatched_twice_prints_once(kiosk: Kiosk) -> None:
    first = kiosk.desk.print_receipt(receipt())
    second = kiosk.desk.print_receipt(receipt(application_no="GT20261102001"))

    assert first.ok
    assert second.ok
    assert len(kiosk.paper()) == 1
    assert len(kiosk.journal.jobs()) == 1


def test_an_offline_printer_fails_the_receipt_and_staff_resume_it_later(kiosk: Kiosk) -> None:
    kiosk.printer.set_online(False)
    offline = kiosk.desk.print_receipt(receipt())
    kiosk.printer.set_online(True)

    resumed = kiosk.desk.resume(kiosk.job().id)

    assert offline.outcome is PrintOutcome.OFFLINE
    assert resumed.ok
    assert len(kiosk.paper()) == 1
    assert kiosk.job().state is PrintState.PRINTED


def test_a_driver_that_raises_mid_job_leaves_the_receipt_unconfirmed_and_no_retry_prints_it(
    tmp_path: Path,
) -> None:
    kiosk = Kiosk(tmp_path, DriverBugAfterThePage(tmp_path / "printed"))
    try:
        result = kiosk.desk.print_receipt(receipt())
        retried = kiosk.desk.retry_receipt(REFERENCE)
        resumed = kiosk.desk.resume(kiosk.job().id)
        dispatched_again = kiosk.desk.print_receipt(receipt())

        assert result.outcome is PrintOutcome.UNCONFIRMED
        assert "driver bug" in result.detail
        assert not result.retry_safe
        for refused in (retried, resumed, dispatched_again):
            assert refused.outcome is PrintOutcome.UNCONFIRMED
            assert "may already have come out" in refused.detail
        # The page did come out, once; no retry added a second.
        assert len(kiosk.paper()) == 1
        assert (kiosk.job().state, kiosk.job().attempts) == (PrintState.UNCONFIRMED, 1)
    finally:
        kiosk.close()


def test_staff_who_saw_the_paper_confirm_an_unconfirmed_receipt(tmp_path: Path) -> None:
    kiosk = Kiosk(tmp_path, DriverBugAfterThePage(tmp_path / "printed"))
    try:
        kiosk.desk.print_receipt(receipt())

        confirmed = kiosk.desk.confirm_printed(kiosk.job().id)
        retried = kiosk.desk.retry_receipt(REFERENCE)

        assert confirmed.ok
        assert retried.ok
        assert len(kiosk.paper()) == 1
        job = kiosk.job()
        assert (job.state, job.attempts) == (PrintState.PRINTED, 1)
        assert "confirmed by staff" in job.last_detail
        assert job.printed_at is not None
    finally:
        kiosk.close()


def test_staff_reprint_an_unconfirmed_receipt_that_did_not_come_out_exactly_once(
    tmp_path: Path,
) -> None:
    first = Kiosk(tmp_path, DriverBugAfterThePage(tmp_path / "printed"))
    first.desk.print_receipt(receipt())
    job_id = first.job().id
    first.close()
    # The driver is fixed and the kiosk restarted; its printer numbers jobs from 1
    # again, so it gets its own output folder.
    kiosk = Kiosk(tmp_path, SimulatedPrinter(tmp_path / "printed-after-restart"))
    try:
        reprinted = kiosk.desk.reprint(job_id)
        retried = kiosk.desk.retry_receipt(REFERENCE)

        assert reprinted.ok
        assert retried.ok
        # The unconfirmed page, and the one copy staff asked for.
        assert len(first.paper()) == 1
        assert len(kiosk.paper()) == 1
        assert (kiosk.job().state, kiosk.job().attempts) == (PrintState.PRINTED, 2)
    finally:
        kiosk.close()


def test_a_reprint_that_hits_paper_out_leaves_the_receipt_unconfirmed(tmp_path: Path) -> None:
    kiosk = Kiosk(tmp_path, DriverBugAfterThePage(tmp_path / "printed"))
    try:
        kiosk.desk.print_receipt(receipt())
        kiosk.printer.set_paper("out")

        result = kiosk.desk.reprint(kiosk.job().id)
        retried = kiosk.desk.retry_receipt(REFERENCE)

        assert result.outcome is PrintOutcome.PAPER_OUT
        assert retried.outcome is PrintOutcome.UNCONFIRMED
        assert kiosk.job().state is PrintState.UNCONFIRMED
        assert kiosk.job().last_detail == "copy: paper out"
        assert len(kiosk.paper()) == 1
    finally:
        kiosk.close()


def test_a_copy_of_a_printed_receipt_is_explicit_and_counted(kiosk: Kiosk) -> None:
    kiosk.desk.print_receipt(receipt())
    printed_at = kiosk.job().printed_at
    kiosk.clock.advance(60)

    copy = kiosk.desk.reprint(kiosk.job().id)

    assert copy.ok
    assert len(kiosk.paper()) == 2
    job = kiosk.job()
    assert (job.state, job.attempts, job.printed_at) == (PrintState.PRINTED, 2, printed_at)


def test_reprint_of_a_receipt_that_never_came_out_is_refused(kiosk: Kiosk) -> None:
    kiosk.printer.set_paper("out")
    kiosk.desk.print_receipt(receipt())
    kiosk.printer.set_paper("ok")

    result = kiosk.desk.reprint(kiosk.job().id)

    assert result.outcome is PrintOutcome.FAILED
    assert "is failed" in result.detail
    assert kiosk.paper() == []
    assert kiosk.job().attempts == 1


def test_confirming_a_failed_receipt_is_refused(kiosk: Kiosk) -> None:
    kiosk.printer.set_paper("out")
    kiosk.desk.print_receipt(receipt())

    result = kiosk.desk.confirm_printed(kiosk.job().id)

    assert not result.ok
    assert "not unconfirmed" in result.detail
    assert kiosk.job().state is PrintState.FAILED


def test_a_restarted_kiosk_resumes_the_failed_receipt_from_the_same_database(
    tmp_path: Path,
) -> None:
    before = Kiosk(tmp_path)
    before.printer.set_paper("out")
    before.desk.print_receipt(receipt())
    before.close()

    after = Kiosk(tmp_path)
    try:
        [job] = after.journal.open_jobs()
        result = after.desk.resume(job.id)

        assert result.ok
        assert len(after.paper()) == 1
        assert after.job().state is PrintState.PRINTED
    finally:
        after.close()


CRASHING_KIOSK = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from devices.simulated import SimulatedPrinter
    from kiosk.clock import ManualClock
    from kiosk.receipts import PrintingReceiptDesk
    from offline_cache.db import Database
    from offline_cache.print_journal import PrintJournal
    from tests.core.test_receipt_desk import receipt

    class PowerCutMidJob(SimulatedPrinter):
        def print_pdf(self, pdf, *, title):
            super().print_pdf(pdf, title=title)
            os._exit(9)  # the page is out; the kiosk never hears back

    root = Path(sys.argv[1])
    db = Database.open(root / "kiosk.sqlite3")
    desk = PrintingReceiptDesk(
        PowerCutMidJob(root / "printed"), root / "receipts", PrintJournal(db), ManualClock()
    )
    desk.print_receipt(receipt())
    """
)


def test_a_kiosk_that_died_mid_print_finds_the_receipt_unconfirmed_and_never_retries_it(
    tmp_path: Path,
) -> None:
    crashed = subprocess.run(
        [sys.executable, "-c", CRASHING_KIOSK, str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert crashed.returncode == 9, crashed.stderr

    kiosk = Kiosk(tmp_path)  # recover() runs at start, as in KioskServices
    try:
        retried = kiosk.desk.retry_receipt(REFERENCE)

        assert kiosk.job().state is PrintState.UNCONFIRMED
        assert retried.outcome is PrintOutcome.UNCONFIRMED
        assert len(kiosk.paper()) == 1
        [listed] = kiosk.journal.open_jobs()
        assert listed.reference == REFERENCE
    finally:
        kiosk.close()


def test_retry_of_an_unknown_receipt_prints_nothing_and_says_so(kiosk: Kiosk) -> None:
    result = kiosk.desk.retry_receipt("no-such-reference")

    assert result.outcome is PrintOutcome.FAILED
    assert "no receipt 'no-such-reference' in the print journal" in result.detail
    assert kiosk.paper() == []


def test_a_receipt_that_cannot_be_made_is_journaled_for_staff_and_nothing_prints(
    tmp_path: Path,
) -> None:
    blocked = tmp_path / "receipts"
    blocked.write_text("a file where the receipts folder should be", encoding="utf-8")
    kiosk = Kiosk(tmp_path)
    try:
        result = kiosk.desk.print_receipt(receipt())
        resumed = kiosk.desk.resume(kiosk.job().id)

        assert result.outcome is PrintOutcome.FAILED
        assert result.detail.startswith("could not make the receipt")
        job = kiosk.job()
        assert (job.state, job.pdf_path, job.attempts) == (PrintState.FAILED, "", 0)
        assert job.last_detail.startswith("no PDF to print")
        assert not resumed.ok
        assert kiosk.paper() == []
    finally:
        kiosk.close()


def test_a_full_disk_prints_nothing_and_says_the_disk_is_full(kiosk: Kiosk) -> None:
    # Earlier receipts filled every page SQLite may use.
    pages = kiosk.db.connection.execute("PRAGMA page_count").fetchone()[0]
    kiosk.db.connection.execute(f"PRAGMA max_page_count = {pages + 4}")

    def fill() -> None:
        for n in range(10_000):
            kiosk.journal.add(RECEIPT, f"old-{n:05d}", "t" * 300, "", "2026-11-01", problem="x")

    with pytest.raises(StorageFullError):
        fill()

    result = kiosk.desk.print_receipt(receipt())

    assert result.outcome is PrintOutcome.FAILED
    assert result.detail.startswith("not printed: the kiosk's disk is full")
    assert kiosk.paper() == []
    assert kiosk.journal.find(RECEIPT, REFERENCE) is None
