"""Run in its own process: the real kiosk, a citizen halfway through a form, then a crash.

`tests.shell.test_session_ends` starts this (offscreen) on a data directory. It builds
the kiosk as `kiosk.shell.app.run` does, has 王丽华's card read on the simulated reader,
types answers on the first page and goes on to the second (so a sealed draft is kept),
types there too, prints ``READY`` with what the window shows, and waits: the test
kills it with SIGKILL, as a power cut or a crash would, and starts the kiosk again.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from devices.simulated import SimulatedIdReader
from kiosk.config import KioskConfig
from kiosk.shell.app import KioskApplication
from kiosk.shell.screen_dump import window_texts
from kiosk.workflow.states import Filling, IdentityCheck, ReadingGuidance, ServiceMenu

WAIT_S = 60.0


def pump(seconds: float) -> None:
    app = QApplication.instance()
    assert app is not None
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def wait(what: str, condition: Callable[[], bool]) -> None:
    end = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > end:
            raise SystemExit(f"gave up waiting for {what}")
        pump(0.05)


def press(kiosk: KioskApplication, name: str) -> None:
    wait(
        f"a button named {name}",
        lambda: any(
            b.accessibleName() == name and b.isVisible()
            for b in kiosk.window.findChildren(QPushButton)
        ),
    )
    button = next(
        b
        for b in kiosk.window.findChildren(QPushButton)
        if b.accessibleName() == name and b.isVisible()
    )
    button.click()


def type_into(kiosk: KioskApplication, field: str, text: str) -> None:
    editor = kiosk.window.form_page.editor(field)
    editor.setFocus()
    if text.isascii():
        QTest.keyClicks(editor, text)
        return
    event = QInputMethodEvent("", [])  # Chinese comes through the input method
    event.setCommitString(text)
    QApplication.sendEvent(editor, event)


def main(data_dir: Path) -> None:
    kiosk = KioskApplication(KioskConfig(data_dir=data_dir, fullscreen=False))
    kiosk.start()
    workflow = kiosk.workflow
    wait("the catalogue", lambda: workflow.catalogue is not None)
    press(kiosk, "点击这里开始")
    wait("the menu", lambda: isinstance(workflow.state, ServiceMenu))
    press(kiosk, "个体工商户设立登记")
    wait("the guidance", lambda: isinstance(workflow.state, ReadingGuidance))
    press(kiosk, "开始办理")
    reader = kiosk.services.reader
    assert isinstance(reader, SimulatedIdReader)
    # The demo card lay there from before: lifted off, then put down by the citizen.
    wait("the identify step", lambda: isinstance(workflow.state, IdentityCheck))
    reader.remove()
    wait(
        "an empty reader",
        lambda: (
            getattr(workflow.state, "problem", None) == "no_document"
            and not workflow.card_from_before
        ),
    )
    reader.insert()
    wait("the form", lambda: isinstance(workflow.state, Filling))
    type_into(kiosk, "mobile", "13800138000")
    press(kiosk, "下一步")
    wait("the second page", lambda: workflow.state == Filling("GT-SETUP", 1))
    type_into(kiosk, "trade_name", "金华市婺城区丽华百货店")
    pump(0.5)  # the draft is kept on a worker
    texts = window_texts(kiosk.window, hidden=True)
    print("READY " + json.dumps(texts, ensure_ascii=False), flush=True)  # noqa: T201
    while True:
        pump(1.0)  # until SIGKILL


if __name__ == "__main__":
    main(Path(sys.argv[1]))
