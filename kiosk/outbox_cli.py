"""`kiosk outbox`: what the kiosk still has to send to the central, named as citizens name it.

kiosk outbox [--json]          what waits: pending, sending, stuck and rejected (staff)
kiosk outbox --all [--json]    every submission, delivered ones too
kiosk outbox release NAME      send a stuck submission again, with its own key

Each submission is named by its provisional reference (``K0001-000123``, what the
citizen was shown) and, once delivered, the central's application number; the
idempotency key is in ``--json`` for the central's operators, with the SHA-256
of the body once delivered (the body itself is purged after the central's 2xx,
``[privacy] keep_delivered_hours``: the listing never needed it). A submission the
central kept answering 5xx to is ``stuck``: the kiosk no longer sends it until
staff release it (once the central's operators say it is fixed); it is then sent
with the same key and body, so the central still makes one application of it.
A citizen's rating (好差评) waits beside the applications, marked "(rating)"
(``"kind": "rating"`` in ``--json``). Bodies are sealed at rest; the command
opens the outbox with the kiosk's data key (`kiosk.sealed_outbox`) and shows no
body. Nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kiosk.config import KioskConfig
from kiosk.keys import DataKeyError
from kiosk.sealed_outbox import open_kiosk_outbox
from kiosk.sync.endpoints import APPLICATIONS, FEEDBACK
from offline_cache.db import Database, StorageError
from offline_cache.outbox import Outbox, OutboxItem, OutboxState

WAITING = frozenset(
    {OutboxState.PENDING, OutboxState.SENDING, OutboxState.STUCK, OutboxState.REJECTED}
)


def add_parser(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``outbox`` sub-command to the ``kiosk`` sub-parsers ``sub``."""
    outbox = sub.add_parser(
        "outbox",
        parents=parents,
        help="what waits to be sent (pending, sending, stuck, rejected); --all: everything;"
        " release NAME: send a stuck one again",
        description="List the submissions that wait to be sent: pending, sending, stuck (the"
        " central kept failing: staff release them) or rejected by the central (staff act)."
        " --all lists every submission, delivered ones too.",
    )
    outbox.add_argument("--all", action="store_true", help="every submission, delivered ones too")
    outbox.add_argument("--json", action="store_true", help="one JSON object per submission")
    # Optional: a bare `kiosk outbox` lists, as it always did.
    actions = outbox.add_subparsers(dest="outbox_command", title="action", metavar="[release]")
    release = actions.add_parser(
        "release",
        parents=parents,
        help="send a stuck submission again, with the same idempotency key",
    )
    release.add_argument(
        "name",
        metavar="NAME",
        help="the submission's provisional reference (K0001-000123) or idempotency key",
    )


def run(config: KioskConfig, args: argparse.Namespace) -> int:
    """List the outbox or release a stuck submission; 0, 1 (not done) or 2 (no such one)."""
    try:
        db = Database.open(config.data_dir / "kiosk.sqlite3")
    except StorageError as exc:
        _say(f"kiosk outbox: {exc}", err=True)
        return 1
    try:
        # Read only: nothing is purged here, and sealed bodies open with the data key.
        outbox = open_kiosk_outbox(config, db, purging=False)
        if getattr(args, "outbox_command", None) == "release":
            return release(outbox, str(args.name))
        return _list(outbox, everything=bool(args.all), as_json=bool(args.json))
    except (StorageError, DataKeyError) as exc:
        _say(f"kiosk outbox: {exc}", err=True)
        return 1
    finally:
        db.close()


def _list(outbox: Outbox, *, everything: bool, as_json: bool) -> int:
    items = outbox.items()
    if not everything:
        items = [item for item in items if item.state in WAITING]
    for item in items:
        if as_json:
            _say(json.dumps(item_json(item), ensure_ascii=False))
        else:
            _say(_line(item))
    if not items and not as_json:
        _say("the outbox is empty" if everything else "nothing waits to be sent")
    return 0


def release(outbox: Outbox, name: str) -> int:
    """Make the stuck submission ``name`` due again; the exit code."""
    item = outbox.find(name)
    if item is None:
        _say(f"kiosk outbox release: no submission {name}", err=True)
        return 2
    label = item.reference or item.idempotency_key
    if not outbox.release_stuck(item.idempotency_key):
        current = outbox.get(item.idempotency_key) or item
        _say(
            f"kiosk outbox release: {label} is {current.state.value}, not stuck: nothing to do",
            err=True,
        )
        return 1
    _say(f"released {label}: the kiosk sends it again with its key {item.idempotency_key}")
    return 0


def item_json(item: OutboxItem) -> dict[str, Any]:
    application = item.endpoint == APPLICATIONS
    return {
        "kind": _kind(item),
        "reference": item.reference,
        # A rating's result is the central's feedback id, not an application number.
        "application_no": item.result_ref if application else None,
        "result": item.result_ref,
        "state": item.state.value,
        "created_at": item.created_at,
        "attempts": item.attempts,
        "failures": item.failures,
        "last_error": item.last_error,
        "key": item.idempotency_key,
        "endpoint": item.endpoint,
        "body_sha256": item.body_sha256,
        "purged_at": item.purged_at,
        "unreadable": item.unreadable,
    }


def _kind(item: OutboxItem) -> str:
    """What the row is: "application", "rating", or its endpoint for anything else."""
    return {APPLICATIONS: "application", FEEDBACK: "rating"}.get(item.endpoint, item.endpoint)


def _line(item: OutboxItem) -> str:
    name = item.reference or item.idempotency_key
    number = item.result_ref or "-"
    error = f"  {item.last_error}" if item.last_error else ""
    kind = "" if item.endpoint == APPLICATIONS else f"  ({_kind(item)})"
    return (
        f"{name:<14} {number:<18} {item.state.value:<9} {item.created_at}"
        f"  attempts {item.attempts}{kind}{error}"
    )


def _say(line: str, *, err: bool = False) -> None:
    """One line of the command's output (stdout, or stderr for errors)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(line + "\n")
