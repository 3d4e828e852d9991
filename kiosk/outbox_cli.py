"""`kiosk outbox`: what the kiosk still has to send to the central, named as citizens name it.

kiosk outbox [--json]          what waits: pending, sending, and rejected (stuck: staff)
kiosk outbox --all [--json]    every submission, delivered ones too

Each submission is named by its provisional reference (``K0001-000123``, what the
citizen was shown) and, once delivered, the central's application number; the
idempotency key is in ``--json`` for the central's operators. Nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kiosk.config import KioskConfig
from offline_cache.db import Database, StorageError
from offline_cache.outbox import Outbox, OutboxItem, OutboxState

WAITING = frozenset({OutboxState.PENDING, OutboxState.SENDING, OutboxState.REJECTED})


def add_parser(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``outbox`` sub-command to the ``kiosk`` sub-parsers ``sub``."""
    outbox = sub.add_parser(
        "outbox",
        parents=parents,
        help="what waits to be sent (pending, sending, rejected); --all: everything",
        description="List the submissions that wait to be sent: pending, sending, or rejected"
        " by the central (stuck until staff act). --all lists every submission, delivered"
        " ones too.",
    )
    outbox.add_argument("--all", action="store_true", help="every submission, delivered ones too")
    outbox.add_argument("--json", action="store_true", help="one JSON object per submission")


def run(config: KioskConfig, args: argparse.Namespace) -> int:
    """List the outbox; exit 0, or 1 when the store cannot be read."""
    try:
        db = Database.open(config.data_dir / "kiosk.sqlite3")
    except StorageError as exc:
        _say(f"kiosk outbox: {exc}", err=True)
        return 1
    try:
        items = Outbox(db).items()
    finally:
        db.close()
    if not args.all:
        items = [item for item in items if item.state in WAITING]
    for item in items:
        if args.json:
            _say(json.dumps(item_json(item), ensure_ascii=False))
        else:
            _say(_line(item))
    if not items and not args.json:
        _say("the outbox is empty" if args.all else "nothing waits to be sent")
    return 0


def item_json(item: OutboxItem) -> dict[str, Any]:
    return {
        "reference": item.reference,
        "application_no": item.result_ref,
        "state": item.state.value,
        "created_at": item.created_at,
        "attempts": item.attempts,
        "last_error": item.last_error,
        "key": item.idempotency_key,
        "endpoint": item.endpoint,
    }


def _line(item: OutboxItem) -> str:
    name = item.reference or item.idempotency_key
    number = item.result_ref or "-"
    error = f"  {item.last_error}" if item.last_error else ""
    return (
        f"{name:<14} {number:<18} {item.state.value:<9} {item.created_at}"
        f"  attempts {item.attempts}{error}"
    )


def _say(line: str, *, err: bool = False) -> None:
    """One line of the command's output (stdout, or stderr for errors)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(line + "\n")
