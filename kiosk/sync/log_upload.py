"""``upload_logs``: the kiosk's recent log lines, scrubbed, sent to the central.

The interface names the command but no endpoint for the logs; the sandbox has
the extension ``POST /v1/logs`` ``{"at", "app_version", "command_id", "lines":
[...]}`` → ``201 {"log_id"}``. A central without it answers 404 (or 405/501):
the command then fails with a detail that says so, and nothing else changes.
Every line is scrubbed again here (`kiosk.scrub`), whatever kept it.
"""

from __future__ import annotations

from datetime import datetime

from kiosk import __version__
from kiosk.clock import rfc3339
from kiosk.scrub import scrub
from kiosk.sync.client import CentralClient
from kiosk.sync.errors import CentralBusy, CentralRefused

LOGS_PATH = "/v1/logs"
MAX_LINES = 5000
LINE_CHARS = 1000
#: What a central that lacks the extension answers.
NOT_OFFERED = (404, 405, 501)


class LogsNotAccepted(Exception):
    """The central has no log upload (``POST /v1/logs`` answered 404, 405 or 501)."""


def upload_logs(
    client: CentralClient, lines: list[str], *, at: datetime, command_id: str | None
) -> int:
    """Send the last `MAX_LINES` lines, scrubbed; how many were sent.

    Raises:
        LogsNotAccepted: the central lacks the extension.
        SyncError: anything else that went wrong.
    """
    kept = [scrub(line.replace("\t", "    "))[:LINE_CHARS] for line in lines[-MAX_LINES:]]
    body = {
        "at": rfc3339(at),
        "app_version": __version__,
        "command_id": command_id,
        "lines": kept,
    }
    try:
        client.post(LOGS_PATH, body)
    except (CentralRefused, CentralBusy) as exc:
        if exc.status in NOT_OFFERED:
            raise LogsNotAccepted(
                f"this central has no log upload (POST {LOGS_PATH} answered {exc.status})"
            ) from exc
        raise
    return len(kept)
