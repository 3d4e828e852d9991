"""A receipt's PDF names the citizen: private while kept, deleted once it printed."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.simulated import SimulatedPrinter
from kiosk.clock import ManualClock
from kiosk.receipts import RECEIPT, PrintingReceiptDesk
from offline_cache.db import Database
from offline_cache.print_journal import PrintJob, PrintJournal, PrintState
from tests.conftest import DriverBugAfterThePage, sample_receipt

REFERENCE = "K0001-000001"


class Kiosk:
    def __init__(self, root: Path, printer: SimulatedPrinter | None = None) -> None:
        self.db = Database.open(root / "data" / "kiosk.sqlite3")
        self.journal = PrintJournal(self.db)
        self.printer = printer or SimulatedPrinter(root / "paper")
        self.folder = root / "data" / "receipts"
        self.desk = PrintingReceiptDesk(
            self.printer, self.folder, self.journal, ManualClock(), delete_when_printed=True
        )

    def job(self) -> PrintJob:
        job = self.journal.find(RECEIPT, REFERENCE)
        assert job is not None
        return job

    def pdfs(self) -> list[Path]:
        return sorted(self.folder.glob("*.pdf"))


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    running = Kiosk(tmp_path)
    yield running
    running.db.close()


def test_a_printed_receipt_leaves_no_pdf_behind(kiosk: Kiosk) -> None:
    result = kiosk.desk.print_receipt(sample_receipt(REFERENCE))

    assert result.ok
    assert kiosk.job().state is PrintState.PRINTED
    assert kiosk.pdfs() == []
    assert stat.S_IMODE(kiosk.folder.stat().st_mode) == 0o700
    # A copy can no longer be made, and says why; the job stays printed.
    copy = kiosk.desk.reprint(kiosk.job().id)
    assert not copy.ok
    assert "deleted once printed" in copy.detail
    assert kiosk.job().state is PrintState.PRINTED


def test_a_failed_receipt_keeps_its_private_pdf_until_it_prints(kiosk: Kiosk) -> None:
    kiosk.printer.set_paper("out")
    kiosk.desk.print_receipt(sample_receipt(REFERENCE))

    [pdf] = kiosk.pdfs()
    assert kiosk.job().state is PrintState.FAILED
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600

    kiosk.printer.set_paper("ok")
    assert kiosk.desk.retry_receipt(REFERENCE).ok
    assert kiosk.pdfs() == []


def test_an_unconfirmed_receipt_keeps_its_pdf_until_staff_confirm_it(tmp_path: Path) -> None:
    kiosk = Kiosk(tmp_path, DriverBugAfterThePage(tmp_path / "paper"))
    try:
        kiosk.desk.print_receipt(sample_receipt(REFERENCE))
        assert kiosk.job().state is PrintState.UNCONFIRMED
        assert len(kiosk.pdfs()) == 1  # staff may still reprint it

        assert kiosk.desk.confirm_printed(kiosk.job().id).ok
        assert kiosk.job().state is PrintState.PRINTED
        assert kiosk.pdfs() == []
    finally:
        kiosk.db.close()


def test_an_unconfirmed_receipt_reprinted_by_staff_goes_once_printed(tmp_path: Path) -> None:
    kiosk = Kiosk(tmp_path, DriverBugAfterThePage(tmp_path / "paper"))
    try:
        kiosk.desk.print_receipt(sample_receipt(REFERENCE))
        kiosk.printer = SimulatedPrinter(tmp_path / "paper")
        desk = PrintingReceiptDesk(
            kiosk.printer, kiosk.folder, kiosk.journal, ManualClock(), delete_when_printed=True
        )
        assert desk.reprint(kiosk.job().id).ok
        assert kiosk.job().state is PrintState.PRINTED
        assert kiosk.pdfs() == []
    finally:
        kiosk.db.close()


def test_without_the_setting_pdfs_stay_for_copies(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "kiosk.sqlite3")
    try:
        desk = PrintingReceiptDesk(
            SimulatedPrinter(tmp_path / "paper"),
            tmp_path / "receipts",
            PrintJournal(db),
            ManualClock(),
        )
        assert desk.print_receipt(sample_receipt(REFERENCE)).ok
        assert len(list((tmp_path / "receipts").glob("*.pdf"))) == 1
    finally:
        db.close()
