"""An abandoned session is warned, can be extended, then ends and forgets the citizen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from devices.simulated import synthetic_resident_card
from kiosk.clock import ManualClock
from kiosk.workflow import events as ev
from kiosk.workflow.states import Attract, Filling, ServiceMenu
from tests.shell.conftest import KioskDriver, make_kiosk

OTHER = "11010519491231002X"  # another citizen's identity number


@pytest.fixture
def slow_kiosk(tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[KioskDriver, ManualClock]]:
    app = make_kiosk(tmp_path, manual_clock=True, idle_timeout_s=90.0, idle_warning_s=30.0)
    driver = KioskDriver(app, qtbot)
    qtbot.waitUntil(lambda: app.workflow.catalogue is not None, timeout=30000)
    clock = app.services.clock
    assert isinstance(clock, ManualClock)
    yield driver, clock
    app.close()


def test_idle_citizen_is_warned_can_continue_then_is_wiped(
    slow_kiosk: tuple[KioskDriver, ManualClock],
) -> None:
    kiosk, clock = slow_kiosk
    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)
    kiosk.start("个体工商户设立登记")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    kiosk.type_into("mobile", "13800138000")
    assert "王丽华" in kiosk.texts()

    clock.advance(65)
    kiosk.window.check_idle()
    assert kiosk.window.idle_warning.isVisible()
    assert "25 秒" in kiosk.window.idle_warning.text
    kiosk.screenshot("09-idle-warning")

    kiosk.press("是的，我需要更多时间")
    assert not kiosk.window.idle_warning.isVisible()
    clock.advance(65)
    kiosk.window.check_idle()
    assert isinstance(kiosk.workflow.state, Filling)  # the countdown started again
    assert kiosk.line_box("mobile").text() == "13800138000"

    clock.advance(30)
    kiosk.window.check_idle()
    assert isinstance(kiosk.workflow.state, Attract)
    assert not kiosk.window.idle_warning.isVisible()
    assert kiosk.workflow.form is None
    assert kiosk.workflow.document is None
    # Nothing of the citizen is left for the next one, on any screen, shown or hidden.
    kiosk.press("点击这里开始")
    kiosk.start("个体工商户设立登记")
    kiosk.put_document_down(card=synthetic_resident_card(name_cn="张三", id_number=OTHER))
    kiosk.wait_for(Filling)
    assert kiosk.line_box("mobile").text() == ""
    assert "王丽华" not in kiosk.texts()
    assert "已为您保留" not in kiosk.texts()
    kiosk.workflow.dispatch(ev.Cancelled())
    kiosk.wait_for(Attract)

    # The citizen who stepped away comes back with their card: the answers waited.
    kiosk.press("点击这里开始")
    kiosk.start("个体工商户设立登记")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    assert kiosk.line_box("mobile").text() == "13800138000"
    assert "已为您保留" in kiosk.texts()


def test_touching_the_screen_keeps_the_session_alive(
    slow_kiosk: tuple[KioskDriver, ManualClock],
) -> None:
    kiosk, clock = slow_kiosk
    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)
    for _ in range(4):
        clock.advance(50)
        # A touch on an empty part of the screen counts as activity too.
        kiosk.qtbot.mouseClick(kiosk.window.menu, Qt.MouseButton.LeftButton)
        kiosk.window.check_idle()
    assert isinstance(kiosk.workflow.state, ServiceMenu)
    assert not kiosk.window.idle_warning.isVisible()
