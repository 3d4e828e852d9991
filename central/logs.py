"""Kiosk log uploads (sandbox extension ``POST /v1/logs``, for the ``upload_logs`` command).

The interface names the command but no endpoint for the logs, so this is an
extension: ``{"at": RFC 3339, "app_version"?, "command_id"?, "lines": [text, ...]}``
→ ``201 {"log_id": "...", "lines": N}``. Lines are single lines without
characters the central refuses (`central.text`), at most 5000 of 1000
characters. Kiosks must send no personal data: the sandbox is strict and
refuses (``422``, code ``personal_data``) a line holding a valid resident
identity number or a mobile number, naming the line but not repeating it.
Operators read uploads with ``kiosk-central logs KIOSK_ID``.
"""

import json
import re
import secrets
from datetime import datetime

from central.clock import parse_rfc3339, stamp
from central.database import Connection
from central.identifiers import resident_id_problem
from central.payload import JsonObject, Reader, dumps, text_error

MAX_LINES = 5000
MAX_LINE_CHARS = 1000

_ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86)?1[3-9]\d{9}(?![0-9A-Za-z])")


def personal_data_in(line: str) -> str | None:
    """What personal data ``line`` holds ("an identity number", "a mobile number"), or None."""
    if any(resident_id_problem(found.group()) is None for found in _ID_CANDIDATE.finditer(line)):
        return "an identity number"
    if _MOBILE.search(line):
        return "a mobile number"
    return None


def record_logs(
    connection: Connection, document: JsonObject, *, kiosk_id: str, now: datetime
) -> JsonObject:
    """Handle ``POST /v1/logs`` (write transaction); returns the 201 body."""
    reader = Reader(document, what="log upload")
    at = reader.get_str("at", max_length=40)
    if at is not None and parse_rfc3339(at) is None:
        reader.error("at", "format", "at must be an RFC 3339 time with an offset.")
    reader.get_str("app_version", required=False, max_length=64)
    command_id = reader.get_str("command_id", required=False, max_length=64)
    lines = reader.get_list("lines", max_items=MAX_LINES) or []
    for index, line in enumerate(lines):
        path = f"lines[{index}]"
        if not isinstance(line, str) or len(line) > MAX_LINE_CHARS:
            reader.error(
                path, "type", f"{path} must be a text of at most {MAX_LINE_CHARS} characters."
            )
            continue
        character = text_error(path, line)  # one line, nothing the central refuses
        if character is not None:
            reader.errors.append(character)
            continue
        found = personal_data_in(line)
        if found is not None:
            reader.error(
                path,
                "personal_data",
                f"{path} holds {found}; kiosks must remove personal data before uploading logs.",
            )
    reader.raise_if_invalid()
    log_id = "LOG-" + secrets.token_hex(6)
    connection.execute(
        "INSERT INTO kiosk_logs (log_id, kiosk_id, command_id, received_at, line_count, lines_json)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (log_id, kiosk_id, command_id, stamp(now), len(lines), dumps(lines)),
    )
    return {"log_id": log_id, "lines": len(lines)}


def kiosk_logs(connection: Connection, kiosk_id: str) -> list[JsonObject]:
    """Every upload of a kiosk, oldest first, with its lines."""
    rows = connection.execute(
        "SELECT log_id, command_id, received_at, line_count, lines_json FROM kiosk_logs"
        " WHERE kiosk_id = ? ORDER BY received_at, log_id",
        (kiosk_id,),
    ).fetchall()
    return [
        {
            "log_id": row["log_id"],
            "command_id": row["command_id"],
            "received_at": row["received_at"],
            "lines": json.loads(row["lines_json"]),
        }
        for row in rows
    ]
