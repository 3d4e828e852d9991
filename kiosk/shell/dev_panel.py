"""The developer panel: a separate window that drives the device simulators (demo mode only).

It shows one group per configured device. A simulated device gets buttons for
what a person or a fault would do to it (put a card on, pull it mid-read, run
out of paper, unplug it) and its live status; a real device is only named, and
its status is never asked here because a real driver's status may block the UI
thread. The kiosk reaches the panel through a header button that
`install_dev_panel` adds only when the configuration says ``demo``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from devices.identity import DocumentType
from devices.simulated import (
    SimulatedIdReader,
    SimulatedPrinter,
    SimulatedReceiptPrinter,
    SimulatedScanner,
    passport_mrz_lines,
)
from devices.status import DeviceStatus
from kiosk.shell.main_window import KioskWindow
from screens.style import TOUCH_TARGET_PX
from screens.widgets import BigButton, label, set_label

REFRESH_MS = 1000
_COLUMNS = 2  # three columns clip the longer labels at the kiosk's 20 pt body text
_DOCUMENT_WORDS = {
    DocumentType.CN_RESIDENT_ID: "resident ID card",
    DocumentType.PASSPORT: "passport",
    DocumentType.TRAVEL_PERMIT: "travel permit",
}

Simulator = SimulatedIdReader | SimulatedPrinter | SimulatedReceiptPrinter | SimulatedScanner


class DevPanel(QWidget):
    """A tool window with a group of controls and a status line per simulated device."""

    def __init__(self, devices: Mapping[str, object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A tool window floats above the kiosk's full-screen window instead of covering it.
        self.setWindowFlag(Qt.WindowType.Tool, True)
        self.setWindowTitle("Device simulators")
        self.setAccessibleName("Device simulators")
        self.resize(900, 1000)
        self._status_lines: dict[str, tuple[Simulator, QLabel]] = {}

        content = QWidget()
        column = QVBoxLayout(content)
        column.setSpacing(16)
        for name, device in devices.items():
            column.addWidget(self._group(name, device))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    # -- public -----------------------------------------------------------------
    def show_and_raise(self) -> None:
        """Show the panel in front of the kiosk window."""
        self.show()
        self.raise_()
        self.activateWindow()

    def refresh(self) -> None:
        """Redraw every simulator's status line (their status() never blocks)."""
        for name, (device, line) in self._status_lines.items():
            set_label(line, _status_text(device.status()) + _holding(device))
            line.setAccessibleName(f"Status of {name}: {line.text()}")

    # -- Qt overrides -------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        # Polling only while someone can see the panel.
        self.refresh()
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self._timer.stop()
        super().hideEvent(event)

    # -- building -------------------------------------------------------------------
    def _group(self, name: str, device: object) -> QGroupBox:
        group = QGroupBox()
        layout = QVBoxLayout(group)
        title = label("subtitle")
        layout.addWidget(title)
        if isinstance(device, SimulatedIdReader):
            set_label(title, f"{name}: identity reader (simulated)")
            self._add_status_line(layout, name, device)
            self._add_reader_controls(layout, name, device)
        elif isinstance(device, SimulatedReceiptPrinter):
            set_label(title, f"{name}: receipt printer (simulated)")
            self._add_status_line(layout, name, device)
            self._add_printer_controls(layout, name, device)
        elif isinstance(device, SimulatedPrinter):
            set_label(title, f"{name}: document printer (simulated)")
            self._add_status_line(layout, name, device)
            self._add_printer_controls(layout, name, device)
        elif isinstance(device, SimulatedScanner):
            set_label(title, f"{name}: code scanner (simulated)")
            self._add_status_line(layout, name, device)
            self._add_scanner_controls(layout, name, device)
        else:
            set_label(title, f"{name}: real device: not simulated")
        group.setAccessibleName(title.text())
        return group

    def _add_status_line(self, layout: QVBoxLayout, name: str, device: Simulator) -> None:
        line = label("hint")
        layout.addWidget(line)
        self._status_lines[name] = (device, line)

    def _add_reader_controls(
        self, layout: QVBoxLayout, name: str, reader: SimulatedIdReader
    ) -> None:
        self._add_buttons(
            layout,
            name,
            [
                ("Put resident card", reader.insert),
                ("Put passport", reader.insert_passport),
                ("Take card off", reader.remove),
                ("Pull card during next read", reader.pull_during_next_read),
                ("Unplug", lambda: reader.set_attached(False)),
                ("Plug in", lambda: reader.set_attached(True)),
            ],
        )

    def _add_printer_controls(
        self,
        layout: QVBoxLayout,
        name: str,
        printer: SimulatedPrinter | SimulatedReceiptPrinter,
    ) -> None:
        actions: list[tuple[str, Callable[[], None]]] = [
            ("Paper OK", lambda: printer.set_paper("ok")),
            ("Paper low", lambda: printer.set_paper("low")),
            ("Paper out", lambda: printer.set_paper("out")),
            ("Online", lambda: printer.set_online(True)),
            ("Offline", lambda: printer.set_online(False)),
            ("Take the printout", printer.take_printout),
            ("Leave a printout in the slot", printer.leave_printout),
        ]
        if isinstance(printer, SimulatedReceiptPrinter):
            actions += [
                ("Cover open", lambda: printer.set_cover_open(True)),
                ("Cover closed", lambda: printer.set_cover_open(False)),
            ]
        self._add_buttons(layout, name, actions)

    def _add_scanner_controls(
        self, layout: QVBoxLayout, name: str, scanner: SimulatedScanner
    ) -> None:
        code = QLineEdit()
        code.setMinimumHeight(TOUCH_TARGET_PX)
        code.setPlaceholderText("Code to scan")
        code.setAccessibleName(f"Code to scan ({name})")
        layout.addWidget(code)
        outcome = label("hint")
        set_label(outcome, "")
        layout.addWidget(outcome)

        def scan(data: str) -> None:
            delivered = scanner.scan(data)
            set_label(
                outcome,
                "Delivered to the kiosk" if delivered else "Not delivered: scanner not listening",
            )

        self._add_buttons(
            layout,
            name,
            [
                ("Scan", lambda: scan(code.text())),
                ("Scan the passport MRZ", lambda: scan("\n".join(passport_mrz_lines()))),
                ("Unplug", lambda: scanner.set_attached(False)),
                ("Plug in", lambda: scanner.set_attached(True)),
            ],
        )

    def _add_buttons(
        self,
        layout: QVBoxLayout,
        name: str,
        actions: list[tuple[str, Callable[[], None]]],
    ) -> None:
        grid = QGridLayout()
        grid.setSpacing(10)
        for index, (text, action) in enumerate(actions):
            button = BigButton("secondary")
            button.set_text(text)
            # The device name makes each control unique when two devices share a kind.
            button.setAccessibleName(f"{text} ({name})")
            button.clicked.connect(lambda _checked=False, act=action: self._act(act))
            grid.addWidget(button, index // _COLUMNS, index % _COLUMNS)
        layout.addLayout(grid)

    def _act(self, action: Callable[[], None]) -> None:
        action()
        self.refresh()


def install_dev_panel(
    window: KioskWindow, devices: Mapping[str, object], demo: bool
) -> DevPanel | None:
    """In demo mode, add a "Simulators" header button opening a `DevPanel`; else nothing."""
    if not demo:
        return None
    panel = DevPanel(devices, parent=window)
    button = BigButton("header_button")
    button.set_text("Simulators")
    button.setAccessibleName("Open the device simulators")
    button.clicked.connect(panel.show_and_raise)
    window.add_header_widget(button)
    return panel


def _status_text(status: DeviceStatus) -> str:
    media = f", media {status.media}" if status.media else ""
    waiting = ", a printout waits in the slot" if status.presented else ""
    return f"Status: {status.state.value}: {status.reason}{media}{waiting}"


def _holding(device: Simulator) -> str:
    if not isinstance(device, SimulatedIdReader):
        return ""
    card = device.card
    if card is None:
        return "\nOn the reader: nothing"
    kind = _DOCUMENT_WORDS.get(card.document_type, card.document_type.value)
    return f"\nOn the reader: {kind} {card.document_number} ({card.display_name})"
