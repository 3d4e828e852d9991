"""What the kiosk says aloud, without Qt: plain words in the citizen's language, the
title first, and nothing private said whole in a public hall."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.iso7064 import mod_11_2

from kiosk.config import load_config
from kiosk.errors import ConfigError
from kiosk.speech import (
    Spoken,
    Voice,
    choose_voice,
    compose_control,
    compose_screen,
    compose_volume,
    speakable,
    speech_mode,
)

REVIEW = [
    Spoken("text", "如有错误，请点“修改”。"),
    Spoken("title", "请核对您填写的信息"),
    Spoken("field", "手机号码", value="", required=True, problem="请填写“手机号码”。"),
    Spoken("field", "公民身份号码", value="330702196205050824", private=True),
    Spoken("toggle", "✓ 大字", checked=True, description="已打开：字更大"),
    Spoken("button", "提交"),
    Spoken("button", "打印", enabled=False),
]


def test_a_screen_is_said_title_first_then_in_reading_order_in_plain_words() -> None:
    assert compose_screen(REVIEW, "zh") == (
        "请核对您填写的信息。如有错误，请点“修改”。手机号码，必填，未填写。"
        "问题：请填写“手机号码”。公民身份号码，尾号为0 8 2 4的号码。大字，按钮，已打开。"
        "提交，按钮。打印，按钮，暂不可用。"
    )
    english = [
        Spoken("title", "Please check your answers"),
        Spoken("field", "Mobile number", value="", required=True, problem="Please fill it in."),
        Spoken("button", "Submit"),
        Spoken("more", ""),
    ]
    assert compose_screen(english, "en") == (
        "Please check your answers. Mobile number, required, empty. Problem: Please fill it"
        " in. Submit, button. There is more further down."
    )


def test_a_control_taking_the_focus_also_says_its_help() -> None:
    assert compose_control(REVIEW[4], "zh") == "大字，按钮，已打开。已打开：字更大。"
    # On the screen's reading the help is left out: it would double every toggle.
    assert "字更大" not in compose_screen([REVIEW[4]], "zh")


def test_the_volume_is_said_as_a_step_of_the_steps() -> None:
    assert compose_volume(0, "zh") == "音量1级，共4级"
    assert compose_volume(3, "en") == "Volume 4 of 4"


def _id_numbers() -> st.SearchStrategy[str]:
    body = st.from_regex(
        r"[1-6]\d{5}(19[5-9]\d|20[01]\d)(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])\d{3}", fullmatch=True
    )
    return body.map(lambda digits: digits + mod_11_2.calc_check_digit(digits))


@given(_id_numbers(), st.sampled_from(["zh", "en"]), st.text(max_size=20))
def test_an_identity_number_is_never_said_whole(number: str, language: str, around: str) -> None:
    said = speakable(f"{around} {number}，{around}", language)
    assert number not in said.replace(" ", "")
    assert " ".join(number[-4:]) in said  # its last four, one by one, to check it by


@given(st.from_regex(r"1[3-9]\d{9}", fullmatch=True), st.sampled_from(["zh", "en"]))
def test_a_mobile_number_is_said_by_its_last_four_only(mobile: str, language: str) -> None:
    ending = {"zh": "尾号为{}的手机号码", "en": "a mobile number ending {}"}[language]
    assert speakable(f"手机 {mobile}", language) == "手机 " + ending.format(" ".join(mobile[-4:]))


def test_what_the_screen_masks_is_said_by_its_ending_and_codes_are_spelled() -> None:
    assert speakable("身份证 3307**********0824", "zh") == "身份证 尾号为0 8 2 4的号码"
    assert speakable("Your number: KA20261204-000001", "en") == (
        "Your number: K A 2 0 2 6 1 2 0 4, 0 0 0 0 0 1"
    )
    assert speakable("统一社会信用代码 91330702MA2ABCDE0J", "zh") == (
        "统一社会信用代码 9 1 3 3 0 7 0 2 M A 2 A B C D E 0 J"
    )
    # A date, an amount and plain words are said as they are.
    assert speakable("2026-12-04 注册资本 100000 元 Step 1 of 2", "zh") == (
        "2026-12-04 注册资本 100000 元 Step 1 of 2"
    )
    assert speakable("✓ 大字", "zh") == "大字"
    assert speakable("经营者姓名 *", "zh") == "经营者姓名"


ESPEAK_VOICES = [
    Voice("Bishnupriya Manipuri", "C"),
    Voice("Chinese (Mandarin, latin as English)+whisper", "C"),
    Voice("Chinese (Mandarin, latin as English)", "C"),
    Voice("Chinese (Mandarin, latin as Pinyin)", "C"),
    Voice("English (Caribbean)", "en_US"),
    Voice("English (Great Britain)+Adam", "en_GB"),
    Voice("English (Great Britain)", "en_GB"),
]


def test_mandarin_is_read_by_espeak_ngs_cmn_voice_and_english_by_a_british_one() -> None:
    # Qt's speech-dispatcher plugin gives espeak-ng's cmn voice no locale: found by name.
    assert choose_voice("zh", ESPEAK_VOICES) == Voice("Chinese (Mandarin, latin as English)", "C")
    assert choose_voice("en", ESPEAK_VOICES) == Voice("English (Great Britain)", "en_GB")
    # An engine that names its locales (another plugin) is matched by the locale.
    assert choose_voice("zh", [Voice("Tingting", "zh_CN"), *ESPEAK_VOICES]) == Voice(
        "Tingting", "zh_CN"
    )
    assert choose_voice("zh", [Voice("Bishnupriya Manipuri", "C")]) is None


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_speech_is_offered_on_request_unless_configured(tmp_path: Path) -> None:
    assert load_config(_config(tmp_path, "[kiosk]\n")).speech == "on_request"
    for mode in ("off", "on_request", "always"):
        config = load_config(_config(tmp_path, f'[accessibility]\nspeech = "{mode}"\n'))
        assert speech_mode(config.speech) == mode
    with pytest.raises(ConfigError, match='accessibility.speech must be "off", "on_request"'):
        load_config(_config(tmp_path, '[accessibility]\nspeech = "loud"\n'))
    with pytest.raises(ConfigError, match="speech must be of type str"):
        load_config(_config(tmp_path, "[accessibility]\nspeech = true\n"))
