"""Device trouble reaches the citizen before they start: paper out, an unplugged reader."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from devices.simulated import SimulatedIdReader, SimulatedPrinter
from tests.shell.conftest import KioskDriver, make_kiosk

PRINTER_NOTICE = "The printer is not working at the moment"
READER_NOTICE = "The card reader is not working at the moment"


@pytest.fixture
def english_kiosk(tmp_path: Path, qtbot: QtBot) -> Iterator[KioskDriver]:
    app = make_kiosk(tmp_path, language="en")
    yield KioskDriver(app, qtbot)
    app.close()


def polled_until(kiosk: KioskDriver, condition: object) -> None:
    """Poll the devices (as the shell's timer does) until ``condition()`` holds."""

    def check() -> bool:
        kiosk.app.poll_devices()
        return bool(condition())  # type: ignore[operator]

    kiosk.qtbot.waitUntil(check, timeout=10000)


def test_citizen_is_told_the_printer_is_out_of_paper_and_told_when_it_is_back(
    english_kiosk: KioskDriver,
) -> None:
    kiosk = english_kiosk
    printer = kiosk.app.services.printer
    assert isinstance(printer, SimulatedPrinter)
    polled_until(kiosk, lambda: kiosk.app.device_report is not None)
    assert PRINTER_NOTICE not in kiosk.texts()

    printer.set_paper("out")
    polled_until(kiosk, lambda: PRINTER_NOTICE in kiosk.texts())
    kiosk.screenshot("11-printer-out-of-paper")
    report = kiosk.app.device_report
    assert report is not None
    assert report.notices == ("printer_unavailable",)

    printer.set_paper("ok")
    polled_until(kiosk, lambda: PRINTER_NOTICE not in kiosk.texts())
    assert kiosk.app.device_report is not None
    assert kiosk.app.device_report.notices == ()


def test_unplugged_reader_is_announced_and_plugging_it_back_clears_the_notice(
    english_kiosk: KioskDriver,
) -> None:
    kiosk = english_kiosk
    reader = kiosk.app.services.reader
    assert isinstance(reader, SimulatedIdReader)
    polled_until(kiosk, lambda: kiosk.app.device_report is not None)

    reader.set_attached(False)
    # The debounce (three misses in a row) is tested in tests/devices; here the
    # citizen must end up told, whatever the polling rhythm.
    polled_until(kiosk, lambda: READER_NOTICE in kiosk.texts())
    report = kiosk.app.device_report
    assert report is not None
    assert report.statuses["id_reader"].state == "noDevice"

    reader.set_attached(True)
    polled_until(kiosk, lambda: READER_NOTICE not in kiosk.texts())
