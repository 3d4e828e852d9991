"""`kiosk queue ticket`: staff give a priority ticket on the running kiosk's printer (its
services, no Qt, with the embedded central sandbox), or are told plainly why not."""

from __future__ import annotations

from pathlib import Path

import pytest

from devices.simulated.receipt_printer import SimulatedReceiptPrinter, render_ticket
from kiosk.cli import main
from kiosk.config import DeviceConfig, KioskConfig
from kiosk.runtime import KioskServices

DEVICES = {
    "id_reader": DeviceConfig("simulated"),
    "printer": DeviceConfig("simulated"),
    "ticket_printer": DeviceConfig("simulated"),
}


def test_staff_give_a_priority_ticket_from_the_running_kiosk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "kiosk"
    services = KioskServices(KioskConfig(data_dir=data, fullscreen=False, devices=DEVICES))
    try:
        assert services.connect_central().enrolled
        assert services.refresh_catalogue() is not None
        given = main(
            [
                "queue",
                "ticket",
                "--type",
                "individual_registration",
                "--priority",
                "--data-dir",
                str(data),
            ]
        )
        said = capsys.readouterr().out
        unknown = main(["queue", "ticket", "--type", "haircut", "--data-dir", str(data)])
        refusal = capsys.readouterr().err
        printer = services.receipt_printer
        assert isinstance(printer, SimulatedReceiptPrinter)
        printed = [render_ticket(ticket) for ticket in printer.tickets]
    finally:
        services.close()

    assert given == 0
    assert said.strip() == "priority ticket PB001: printed"
    assert len(printed) == 1
    assert "PB001" in printed[0]
    assert "绿色通道" in printed[0]
    assert unknown == 2
    assert "unknown business type 'haircut'" in refusal
    assert "individual_registration" in refusal


def test_without_a_running_kiosk_the_command_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["queue", "ticket", "--type", "enquiry", "--data-dir", str(tmp_path)])

    assert code == 2
    assert "the kiosk does not answer" in capsys.readouterr().err
