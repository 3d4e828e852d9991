"""The traps a first-time citizen met in the first hour, each closed on the real widgets."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget
from pytestqt.exceptions import TimeoutError as QtBotTimeoutError

from devices.simulated import SimulatedIdReader
from kiosk.workflow import events as ev
from kiosk.workflow.states import (
    Attract,
    Filling,
    Finished,
    IdentityCheck,
    ReadingGuidance,
    Reviewing,
    ServiceMenu,
    Submitting,
)
from tests.shell.conftest import KioskDriver
from tests.shell.text_fit import cut_texts


def _reader(kiosk: KioskDriver) -> SimulatedIdReader:
    reader = kiosk.app.services.reader
    assert isinstance(reader, SimulatedIdReader)
    return reader


def _to_first_page(kiosk: KioskDriver, service: str = "个体工商户设立登记") -> None:
    kiosk.press(kiosk.window.attract._start.accessibleName())
    kiosk.wait_for(ServiceMenu)
    kiosk.start(service)
    kiosk.put_document_down()
    kiosk.wait_for(Filling)


def test_card_left_by_the_last_citizen_is_not_read_for_the_next(kiosk: KioskDriver) -> None:
    _to_first_page(kiosk)
    assert "王丽华" in kiosk.texts()
    kiosk.press("重新开始")
    kiosk.press("是的，删除我的回答")
    kiosk.wait_for(Attract)

    # The card stays on the reader; the next citizen starts.
    kiosk.press("点击这里开始")
    kiosk.start("个体工商户设立登记")
    kiosk.qtbot.waitUntil(
        lambda: (
            isinstance(state := kiosk.workflow.state, IdentityCheck)
            and state.problem == "card_from_before"
        )
    )
    # Still not read a few polls later: nobody's data reaches the next form.
    kiosk.qtbot.wait(2500)
    assert kiosk.workflow.state == IdentityCheck("GT-SETUP", problem="card_from_before")
    assert kiosk.workflow.document is None
    assert "王丽华" not in kiosk.texts()
    assert "已有一张卡" in kiosk.texts()

    _reader(kiosk).remove()  # lifted off ...
    kiosk.qtbot.waitUntil(lambda: kiosk.state(IdentityCheck).problem == "no_document")
    _reader(kiosk).insert()  # ... and put back: now it is read
    kiosk.wait_for(Filling)


def test_card_pulled_mid_read_says_so_until_it_is_back(kiosk: KioskDriver) -> None:
    kiosk.press("点击这里开始")
    kiosk.start("个体工商户设立登记")
    _reader(kiosk).pull_during_next_read()
    kiosk.put_document_down()
    kiosk.qtbot.waitUntil(lambda: kiosk.state(IdentityCheck).problem == "removed")
    text = "证件拿开得太早了"
    assert text in kiosk.texts()
    # The reader is polled again and finds nothing: the explanation stays.
    kiosk.qtbot.wait(2500)
    assert kiosk.state(IdentityCheck).problem == "removed"
    assert text in kiosk.texts()
    _reader(kiosk).insert()
    kiosk.wait_for(Filling)


def test_identify_step_shows_its_status_without_scrolling(kiosk: KioskDriver) -> None:
    for size in ((1920, 1080), (1280, 1024)):
        kiosk.window.resize(*size)
        for language in ("zh", "en"):
            kiosk.window.set_language(language)
            kiosk.press(kiosk.window.attract._start.accessibleName())
            kiosk.wait_for(ServiceMenu)
            catalogue = kiosk.workflow.catalogue
            assert catalogue is not None  # the kiosk fixture waited for it
            kiosk.start(catalogue.offered[0].title.get(language))
            kiosk.qtbot.waitUntil(
                lambda: getattr(kiosk.workflow.state, "problem", None) == "card_from_before"
            )
            problem = kiosk.window.identify._problem
            assert _in_sight(problem), f"{problem.text()!r} is not fully in sight at {size}"
            assert not cut_texts(kiosk.window), (size, language)
            _reader(kiosk).remove()
            kiosk.qtbot.waitUntil(lambda: kiosk.state(IdentityCheck).problem == "no_document")
            status = kiosk.window.identify._status
            assert _in_sight(status), f"{status.text()!r} is not fully in sight at {size}"
            assert not cut_texts(kiosk.window), (size, language)
            _reader(kiosk).insert()  # ... and the card lies there for the next round
            kiosk.wait_for(Filling)
            kiosk.press("重新开始" if language == "zh" else "Start over")
            kiosk.press("是的，删除我的回答" if language == "zh" else "Yes, delete my answers")
            kiosk.wait_for(Attract)


def _in_sight(widget: QLabel) -> bool:
    """The whole widget is drawn inside the window, clipped by no scroll area."""
    region = widget.visibleRegion().boundingRect()
    top_left = widget.mapTo(widget.window(), QPoint(0, 0))
    inside = widget.window().rect().contains(top_left) and widget.window().rect().contains(
        top_left + QPoint(widget.width() - 1, widget.height() - 1)
    )
    return inside and region == widget.rect()


def test_start_over_asks_before_throwing_away_answers(kiosk: KioskDriver) -> None:
    _to_first_page(kiosk)
    kiosk.type_into("mobile", "13800138000")
    kiosk.press("重新开始")
    assert kiosk.window.start_over_question.isVisible()
    assert "您已填写的内容将被删除" in kiosk.texts()
    kiosk.screenshot("04b-start-over-question")
    kiosk.press("不，保留我的回答")
    assert isinstance(kiosk.workflow.state, Filling)
    assert kiosk.line_box("mobile").text() == "13800138000"

    kiosk.press("重新开始")
    kiosk.press("是的，删除我的回答")
    kiosk.wait_for(Attract)
    assert kiosk.workflow.form is None


def test_start_over_from_the_menu_needs_no_question(kiosk: KioskDriver) -> None:
    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)
    kiosk.press("重新开始")
    kiosk.wait_for(Attract)
    assert not kiosk.window.start_over_question.isVisible()


def test_each_citizen_starts_in_the_configured_language(kiosk: KioskDriver) -> None:
    kiosk.press("Switch to English")
    kiosk.press("Touch here to start")
    kiosk.wait_for(ServiceMenu)
    assert kiosk.window.languages.language == "en"
    kiosk.press("Start over")
    kiosk.wait_for(Attract)
    assert kiosk.window.languages.language == "zh"
    assert "点击这里开始" in kiosk.texts()


def test_pages_scroll_by_dragging_and_show_a_wide_scroll_bar(kiosk: KioskDriver) -> None:
    kiosk.window.resize(1280, 700)  # small enough that the form page must scroll
    _to_first_page(kiosk)
    kiosk.type_into("mobile", "13800138000")
    kiosk.press("下一步")
    kiosk.qtbot.waitUntil(lambda: kiosk.workflow.state == Filling("GT-SETUP", 1))
    area = kiosk.window.form_page._scroll
    assert isinstance(area, QScrollArea)
    bar = area.verticalScrollBar()
    # The area shows its bar a turn after the page outgrows it (a queued call in Qt).
    kiosk.qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.isVisible())
    assert bar.width() >= 30
    assert bar.value() == 0

    # A finger drags the page up, as on a phone.
    viewport = area.viewport()
    start = QPoint(viewport.width() // 2, viewport.height() - 40)
    kiosk.qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 21):
        kiosk.qtbot.mouseMove(viewport, start - QPoint(0, step * 20))
        kiosk.qtbot.wait(10)
    kiosk.qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start - QPoint(0, 400))
    kiosk.qtbot.waitUntil(lambda: bar.value() > 0, timeout=3000)


def test_passport_holder_is_not_asked_for_a_number_their_document_lacks(
    kiosk: KioskDriver,
) -> None:
    kiosk.press("点击这里开始")
    kiosk.start("个体工商户设立登记")
    kiosk.put_document_down(passport=True)
    kiosk.qtbot.waitUntil(lambda: getattr(kiosk.workflow.state, "needs_key", False))
    for name, value in zip(
        kiosk.window.identify.key_panel.editors,
        ("EA1234567", "1985-03-14", "2031-07-20"),
        strict=True,
    ):
        kiosk.window.identify.key_panel.editors[name].setText(value)
    kiosk.press("读取我的护照")
    kiosk.wait_for(Filling)
    texts = kiosk.texts()
    assert "从您的护照或通行证读取" in texts  # the name: from the passport, not "your ID card"
    assert "已从您的身份证件读取" not in texts
    assert "您的证件上没有中国公民身份号码" in texts


def test_no_button_or_label_cuts_its_text_on_any_screen_in_either_language(
    kiosk: KioskDriver,
) -> None:
    for language, start, service, start_over in (
        ("zh", "点击这里开始", "个体工商户设立登记", "重新开始"),
        ("en", "Touch here to start", "Register a sole proprietorship", "Start over"),
    ):
        kiosk.window.set_language(language)
        seen: list[str] = []

        def check(screen: str, seen: list[str] = seen, language: str = language) -> None:
            seen.append(screen)
            # A page that scrolls settles its layout on the next turn, before it is painted.
            with contextlib.suppress(QtBotTimeoutError):
                kiosk.qtbot.waitUntil(lambda: cut_texts(kiosk.window) == [], timeout=2000)
            assert cut_texts(kiosk.window) == [], f"{language} {screen}"

        check("attract")
        kiosk.press(start)
        kiosk.wait_for(ServiceMenu)
        check("menu")
        kiosk.press(service)
        kiosk.wait_for(ReadingGuidance)
        check("guidance")
        kiosk.press("开始办理" if language == "zh" else "Start")
        kiosk.qtbot.waitUntil(lambda: kiosk.state(IdentityCheck).problem == "card_from_before")
        check("identify, card from before")
        kiosk.put_document_down()
        kiosk.wait_for(Filling)
        kiosk.window.form_page.forward.emit()
        kiosk.qtbot.waitUntil(lambda: bool(kiosk.state(Filling).problems))
        check("form page 1 with a problem")
        kiosk.type_into("mobile", "13800138000")
        kiosk.window.form_page.forward.emit()
        kiosk.qtbot.waitUntil(lambda: kiosk.workflow.state == Filling("GT-SETUP", 1))
        check("form page 2")
        kiosk.press(start_over)
        check("start-over question")
        kiosk.window.start_over_question.declined.emit()
        kiosk.type_into("trade_name", "金华市婺城区丽华百货店")
        kiosk.type_into("business_scope", "日用百货销售")
        kiosk.window.form_page.forward.emit()
        kiosk.wait_for(Reviewing)
        check("review")
        kiosk.window.review.forward.emit()
        kiosk.wait_for(Finished)
        kiosk.qtbot.waitUntil(lambda: kiosk.state(Finished).receipt != "printing", timeout=15000)
        kiosk.window.set_card_on_reader(True)
        check("result, asking for the card back")
        kiosk.window.finished.done.emit()
        kiosk.wait_for(Attract)
        kiosk.window.show_device_notices(("printer_unavailable", "reader_unavailable"))
        check("attract with device notices")
        kiosk.window.show_device_notices(())
        assert len(seen) == 10


def test_no_hidden_screen_keeps_the_last_citizens_answers(kiosk: KioskDriver) -> None:
    _to_first_page(kiosk)
    kiosk.type_into("mobile", "13800138000")
    kiosk.window.form_page.forward.emit()
    kiosk.qtbot.waitUntil(lambda: kiosk.workflow.state == Filling("GT-SETUP", 1))
    kiosk.type_into("trade_name", "金华市婺城区丽华百货店")
    kiosk.type_into("business_scope", "日用百货销售")
    kiosk.window.form_page.forward.emit()
    kiosk.wait_for(Reviewing)
    kiosk.press("重新开始")
    kiosk.press("是的，删除我的回答")
    kiosk.wait_for(Attract)
    # Every widget, shown or hidden (the next form may be drawn from a reused one).
    kiosk.qtbot.wait(50)  # let the deferred deletes run, as the event loop does
    every_text = "\n".join(
        w.text() if hasattr(w, "text") and callable(w.text) else ""
        for w in kiosk.window.findChildren(QWidget)
    )
    for secret in ("13800138000", "丽华百货店", "日用百货销售", "330702196205050824", "王丽华"):
        assert secret not in every_text


def test_passport_details_waiting_screens_and_warnings_fit_in_both_languages(
    kiosk: KioskDriver,
) -> None:
    for language, start, service in (
        ("zh", "点击这里开始", "个体工商户设立登记"),
        ("en", "Touch here to start", "Register a sole proprietorship"),
    ):
        kiosk.window.set_language(language)
        kiosk.press(start)
        kiosk.start(service)
        kiosk.put_document_down(passport=True)
        kiosk.qtbot.waitUntil(lambda: getattr(kiosk.workflow.state, "needs_key", False))
        kiosk.window.identify.key_panel.submit()  # empty boxes: a problem under each
        kiosk.qtbot.waitUntil(lambda: bool(getattr(kiosk.workflow.state, "key_problems", ())))
        assert cut_texts(kiosk.window) == [], f"{language} passport details"

        kiosk.window.idle_warning.show_countdown(25)
        kiosk.window._place_overlay(kiosk.window.idle_warning, 420)  # as check_idle does
        assert cut_texts(kiosk.window.idle_warning) == [], f"{language} idle warning"
        kiosk.window.idle_warning.hide()

        kiosk.window.submitting.show_state(Submitting("GT-SETUP"))
        kiosk.window.stack.setCurrentWidget(kiosk.window.submitting)
        assert cut_texts(kiosk.window) == [], f"{language} submitting"
        kiosk.workflow.dispatch(ev.Cancelled())
        kiosk.wait_for(Attract)


def test_sole_proprietor_registration_takes_few_touches_and_little_typing(
    kiosk: KioskDriver,
) -> None:
    """The citizen's effort with an ID card, on the happy path (targets: 25 touches, 30
    characters); the figures are printed for the closing note."""
    kiosk.press("点击这里开始")
    kiosk.start("个体工商户设立登记")
    kiosk.put_document_down()  # on the reader, not the screen
    kiosk.wait_for(Filling)
    kiosk.type_into("mobile", "13800138000")
    kiosk.press("下一步")
    kiosk.qtbot.waitUntil(lambda: kiosk.workflow.state == Filling("GT-SETUP", 1))
    kiosk.type_into("trade_name", "金华市婺城区丽华百货店")
    kiosk.type_into("business_scope", "日用百货销售")
    kiosk.press("核对我的信息")
    kiosk.wait_for(Reviewing)
    kiosk.press("提交")
    kiosk.wait_for(Finished)
    kiosk.press("完成")
    kiosk.wait_for(Attract)
    print(f"effort: {kiosk.touches} touches, {kiosk.characters} characters typed")  # noqa: T201
    assert kiosk.touches <= 25
    assert kiosk.characters <= 30
