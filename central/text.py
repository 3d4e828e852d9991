"""Which characters the central takes in a text, and how to show one that it refuses.

Every string a client sends ends up somewhere a person reads it: the
operators' terminal (``kiosk-central applications``), the logs, the lookup
history on a kiosk's screen, the printed licence. A character that is not
shown as itself there can hide or reorder what the text says (a right-to-left
override turns ``…txt.exe`` into ``…exe.txt``), or drive the terminal (escape
sequences). So the central refuses, in every text it takes in:

* **Cc**, control characters: C0 (U+0000–U+001F, including tab and carriage
  return), DEL and C1 (U+007F–U+009F). The one exception is the line feed
  ``\\n`` in a text that may have several lines (a catalogue field with
  ``multiline``, a feedback comment, a device's or a print job's ``detail``).
* **Cf**, format characters, all invisible: the bidirectional overrides,
  embeddings and isolates (U+202A–U+202E, U+2066–U+2069), the marks (U+200E,
  U+200F, U+061C), zero-width space, soft hyphen, word joiner, byte order mark,
  the Unicode tag characters and the rest, **except** the zero-width joiner and
  non-joiner (U+200D, U+200C). Those two are how emoji sequences (👨‍👩‍👧) and
  several scripts (Persian, the Indic scripts) are written; they cannot reorder
  text or hide any, so refusing them would refuse correct names.
* **Cs**, surrogates: half of a UTF-16 pair is no character at all and cannot
  be UTF-8 (in a JSON body the central answers ``400``, not ``422``, see
  :func:`central.payload.parse_json_object`).
* **Co**, private use, and **Cn**, unassigned code points (noncharacters such
  as U+FFFF included): nobody can know how they are shown. "Unassigned" is
  judged by the Unicode version of the central's Python (14.0 for 3.11), so a
  character added to Unicode later is refused until the central knows it.
* **Zl**, **Zp**, the line and paragraph separators (U+2028, U+2029): line
  breaks in disguise.

Spaces (**Zs**: the ideographic space U+3000 of Chinese input, the no-break
space) are shown as spaces and allowed; whether a field may begin or end with
one is the field's business.
"""

import re
import unicodedata

REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
"""The Unicode general categories refused in a text (with the exceptions below)."""

ALLOWED_FORMAT_CHARACTERS = frozenset({"\u200c", "\u200d"})
"""Zero-width non-joiner and joiner: format characters a correct name may need."""

LINE_FEED = "\n"

#: Characters ``str.isprintable`` calls unprintable but this module allows: the
#: spaces other than U+0020 (Zs; all of them are below U+3001) and ZWNJ/ZWJ.
_ALLOWED_UNPRINTABLE = "".join(
    sorted(
        {chr(code) for code in range(0x3001) if unicodedata.category(chr(code)) == "Zs"} - {" "}
        | ALLOWED_FORMAT_CHARACTERS
    )
)
_SINGLE_LINE_ALLOWED = re.compile(f"[{re.escape(_ALLOWED_UNPRINTABLE)}]+")
_MULTILINE_ALLOWED = re.compile(f"[{re.escape(_ALLOWED_UNPRINTABLE + LINE_FEED)}]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def is_refused(char: str, *, multiline: bool = False) -> bool:
    """Whether the one character ``char`` is refused (the definition; see the module)."""
    if char == LINE_FEED and multiline:
        return False
    if char in ALLOWED_FORMAT_CHARACTERS:
        return False
    return unicodedata.category(char) in REFUSED_CATEGORIES


def refused_character(text: str, *, multiline: bool = False) -> str | None:
    """The first character of ``text`` the central refuses, or None when it takes it all.

    ``multiline`` allows the line feed (and only it: not ``\\r``, not U+2028).
    Fast on long texts: ``str.isprintable`` refuses a superset of what is
    refused here, so only a text it fails is looked at more closely.
    """
    if text.isprintable():
        return None
    allowed = _MULTILINE_ALLOWED if multiline else _SINGLE_LINE_ALLOWED
    rest = allowed.sub("", text)
    if rest.isprintable():
        return None
    return next(char for char in rest if not char.isprintable())


def has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone UTF-16 surrogate (and so cannot be UTF-8)."""
    return _SURROGATE.search(text) is not None


def code_point(char: str) -> str:
    """``U+202E`` (at least four hex digits)."""
    return f"U+{ord(char):04X}"


def describe(char: str) -> str:
    """A refused character in words for a message: ``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    if char == LINE_FEED:
        return "a line break (U+000A)"
    category = unicodedata.category(char)
    name = unicodedata.name(char, "")
    kind = {
        "Cc": "a control character",
        "Cs": "a lone UTF-16 surrogate",
        "Co": "a private-use character",
        "Cn": "an unassigned code point",
    }.get(category)
    if kind is not None:
        return f"{kind} ({code_point(char)})"
    return f"{code_point(char)} {name}".rstrip()


def escaped(text: str) -> str:
    """``text`` safe to show on a terminal, in a log or a problem detail: every refused
    character (the line feed too) written as ``\\uXXXX`` / ``\\UXXXXXXXX``."""
    if text.isprintable():
        return text
    out: list[str] = []
    for char in text:
        if is_refused(char):
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)
