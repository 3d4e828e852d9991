"""A `Ticket` rendered to ESC/POS bytes for a Chinese thermal printer.

Rendering goes through python-escpos's ``Dummy`` printer, so the bytes are the
library's own commands and can be compared byte for byte in tests, and the whole
ticket is sent to the real printer in one write.

Text is always encoded as GB18030 after ``FS &`` (Chinese character mode).
python-escpos's ``text()`` does that only for strings containing a character in
U+4E00..U+9FA5; a line of full-width punctuation or Latin accents would instead get
``ESC t`` code-page switches, which a printer in Chinese mode prints as garbage.
Sizes use ``GS !`` because ``ESC !`` does not enlarge Chinese characters.
"""

from __future__ import annotations

import re

from escpos.printer import Dummy

from devices.errors import PrinterError
from devices.protocols import Ticket, TicketLine

FS_CHINESE_MODE = b"\x1c\x26"  # FS & : select Chinese (double-byte) character mode
_ALIGNS = frozenset({"left", "center", "right"})
# C0 controls and DEL would be read as printer commands (ESC, GS, DLE ...): a name
# or reference number must never be able to cut, open a drawer or change modes.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def encode_text(text: str) -> bytes:
    """One line of ticket text as GB18030 bytes, control characters made spaces."""
    return _CONTROL.sub(" ", text).encode("gb18030")


def render_ticket(ticket: Ticket, *, profile: str | None = None, qr_size: int = 6) -> bytes:
    """The complete ESC/POS byte stream for ``ticket``.

    Raises:
        PrinterError: a line asks for an alignment other than left, center, right.
    """
    out = Dummy(profile=profile)
    out.hw("INIT")  # ESC @: forget modes left over from an earlier, interrupted ticket
    out._raw(FS_CHINESE_MODE)
    for line in ticket.lines:
        _line(out, line)
    _plain(out)
    if ticket.qr:
        out.set(align="center")
        out.qr(ticket.qr, size=qr_size, native=True)
        out.set(align="left")
    if ticket.cut:
        out.cut()
    data: bytes = out.output
    return data


def _line(out: Dummy, line: TicketLine) -> None:
    if line.align not in _ALIGNS:
        raise PrinterError(f"ticket line alignment must be left, center or right: {line.align!r}")
    size = 2 if line.double_size else 1
    out.set(custom_size=True, width=size, height=size, bold=line.bold, align=line.align)
    out._raw(encode_text(line.text) + b"\n")


def _plain(out: Dummy) -> None:
    out.set(custom_size=True, width=1, height=1, bold=False, align="left")
