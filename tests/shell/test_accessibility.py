"""Every screen is usable by an elderly first-time user: big targets, names, contrast."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit

from devices.simulated import SimulatedIdReader
from kiosk.workflow.states import Filling, Reviewing, ServiceMenu
from screens.style import CONTRAST_PAIRS, TOUCH_TARGET_PX, contrast_ratio
from tests.shell.conftest import KioskDriver

MIN_TARGET_PX = 60


@pytest.mark.parametrize("pair", sorted(CONTRAST_PAIRS))
def test_every_colour_pair_reaches_contrast_4_5(pair: str) -> None:
    assert contrast_ratio(*CONTRAST_PAIRS[pair]) >= 4.5


def test_touch_target_constant_is_big_enough() -> None:
    assert TOUCH_TARGET_PX >= MIN_TARGET_PX


def _check_controls(kiosk: KioskDriver, screen: str) -> None:
    controls = [
        w
        for w in kiosk.window.findChildren(QAbstractButton)
        + kiosk.window.findChildren(QLineEdit)
        + kiosk.window.findChildren(QPlainTextEdit)
        if w.isVisible()
    ]
    assert controls, screen
    for control in controls:
        assert control.accessibleName().strip(), f"{screen}: {control!r} has no accessible name"
        assert control.height() >= MIN_TARGET_PX, (
            f"{screen}: {control.accessibleName()} is {control.height()} px high"
        )


def test_every_control_on_every_screen_is_named_and_touch_sized(kiosk: KioskDriver) -> None:
    _check_controls(kiosk, "attract")
    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)
    _check_controls(kiosk, "menu")
    kiosk.start("个体工商户设立登记")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    _check_controls(kiosk, "form page 1")
    kiosk.type_into("mobile", "13800138000")
    kiosk.press("下一步")
    kiosk.qtbot.waitUntil(lambda: kiosk.workflow.state == Filling("GT-SETUP", 1))
    _check_controls(kiosk, "form page 2")
    kiosk.type_into("trade_name", "金华市婺城区丽华百货店")
    kiosk.type_into("business_scope", "日用百货销售")
    kiosk.press("核对我的信息")
    kiosk.wait_for(Reviewing)
    _check_controls(kiosk, "review")


def test_every_screen_fits_a_full_hd_kiosk_display_even_with_a_device_notice(
    kiosk: KioskDriver,
) -> None:
    """Nothing may fall off a 1920 x 1080 screen: long content scrolls instead."""
    reader = kiosk.app.services.reader
    assert isinstance(reader, SimulatedIdReader)
    kiosk.window.show_device_notices(("printer_unavailable", "reader_unavailable"))
    kiosk.press("点击这里开始")
    kiosk.start("个体工商户设立登记")
    kiosk.put_document_down(passport=True)
    kiosk.qtbot.waitUntil(lambda: getattr(kiosk.workflow.state, "needs_key", False))
    kiosk.press("读取我的护照")  # empty boxes: three problem lines more
    kiosk.qtbot.waitUntil(lambda: bool(getattr(kiosk.workflow.state, "key_problems", ())))
    _check_controls(kiosk, "passport details")

    needed = kiosk.window.minimumSizeHint()
    assert needed.width() <= 1920
    assert needed.height() <= 1080
