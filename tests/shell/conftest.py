"""Fixtures for driving the real kiosk window with qtbot, against the real central sandbox."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from devices.identity import IdentityDocument
from devices.simulated import SimulatedIdReader
from kiosk.clock import ManualClock, SystemClock
from kiosk.config import KioskConfig
from kiosk.runtime import KioskServices
from kiosk.shell.app import KioskApplication
from kiosk.workflow.states import Filling, IdentityCheck, ReadingGuidance, Reviewing
from tests.shell.accessibility_audit import Report, audit
from tests.shell.text_fit import settle_layouts

SCREENSHOTS = Path(
    os.environ.get(
        "KIOSK_SCREENSHOTS", Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
    )
)


AUDITS = SCREENSHOTS.parent / "accessibility"
LOOK_PICTURES = Path(__file__).resolve().parents[2] / "artifacts" / "looks"
"""Every screen in every look: many pictures, kept out of docs/screenshots."""

#: Besides the look a test runs in, every kind of screen is audited once in each look a
#: citizen can choose, in both languages, on the 1920x1080 display and on a 1280x1024 one:
#: (language, larger text, high contrast, display size).
Look = tuple[str, bool, bool, tuple[int, int]]
LOOKS: tuple[Look, ...] = (
    ("zh", True, False, (1920, 1080)),
    ("zh", False, True, (1920, 1080)),
    ("zh", True, True, (1280, 1024)),
    ("en", False, False, (1920, 1080)),
    ("en", True, True, (1920, 1080)),
    ("en", True, False, (1280, 1024)),
)
_LOOKS_AUDITED: set[str] = set()

S = TypeVar("S")


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

    def settle_page(self) -> None:
        """Let a form page or review finish drawing (a few turns of the event loop), as
        it has by the time a citizen looks for something on it."""
        form_page, review = self.window.form_page, self.window.review
        if form_page.isVisible() and not form_page.complete:
            self.qtbot.waitUntil(lambda: form_page.complete, timeout=10000)
        if review.isVisible() and not review.complete:
            self.qtbot.waitUntil(lambda: review.complete, timeout=10000)

    def button(self, name: str) -> QPushButton:
        self.settle_page()
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

    def wait_for(self, state_type: type[S], timeout_ms: int = 15000) -> S:
        self.qtbot.waitUntil(
            lambda: isinstance(self.workflow.state, state_type), timeout=timeout_ms
        )
        if isinstance(self.workflow.state, Filling):
            # The page's editors are built over a few turns of the event loop.
            self.qtbot.waitUntil(lambda: self.window.form_page.complete, timeout=timeout_ms)
        if isinstance(self.workflow.state, Reviewing):
            self.qtbot.waitUntil(lambda: self.window.review.complete, timeout=timeout_ms)
        return self.state(state_type)

    def state(self, kind: type[S]) -> S:
        """The workflow's state, which the caller knows to be a ``kind``.

        Any other state raises TypeError at once, as reading an attribute it lacks
        would: not AssertionError, which inside ``qtbot.waitUntil`` means "not yet"."""
        state = self.workflow.state
        if not isinstance(state, kind):
            raise TypeError(f"the kiosk is at {state!r}, not at a {kind.__name__}")
        return state

    def line_box(self, field: str) -> QLineEdit:
        """The one-line text box of field ``field`` on the form page."""
        editor = self.window.form_page.editor(field)
        assert isinstance(editor, QLineEdit), f"{field} has a {type(editor).__name__}"
        return editor

    def texts(self) -> str:
        """Every text a person can see right now, in one string."""
        self.settle_page()
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
        settle_layouts()
        QApplication.processEvents()
        report = audit(self.window, name, high_contrast=self.window.look.high_contrast)
        AUDITS.mkdir(parents=True, exist_ok=True)
        (AUDITS / f"{name}.txt").write_text(report.table() + "\n", encoding="utf-8")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        assert self.window.grab().save(str(path))
        if os.environ.get("KIOSK_AUDIT") != "report":
            assert not report.violations, report.table()
        self._audit_every_look(name)
        return path

    def _audit_every_look(self, name: str) -> None:
        """The first time a kind of screen is looked at in this test run, audit it in
        every look a citizen can choose too (`LOOKS`), then put the kiosk back as it was.

        Not under a warning or question: switching the language redraws it from the
        session's state, which a test may be in the middle of changing. Those panels
        have their own test in every look (tests/shell/test_reading_aids.py)."""
        kind = self.screen_kind()
        if "+" in kind or kind in _LOOKS_AUDITED or os.environ.get("KIOSK_AUDIT") == "report":
            return
        _LOOKS_AUDITED.add(kind)
        window, look = self.window, self.window.look
        before = (window.languages.language, look.large_text, look.high_contrast, window.size())
        violations: list[str] = []
        try:
            for mode in LOOKS:
                report = self.audit_in(mode, name)
                if report.violations:
                    violations.append(report.table())
        finally:
            language, large, contrast, size = before
            window.set_language(language)
            look.set_large_text(large)
            look.set_high_contrast(contrast)
            window.resize(size)
            settle_layouts()
        assert not violations, "\n".join(violations)

    def audit_in(self, mode: Look, name: str) -> Report:
        """Put the window in ``mode`` and audit it (the caller puts the window back)."""
        self.set_look(mode)
        return self.audit_now(mode, name)

    def set_look(self, mode: Look) -> None:
        """The language, the look and the display size of ``mode``, laid out."""
        language, large, contrast, (width, height) = mode
        window, look = self.window, self.window.look
        window.set_language(language)
        look.set_large_text(large)
        look.set_high_contrast(contrast)
        window.resize(width, height)
        settle_layouts()
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, int(QEvent.Type.DeferredDelete.value))
        settle_layouts()

    def audit_now(self, mode: Look, name: str) -> Report:
        """Audit the window as drawn in ``mode``; the table and a picture are saved."""
        language, large, contrast, (width, height) = mode
        settle_layouts()
        label = "-".join(
            [language] + ["large"] * large + ["contrast"] * contrast + [f"{width}x{height}"]
        )
        report = audit(self.window, f"{name} ({label})", high_contrast=contrast)
        AUDITS.mkdir(parents=True, exist_ok=True)
        (AUDITS / f"{name}-{label}.txt").write_text(report.table() + "\n", encoding="utf-8")
        LOOK_PICTURES.mkdir(parents=True, exist_ok=True)
        assert self.window.grab().save(str(LOOK_PICTURES / f"{name}-{label}.png"))
        return report

    def screen_kind(self) -> str:
        """The class of the screen shown, and of any question or warning laid over it."""
        from PySide6.QtWidgets import QScrollArea

        shown = self.window.stack.currentWidget()
        if isinstance(shown, QScrollArea) and shown.widget() is not None:
            shown = shown.widget()
        overlays = [
            type(panel).__name__
            for panel in (
                self.window.idle_warning,
                self.window.start_over_question,
                self.window.leaving_warning,
            )
            if panel.isVisible()
        ]
        return "+".join([type(shown).__name__, *overlays])


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


X_TOOLS = ("Xvfb", "matchbox-window-manager", "xdotool")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def x_display() -> Iterator[str]:
    """A 1920x1080 X display with a window manager; both stop when the module ends.

    Offscreen Qt never shows the virtual keyboard: the tests that type on it run the
    kiosk here, in a child process (a probe), as the kiosk's own machine runs it."""
    missing = [tool for tool in X_TOOLS if shutil.which(tool) is None]
    assert not missing, f"the test command installs {missing} (scripts/bootstrap.sh)"
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as chosen:
        display = f":{chosen.readline().strip()}"
    wm = subprocess.Popen(
        ["matchbox-window-manager", "-use_titlebar", "no", "-use_cursor", "no"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield display
    finally:
        for process in (wm, xvfb):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def run_probe(module: str, data_dir: Path, display: str, pictures: str) -> dict[str, Any]:
    """Run ``python -m module data_dir`` on ``display`` with the virtual keyboard; its report.

    The probe's pictures (``data_dir/<pictures>*.png``, the whole X screen) are copied
    among the screenshots."""
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "QT_IM_MODULE": "qtvirtualkeyboard",
        "PYTHONPATH": str(REPO),
    }
    done = subprocess.run(
        [sys.executable, "-m", module, str(data_dir)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, f"the probe printed no report (exit {done.returncode}): {done.stderr[-2000:]}"
    report: dict[str, Any] = json.loads(lines[-1])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for shot in data_dir.glob(f"{pictures}*.png"):
        shutil.copy(shot, SCREENSHOTS / shot.name)
    return report


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Say which kinds of screen were audited in every look (for the closing note and the
    curious: every step screen a journey test looks at is among them)."""
    if _LOOKS_AUDITED:
        AUDITS.mkdir(parents=True, exist_ok=True)
        (AUDITS / "every-look-audited.txt").write_text(
            "\n".join(sorted(_LOOKS_AUDITED)) + "\n", encoding="utf-8"
        )
