"""`kiosk status`: how this kiosk stands with the central, for the technician.

kiosk status [--json]

The connection as the kiosk last saw it (online, offline since T, or refused
since T), the last 401 the central answered told apart (revoked or unknown key,
clock skew with the measured offset, replayed nonce, bad signature), the clock
offset measured on the last answer, what waits in the outbox and since when,
the maintenance switch, and the central's latest remote commands. The running
kiosk keeps this in its store as it changes, so the command reads it whether
or not the kiosk runs; nothing here calls the central or imports Qt.

Exit status: 0 when the kiosk was last online, 1 when it was not (offline,
refused, or never in touch), 2 when its store cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kiosk.clock import rfc3339
from kiosk.config import KioskConfig
from kiosk.maintenance import STORE_NAME as MAINTENANCE
from kiosk.sync.connection import STORE_NAME as CONNECTION
from kiosk.sync.connection import ConnectionState, Link, offset_words
from offline_cache.db import Database, StorageError
from offline_cache.kiosk_state import KioskStateStore
from offline_cache.outbox import Outbox
from offline_cache.remote_commands import CommandLog


def add_parser(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``status`` sub-command to the ``kiosk`` sub-parsers ``sub``."""
    status = sub.add_parser(
        "status",
        parents=parents,
        help="how the kiosk stands with the central: connection, last 401, clock, outbox",
        description="The connection to the central as the kiosk last saw it, the last refusal"
        " (401) told apart with the measured clock offset, the outbox, maintenance and the"
        " central's remote commands.",
    )
    status.add_argument("--json", action="store_true", help="one JSON object")


def run(config: KioskConfig, args: argparse.Namespace) -> int:
    try:
        db = Database.open(config.data_dir / "kiosk.sqlite3")
    except StorageError as exc:
        _say(f"kiosk status: {exc}", err=True)
        return 2
    try:
        report = gather(config, db)
    except StorageError as exc:
        _say(f"kiosk status: {exc}", err=True)
        return 2
    finally:
        db.close()
    if args.json:
        _say(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _say("\n".join(describe(report)))
    return 0 if report["connection"]["link"] == Link.ONLINE.value else 1


def gather(config: KioskConfig, db: Database) -> dict[str, Any]:
    """Everything the command shows, as JSON values."""
    store = KioskStateStore(db)
    outbox = Outbox(db, body_key=None)  # counts rows only: no body is read or written
    maintenance = store.get(MAINTENANCE)
    return {
        "kiosk_id": config.kiosk_id,
        "central": config.central_url or "the embedded sandbox",
        "connection": ConnectionState.from_json(store.get(CONNECTION)).to_json(),
        "outbox": {"waiting": outbox.depth(), "oldest_unsent_at": outbox.oldest_unsent_at()},
        "maintenance": maintenance if isinstance(maintenance, dict) else {"on": False},
        "commands": [
            {
                "id": record.id,
                "kind": record.kind,
                "result": record.result,
                "detail": record.detail,
                "done_at": record.done_at,
                "reported_at": record.reported_at,
            }
            for record in CommandLog(db).recent(10)
        ],
    }


def describe(report: dict[str, Any]) -> list[str]:
    """The report as lines for a terminal."""
    state = ConnectionState.from_json(report["connection"])
    lines = [
        f"kiosk         {report['kiosk_id']}",
        f"central       {report['central']}",
        f"connection    {state.describe()}",
    ]
    if state.detail:
        lines.append(f"              {state.detail}")
    refusal = state.last_refusal
    if refusal is None:
        lines.append("last 401      none")
    else:
        lines.append(f"last 401      {rfc3339(refusal.at)} {refusal.kind}: {refusal.describe()}")
        if refusal.detail:
            lines.append(f"              the central said: {refusal.detail}")
    lines.append(f"clock offset  {offset_words(state.clock_offset_s)} (last measured)")
    outbox = report["outbox"]
    oldest = outbox["oldest_unsent_at"]
    lines.append(
        f"outbox        {outbox['waiting']} waiting"
        + (f", oldest unsent since {oldest}" if oldest else "")
        + (" (see `kiosk outbox`)" if outbox["waiting"] else "")
    )
    maintenance = report["maintenance"]
    lines.append(
        f"maintenance   on since {maintenance.get('since')} (command {maintenance.get('command')})"
        if maintenance.get("on")
        else "maintenance   off"
    )
    if not report["commands"]:
        lines.append("commands      none received")
    for index, command in enumerate(report["commands"]):
        reported = (
            f"reported {command['reported_at']}" if command["reported_at"] else "not reported yet"
        )
        lines.append(
            ("commands      " if index == 0 else "              ")
            + f"{command['id']} {command['kind']} {command['result']}"
            + (f" ({command['detail']})" if command["detail"] else "")
            + f", {command['done_at']}, {reported}"
        )
    return lines


def _say(text: str, *, err: bool = False) -> None:
    """Output of the command (stdout, or stderr for errors)."""
    (sys.stderr if err else sys.stdout).write(text + "\n")
