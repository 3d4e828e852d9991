"""`kiosk queue ticket`: staff give a queue ticket from the running kiosk.

kiosk queue ticket --type TYPE [--priority]

TYPE is an option of the catalogue's queue service (``enterprise_registration``
...). ``--priority`` gives a 绿色通道 ticket (the elderly, people with a
disability, expectant mothers) to a citizen who did not choose it themselves.
The running kiosk gets the ticket (from the central, else numbered itself) and
prints it on its own printer, once (`kiosk.queueing.staff`). Exit 0 when it
printed, 1 when it did not come out (or may not have: see `kiosk prints list`),
2 when no kiosk runs on the data directory or the type is unknown.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kiosk import control
from kiosk.config import KioskConfig


def add_parser(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``queue`` sub-command to the ``kiosk`` sub-parsers ``sub``."""
    queue = sub.add_parser("queue", parents=parents, help="give a queue ticket (staff)")
    actions = queue.add_subparsers(dest="queue_command", required=True)
    ticket = actions.add_parser(
        "ticket", parents=parents, help="print a queue ticket on the running kiosk"
    )
    ticket.add_argument(
        "--type", required=True, help="business type (an option of the queue service)"
    )
    ticket.add_argument("--priority", action="store_true", help="a priority ticket (绿色通道)")


def run(config: KioskConfig, args: argparse.Namespace) -> int:
    """Run ``kiosk queue ticket``; the exit code."""
    request = {"command": "queue_ticket", "type": args.type, "priority": bool(args.priority)}
    try:
        answer = control.call(config.data_dir, request)
    except control.ControlUnavailable as exc:
        _say(f"kiosk queue: {exc}", err=True)
        return 2
    kind = "priority ticket" if answer.get("priority") else "ticket"
    where = " (numbered by this kiosk)" if answer.get("local") else ""
    _say(
        f"{kind} {answer['number']}{where}: {answer['outcome']} {answer.get('detail') or ''}".rstrip()
    )
    return 0 if answer.get("outcome") == "printed" else 1


def _say(line: str, *, err: bool = False) -> None:
    (sys.stderr if err else sys.stdout).write(line + "\n")
