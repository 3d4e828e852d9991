"""Fixtures for driving the real kiosk window with qtbot, against the real central sandbox."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from devices.identity import IdentityDocument
from devices.simulated import SimulatedIdReader
from kiosk.clock import ManualClock, SystemClock
from kiosk.config import KioskConfig
from kiosk.runtime import KioskServices
from kiosk.shell.app import KioskApplication
from kiosk.workflow.states import IdentityCheck, ReadingGuidance

SCREENSHOTS = Path(
    os.environ.get(
        "KIOSK_SCREENSHOTS", Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
    )
)


AUDITS = SCREENSHOTS.parent / "accessibility"


class KioskDriver:
    """Drives the kiosk the way a citizen does: by what the buttons say."""

    def __init__(self, app: KioskApplication, qtbot: QtBot) -> None:
        self.app = app
        self.qtbot = qtbot
        self.window = app.window
        self.workflow = app.workflow
        self.touches = 0
        """Touches on the screen so far (buttons pressed, fields touched)."""
        self.characters = 0
        """Characters typed so far (a Chinese character counts as one)."""

    def button(self, name: str) -> QPushButton:
        found = [
            b
            for b in self.window.findChildren(QPushButton)
            if b.accessibleName() == name and b.isVisible()
        ]
        assert found, f"no visible button named {name!r}; visible: {self.visible_buttons()}"
        return found[0]

    def visible_buttons(self) -> list[str]:
        return [b.accessibleName() for b in self.window.findChildren(QPushButton) if b.isVisible()]

    def press(self, name: str) -> None:
        button = self.button(name)
        if _in_scroll_area(button):
            self.tap(button)  # a kinetic page holds a synthetic press back: see `tap`
            return
        self.touches += 1
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def tap(self, button: QAbstractButton) -> None:
        """A finger's tap on a button inside a kinetic scroll area.

        QScroller holds a press back until it knows the touch is not a drag, and
        offscreen Qt never hands QTest's synthetic press on; a real tap does (the
        X display test taps such a button with xdotool). Here the button is clicked
        as the scroller would once the tap is recognised.
        """
        self.touches += 1
        assert button.isVisible(), button.text()
        assert button.isEnabled(), button.text()
        button.click()

    def start(self, service_title: str) -> None:
        """Choose a service on the menu, read its guidance, and press "start"."""
        self.press(service_title)
        self.wait_for(ReadingGuidance)
        self.press("开始办理" if self.window.languages.language == "zh" else "Start")

    def choose(self, field: str, value: str, search: str = "") -> None:
        """Touch option ``value`` of a choice or region field; on a long list of places,
        type ``search`` into its search box first (counted as typing)."""
        from screens.fields.choice import ChoiceButtons
        from screens.fields.region_picker import RegionPicker

        control = self.window.form_page.control(field)
        if isinstance(control, RegionPicker):
            if search:
                self.touches += 1
                self.characters += len(search)
                control.search.setText(search)
            control = control.buttons
        assert isinstance(control, ChoiceButtons)
        self.window.form_page._scroll.ensureWidgetVisible(control.button(value))
        self.tap(control.button(value))

    def type_into(self, field: str, text: str) -> None:
        """Type as a citizen does: digits on the keys, Chinese through the Pinyin input method.

        Counts one touch (on the field) and the characters that end up typed.
        """
        self.touches += 1
        self.characters += len(text)
        editor = self.window.form_page.editor(field)
        editor.setFocus()
        if text.isascii():
            self.qtbot.keyClicks(editor, text)
            return
        # An input method delivers each composed word as a commit string.
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(editor, event)

    def put_document_down(
        self, *, passport: bool = False, card: IdentityDocument | None = None
    ) -> None:
        """On the identify step, the citizen puts their document on an empty reader.

        A card lying there when the session began is never read (it may be the last
        citizen's), so the reader is emptied first and the kiosk is let see it empty.
        """
        reader = self.app.services.reader
        assert isinstance(reader, SimulatedIdReader)
        self.wait_for(IdentityCheck)
        reader.remove()
        self.qtbot.waitUntil(
            lambda: (
                isinstance(state := self.workflow.state, IdentityCheck)
                and state.problem == "no_document"
                and not self.workflow.card_from_before
            ),
            timeout=10000,
        )
        if passport:
            reader.insert_passport()
        else:
            reader.insert(card)

    def wait_for(self, state_type: type, timeout_ms: int = 15000) -> Any:
        self.qtbot.waitUntil(
            lambda: isinstance(self.workflow.state, state_type), timeout=timeout_ms
        )
        return self.workflow.state

    def texts(self) -> str:
        """Every text a person can see right now, in one string."""
        from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

        parts: list[str] = []
        for widget in self.window.findChildren(QWidget):
            if not widget.isVisible():
                continue
            if isinstance(widget, (QLabel | QPushButton, QLineEdit)):
                parts.append(widget.text())
            elif isinstance(widget, QPlainTextEdit):
                parts.append(widget.toPlainText())
        return "\n".join(parts)

    def screenshot(self, name: str) -> Path:
        """Save the screen as it is once laid out, and audit it: every screen a test
        looks at passes the accessibility check (`tests.shell.accessibility_audit`),
        whose table is saved beside the screenshots. ``KIOSK_AUDIT=report`` only
        saves the tables."""
        from tests.shell.accessibility_audit import audit

        QApplication.sendPostedEvents(None, int(QEvent.Type.LayoutRequest.value))
        QApplication.processEvents()
        report = audit(self.window, name, high_contrast=self.window.look.high_contrast)
        AUDITS.mkdir(parents=True, exist_ok=True)
        (AUDITS / f"{name}.txt").write_text(report.table() + "\n", encoding="utf-8")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        assert self.window.grab().save(str(path))
        if os.environ.get("KIOSK_AUDIT") != "report":
            assert not report.violations, report.table()
        return path


def _in_scroll_area(widget: QWidget) -> bool:
    from PySide6.QtWidgets import QScrollArea

    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def central_applications(data_dir: Path) -> list[dict[str, Any]]:
    """What the central sandbox received, asked through its operator command."""
    env = dict(
        os.environ,
        KIOSK_CENTRAL_DATABASE=f"sqlite:///{data_dir / 'central-sandbox' / 'central.db'}",
    )
    done = subprocess.run(
        [sys.executable, "-m", "central", "applications", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    value = json.loads(done.stdout)
    return value if isinstance(value, list) else value["applications"]


def make_kiosk(tmp_path: Path, *, manual_clock: bool = False, **overrides: Any) -> KioskApplication:
    config = KioskConfig(
        data_dir=tmp_path / "kiosk-data",
        fullscreen=False,
        sync_interval_s=1.0,
        **overrides,
    )
    clock = ManualClock() if manual_clock else SystemClock()
    app = KioskApplication(config, KioskServices(config, clock=clock))
    app.start()
    app.window.resize(1920, 1080)
    return app


@pytest.fixture
def kiosk(tmp_path: Path, qtbot: QtBot) -> Iterator[KioskDriver]:
    app = make_kiosk(tmp_path)
    driver = KioskDriver(app, qtbot)
    qtbot.waitUntil(lambda: app.workflow.catalogue is not None, timeout=30000)
    yield driver
    app.close()
