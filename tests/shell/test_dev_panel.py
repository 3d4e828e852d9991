"""The developer panel drives the simulators through its real buttons, and only in demo mode."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from devices.emrtd.mrz import parse_mrz
from devices.protocols import PrintOutcome, ReadOutcome, ScannedCode, Ticket, TicketLine
from devices.simulated import (
    SimulatedIdReader,
    SimulatedPrinter,
    SimulatedReceiptPrinter,
    SimulatedScanner,
    passport_mrz_lines,
)
from devices.status import DeviceState, DeviceStatus
from kiosk.shell.app import KioskApplication
from kiosk.shell.dev_panel import DevPanel, install_dev_panel
from tests.shell.conftest import SCREENSHOTS, make_kiosk

OPEN_PANEL = "Open the device simulators"
MIN_TARGET_PX = 60


class RealReader:
    """Stands for a real driver: the panel must never ask its status on the UI thread."""

    name = "emrtd"

    def __init__(self) -> None:
        self.status_calls = 0

    def status(self) -> DeviceStatus:
        self.status_calls += 1
        return DeviceStatus(DeviceState.ONLINE, "real reader")


class Simulators:
    """One simulator of each kind plus a real device, as the panel receives them."""

    def __init__(self, tmp_path: Path) -> None:
        self.reader = SimulatedIdReader(name="id_reader")
        self.printer = SimulatedPrinter(tmp_path / "printed", name="printer")
        self.receipt_printer = SimulatedReceiptPrinter(name="receipt_printer")
        self.scanner = SimulatedScanner(name="scanner")
        self.real = RealReader()

    def mapping(self) -> dict[str, object]:
        return {
            "id_reader": self.reader,
            "printer": self.printer,
            "receipt_printer": self.receipt_printer,
            "scanner": self.scanner,
            "passport_reader": self.real,
        }


def button(parent: QWidget, name: str) -> QPushButton:
    found = [b for b in parent.findChildren(QPushButton) if b.accessibleName() == name]
    names = [b.accessibleName() for b in parent.findChildren(QPushButton)]
    assert found, f"no button named {name!r}; there are: {names}"
    return found[0]


def status_line(panel: DevPanel, device: str) -> str:
    lines = [
        line.text()
        for line in panel.findChildren(QLabel)
        if line.accessibleName().startswith(f"Status of {device}:")
    ]
    assert len(lines) == 1, lines
    return lines[0]


@pytest.fixture
def simulators(tmp_path: Path) -> Simulators:
    return Simulators(tmp_path)


@pytest.fixture
def panel(simulators: Simulators, qtbot: QtBot) -> DevPanel:
    widget = DevPanel(simulators.mapping())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click(qtbot: QtBot, panel: DevPanel, name: str) -> None:
    qtbot.mouseClick(button(panel, name), Qt.MouseButton.LeftButton)


# -- installing it in the kiosk --------------------------------------------------------


@pytest.fixture
def kiosk_app(tmp_path: Path, qtbot: QtBot) -> Iterator[KioskApplication]:
    app = make_kiosk(tmp_path)
    yield app
    app.close()


def test_outside_demo_mode_the_kiosk_gets_no_simulators_button(
    kiosk_app: KioskApplication, simulators: Simulators
) -> None:
    header_widgets_before = len(kiosk_app.window.findChildren(QWidget))

    panel = install_dev_panel(kiosk_app.window, simulators.mapping(), demo=False)

    assert panel is None
    assert len(kiosk_app.window.findChildren(QWidget)) == header_widgets_before
    assert OPEN_PANEL not in [
        b.accessibleName() for b in kiosk_app.window.findChildren(QPushButton)
    ]


def test_in_demo_mode_the_header_button_opens_the_simulators_in_their_own_window(
    kiosk_app: KioskApplication, simulators: Simulators, qtbot: QtBot
) -> None:
    services = kiosk_app.services
    devices = {**simulators.mapping(), "id_reader": services.reader, "printer": services.printer}

    panel = install_dev_panel(kiosk_app.window, devices, demo=True)

    assert panel is not None
    assert not panel.isVisible()
    opener = button(kiosk_app.window, OPEN_PANEL)
    # A widget added to a shown window appears once the layout has run.
    qtbot.waitUntil(opener.isVisible)
    assert opener.text() == "Simulators"
    qtbot.mouseClick(opener, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.isVisible)
    assert panel.isWindow()
    assert panel.windowTitle() == "Device simulators"
    assert panel.windowFlags() & Qt.WindowType.Tool
    assert "identity reader (simulated)" in panel.findChildren(QLabel)[0].text()

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SCREENSHOTS / "12-dev-panel.png"))


# -- the controls change what the simulators report -------------------------------------


def test_taking_the_card_off_makes_the_reader_report_no_card(
    panel: DevPanel, simulators: Simulators, qtbot: QtBot
) -> None:
    assert "media present" in status_line(panel, "id_reader")

    click(qtbot, panel, "Take card off (id_reader)")

    assert simulators.reader.read().outcome is ReadOutcome.NO_DOCUMENT
    assert simulators.reader.status().media == "notPresent"
    assert "media notPresent" in status_line(panel, "id_reader")
    assert "On the reader: nothing" in status_line(panel, "id_reader")


def test_the_reader_controls_put_a_passport_pull_it_and_unplug_the_reader(
    panel: DevPanel, simulators: Simulators, qtbot: QtBot
) -> None:
    reader = simulators.reader

    click(qtbot, panel, "Put passport (id_reader)")
    assert reader.read().outcome is ReadOutcome.KEY_NEEDED
    assert "passport EA1234567" in status_line(panel, "id_reader")

    click(qtbot, panel, "Put resident card (id_reader)")
    click(qtbot, panel, "Pull card during next read (id_reader)")
    assert reader.read().outcome is ReadOutcome.REMOVED

    click(qtbot, panel, "Put resident card (id_reader)")
    assert reader.read().ok

    click(qtbot, panel, "Unplug (id_reader)")
    assert reader.read().outcome is ReadOutcome.NO_READER
    assert "noDevice" in status_line(panel, "id_reader")

    click(qtbot, panel, "Plug in (id_reader)")
    assert reader.read().ok


def test_paper_out_makes_the_printers_refuse_until_paper_is_back(
    panel: DevPanel, simulators: Simulators, qtbot: QtBot, tmp_path: Path
) -> None:
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    ticket = Ticket(lines=(TicketLine("A 017"),))

    click(qtbot, panel, "Paper out (printer)")
    click(qtbot, panel, "Paper out (receipt_printer)")

    assert simulators.printer.print_pdf(pdf, title="receipt").outcome is PrintOutcome.PAPER_OUT
    assert simulators.receipt_printer.print_ticket(ticket).outcome is PrintOutcome.PAPER_OUT
    assert "paper out" in status_line(panel, "printer")

    click(qtbot, panel, "Paper OK (printer)")
    click(qtbot, panel, "Cover open (receipt_printer)")
    assert simulators.printer.print_pdf(pdf, title="receipt").ok
    assert not simulators.receipt_printer.print_ticket(ticket).ok
    assert "cover open" in status_line(panel, "receipt_printer")

    click(qtbot, panel, "Cover closed (receipt_printer)")
    click(qtbot, panel, "Paper low (receipt_printer)")
    assert simulators.receipt_printer.print_ticket(ticket).ok
    assert "media low" in status_line(panel, "receipt_printer")

    click(qtbot, panel, "Offline (printer)")
    assert simulators.printer.print_pdf(pdf, title="receipt").outcome is PrintOutcome.OFFLINE
    click(qtbot, panel, "Online (printer)")
    assert simulators.printer.print_pdf(pdf, title="receipt").ok


def test_the_scan_button_delivers_the_typed_code_to_a_started_scanner(
    panel: DevPanel, simulators: Simulators, qtbot: QtBot
) -> None:
    received: list[ScannedCode] = []
    simulators.scanner.start(received.append)
    field = next(
        edit
        for edit in panel.findChildren(QLineEdit)
        if edit.accessibleName() == "Code to scan (scanner)"
    )
    field.setFocus()
    qtbot.keyClicks(field, "92330702MA2D8XYZ4K")

    click(qtbot, panel, "Scan (scanner)")
    click(qtbot, panel, "Scan the passport MRZ (scanner)")

    assert [code.data for code in received] == [
        "92330702MA2D8XYZ4K",
        "\n".join(passport_mrz_lines()),
    ]
    assert {code.source for code in received} == {"scanner"}
    assert parse_mrz(received[1].data).document_number == "EA1234567"
    assert "Delivered to the kiosk" in [line.text() for line in panel.findChildren(QLabel)]


def test_a_stopped_or_unplugged_scanner_gets_nothing_and_the_panel_says_so(
    panel: DevPanel, simulators: Simulators, qtbot: QtBot
) -> None:
    received: list[ScannedCode] = []

    click(qtbot, panel, "Scan the passport MRZ (scanner)")
    simulators.scanner.start(received.append)
    click(qtbot, panel, "Unplug (scanner)")
    click(qtbot, panel, "Scan the passport MRZ (scanner)")

    assert received == []
    assert "noDevice" in status_line(panel, "scanner")
    labels = [line.text() for line in panel.findChildren(QLabel)]
    assert "Not delivered: scanner not listening" in labels


def test_a_real_device_is_only_named_and_its_status_never_asked(
    panel: DevPanel, simulators: Simulators
) -> None:
    panel.refresh()

    titles = [line.text() for line in panel.findChildren(QLabel)]
    assert "passport_reader: real device: not simulated" in titles
    assert simulators.real.status_calls == 0
    assert not [
        b for b in panel.findChildren(QPushButton) if "passport_reader" in b.accessibleName()
    ]


def test_the_status_lines_follow_changes_made_elsewhere_within_a_few_seconds(
    panel: DevPanel, simulators: Simulators, qtbot: QtBot
) -> None:
    simulators.printer.set_online(False)

    qtbot.waitUntil(lambda: "offline" in status_line(panel, "printer"), timeout=3000)


def test_every_control_is_named_and_touch_sized(panel: DevPanel) -> None:
    controls = panel.findChildren(QAbstractButton) + panel.findChildren(QLineEdit)

    assert len(controls) >= 20
    for control in controls:
        assert control.accessibleName().strip(), f"{control!r} has no accessible name"
        assert control.height() >= MIN_TARGET_PX, (
            f"{control.accessibleName()} is {control.height()} px high"
        )


def test_taking_the_printout_empties_the_printers_slot(
    panel: DevPanel, simulators: Simulators, qtbot: QtBot, tmp_path: Path
) -> None:
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert simulators.printer.print_pdf(pdf, title="receipt").ok
    panel.refresh()
    assert "a printout waits in the slot" in status_line(panel, "printer")

    click(qtbot, panel, "Take the printout (printer)")

    assert simulators.printer.status().presented is False
    assert "a printout waits" not in status_line(panel, "printer")


def test_a_printout_can_be_left_in_the_slot_without_printing(
    panel: DevPanel, simulators: Simulators, qtbot: QtBot
) -> None:
    assert simulators.printer.status().presented is False

    click(qtbot, panel, "Leave a printout in the slot (printer)")

    assert simulators.printer.status().presented is True
    assert "a printout waits in the slot" in status_line(panel, "printer")
