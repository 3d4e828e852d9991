"""Start the kiosk in two steps: the attract screen first, everything else after it.

A citizen walking up to a kiosk that is starting sees its attract screen at once:
step one creates the Qt application and paints a window holding only the
attract screen (Qt, the style and that one screen are all it needs). Step two,
on the next turns of the event loop, imports and builds the rest (the services,
the workflow, every step's screen, the central sandbox, reportlab, requests and
the demo panel) and puts the full window in its place. A touch on the first
screen is not lost: the session starts as soon as the full window is up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QMainWindow, QVBoxLayout, QWidget

from kiosk.shell.first_paint import after_first_paint
from kiosk.shell.i18n import LanguageSwitcher
from kiosk.shell.qt_app import ensure_application
from kiosk.shell.smoke import SmokeRun
from kiosk.shell.stop_signals import quit_on_stop_signals
from screens.attract import AttractScreen
from screens.widgets import label, set_label

if TYPE_CHECKING:
    from kiosk.config import KioskConfig
    from kiosk.shell.app import KioskApplication


FIRST_PAINT_WAIT_MS = 3000


class FirstWindow(QMainWindow):
    """The window of step one: the header's site name and the attract screen."""

    def __init__(self, site_name: str) -> None:
        super().__init__()
        self.setWindowTitle("Business registration kiosk")
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header = QFrame()
        header.setObjectName("header")
        row = QHBoxLayout(header)
        row.setContentsMargins(30, 10, 30, 10)
        site = label(parent=header)  # a parent first: shown alone it would be a window
        row.addWidget(site, 1)
        set_label(site, site_name)
        outer.addWidget(header)
        self.attract = AttractScreen()
        self.attract.show_state()
        outer.addWidget(self.attract, 1)
        self.setCentralWidget(central)
        self.touched = False
        """The citizen touched "start" before the full window was up."""
        self.attract.started.connect(self._touched)

    def _touched(self) -> None:
        self.touched = True


def run(config: KioskConfig, smoke: bool = False) -> int:
    """Run the kiosk until the window closes or SIGTERM/SIGINT; the process exit status.

    With ``smoke``: quit once the attract screen is shown and the central has sent
    its catalogue (0), or when they do not come (1); see `kiosk.shell.smoke`.
    """
    qt = ensure_application(spacing=False)
    restore_signals = quit_on_stop_signals(qt)  # a stop during start-up still ends in close()
    languages = LanguageSwitcher()
    languages.set_language(config.language)  # the attract screen in the kiosk's language
    first = FirstWindow(config.site_name)
    built: list[KioskApplication] = []
    built_or_building: list[bool] = []

    failed: list[Exception] = []

    def build_once() -> None:
        if built_or_building:
            return
        built_or_building.append(True)
        try:
            build_the_rest()
        except Exception as exc:  # e.g. a driver without its library: said by the caller
            failed.append(exc)
            qt.exit(2)

    after_first_paint(first, build_once)  # the screen is up before the imports
    # Installed after: Qt asks the newest event filter first, so the smoke run says
    # "shown" before the rest is built.
    watch = SmokeRun(first, qt) if smoke else None
    _show(first, config.fullscreen)

    def build_the_rest() -> None:
        from kiosk.shell.app import KioskApplication  # the heavy part, once the screen is up

        languages.uninstall()  # the kiosk has its own, which the citizen switches
        kiosk = KioskApplication(config)
        built.append(kiosk)
        _show(kiosk.window, config.fullscreen)
        first.close()
        if watch is not None:
            watch.follow(kiosk)
        kiosk.start()
        if first.touched:
            kiosk.window.attract.started.emit()

    QTimer.singleShot(FIRST_PAINT_WAIT_MS, build_once)  # a window never painted: go on anyway
    try:
        status = int(qt.exec())
        if failed:
            raise failed[0]
        return status
    finally:
        for kiosk in built:
            kiosk.close()
        restore_signals()


def _show(window: QMainWindow, fullscreen: bool) -> None:
    if fullscreen:
        window.showFullScreen()
    else:
        window.resize(1920, 1080)
        window.show()
