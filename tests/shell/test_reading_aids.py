"""A citizen who reads with difficulty turns on larger text and high contrast from the
header, on any screen, keeps them through the session, and the next citizen starts
with the standard look. Every screen passes the accessibility audit in that look
(7:1 contrast) and fits a 1920 x 1080 and a 1280 x 1024 kiosk display."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.shell.router import DrawContext
from kiosk.workflow import events as ev
from kiosk.workflow.states import (
    Attract,
    Filling,
    ReadingGuidance,
    Reviewing,
    ServiceMenu,
    Submitting,
)
from screens.style import BODY_PT, LARGE_BODY_PT
from tests.shell.accessibility_audit import assert_accessible
from tests.shell.conftest import LOOKS, KioskDriver

DISPLAYS = ((1920, 1080), (1280, 1024))


def _body_pt(kiosk: KioskDriver) -> int:
    hint = kiosk.window.findChild(QLabel, "hint")
    labels = [
        w for w in kiosk.window.findChildren(QLabel) if w.isVisible() and w.objectName() == ""
    ]
    assert labels or hint is not None
    return (labels[0] if labels else hint).font().pointSize()  # type: ignore[union-attr]


def _check_screen(kiosk: KioskDriver, screen: str) -> None:
    QApplication.processEvents()
    assert_accessible(kiosk.window, screen, high_contrast=True)
    assert_fits(kiosk, screen)


def assert_fits(kiosk: KioskDriver, screen: str) -> None:
    """The screen shown, under the header, needs no more than either display gives:
    what is longer scrolls."""
    shown = kiosk.window.stack.currentWidget()
    header_bar = kiosk.window.reading_aids.parentWidget()
    assert shown is not None
    assert header_bar is not None
    page = shown.minimumSizeHint()
    header = header_bar.minimumSizeHint()
    width, height = max(page.width(), header.width()), page.height() + header.height()
    for shown_width, shown_height in DISPLAYS:
        assert width <= shown_width, f"{screen}: needs {width} px across, {shown_width} shown"
        assert height <= shown_height, f"{screen}: needs {height} px down, {shown_height} shown"


def test_larger_text_and_high_contrast_last_the_session_and_end_with_it(kiosk: KioskDriver) -> None:
    assert _body_pt(kiosk) == BODY_PT
    kiosk.press("大字")
    kiosk.press("高对比")
    assert kiosk.window.look.large_text
    assert kiosk.window.look.high_contrast
    assert _body_pt(kiosk) == LARGE_BODY_PT
    assert kiosk.window.reading_aids.large_text.isChecked()
    # The state is said in words too, not by the inverted colours alone.
    assert "✓ 大字" in kiosk.texts()
    assert "✓ 高对比" in kiosk.texts()

    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)
    assert _body_pt(kiosk) == LARGE_BODY_PT  # kept from one screen to the next
    kiosk.press("✓ 高对比")  # and turned off again with one touch
    assert not kiosk.window.look.high_contrast

    kiosk.workflow.dispatch(ev.Cancelled())
    kiosk.wait_for(Attract)
    assert not kiosk.window.look.large_text
    assert _body_pt(kiosk) == BODY_PT
    assert "大字" in kiosk.texts()
    assert "✓" not in kiosk.texts()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_screen_of_a_registration_is_accessible_in_large_high_contrast(
    kiosk: KioskDriver, language: str
) -> None:
    if language == "en":
        kiosk.press("Switch to English")
    zh = language == "zh"
    kiosk.press("大字" if zh else "Larger text")
    kiosk.press("高对比" if zh else "High contrast")
    _check_screen(kiosk, f"attract ({language})")
    kiosk.press("点击这里开始" if zh else "Touch here to start")
    kiosk.wait_for(ServiceMenu)
    _check_screen(kiosk, f"menu ({language})")
    kiosk.press("个体工商户设立登记" if zh else "Register a sole proprietorship")
    kiosk.wait_for(ReadingGuidance)
    _check_screen(kiosk, f"guidance ({language})")
    kiosk.press("开始办理" if zh else "Start")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    _check_screen(kiosk, f"form page 1 ({language})")
    kiosk.type_into("mobile", "13800138000")
    kiosk.press("下一步" if zh else "Next")
    kiosk.qtbot.waitUntil(lambda: kiosk.workflow.state == Filling("GT-SETUP", 1))
    _check_screen(kiosk, f"form page 2 ({language})")
    kiosk.screenshot(f"large-high-contrast-form-{language}")
    kiosk.type_into("trade_name", "金华市婺城区丽华百货店")
    kiosk.type_into("business_scope", "日用百货销售")
    kiosk.press("核对我的信息" if zh else "Check my answers")
    kiosk.wait_for(Reviewing)
    _check_screen(kiosk, f"review ({language})")


def test_every_warning_and_question_passes_the_audit_in_every_look(kiosk: KioskDriver) -> None:
    """The panels laid over a screen (time running out, a citizen walking away with their
    card or leaving a slip, "start again?"), in every look, both languages, both
    displays. Shown as the window shows them, over a form page."""
    window = kiosk.window
    kiosk.press("点击这里开始")
    kiosk.start("个体工商户设立登记")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)

    def idle() -> None:
        window.idle_warning.show_countdown(25)
        window._place_overlay(window.idle_warning, 420)  # as check_idle does

    def card_taken() -> None:
        window.leaving_warning.show_card_taken(10)
        window._place_overlay(window.leaving_warning, 420)

    def slip_left() -> None:
        window.leaving_warning.show_slip_left(10)
        window._place_overlay(window.leaving_warning, 420)

    panels = {
        "idle": (idle, window.idle_warning),
        "card-taken": (card_taken, window.leaving_warning),
        "slip-left": (slip_left, window.leaving_warning),
        "start-over": (window._on_start_over, window.start_over_question),
    }
    failures: list[str] = []
    for mode in LOOKS:
        for name, (show, panel) in panels.items():
            kiosk.set_look(mode)
            show()
            report = kiosk.audit_now(mode, f"overlay-{name}")
            assert panel.isVisible(), name
            if report.violations:
                failures.append(report.table())
            panel.hide()
    assert failures == [], "\n".join(failures)


def test_the_submitting_screen_passes_the_audit_in_every_look(kiosk: KioskDriver) -> None:
    """ "Sending your application…" lasts a moment on a good network (no journey test
    stops on it), a while on a slow one: drawn as the router draws it, in every look."""
    failures: list[str] = []
    for mode in LOOKS:
        kiosk.set_look(mode)
        language = mode[0]
        context = DrawContext(
            language=language,
            service_title="个体工商户设立登记"
            if language == "zh"
            else "Register a sole proprietorship",
            promise_days=3,
            can_scan=False,
            card_on_reader=False,
        )
        assert kiosk.window.router.show(Submitting("GT-SETUP"), context)
        assert kiosk.screen_kind() == "SubmittingScreen"
        report = kiosk.audit_now(mode, "submitting")
        if report.violations:
            failures.append(report.table())
    assert failures == [], "\n".join(failures)
