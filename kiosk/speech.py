"""What the kiosk says aloud: a screen, or the control that takes the focus, as plain words.

The shell walks the widgets (`screens.spoken`) into `Spoken` items and hands them
here; this module turns them into one utterance in the citizen's language, with
nothing private said aloud in a public hall: an identity number or a mobile number
is spoken by its last four characters only, as a printed slip masks it. Codes
(application numbers, credit codes) are spelled out, one character at a time.

Also here, without Qt: the speech modes a kiosk can be set to, the volume steps,
and which of an engine's voices reads each language (`choose_voice`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

SpeechMode = Literal["off", "on_request", "always"]
SPEECH_MODES: tuple[SpeechMode, ...] = ("off", "on_request", "always")
"""off: no speech and no speech controls (a kiosk without a speaker or a headset);
on_request: the citizen turns it on from the header; always: every session starts
speaking (a kiosk with a handset, or the headphone-jack behaviour)."""


def speech_mode(value: str) -> SpeechMode:
    """A configured mode, checked (the configuration refuses any other word)."""
    for mode in SPEECH_MODES:
        if value == mode:
            return mode
    raise ValueError(f"speech must be one of {SPEECH_MODES}, not {value!r}")


VOLUME_STEPS = (0.25, 0.5, 0.75, 1.0)
DEFAULT_VOLUME_STEP = 2
"""Each session starts at this step of `VOLUME_STEPS` (the engine's 0.0 to 1.0)."""

Kind = Literal["title", "text", "problem", "button", "toggle", "field", "control", "more"]


@dataclass(frozen=True, slots=True)
class Spoken:
    """One thing on the screen, as it is to be said.

    ``value`` is a field's value ("" when empty, None for what has no value), said by
    its last four characters only when ``private`` (an identity or mobile number, even
    half typed); ``checked`` a toggle's state; ``description`` a control's longer help,
    said when the control takes the focus."""

    kind: Kind
    name: str
    value: str | None = None
    problem: str = ""
    note: str = ""
    required: bool = False
    checked: bool | None = None
    description: str = ""
    enabled: bool = True
    private: bool = False


_WORDS = {
    "zh": {
        "button": "按钮",
        "empty": "未填写",
        "required": "必填",
        "on": "已打开",
        "off": "已关闭",
        "unavailable": "暂不可用",
        "problem": "问题：",
        "id_ending": "尾号为{tail}的证件号码",
        "mobile_ending": "尾号为{tail}的手机号码",
        "masked_ending": "尾号为{tail}的号码",
        "volume": "音量{step}级，共{steps}级",
        "more": "下方还有更多内容",
        "stop": "。",
        "pause": "，",
        "joiner": "",
    },
    "en": {
        "button": "button",
        "empty": "empty",
        "required": "required",
        "on": "on",
        "off": "off",
        "unavailable": "not available now",
        "problem": "Problem: ",
        "id_ending": "an identity number ending {tail}",
        "mobile_ending": "a mobile number ending {tail}",
        "masked_ending": "a number ending {tail}",
        "volume": "Volume {step} of {steps}",
        "more": "There is more further down",
        "stop": ".",
        "pause": ", ",
        "joiner": " ",
    },
}


def _words(language: str) -> dict[str, str]:
    return _WORDS.get(language, _WORDS["en"])


def compose_screen(items: Sequence[Spoken], language: str) -> str:
    """A screen read from the top: its title first, then every text and control in
    reading order (a field with its value or "empty", and its problem)."""
    titles = [item for item in items if item.kind == "title"]
    rest = [item for item in items if item.kind != "title"]
    return _sentences((_phrase(item, language, focused=False) for item in titles + rest), language)


def compose_control(item: Spoken, language: str) -> str:
    """A control that has just taken the focus: what it is, its state, and its help."""
    return _sentences([_phrase(item, language, focused=True)], language)


def compose_volume(step: int, language: str) -> str:
    """Said after the volume changes, at the new volume."""
    return _words(language)["volume"].format(step=step + 1, steps=len(VOLUME_STEPS))


def _phrase(item: Spoken, language: str, *, focused: bool) -> str:
    words = _words(language)
    if item.kind == "more":
        return words["more"]
    name = speakable(item.name, language)
    parts: list[str] = [name] if name else []
    if item.kind in ("button", "toggle"):
        parts.append(words["button"])
        if item.checked is not None:
            parts.append(words["on"] if item.checked else words["off"])
    elif item.kind == "field":
        if item.required:
            parts.append(words["required"])
        value = (item.value or "").strip()
        if item.private and value:
            parts.append(words["masked_ending"].format(tail=_spelled(value[-4:])))
        else:
            parts.append(speakable(value, language) or words["empty"])
    elif item.kind == "control" and item.value:
        parts.append(speakable(item.value, language))
    if not item.enabled and item.kind != "field":
        parts.append(words["unavailable"])
    phrase = words["pause"].join(_trim(part) for part in parts if _trim(part))
    extra = []
    if focused and item.description and item.description != item.problem:
        extra.append(speakable(item.description, language))
    if item.note:
        extra.append(speakable(item.note, language))
    if item.problem:
        extra.append(words["problem"] + speakable(item.problem, language))
    return _sentences([phrase, *extra], language) if extra else phrase


def _sentences(phrases: Iterable[str], language: str) -> str:
    words = _words(language)
    ended = []
    for phrase in phrases:
        phrase = " ".join(phrase.split())
        if not phrase:
            continue
        if phrase[-1] not in "。！？.!?…":
            phrase = _trim(phrase) + words["stop"]
        ended.append(phrase)
    return words["joiner"].join(ended)


def _trim(text: str) -> str:
    return text.strip().rstrip("，,：:；;").strip()


def speakable(text: str, language: str) -> str:
    """``text`` as it may be said aloud: private numbers by their last four characters,
    codes spelled out, the screen's marks (✓, the required *) left out."""
    words = _words(language)
    text = text.replace("\n", " ")
    for pattern, key in _PRIVATE:
        text = pattern.sub(_ending(words[key]), text)
    text = _CODE.sub(_code, text)
    return _MARKS.sub("", text).removesuffix(" *").strip()


def _ending(template: str) -> Callable[[re.Match[str]], str]:
    return lambda match: template.format(tail=_spelled(match.group("tail")))


_PRIVATE = (
    # Resident identity numbers: 18 characters, and the 15 digits of old cards.
    (re.compile(r"(?<![0-9A-Za-z*])\d{14}(?P<tail>\d{3}[0-9Xx])(?![0-9A-Za-z])"), "id_ending"),
    (re.compile(r"(?<![0-9A-Za-z*])\d{11}(?P<tail>\d{4})(?![0-9A-Za-z])"), "id_ending"),
    # A number the screen already masks: 3307**********0824.
    (re.compile(r"[0-9A-Za-z]*\*{3,}(?P<tail>[0-9A-Za-z]{1,4})"), "masked_ending"),
    (re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{5}(?P<tail>\d{4})(?![0-9A-Za-z])"), "mobile_ending"),
)
# A code mixes letters and digits, or digits and hyphens: KA20261204-000001 (not a date).
_CODE = re.compile(
    r"(?<![0-9A-Za-z-])(?!\d{4}-\d{2}-\d{2}(?![0-9A-Za-z-]))"
    r"(?=[0-9A-Za-z-]*\d)(?=[0-9A-Za-z-]*[A-Za-z-])[0-9A-Za-z]+(?:-[0-9A-Za-z]+)+"
    r"|(?<![0-9A-Za-z])(?=[0-9A-Za-z]*\d)(?=[0-9A-Za-z]*[A-Za-z])[0-9A-Za-z]{6,}(?![0-9A-Za-z])"
)
_MARKS = re.compile(r"[✓✔•□■]\s*")


def _spelled(code: str) -> str:
    return " ".join(code.upper())


def _code(match: re.Match[str]) -> str:
    return ", ".join(_spelled(part) for part in match.group(0).split("-") if part)


@dataclass(frozen=True, slots=True)
class Voice:
    """One of an engine's voices: its name and its locale ("en_GB"; "C" when the engine
    could not name one, as Qt's speech-dispatcher plugin does for espeak-ng's Mandarin)."""

    name: str
    locale: str


_PREFERRED = {
    # espeak-ng's Mandarin voice is "cmn"; speech-dispatcher lists it by its full name.
    "zh": (("zh_CN", "zh"), ("Chinese (Mandarin, latin as English)", "Mandarin", "cmn")),
    "en": (("en_GB", "en_US", "en"), ("English (Great Britain)", "English (America)", "English")),
}


def choose_voice(language: str, voices: Sequence[Voice]) -> Voice | None:
    """The voice that reads ``language`` ("zh" Mandarin, "en" English): one whose locale
    is the language's, else one named for it; a plain voice before its variants
    ("…+whisper"). None when the engine has none."""
    locales, names = _PREFERRED.get(language, ((language,), ()))
    plain = sorted(voices, key=lambda voice: "+" in voice.name)
    for wanted in locales:
        for voice in plain:
            if voice.locale == wanted or voice.locale.split("_")[0] == wanted:
                return voice
    for wanted in names:
        for voice in plain:
            if voice.name == wanted or voice.name.startswith(wanted) or wanted in voice.name:
                return voice
    return None
