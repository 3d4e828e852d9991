"""A thermal slip (`devices.protocols.Ticket`) kept as a file until it has printed.

The print journal names a document by the file it prints (the A4 receipt's
PDF); a slip for the receipt printer is kept the same way, as this small JSON
file, so that the journal's rules (journaled before printing, never twice, an
unconfirmed one left for staff, resume and reprint by job id) hold for it
unchanged. The file's suffix (`SUFFIX`) tells the desk which printer it is for.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from devices.protocols import Ticket, TicketLine

SUFFIX = ".ticket.json"
_VERSION = 1


class TicketFileError(ValueError):
    """The file is not a slip this kiosk wrote."""


def is_ticket_file(path: Path | str) -> bool:
    """Whether ``path`` names a thermal slip (else a PDF for the document printer)."""
    return str(path).endswith(SUFFIX)


def ticket_json(ticket: Ticket) -> bytes:
    """The slip as the file's bytes (UTF-8 JSON)."""
    document = {
        "version": _VERSION,
        "lines": [
            {"text": line.text, "bold": line.bold, "double": line.double_size, "align": line.align}
            for line in ticket.lines
        ],
        "qr": ticket.qr,
        "cut": ticket.cut,
    }
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def read_ticket(path: Path) -> Ticket:
    """The slip kept at ``path``; raises OSError, or `TicketFileError` for a bad file."""
    data = path.read_bytes()
    try:
        document: Any = json.loads(data)
        version = document.get("version")
        lines = tuple(
            TicketLine(
                str(line["text"]),
                bold=bool(line["bold"]),
                double_size=bool(line["double"]),
                align=str(line["align"]),
            )
            for line in document["lines"]
        )
        qr = document.get("qr")
        cut = bool(document["cut"])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise TicketFileError(f"{path}: not a slip this kiosk wrote ({exc})") from exc
    if version != _VERSION:
        raise TicketFileError(f"{path}: not a version {_VERSION} slip")
    return Ticket(lines, qr=str(qr) if qr is not None else None, cut=cut)
