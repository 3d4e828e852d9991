"""`kiosk screen`: what the running kiosk's window says now, for a technician at a distance.

kiosk screen [--all] [--json]

Prints the session's state (``Attract`` when nobody is using the kiosk), then every
text the window shows, one per line; ``--all`` adds the texts of hidden screens
(tests use it to see that nothing of a citizen is left). It asks the running kiosk
through its control socket (`kiosk.shell.screen_dump`). Exit 0, or 2 when no kiosk
runs on the data directory. What a citizen has on screen is shown to whoever runs
this: it is the kiosk user's own command (the socket is theirs only), and logs nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kiosk import control
from kiosk.config import KioskConfig


def add_parser(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``screen`` sub-command to the ``kiosk`` sub-parsers ``sub``."""
    screen = sub.add_parser(
        "screen", parents=parents, help="what the running kiosk's window says now"
    )
    screen.add_argument("--all", action="store_true", help="hidden screens' texts too")
    screen.add_argument("--json", action="store_true", help="one JSON object")


def run(config: KioskConfig, args: argparse.Namespace) -> int:
    """Run ``kiosk screen``; the exit code."""
    try:
        answer = control.call(config.data_dir, {"command": "screen", "all": bool(args.all)})
    except control.ControlUnavailable as exc:
        sys.stderr.write(f"kiosk screen: {exc}\n")
        return 2
    if args.json:
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        return 0
    who = "a citizen's session" if answer.get("in_session") else "nobody in a session"
    lines = [f"state: {answer.get('state')} ({who})", *answer.get("texts", [])]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
