"""The acceptance receipt as an 80 mm slip on an ESC/POS printer over real TCP: the
devstack's port-9100 emulator, and a printer that answers its status (paper out, paper
running out mid-slip). Journaled as the A4 receipt is: never printed twice."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from devices.printers.escpos import EscposReceiptPrinter
from devices.printers.escpos_connections import NetworkConnection
from devices.printers.escpos_render import render_ticket
from devices.protocols import PrintOutcome
from devices.simulated import SimulatedPrinter
from kiosk.clock import ManualClock
from kiosk.config import load_config
from kiosk.documents.receipt_ticket import receipt_ticket
from kiosk.documents.thermal import COLUMNS, width
from kiosk.errors import ConfigError
from kiosk.receipts import RECEIPT, PrintingReceiptDesk
from kiosk.slip_printing import SlipMedium
from offline_cache.db import Database
from offline_cache.print_journal import PrintJournal, PrintState
from tests.conftest import sample_receipt
from tests.devices.printers.conftest import PrintStack
from tests.devices.printers.test_escpos_printer import ALL_QUERIES, READY, Q, StatusPrinter

PAPER_OUT = {1: 0x1A, 2: 0x32, 3: 0x12, 4: 0x7E}
REFERENCE = "K0001-000123"


@pytest.fixture
def answering() -> Iterator[Callable[..., StatusPrinter]]:
    """A TCP printer answering DLE EOT n as told, per round of four queries."""
    made: list[StatusPrinter] = []

    def start(*rounds: dict[int, int]) -> StatusPrinter:
        made.append(StatusPrinter(*rounds))
        return made[-1]

    yield start
    for server in made:
        server.close()


def _desk(root: Path, printer: EscposReceiptPrinter) -> tuple[PrintingReceiptDesk, PrintJournal]:
    db = Database.open(root / "kiosk.sqlite3")
    journal = PrintJournal(db)
    desk = PrintingReceiptDesk(
        SimulatedPrinter(root / "a4"),
        root / "receipts",
        journal,
        ManualClock(),
        delete_when_printed=True,
        slips=SlipMedium(printer),
        thermal_receipts=True,
    )
    return desk, journal


def _network(port: int, **options: Any) -> EscposReceiptPrinter:
    return EscposReceiptPrinter(
        NetworkConnection("127.0.0.1", port, timeout_s=2.0), status_timeout_s=0.2, **options
    )


def _qr_store(payload: str) -> bytes:
    """ESC/POS ``GS ( k`` function 180: store the QR code's data (the printer draws it)."""
    data = payload.encode("ascii")
    size = len(data) + 3
    return b"\x1d(k" + bytes([size % 256, size // 256]) + b"1P0" + data


def test_a_queued_receipt_comes_out_in_chinese_with_the_sms_promise_and_a_native_qr(
    tmp_path: Path, answering: Any
) -> None:
    server = answering(READY)
    receipt = sample_receipt(REFERENCE)
    desk, journal = _desk(tmp_path, _network(server.port))

    result = desk.print_receipt(receipt)

    assert result.outcome is PrintOutcome.PRINTED, result.detail
    sent = bytes(server.received)
    for words in (
        "受理回执",
        "受理参考号",
        "申请编号将通过短信发送",
        "王丽华",
        "3307**********0824",
        "金华市婺城区丽华百货店",
        "本回执仅证明申请材料已提交",
    ):
        assert words.encode("gb18030") in sent, words
    assert REFERENCE.encode() in sent
    assert _qr_store(receipt.qr_text) in sent
    assert b"\x1dV" in sent  # cut
    assert b"330702196205050824" not in sent
    job = journal.find(RECEIPT, REFERENCE)
    assert job is not None
    assert job.state is PrintState.PRINTED
    assert not Path(job.pdf_path).exists()  # the slip (personal data) is gone once printed


def test_the_slip_is_the_receipts_content_in_lines_that_fit_the_roll() -> None:
    received = receipt_ticket(sample_receipt("K0001-000123", "KA20261102-000007"))
    queued = receipt_ticket(sample_receipt("K0001-000123"))
    texts = [line.text for line in received.lines]

    for line in received.lines + queued.lines:
        assert width(line.text) <= (COLUMNS // 2 if line.double_size else COLUMNS), line.text
    assert "KA20261102-000007" in texts
    assert not any("短信发送" in text for text in texts)
    assert any("受理参考号" in line.text for line in queued.lines)
    assert any("在本终端" in line.text for line in queued.lines)  # the lookup shows the number
    assert received.qr is not None
    assert received.qr.startswith("KRV1|A|KA20261102-000007|GT-SETUP|")


def test_on_the_devstack_emulator_the_receipt_arrives_whole(
    tmp_path: Path, devstack_print: PrintStack
) -> None:
    reference = f"K0001-{uuid.uuid4().hex[:6]}"
    receipt = sample_receipt(reference)
    before = set(devstack_print.escpos_out.glob("job-*.bin"))
    printer = _network(devstack_print.escpos_port, allow_unconfirmed=True)
    desk, journal = _desk(tmp_path, printer)

    result = desk.print_receipt(receipt)

    assert result.outcome is PrintOutcome.PRINTED
    assert "unconfirmed" in result.detail  # the emulator answers no status
    jobs = _jobs_with(devstack_print.escpos_out, before, reference.encode())
    assert jobs == [Q[1] + render_ticket(receipt_ticket(receipt))]
    assert "受理回执".encode("gb18030") in jobs[0]
    assert _qr_store(receipt.qr_text) in jobs[0]
    job = journal.find(RECEIPT, reference)
    assert job is not None
    assert job.state is PrintState.PRINTED


def test_paper_out_fails_the_receipt_and_the_citizens_retry_prints_it_once_refilled(
    tmp_path: Path, answering: Any
) -> None:
    server = answering(PAPER_OUT, READY)  # refilled before the second try
    desk, journal = _desk(tmp_path, _network(server.port))

    first = desk.print_receipt(sample_receipt(REFERENCE))
    nothing_sent = bytes(server.received)
    second = desk.retry_receipt(REFERENCE)
    third = desk.retry_receipt(REFERENCE)

    assert first.outcome is PrintOutcome.PAPER_OUT
    assert first.retry_safe
    assert nothing_sent == ALL_QUERIES
    assert second.outcome is PrintOutcome.PRINTED
    assert third.ok
    assert "not printed again" in third.detail
    assert bytes(server.received).count("受理回执".encode("gb18030")) == 1
    job = journal.find(RECEIPT, REFERENCE)
    assert job is not None
    assert (job.state, job.attempts) == (PrintState.PRINTED, 2)


def test_paper_running_out_mid_slip_is_left_to_staff_not_retried(
    tmp_path: Path, answering: Any
) -> None:
    server = answering(READY, PAPER_OUT)
    desk, journal = _desk(tmp_path, _network(server.port))

    result = desk.print_receipt(sample_receipt(REFERENCE))
    retried = desk.retry_receipt(REFERENCE)

    assert result.outcome is PrintOutcome.UNCONFIRMED
    assert retried.outcome is PrintOutcome.UNCONFIRMED
    assert "staff" in retried.detail
    assert bytes(server.received).count("受理回执".encode("gb18030")) == 1
    job = journal.find(RECEIPT, REFERENCE)
    assert job is not None
    assert job.state is PrintState.UNCONFIRMED


def test_receipts_go_to_the_receipt_printer_when_it_is_the_kiosk_s_only_printer(
    tmp_path: Path,
) -> None:
    def config(text: str) -> str:
        path = tmp_path / f"{uuid.uuid4().hex}.toml"
        path.write_text(text, encoding="utf-8")
        return load_config(path).receipt_on

    thermal = '[devices.id_reader]\ndriver = "simulated"\n[devices.ticket]\ndriver = "simulated"\n'
    both = thermal + '[devices.printer]\ndriver = "simulated"\n'

    assert config(thermal) == "receipt"
    assert config(both) == "document"
    assert config(both + '[printing]\nreceipt_on = "receipt"\n') == "receipt"
    assert config("") == "document"
    with pytest.raises(ConfigError, match="needs a receipt printer"):
        config('[printing]\nreceipt_on = "receipt"\n')
    with pytest.raises(ConfigError, match="receipt_on must be"):
        config('[printing]\nreceipt_on = "thermal"\n')


def _jobs_with(outdir: Path, before: set[Path], token: bytes, timeout: float = 3.0) -> list[bytes]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        jobs = [p.read_bytes() for p in sorted(set(outdir.glob("job-*.bin")) - before)]
        found = [job for job in jobs if token in job]
        if found:
            return found
        time.sleep(0.05)
    return []
