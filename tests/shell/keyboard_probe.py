"""Run in its own process on a real X display: a citizen types on the on-screen keyboard.

The keyboard test starts this with DISPLAY set (Xvfb + a window manager) and the
virtual keyboard input method; it drives the real kiosk window, clicks fields and
keys with xdotool as a finger would, and prints one JSON object of what it saw.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QScrollArea, QWidget

from kiosk.config import KioskConfig
from kiosk.runtime import KioskServices
from kiosk.shell.app import KioskApplication
from kiosk.workflow import events as ev
from kiosk.workflow.states import Filling, IdentityCheck
from screens.fields.choice import ChoiceButtons
from screens.fields.region_picker import RegionPicker

# Key centres of the Pinyin and English layouts, relative to the keyboard's top-left
# corner, on a 1920 px wide keyboard (measured from a screenshot of the layout).
_ROWS = {"qwertyuiop": (100, 191, 87), "asdfghjkl": (195, 191, 233), "zxcvbnm": (387, 191, 381)}
_SPACE = (959, 522)


def pump(seconds: float) -> None:
    app = QApplication.instance()
    assert app is not None
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def wait(condition: Any, seconds: float = 20.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        pump(0.05)
    return bool(condition())


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def keyboard_rect(window: QWidget) -> QRect:
    rect = QGuiApplication.inputMethod().keyboardRectangle().toRect()
    return QRect(window.mapToGlobal(rect.topLeft()), rect.size())


def click(point: QPoint) -> None:
    subprocess.run(
        ["xdotool", "mousemove", str(point.x()), str(point.y()), "click", "1"], check=True
    )


def tap_field(field: QWidget) -> None:
    """Touch the part of the field a citizen can see (it may run under the buttons),
    once it is on the screen: a field further down the page is scrolled to first, as
    a citizen drags the page up to reach it."""
    area = field.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if isinstance(area, QScrollArea) and field.visibleRegion().isEmpty():
        area.ensureWidgetVisible(field, 0, 40)
        pump(0.3)
    visible = field.visibleRegion().boundingRect()
    click(field.mapToGlobal(visible.center()))


def type_on_keyboard(window: QWidget, letters: str) -> None:
    top_left = keyboard_rect(window).topLeft()
    for ch in letters:
        if ch == " ":
            x, y = _SPACE
        else:
            row = next(r for r in _ROWS if ch in r)
            x0, dx, y = _ROWS[row]
            x = x0 + dx * row.index(ch)
        click(top_left + QPoint(x, y))
        pump(0.25)


def field_report(window: QWidget, field: QWidget) -> dict[str, Any]:
    keyboard = keyboard_rect(window)
    rect = global_rect(field)
    return {
        "keyboard_visible": QGuiApplication.inputMethod().isVisible(),
        "keyboard_top": keyboard.top(),
        "field_bottom": rect.bottom(),
        "field_visible": field.isVisible() and not field.visibleRegion().isEmpty(),
        "layout": QGuiApplication.inputMethod().locale().name(),
    }


def start_with_card(workflow: Any, reader: Any, service: str) -> None:
    """A citizen starts, chooses ``service`` and puts their card on the empty reader."""
    workflow.dispatch(ev.Started())
    workflow.dispatch(ev.ServiceChosen(service))
    workflow.dispatch(ev.NextPressed())  # past the guidance: start
    assert wait(lambda: isinstance(workflow.state, IdentityCheck))
    reader.remove()
    assert wait(lambda: getattr(workflow.state, "problem", None) == "no_document")
    reader.insert()
    assert wait(lambda: isinstance(workflow.state, Filling))
    pump(0.5)


def main(data_dir: str) -> int:
    config = KioskConfig(data_dir=Path(data_dir), fullscreen=True, sync_interval_s=1.0)
    kiosk = KioskApplication(config, KioskServices(config))
    kiosk.start()
    window, workflow = kiosk.window, kiosk.workflow
    report: dict[str, Any] = {}
    try:
        assert wait(lambda: workflow.catalogue is not None, 40)
        assert wait(lambda: window.isVisible() and window.width() >= 1900)
        reader = kiosk.services.reader
        start_with_card(workflow, reader, "GT-SETUP")

        mobile = window.form_page.editor("mobile")
        tap_field(mobile)
        wait(lambda: QGuiApplication.inputMethod().isVisible() and mobile.hasFocus())
        pump(1.0)
        report["mobile"] = field_report(window, mobile)
        subprocess.run(
            ["import", "-window", "root", f"{data_dir}/13-keyboard-mobile.png"], check=False
        )

        workflow.set_value("mobile", "13800138000")
        workflow.dispatch(ev.NextPressed())
        assert wait(lambda: workflow.state == Filling("GT-SETUP", 1))
        pump(0.5)
        scope = window.form_page.editor("business_scope")
        tap_field(scope)
        wait(lambda: QGuiApplication.inputMethod().isVisible() and scope.hasFocus())
        pump(1.0)
        report["business_scope"] = field_report(window, scope)
        subprocess.run(
            ["import", "-window", "root", f"{data_dir}/13-keyboard-scope.png"], check=False
        )

        trade = window.form_page.editor("trade_name")
        assert isinstance(trade, QLineEdit)
        window.form_page._scroll.ensureWidgetVisible(trade)  # the citizen scrolls up to it
        pump(0.3)
        tap_field(trade)
        wait(lambda: trade.hasFocus() and QGuiApplication.inputMethod().isVisible())
        pump(1.0)
        report["trade_name"] = field_report(window, trade)
        type_on_keyboard(window, "nihao ")
        pump(0.5)
        report["typed_in_chinese"] = trade.text()
        subprocess.run(
            ["import", "-window", "root", f"{data_dir}/13-keyboard-pinyin.png"], check=False
        )

        window.set_language("en")
        pump(0.5)
        report["layout_in_english"] = QGuiApplication.inputMethod().locale().name()
        workflow.dispatch(ev.Cancelled())
        pump(1.0)
        report["layout_next_session"] = QGuiApplication.inputMethod().locale().name()
        report["language_next_session"] = window.languages.language

        # A finger taps a choice inside the kinetic scroll area (the scroller lets a tap
        # through once it knows it is not a drag): the name's region.
        start_with_card(workflow, reader, "NAME-DECL")
        region = window.form_page.control("region")
        # A long list sits under a search box.
        places = region.buttons if isinstance(region, RegionPicker) else region
        assert isinstance(places, ChoiceButtons)
        button = places.button("330702")
        window.form_page._scroll.ensureWidgetVisible(button)
        pump(0.3)
        tap_field(button)
        pump(1.0)
        assert workflow.form is not None
        report["region_tapped"] = workflow.form.json_value("region")
        workflow.dispatch(ev.Cancelled())
        pump(0.5)

        # A passport holder types the dates from the photo page.
        workflow.dispatch(ev.Started())
        workflow.dispatch(ev.ServiceChosen("GT-SETUP"))
        workflow.dispatch(ev.NextPressed())  # past the guidance: start
        assert wait(lambda: isinstance(workflow.state, IdentityCheck))
        reader.remove()  # type: ignore[attr-defined]
        assert wait(lambda: getattr(workflow.state, "problem", None) == "no_document")
        reader.insert_passport()  # type: ignore[attr-defined]
        assert wait(lambda: getattr(workflow.state, "needs_key", False))
        pump(0.5)
        expiry = window.identify.key_panel.editors["expiry_date"]
        tap_field(expiry)
        wait(lambda: expiry.hasFocus() and QGuiApplication.inputMethod().isVisible())
        pump(1.0)
        report["passport_expiry"] = field_report(window, expiry)
        subprocess.run(
            ["import", "-window", "root", f"{data_dir}/13-keyboard-passport.png"], check=False
        )
    finally:
        sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        kiosk.close()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    sys.exit(main(sys.argv[1]))
