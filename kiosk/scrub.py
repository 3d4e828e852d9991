"""Takes personal data out of text that leaves the kiosk for technicians (logs).

The kiosk's own code never logs personal data, but a library, a driver or an
exception message may quote what it was given. Before a log line is kept for
upload it goes through `scrub`, which removes what can be recognised:

* identity numbers (18 digits or 17 and X, with or without spaces; 15-digit old
  ones) and any other run of 11 or more digits;
* mobile numbers (with or without +86 and spaces);
* passport and permit numbers (a letter and 8 digits, two and 7), MRZ lines,
  e-mail addresses;
* the value after a key that names a person's data (``name=…``, ``"mobile": "…"``);
* every run of Chinese characters: names, addresses and business names are
  written in them, and a log line needs none (the messages are in English).

Latin-script names that are not labelled cannot be recognised; they must not
be logged in the first place.
"""

from __future__ import annotations

import re

# Digits only: a number glued to letters ("id330702...") is still taken out.
_NO_DIGIT_BEFORE = r"(?<!\d)"
_NO_DIGIT_AFTER = r"(?!\d)"

_KEYS = (
    "name",
    "id_number",
    "idnumber",
    "id_no",
    "mobile",
    "phone",
    "address",
    "birth",
    "passport",
    "document_number",
    "applicant",
    "holder",
    "mrz",
)
_KEYWORDS = "|".join(_KEYS)


class _Words:
    """A cheap test: does the text hold any of these words, in any case?"""

    def __init__(self, words: tuple[str, ...]) -> None:
        self._words = words

    def search(self, text: str) -> bool:
        lower = text.lower()
        return any(word in lower for word in self._words)


#: (a cheap test that the pattern may match, the pattern, what replaces a match): most
#: log lines hold none of it, and the test spares them the slower search.
_PATTERNS: tuple[tuple[re.Pattern[str] | _Words, re.Pattern[str], str], ...] = (
    # A key naming personal data, then its value (quoted, or up to a separator).
    (
        _Words(_KEYS),
        re.compile(
            rf"""(?P<key>["']?\b[A-Za-z_]*(?:{_KEYWORDS})[A-Za-z_]*["']?\s*[:=]\s*)"""
            r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;)}\]]+)""",
            re.IGNORECASE,
        ),
        r"\g<key>[removed]",
    ),
    (re.compile("@"), re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    # MRZ: long runs of capitals, digits and fillers.
    (re.compile("<<"), re.compile(r"[A-Z0-9<]*<<[A-Z0-9<]*"), "[mrz]"),
    (
        re.compile(r"\d{7}"),
        re.compile(_NO_DIGIT_BEFORE + r"\d{6}[ -]?\d{8}[ -]?\d{3}[\dXx]" + _NO_DIGIT_AFTER),
        "[id number]",
    ),
    (
        re.compile(r"1[3-9]\d"),
        re.compile(
            _NO_DIGIT_BEFORE + r"(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}" + _NO_DIGIT_AFTER
        ),
        "[mobile]",
    ),
    (re.compile(r"\d{11}"), re.compile(r"\d{11,}"), "[number]"),
    # Passports and permits: E12345678, EA1234567 (not application numbers, KA20261122-…).
    (re.compile(r"\d{7}"), re.compile(r"\b(?:[A-Z]\d{8}|[A-Z]{2}\d{7})\b"), "[document number]"),
    (
        re.compile(r"[^\x00-\u2e7f]"),
        re.compile(
            "[\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f"
            "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
            "·•]+"
        ),
        "[text]",
    ),
)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def scrub(text: str) -> str:
    """``text`` with the personal data it can recognise replaced by ``[what it was]``;
    control and bidi characters become spaces (newlines stay)."""
    text = _CONTROL.sub(" ", text)
    for may_match, pattern, replacement in _PATTERNS:
        if may_match.search(text):
            text = pattern.sub(replacement, text)
    return text
