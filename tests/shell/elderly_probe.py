"""Run in its own process on a real X display: an elderly first-time citizen registers alone.

`tests/shell/test_elderly_path.py` starts this with DISPLAY set (Xvfb and a window
manager) and the virtual keyboard. A finger (xdotool) does everything a citizen
does: it turns on the larger text and reading aloud in the header, taps the big
buttons, types every letter and digit on the on-screen keyboard's keys (Chinese by
Pinyin), and finishes. Only the card is put on the reader and taken back by
code, as a hand does. Every touch is measured on the thing touched: a widget's
size, or the keyboard key's own rectangle. The kiosk's loudspeaker is a
recording (`RecordingVoice`), so what each screen said can be checked. One JSON
report is printed at the end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QScrollArea, QWidget

from kiosk.config import KioskConfig
from kiosk.runtime import KioskServices
from kiosk.shell.app import KioskApplication
from kiosk.workflow.states import (
    Attract,
    Filling,
    Finished,
    IdentityCheck,
    ReadingGuidance,
    Reviewing,
    ServiceMenu,
)
from tests.shell.keyboard_probe import click, pump, wait
from tests.shell.recording_voice import RecordingVoice

MOBILE = "13800138000"
# Pinyin, a word at a time: the word is touched among the keyboard's candidates, or
# (None) the first candidate is taken with the space bar.
TRADE_NAME = (("lihua", "丽华"), ("baihuo", None), ("shangdian", None))
BUSINESS_SCOPE = (("riyong", None), ("baihuo", None), ("xiaoshou", None))


class Finger:
    """Touches the screen as a citizen does, and remembers the size of everything touched."""

    def __init__(self, window: QWidget, shots: Path) -> None:
        self.window = window
        self.shots = shots
        self.touches: list[dict[str, Any]] = []
        self.keys: list[str] = []

    def touch(self, widget: QWidget, what: str) -> None:
        """Tap the middle of the part of ``widget`` on the screen, scrolling to it first
        (a citizen drags the page up) when it is out of sight."""
        scrolled = []
        area = widget.parentWidget()
        while area is not None:
            if isinstance(area, QScrollArea):
                before = area.verticalScrollBar().value()
                area.ensureWidgetVisible(widget, 0, 40)
                if area.verticalScrollBar().value() != before:
                    scrolled.append(area.objectName() or "body")
            area = area.parentWidget()
        pump(0.3)
        assert widget.isVisible(), what
        assert widget.isEnabled(), what
        visible = widget.visibleRegion().boundingRect()
        self.touches.append(
            {
                "what": what,
                "width": widget.width(),
                "height": widget.height(),
                "kind": "field" if what.endswith("field") else "button",
                "scrolled": scrolled,
            }
        )
        click(widget.mapToGlobal(visible.center()))
        pump(0.4)

    def press_button(self, words: str) -> None:
        """Tap the shown button named ``words`` (its accessible name: the words it shows)."""
        found = [
            b
            for b in self.window.findChildren(QAbstractButton)
            if b.isVisible() and b.accessibleName().startswith(words)
        ]
        assert found, f"no button {words!r} on the screen"
        self.touch(found[0], words)

    def key(self, text: str) -> None:
        """Tap the keyboard's key that types ``text``."""
        assert wait(lambda: QGuiApplication.inputMethod().isVisible(), 10), "no keyboard"
        matches = [
            item
            for item in keyboard_items()
            if _kind(item).endswith("Key") and item.property("text") == text
        ]
        assert matches, f"no key {text!r} on the keyboard"
        self.keys.append(text)
        self._touch_item(matches[0], f"key {text!r}", "key")
        pump(0.25)

    def candidate(self, word: str) -> None:
        """Tap ``word`` among the words the Pinyin keyboard offers above its keys."""
        matches = [
            item.parentItem()
            for item in keyboard_items()
            if item.property("text") == word and _kind(item.parentItem()) == "SelectionListItem"
        ]
        assert matches, f"the keyboard offers no {word!r}"
        self._touch_item(matches[0], f"word {word!r}", "candidate")
        pump(0.3)

    def _touch_item(self, item: QQuickItem, what: str, kind: str) -> None:
        top_left = item.mapToScene(QPointF(0, 0))
        centre = item.window().mapToGlobal(
            QPoint(int(top_left.x() + item.width() / 2), int(top_left.y() + item.height() / 2))
        )
        assert 0 <= centre.x() < self.window.width(), f"{what} is off the screen"
        self.touches.append(
            {"what": what, "width": item.width(), "height": item.height(), "kind": kind}
        )
        click(centre)

    def type_digits(self, digits: str) -> None:
        for digit in digits:
            self.key(digit)

    def type_pinyin(self, words: tuple[tuple[str, str | None], ...]) -> None:
        for letters, word in words:
            for letter in letters:
                self.key(letter)
            pump(0.3)
            if word is None:
                self.key(" ")  # the first word the keyboard offers
            else:
                self.candidate(word)

    def screenshot(self, name: str) -> None:
        pump(0.6)
        subprocess.run(
            ["import", "-window", "root", str(self.shots / f"14-elderly-{name}.png")], check=False
        )


def keyboard_items() -> list[QQuickItem]:
    """Everything shown in the on-screen keyboard's own window: keys, offered words."""
    found: list[QQuickItem] = []
    for window in QGuiApplication.topLevelWindows():
        if isinstance(window, QQuickWindow) and window.isVisible():
            stack = list(window.contentItem().childItems())
            while stack:
                item = stack.pop()
                if item.isVisible():
                    found.append(item)
                    stack.extend(item.childItems())
    return found


def _kind(item: QQuickItem | None) -> str:
    """A QML item's type name: ``Key`` for ``Key_QMLTYPE_68``."""
    return item.metaObject().className().split("_QML")[0] if item is not None else ""


class ScreenVoice(RecordingVoice):
    """The recording loudspeaker, which also notes the screen each thing was said on."""

    def __init__(self, screen_now: Callable[[], str]) -> None:
        super().__init__()
        self.screen_now = screen_now
        self.on_screen: list[tuple[str, str]] = []

    def say(self, text: str, language: str) -> None:
        super().say(text, language)
        self.on_screen.append((self.screen_now(), text))


def screen_name(state: object) -> str:
    """``Filling 1`` for a form's second page, else the state's type."""
    page = getattr(state, "page", None)
    return type(state).__name__ + (f" {page}" if isinstance(page, int) else "")


def main(data_dir: str) -> int:
    config = KioskConfig(
        data_dir=Path(data_dir), fullscreen=True, sync_interval_s=1.0, speech="on_request"
    )
    kiosk = KioskApplication(config, KioskServices(config))
    voice = ScreenVoice(lambda: screen_name(kiosk.workflow.state))
    kiosk.speech.use_engine(voice)
    kiosk.start()
    window, workflow = kiosk.window, kiosk.workflow
    finger = Finger(window, Path(data_dir))
    report: dict[str, Any] = {"screens": [], "large_text": {}}
    states: list[str] = []
    window.state_changed.connect(
        lambda state: (
            states.append(type(state).__name__)
            if not states or states[-1] != type(state).__name__
            else None
        )
    )

    def arrived(name: str, state_type: type) -> None:
        """The citizen is on screen ``name``: is the text large? (and a picture of it)"""
        assert wait(lambda: isinstance(workflow.state, state_type), 30), (name, workflow.state)
        pump(1.5)  # the screen is read a moment after it opens
        report["screens"].append(name)
        report["large_text"][name] = window.look.large_text
        finger.screenshot(name)

    try:
        assert wait(lambda: workflow.catalogue is not None, 40)
        assert wait(lambda: window.isVisible() and window.width() >= 1900)
        pump(1.0)
        finger.touch(window.reading_aids.large_text, "larger text")
        finger.touch(kiosk.speech.bar.read_aloud, "read aloud")
        arrived("attract", Attract)
        finger.press_button("点击这里开始")
        arrived("menu", ServiceMenu)
        finger.press_button("个体工商户设立登记")
        arrived("guidance", ReadingGuidance)
        finger.press_button("开始办理")
        reader = kiosk.services.reader
        assert wait(lambda: isinstance(workflow.state, IdentityCheck))
        reader.remove()  # type: ignore[attr-defined]  # the demo card lay there before
        assert wait(lambda: getattr(workflow.state, "problem", None) == "no_document")
        arrived("identify", IdentityCheck)
        reader.insert()  # type: ignore[attr-defined]  # the citizen's card, by hand
        arrived("about-you", Filling)

        mobile = window.form_page.editor("mobile")
        assert isinstance(mobile, QLineEdit)
        finger.touch(mobile, "mobile field")
        finger.screenshot("keyboard-digits")
        finger.type_digits(MOBILE)
        report["mobile_typed"] = mobile.text()
        finger.key("\n")  # Enter: the last box on this page, so the typing is done
        assert wait(lambda: not QGuiApplication.inputMethod().isVisible(), 10)
        finger.press_button("下一步")
        arrived("business", Filling)

        trade = window.form_page.editor("trade_name")
        assert isinstance(trade, QLineEdit)
        finger.touch(trade, "business name field")
        finger.type_pinyin(TRADE_NAME)
        report["trade_name_typed"] = trade.text()
        finger.screenshot("keyboard-pinyin")
        scope = window.form_page.editor("business_scope")
        finger.touch(scope, "business scope field")
        finger.type_pinyin(BUSINESS_SCOPE)
        report["business_scope_typed"] = scope.toPlainText()  # type: ignore[union-attr]
        finger.screenshot("keyboard-scope")
        finger.press_button("输入完成")
        assert wait(lambda: not QGuiApplication.inputMethod().isVisible(), 10)
        finger.press_button("核对我的信息")
        arrived("review", Reviewing)
        finger.press_button("提交")
        arrived("finished", Finished)
        assert wait(lambda: getattr(workflow.state, "receipt", "") != "printing", 20)
        report["receipt"] = getattr(workflow.state, "receipt", "")
        report["application_no"] = getattr(workflow.state, "application_no", "")
        kiosk.poll_devices()
        reader.remove()  # type: ignore[attr-defined]  # the card back into the hand
        pump(1.0)
        finger.press_button("完成")
        assert wait(lambda: isinstance(workflow.state, Attract), 20)
        pump(1.0)
        report["after"] = {
            "large_text": window.look.large_text,
            "speech_on": kiosk.speech.on,
            "form": workflow.form is not None,
        }
        report["finished_alone"] = True
    except AssertionError as problem:
        report["problem"] = f"{problem!r} at {workflow.state!r}"
        finger.screenshot("problem")
    finally:
        report["touches"] = finger.touches
        report["keys"] = finger.keys
        report["states"] = states
        report["said"] = voice.on_screen
        report["keyboard_rect"] = _rect(QGuiApplication.inputMethod().keyboardRectangle().toRect())
        sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        kiosk.close()
    return 0


def _rect(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


if __name__ == "__main__":
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    sys.exit(main(sys.argv[1]))
