"""`kiosk prints ...` as staff use it: list, resume, confirm and reprint print jobs.

The journal is filled by a real receipt desk over the kiosk's database file in
``--data-dir``; the command builds its own simulated printer from the
configuration, which writes into ``<data-dir>/printed``, so the tests count paper.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.simulated import SimulatedPrinter
from kiosk.cli import main
from kiosk.clock import ManualClock
from kiosk.config import DeviceConfig, KioskConfig
from kiosk.instance import KioskInstance, device_in_running_kiosk
from kiosk.receipts import RECEIPT, PrintingReceiptDesk
from kiosk.runtime import KioskServices
from kiosk.submissions import OutboxSubmissionDesk
from kiosk.sync.engine import SyncEngine
from kiosk.workflow.ports import Submission
from offline_cache.db import Database
from offline_cache.outbox import Outbox
from offline_cache.print_journal import PrintJob, PrintJournal, PrintState
from tests.conftest import DriverBugAfterThePage, sample_receipt


class Journal:
    """The kiosk's side: receipts printed (or not) into the journal in ``data``."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.db = Database.open(data / "kiosk.sqlite3")
        self.journal = PrintJournal(self.db)
        # The kiosk's own printer writes elsewhere: <data>/printed is the command's.
        self.kiosk_paper = data / "kiosk-printed"

    def receipt(self, reference: str, *, printer: SimulatedPrinter | None = None) -> PrintJob:
        printer = printer or SimulatedPrinter(self.kiosk_paper)
        desk = PrintingReceiptDesk(printer, self.data / "receipts", self.journal, ManualClock())
        desk.print_receipt(sample_receipt(reference))
        job = self.journal.find(RECEIPT, reference)
        assert job is not None
        return job

    def failed(self, reference: str = "ref-failed") -> PrintJob:
        printer = SimulatedPrinter(self.kiosk_paper)
        printer.set_paper("out")
        return self.receipt(reference, printer=printer)

    def unconfirmed(self, reference: str = "ref-unconfirmed") -> PrintJob:
        return self.receipt(reference, printer=DriverBugAfterThePage(self.kiosk_paper))

    def printed(self, reference: str = "ref-printed") -> PrintJob:
        return self.receipt(reference)

    def submission(self, application_no: str | None = None) -> str:
        """A citizen's submission in the outbox, as Submit stores it; its reference.

        With ``application_no`` the central has received it under that number.
        """
        outbox = Outbox(self.db)
        desk = OutboxSubmissionDesk(
            outbox,
            SyncEngine(outbox, lambda: None, ManualClock()),
            ManualClock(),
            kiosk_id="K-330702-0001",
        )
        stored = desk.store(Submission("GT-SETUP", "2026.11.1", {"name": "王丽华"}, {}))
        assert stored.reference is not None
        if application_no is not None:
            item = outbox.find(stored.reference)
            assert item is not None
            outbox.mark_delivered(
                item.idempotency_key, {"application_no": application_no}, application_no, "now"
            )
        return stored.reference

    def state(self, job: PrintJob) -> PrintState:
        now = self.journal.get(job.id)
        assert now is not None
        return now.state


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def kiosk(data: Path) -> Iterator[Journal]:
    journal = Journal(data)
    yield journal
    journal.db.close()


def prints(data: Path, *args: str, config: Path | None = None) -> int:
    argv = ["--data-dir", str(data)]
    if config is not None:
        argv = ["--config", str(config), *argv]
    return main([*argv, "prints", *args])


def paper(data: Path) -> list[Path]:
    """What the command's printer put out."""
    return sorted((data / "printed").glob("*.pdf"))


def test_list_shows_the_jobs_staff_must_look_at_and_not_the_printed_ones(
    kiosk: Journal, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    failed, unconfirmed = kiosk.failed(), kiosk.unconfirmed()
    kiosk.printed()

    code = prints(data, "list", "--json")

    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0
    assert [(row["id"], row["state"]) for row in rows] == [
        (failed.id, "failed"),
        (unconfirmed.id, "unconfirmed"),
    ]
    assert rows[0]["reference"] == "ref-failed"
    assert rows[0]["kind"] == "receipt"
    assert rows[0]["last_detail"] == "paper out"
    assert rows[0]["attempts"] == 1
    assert "may have come out" in rows[1]["last_detail"]


def test_list_all_shows_printed_jobs_too(
    kiosk: Journal, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kiosk.failed()
    printed = kiosk.printed()

    code = prints(data, "list", "--all", "--json")

    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0
    assert [row["state"] for row in rows] == ["failed", "printed"]
    assert rows[1]["id"] == printed.id
    assert rows[1]["printed_at"] is not None


def test_list_for_people_has_one_line_per_job_with_its_reason(
    kiosk: Journal, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    failed = kiosk.failed()

    code = prints(data, "list")

    [line] = capsys.readouterr().out.splitlines()
    assert code == 0
    assert line.split()[:3] == [str(failed.id), "failed", "receipt"]
    assert "ref-failed" in line
    assert line.endswith("paper out")


def test_list_with_nothing_open_says_so(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = prints(data, "list")

    assert code == 0
    assert capsys.readouterr().out == "no open print jobs\n"


def test_resume_prints_a_failed_receipt_exactly_once(
    kiosk: Journal, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = kiosk.failed()

    first = prints(data, "resume", str(job.id))
    out = capsys.readouterr().out
    second = prints(data, "resume", str(job.id))
    err = capsys.readouterr().err

    assert first == 0
    assert out.startswith(f"printed: job {job.id} (receipt ref-failed)")
    assert second == 1
    assert f"job {job.id} is printed, not pending or failed" in err
    assert "reprint" in err
    assert len(paper(data)) == 1
    assert kiosk.state(job) is PrintState.PRINTED


def test_resume_of_an_unconfirmed_receipt_is_refused_and_prints_nothing(
    kiosk: Journal, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = kiosk.unconfirmed()

    code = prints(data, "resume", str(job.id))

    err = capsys.readouterr().err
    assert code == 1
    assert f"job {job.id} is unconfirmed" in err
    assert "confirm" in err
    assert paper(data) == []
    assert kiosk.state(job) is PrintState.UNCONFIRMED


def test_resume_on_a_printer_that_cannot_print_exits_1_and_keeps_the_job_failed(
    kiosk: Journal, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = kiosk.failed()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[devices.printer]\ndriver = "simulated"\noutput_dir = "{(blocker / "out").as_posix()}"\n',
        encoding="utf-8",
    )

    code = prints(data, "resume", str(job.id), config=config)

    err = capsys.readouterr().err
    assert code == 1
    assert f"job {job.id} (receipt ref-failed) failed: could not write the output" in err
    assert kiosk.state(job) is PrintState.FAILED


def test_confirm_records_an_unconfirmed_receipt_as_printed(
    kiosk: Journal, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = kiosk.unconfirmed()

    code = prints(data, "confirm", str(job.id))
    again = prints(data, "confirm", str(job.id))

    out = capsys.readouterr().out
    assert code == 0
    assert again == 0
    assert f"recorded as printed: job {job.id}" in out
    assert f"already recorded as printed: job {job.id}" in out
    assert kiosk.state(job) is PrintState.PRINTED
    assert paper(data) == []


def test_confirm_of_a_receipt_that_never_came_out_is_refused(
    kiosk: Journal, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = kiosk.failed()

    code = prints(data, "confirm", str(job.id))

    err = capsys.readouterr().err
    assert code == 1
    assert f"job {job.id} is failed, not unconfirmed" in err
    assert kiosk.state(job) is PrintState.FAILED


def test_reprint_prints_one_copy_of_an_unconfirmed_receipt(
    kiosk: Journal, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = kiosk.unconfirmed()

    code = prints(data, "reprint", str(job.id))

    assert code == 0
    assert capsys.readouterr().out.startswith(f"printed: job {job.id}")
    assert len(paper(data)) == 1
    after = kiosk.journal.get(job.id)
    assert after is not None
    assert (after.state, after.attempts) == (PrintState.PRINTED, 2)


def test_reprint_of_a_failed_receipt_is_refused_in_favour_of_resume(
    kiosk: Journal, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = kiosk.failed()

    code = prints(data, "reprint", str(job.id))

    err = capsys.readouterr().err
    assert code == 1
    assert "`kiosk prints resume ref-failed`" in err  # named as the citizen names it
    assert paper(data) == []


def test_an_unknown_job_id_is_a_usage_error(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = prints(data, "resume", "4242")

    assert code == 2
    assert "no print job 4242" in capsys.readouterr().err


def test_an_unknown_reference_is_a_usage_error_and_prints_nothing(
    kiosk: Journal, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kiosk.failed()

    code = prints(data, "resume", "K0001-000999")

    assert code == 2
    assert "no print job K0001-000999" in capsys.readouterr().err
    assert paper(data) == []


@pytest.mark.parametrize("argv", [["resume"], [], ["list", "--bogus"]])
def test_malformed_commands_exit_2(data: Path, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        prints(data, *argv)

    assert stopped.value.code == 2


def test_resume_with_a_misconfigured_printer_exits_2_and_prints_nothing(
    kiosk: Journal, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = kiosk.failed()
    config = tmp_path / "kiosk.toml"
    config.write_text('[devices.printer]\ndriver = "magic-wand"\n', encoding="utf-8")

    code = prints(data, "resume", str(job.id), config=config)

    assert code == 2
    assert "magic-wand" in capsys.readouterr().err
    assert kiosk.state(job) is PrintState.FAILED


def test_staff_resume_a_receipt_by_the_application_number_the_citizen_holds(
    kiosk: Journal, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = kiosk.submission(application_no="KA20261122-000007")
    job = kiosk.failed(reference)

    listed = prints(data, "list", "--json")
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    code = prints(data, "resume", "KA20261122-000007")

    out = capsys.readouterr().out
    assert listed == 0
    assert (row["reference"], row["application_no"]) == ("K0001-000001", "KA20261122-000007")
    assert code == 0
    assert out.startswith(
        f"printed: job {job.id} (receipt K0001-000001, application KA20261122-000007)"
    )
    assert len(paper(data)) == 1
    assert kiosk.state(job) is PrintState.PRINTED


def test_staff_confirm_and_reprint_a_queued_receipt_by_its_provisional_reference(
    kiosk: Journal, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kiosk.submission()  # K0001-000001: another citizen's
    reference = kiosk.submission()
    job = kiosk.unconfirmed(reference)

    refused = prints(data, "resume", reference)
    err = capsys.readouterr().err
    reprinted = prints(data, "reprint", reference.lower())  # as typed from a phone call

    assert reference == "K0001-000002"
    assert refused == 1
    assert f"`kiosk prints confirm {reference}`" in err
    assert reprinted == 0
    assert capsys.readouterr().out.startswith(f"printed: job {job.id} (receipt K0001-000002)")
    assert len(paper(data)) == 1


def test_cli_refuses_to_drive_the_running_kiosks_simulated_printer(
    kiosk: Journal, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The kiosk's own simulated printer is out of paper; only the kiosk can drive it.
    job = kiosk.failed()
    running = KioskInstance.acquire(data)
    try:
        code = prints(data, "resume", str(job.id))
        confirm = prints(data, "confirm", str(job.id))  # needs no printer: still answered
    finally:
        running.release()

    err = capsys.readouterr().err
    assert code == 2
    assert (
        "the kiosk is running with a simulated printer, which lives inside the kiosk;"
        " use the Simulators panel, or stop the kiosk first"
    ) in err
    assert confirm == 1
    assert paper(data) == []
    assert kiosk.state(job) is PrintState.FAILED

    # Once the kiosk has stopped, the command may use a simulator of its own.
    assert prints(data, "resume", str(job.id)) == 0
    assert len(paper(data)) == 1


def test_real_printers_are_shared_with_the_running_kiosk(data: Path) -> None:
    config = KioskConfig(
        data_dir=data,
        devices={"printer": DeviceConfig("cups", {"queue": "kiosk-a4"})},
    )
    running = KioskInstance.acquire(data)
    try:
        assert device_in_running_kiosk(config, "printer") is None
        assert device_in_running_kiosk(KioskConfig(data_dir=data), "printer") is not None
    finally:
        running.release()
    assert device_in_running_kiosk(KioskConfig(data_dir=data), "printer") is None


def test_cli_prints_on_the_running_kiosks_own_simulated_printer_through_the_kiosk(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The running kiosk's services (no Qt): its simulated printer, out of paper.
    services = KioskServices(KioskConfig(data_dir=data, fullscreen=False))
    try:
        printer = services.printer
        assert isinstance(printer, SimulatedPrinter)
        printer.set_paper("out")
        services.receipts.print_receipt(sample_receipt("K0001-000001"))
        job = services.print_journal.find(RECEIPT, "K0001-000001")
        assert job is not None

        out_of_paper = prints(data, "resume", "K0001-000001")
        err = capsys.readouterr().err
        printer.set_paper("ok")  # someone refilled it, in the Simulators panel
        refilled = prints(data, "resume", "K0001-000001")
        out = capsys.readouterr().out
        after = services.print_journal.get(job.id)
    finally:
        services.close()

    assert out_of_paper == 1  # not "printed": the kiosk's printer has no paper
    assert f"job {job.id} (receipt K0001-000001) by the running kiosk paper_out" in err
    assert refilled == 0
    assert out.startswith(f"printed: job {job.id} (receipt K0001-000001) by the running kiosk")
    assert after is not None
    assert (after.state, after.attempts) == (PrintState.PRINTED, 3)
    assert len(paper(data)) == 1  # the kiosk's own printer wrote it: <data>/printed
