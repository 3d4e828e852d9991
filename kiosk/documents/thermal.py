"""Text laid out for an 80 mm thermal roll: lines that fit, Chinese counted double.

An 80 mm printer prints 42 columns of its font A on a 512-dot head (48 on a
576-dot one; 42 fits both). A Chinese character (or any East Asian wide or
full-width character) takes two columns, a double-size line twice as many.
Lines are wrapped here, before the printer sees them, so a wrapped line never
splits a Chinese character in two and Latin words stay whole where they can.
"""

from __future__ import annotations

import unicodedata

from devices.protocols import TicketLine

COLUMNS = 42
"""Columns of font A on an 80 mm roll (the narrower, 512-dot head)."""
RULE = "-" * COLUMNS


def width(text: str) -> int:
    """How many font-A columns ``text`` takes (wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrap(text: str, columns: int = COLUMNS) -> list[str]:
    """``text`` in lines of at most ``columns`` columns.

    Breaks anywhere between Chinese characters, and before a word of narrow
    characters (Latin, a number, a date) that would not fit (one longer than a
    line is cut).
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for char in paragraph:
            if width(line + char) <= columns:
                line += char
                continue
            start = _word_start(line)
            if _in_word(char) and 0 < start < len(line):
                # Carry the unfinished word (Latin, a number, a date) to the next line.
                lines.append(line[:start].rstrip())
                line = line[start:] + char
            else:
                lines.append(line.rstrip())
                line = char.lstrip()
        lines.append(line.rstrip())
    return lines


def text_lines(
    text: str, *, bold: bool = False, double_size: bool = False, align: str = "left"
) -> list[TicketLine]:
    """``text`` wrapped to the roll, as ticket lines of one style (a double-size line
    has half the columns)."""
    columns = COLUMNS // 2 if double_size else COLUMNS
    return [
        TicketLine(line, bold=bold, double_size=double_size, align=align)
        for line in wrap(text, columns)
    ]


def labelled(label: str, value: str) -> list[TicketLine]:
    """``label：value`` wrapped to the roll; nothing when there is no value."""
    if not value:
        return []
    return text_lines(f"{label}：{value}")


def rule() -> TicketLine:
    """A line across the roll, between the slip's parts."""
    return TicketLine(RULE)


def _in_word(char: str) -> bool:
    """Part of a word that is not broken: narrow and not a space (Latin, digits, 2026-11-05)."""
    return not char.isspace() and unicodedata.east_asian_width(char) not in "WF"


def _word_start(line: str) -> int:
    """Where the word at the end of ``line`` starts (``len(line)`` when it ends otherwise)."""
    start = len(line)
    while start > 0 and _in_word(line[start - 1]):
        start -= 1
    return start
