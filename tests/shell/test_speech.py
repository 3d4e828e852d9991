"""A citizen who cannot read the screen turns on "read aloud" and hears every screen of a
registration, and each control as it takes the focus; on the real window, with the
loudspeaker replaced by a recorder (tests/shell/recording_voice.py)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.shell.router import DrawContext
from kiosk.speech import DEFAULT_VOLUME_STEP, VOLUME_STEPS
from kiosk.workflow import events as ev
from kiosk.workflow.states import (
    Attract,
    Filling,
    Finished,
    IdentityCheck,
    NameChecking,
    ReadingGuidance,
    Reserving,
    Reviewing,
    ServiceMenu,
    Submitting,
)
from tests.shell.accessibility_audit import assert_accessible
from tests.shell.conftest import KioskDriver, make_kiosk
from tests.shell.recording_voice import RecordingVoice
from tests.shell.text_fit import cut_texts

ID_NUMBER = "330702196205050824"
MOBILE = "13800138000"


@pytest.fixture
def speaking(tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[KioskDriver, RecordingVoice]]:
    app = make_kiosk(tmp_path)
    voice = RecordingVoice()
    app.speech.use_engine(voice)
    driver = KioskDriver(app, qtbot)
    qtbot.waitUntil(lambda: app.workflow.catalogue is not None, timeout=30000)
    yield driver, voice
    app.close()


WORDS = {
    "zh": {
        "read_aloud": "朗读",
        "start": "点击这里开始",
        "service": "个体工商户设立登记",
        "begin": "开始办理",
        "next": "下一步",
        "check": "核对我的信息",
        "submit": "提交",
        "finish": "完成",
        "button": "，按钮",
        "attract": "企业登记自助服务",
        "menu": "请选择您要办理的事项",
        "materials": "需要带的材料",
        "identify": "请放置您的身份证件",
        "name_field": "经营者姓名，必填，王丽华",
        "masked_id": "尾号为0 8 2 4的证件号码",
        "problem": "问题：手机号码不正确",
        "page_two": "个体工商户名称，必填，未填写",
        "review": "请核对您填写的信息",
        "masked_mobile": "尾号为8 0 0 0的手机号码",
        "finished": "您的申请已被受理",
        "more": "下方还有更多内容",
    },
    "en": {
        "read_aloud": "Read aloud",
        "start": "Touch here to start",
        "service": "Register a sole proprietorship",
        "begin": "Start",
        "next": "Next",
        "check": "Check my answers",
        "submit": "Submit",
        "finish": "Finish",
        "button": ", button",
        "attract": "Business registration self-service",
        "menu": "What would you like to do?",
        "materials": "What to bring",
        "identify": "Please put your identity card on the reader",
        "name_field": "Operator's name, required, 王丽华",
        "masked_id": "an identity number ending 0 8 2 4",
        "problem": "Problem: This is not a mobile number",
        "page_two": "Business name, required, empty",
        "review": "Please check your answers",
        "masked_mobile": "a mobile number ending 8 0 0 0",
        "finished": "Your application has been received",
        "more": "There is more further down",
    },
}


def _spelled(code: str) -> str:
    return ", ".join(" ".join(part) for part in code.split("-"))


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_citizen_who_cannot_see_the_screen_hears_every_step_of_a_registration(
    speaking: tuple[KioskDriver, RecordingVoice], language: str
) -> None:
    kiosk, voice = speaking
    w = WORDS[language]
    if language == "en":
        kiosk.press("Switch to English")
    assert voice.said == []  # nothing is said until the citizen asks
    kiosk.press(w["read_aloud"])
    attract = voice.hears(kiosk.qtbot, w["start"] + w["button"])
    assert attract.startswith(w["attract"])  # the screen's title first

    kiosk.press(w["start"])
    kiosk.wait_for(ServiceMenu)
    voice.hears(kiosk.qtbot, w["menu"], w["service"] + w["button"])
    kiosk.press(w["service"])
    kiosk.wait_for(ReadingGuidance)
    guidance = voice.hears(kiosk.qtbot, w["materials"], w["begin"] + w["button"])
    assert guidance.index(w["materials"]) < guidance.index(w["begin"] + w["button"])

    kiosk.press(w["begin"])
    kiosk.wait_for(IdentityCheck)
    voice.hears(kiosk.qtbot, w["identify"])
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    page_one = voice.hears(kiosk.qtbot, w["name_field"], w["masked_id"])
    assert page_one.endswith(w["more"] + ("。" if language == "zh" else "."))

    kiosk.type_into("mobile", "1380013800")  # one digit short
    kiosk.press(w["next"])
    voice.hears(kiosk.qtbot, w["problem"])
    kiosk.type_into("mobile", "0")
    kiosk.press(w["next"])
    kiosk.qtbot.waitUntil(lambda: kiosk.workflow.state == Filling("GT-SETUP", 1))
    voice.hears(kiosk.qtbot, w["page_two"])
    kiosk.type_into("trade_name", "金华市婺城区丽华百货店")
    kiosk.type_into("business_scope", "日用百货销售")
    kiosk.press(w["check"])
    kiosk.wait_for(Reviewing)
    review = voice.hears(kiosk.qtbot, w["review"], w["masked_mobile"], w["submit"] + w["button"])
    assert w["masked_id"] in review

    kiosk.press(w["submit"])
    result = kiosk.wait_for(Finished)
    assert result.application_no is not None
    finished = voice.hears(kiosk.qtbot, w["finished"], _spelled(result.application_no))
    assert w["finish"] + w["button"] in finished

    # Nothing private is ever said whole, and always in the citizen's language.
    assert all(ID_NUMBER not in text and MOBILE not in text for text in voice.texts())
    assert {said_in for _, said_in in voice.said} == {language}
    # Each screen was said once: a storm of states (the card polled, the receipt
    # printing) never repeats the same words.
    assert len(voice.texts()) == len(set(voice.texts()))

    stops = voice.stops
    kiosk.press(w["finish"])
    kiosk.wait_for(Attract)
    assert voice.stops > stops  # the voice stops when the session ends
    assert not kiosk.app.speech.on  # and the next citizen starts without it
    assert kiosk.app.speech.last_said == ""  # nor with the last one's words kept
    assert kiosk.window.languages.language == "zh"
    assert "朗读" in kiosk.visible_buttons()
    assert "再读一遍" not in kiosk.visible_buttons()


def test_the_submitting_screen_is_said_too(speaking: tuple[KioskDriver, RecordingVoice]) -> None:
    """Sending takes a moment on a slow network: what the screen then says is read."""
    kiosk, voice = speaking
    kiosk.press("朗读")
    context = DrawContext(
        language="zh",
        service_title="个体工商户设立登记",
        promise_days=3,
        can_scan=False,
        card_on_reader=False,
    )
    assert kiosk.window.router.show(Submitting("GT-SETUP"), context)
    kiosk.press("再读一遍")
    said = voice.hears(kiosk.qtbot, "正在")
    assert said == kiosk.app.speech.last_said


def test_the_name_check_and_the_company_screens_are_said(
    speaking: tuple[KioskDriver, RecordingVoice],
) -> None:
    kiosk, voice = speaking
    wf = kiosk.workflow
    kiosk.press("朗读")
    kiosk.press("点击这里开始")
    kiosk.start("有限责任公司设立登记")
    kiosk.put_document_down()
    kiosk.qtbot.waitUntil(
        lambda: isinstance(s := wf.state, Reserving) and s.missing == "none", timeout=10000
    )
    voice.hears(kiosk.qtbot, "现在申报名称：企业名称自主申报，按钮")
    kiosk.press("现在申报名称：企业名称自主申报")
    kiosk.wait_for(Filling)
    declaration = voice.hears(kiosk.qtbot, "字号")
    # A choice is said with what is chosen; nothing chosen yet is "empty".
    assert "未填写" in declaration
    kiosk.choose("region", "330702", "婺城")
    kiosk.type_into("trade_name", "恒泰")
    kiosk.type_into("industry", "科技")
    kiosk.choose("organisation_form", "有限公司")
    kiosk.press("检查名称")
    kiosk.qtbot.waitUntil(
        lambda: isinstance(s := wf.state, NameChecking) and s.outcome is not None,
        timeout=15000,
    )
    voice.hears(kiosk.qtbot, "名称已为您保留", "金华市婺城区恒泰科技有限公司")
    kiosk.press("继续办理：有限责任公司设立登记")
    kiosk.qtbot.waitUntil(lambda: wf.state == Filling("GS-SETUP", 0), timeout=10000)
    voice.hears(kiosk.qtbot, "金华市婺城区恒泰科技有限公司", "有限责任公司设立登记")
    assert all(ID_NUMBER not in text for text in voice.texts())


def _focus(kiosk: KioskDriver, widget: QWidget) -> None:
    """The citizen touches ``widget`` (or reaches it with a key)."""
    if not kiosk.window.isActiveWindow():
        kiosk.window.activateWindow()
        kiosk.qtbot.waitUntil(kiosk.window.isActiveWindow)
        kiosk.qtbot.wait(20)
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    kiosk.qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_a_control_is_said_when_it_takes_the_focus(
    speaking: tuple[KioskDriver, RecordingVoice],
) -> None:
    kiosk, voice = speaking
    kiosk.press("朗读")
    kiosk.press("点击这里开始")
    kiosk.start("个体工商户设立登记")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    voice.hears(kiosk.qtbot, "经营者信息")
    said = len(voice.said)

    _focus(kiosk, kiosk.window.form_page.editor("mobile"))
    assert voice.hears(kiosk.qtbot, since=said) == "手机号码，必填，未填写。"
    kiosk.type_into("mobile", MOBILE)
    said = len(voice.said)
    _focus(kiosk, kiosk.button("下一步"))
    assert voice.hears(kiosk.qtbot, since=said) == "下一步，按钮。"
    said = len(voice.said)
    _focus(kiosk, kiosk.window.form_page.editor("mobile"))
    # A mobile number, even the citizen's own just typed, is said by its last four only.
    assert voice.hears(kiosk.qtbot, since=said) == "手机号码，必填，尾号为8 0 0 0的号码。"

    # Tab follows the reading order; each control is said as it is reached.
    said = len(voice.said)
    kiosk.window.focusNextPrevChild(True)
    assert voice.hears(kiosk.qtbot, since=said) != ""
    # A header control says what it does.
    said = len(voice.said)
    _focus(kiosk, kiosk.button("大字"))
    assert voice.hears(kiosk.qtbot, since=said) == "大字，按钮，已关闭。把字放大。"


def test_read_again_repeats_the_screen_and_the_volume_reaches_the_voice(
    speaking: tuple[KioskDriver, RecordingVoice],
) -> None:
    kiosk, voice = speaking
    kiosk.press("朗读")
    first = voice.hears(kiosk.qtbot, "点击这里开始")
    assert voice.volumes[-1] == VOLUME_STEPS[DEFAULT_VOLUME_STEP]
    kiosk.press("再读一遍")
    assert voice.texts()[-1] == first
    assert voice.texts().count(first) == 2

    kiosk.press("大声")
    assert voice.volumes[-1] == VOLUME_STEPS[-1]
    assert voice.last == "音量4级，共4级。" or voice.last == "音量4级，共4级"
    kiosk.press("大声")  # already the loudest: stays there
    assert voice.volumes[-1] == VOLUME_STEPS[-1]
    for _ in range(4):
        kiosk.press("小声")
    assert voice.volumes[-1] == VOLUME_STEPS[0]
    assert "音量1级" in voice.last
    assert kiosk.button("小声").accessibleDescription() == "音量：第1级，共4级"

    # The next citizen starts at the kiosk's own volume, with speech off.
    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)
    kiosk.workflow.dispatch(ev.Cancelled())
    kiosk.wait_for(Attract)
    assert voice.volumes[-1] == VOLUME_STEPS[DEFAULT_VOLUME_STEP]
    assert not kiosk.app.speech.on


def test_turning_speech_off_stops_the_voice_at_once(
    speaking: tuple[KioskDriver, RecordingVoice],
) -> None:
    kiosk, voice = speaking
    kiosk.press("朗读")
    voice.hears(kiosk.qtbot, "点击这里开始")
    stops = voice.stops
    kiosk.press("✓ 朗读")
    assert voice.stops == stops + 1
    said = len(voice.said)
    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)
    kiosk.qtbot.wait(600)
    assert len(voice.said) == said  # off: nothing more is said


def test_a_question_laid_over_the_page_is_read_when_it_appears(
    speaking: tuple[KioskDriver, RecordingVoice],
) -> None:
    kiosk, voice = speaking
    kiosk.press("朗读")
    kiosk.press("点击这里开始")
    kiosk.start("个体工商户设立登记")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    voice.hears(kiosk.qtbot, "经营者信息")
    said = len(voice.said)
    kiosk.press("重新开始")
    question = voice.hears(kiosk.qtbot, "重新开始吗？", since=said)
    # Only the question: the page under it is not read again.
    assert "经营者信息" not in question
    assert "不，保留我的回答，按钮" in question


def test_a_storm_of_states_is_said_once(speaking: tuple[KioskDriver, RecordingVoice]) -> None:
    kiosk, voice = speaking
    kiosk.press("朗读")
    voice.hears(kiosk.qtbot, "点击这里开始")
    said = len(voice.said)
    wf = kiosk.workflow
    wf.dispatch(ev.Started())
    wf.dispatch(ev.ServiceChosen("GT-SETUP"))
    wf.dispatch(ev.BackPressed())
    wf.dispatch(ev.ServiceChosen("GT-SETUP"))
    kiosk.wait_for(ReadingGuidance)
    voice.hears(kiosk.qtbot, "开始前请了解", since=said)
    kiosk.qtbot.wait(600)
    assert len(voice.said) == said + 1


def test_a_kiosk_set_to_always_speak_reads_from_the_start_and_for_every_citizen(
    tmp_path: Path, qtbot: QtBot
) -> None:
    app = make_kiosk(tmp_path, speech="always")
    try:
        voice = RecordingVoice()
        app.speech.use_engine(voice)
        kiosk = KioskDriver(app, qtbot)
        voice.hears(qtbot, "点击这里开始")  # nobody touched anything
        assert "✓ 朗读" in kiosk.visible_buttons()
        kiosk.press("点击这里开始")
        kiosk.wait_for(ServiceMenu)
        kiosk.press("✓ 朗读")  # this citizen does not want it
        app.workflow.dispatch(ev.Cancelled())
        kiosk.wait_for(Attract)
        assert app.speech.on  # the next one has it again
        assert "✓ 朗读" in kiosk.visible_buttons()
    finally:
        app.close()


def test_a_kiosk_without_speech_shows_no_speech_controls(tmp_path: Path, qtbot: QtBot) -> None:
    app = make_kiosk(tmp_path, speech="off")
    try:
        kiosk = KioskDriver(app, qtbot)
        assert "朗读" not in kiosk.visible_buttons()
        app.workflow.dispatch(ev.Started())
        kiosk.wait_for(ServiceMenu)
        assert "朗读" not in kiosk.visible_buttons()
        app.speech.set_on(True)  # not even by a call
        assert not app.speech.on
        assert app.speech.engine is None  # no engine is ever started
    finally:
        app.close()


def test_an_engine_that_cannot_start_leaves_the_kiosk_working_without_speech(
    tmp_path: Path, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_kiosk(tmp_path)
    try:
        kiosk = KioskDriver(app, qtbot)
        failures: list[Callable[[str], None]] = []

        def engine_that_cannot_start(on_failure: Callable[[str], None]) -> RecordingVoice:
            failures.append(on_failure)  # the voice's process reports it a moment later
            return RecordingVoice()

        app.speech.engine_factory = engine_that_cannot_start
        assert app.speech.engine is None  # not started with the kiosk
        kiosk.press("朗读")
        [report] = failures
        with caplog.at_level(logging.WARNING, logger="kiosk.shell.speech"):
            report("speechd: Connection refused")
        assert "speech is not available on this kiosk: speechd: Connection refused" in caplog.text
        assert not app.speech.on
        assert not {"朗读", "✓ 朗读", "再读一遍"} & set(kiosk.visible_buttons())
        kiosk.press("点击这里开始")  # the kiosk goes on, silently
        kiosk.wait_for(ServiceMenu)
    finally:
        app.close()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_speech_controls_fit_a_1280_display_in_the_larger_text_and_high_contrast(
    speaking: tuple[KioskDriver, RecordingVoice], language: str
) -> None:
    kiosk, _ = speaking
    zh = language == "zh"
    if not zh:
        kiosk.press("Switch to English")
    kiosk.press("大字" if zh else "Larger text")
    kiosk.press("高对比" if zh else "High contrast")
    kiosk.press("朗读" if zh else "Read aloud")
    kiosk.press("点击这里开始" if zh else "Touch here to start")
    kiosk.start("个体工商户设立登记" if zh else "Register a sole proprietorship")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)  # "start over" is in the header now: the fullest it gets
    bar = kiosk.app.speech.bar
    header = kiosk.window.reading_aids.parentWidget()
    assert header is not None
    for width, height in ((1280, 1024), (1920, 1080)):
        kiosk.window.resize(width, height)
        QApplication.processEvents()
        assert bar.minimumSizeHint().width() <= width
        assert header.minimumSizeHint().width() <= width
        assert cut_texts(kiosk.window) == [], f"{language} at {width} px"
    # Every speech control is named, touch-sized, and 7:1 against the header.
    assert_accessible(kiosk.window, f"form with speech on ({language})", high_contrast=True)
    names = [b.accessibleName() for b in (bar.read_aloud, bar.quieter, bar.louder, bar.again)]
    assert names == (
        ["✓ 朗读", "小声", "大声", "再读一遍"]
        if zh
        else ["✓ Read aloud", "Quieter", "Louder", "Read again"]
    )
    kiosk.screenshot(f"speech-controls-large-high-contrast-{language}")
