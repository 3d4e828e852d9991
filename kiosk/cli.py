"""The `kiosk` command: runs the kiosk, and holds the technicians' sub-commands.

kiosk [OPTIONS] [--smoke]                     run the kiosk (--smoke: start, then exit)
kiosk enrol --code CODE [--central URL]       enrol this kiosk with the central
kiosk outbox [--all] [--json]                 what waits to be sent (see kiosk.outbox_cli)
kiosk outbox release NAME                     send a stuck submission again, same key
kiosk sync run --once|--until-empty           send the outbox headless (see kiosk.sync_cli)
kiosk lookup REFERENCE|APPNO --id-number N    an application's status (see kiosk.lookup_cli)
kiosk devices list|test NAME|read-id ...      check the devices (see kiosk.devices_cli)
kiosk prints list|resume|confirm|reprint ...  the print journal (see kiosk.prints_cli)
kiosk catalogue check [FILE] [--json]         what a catalogue offers here (see kiosk.catalogue_cli)
kiosk queue ticket --type T [--priority]      staff give a queue ticket (see kiosk.queue_cli)
kiosk verify FILE|--qr TEXT [--keys FILE]     is a printed slip genuine? offline (see kiosk.verify_cli)
kiosk status [--json]                         connection to the central, last 401, outbox (kiosk.status_cli)
kiosk screen [--all] [--json]                 what the running kiosk's window says (kiosk.screen_cli)

OPTIONS (``--config``, ``--central``, ``--data-dir``, ``--lang``, ``--windowed``,
``--demo``, ``-v``) are accepted before or after the sub-command: technicians
type them where they think of them.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from pathlib import Path
from typing import Any

from devices.errors import DeviceConfigError
from kiosk.config import KioskConfig, load_config
from kiosk.errors import ConfigError
from kiosk.instance import KioskAlreadyRunning

#: The technicians' sub-commands, each defined and run by its own module. A module is
#: imported only when its sub-command is asked for (or for ``--help``): the kiosk
#: itself starts without any of them, and so without what they import.
SUB_COMMANDS = {
    "outbox": "kiosk.outbox_cli",
    "sync": "kiosk.sync_cli",
    "lookup": "kiosk.lookup_cli",
    "devices": "kiosk.devices_cli",
    "prints": "kiosk.prints_cli",
    "catalogue": "kiosk.catalogue_cli",
    "queue": "kiosk.queue_cli",
    "verify": "kiosk.verify_cli",
    "status": "kiosk.status_cli",
    "screen": "kiosk.screen_cli",
}


def common_options(*, in_sub_command: bool) -> argparse.ArgumentParser:
    """The kiosk's options, as a parent parser.

    On sub-commands every default is SUPPRESS: an option not given after the
    sub-command leaves the value given before it (or the top-level default) alone.
    """
    extra: dict[str, Any] = {"default": argparse.SUPPRESS} if in_sub_command else {}
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--config", type=Path, help="TOML configuration file", **extra)
    options.add_argument(
        "--central", help="URL of the central system (default: start the sandbox)", **extra
    )
    options.add_argument(
        "--windowed", action="store_true", help="a normal window, for development", **extra
    )
    options.add_argument("--data-dir", type=Path, help="where the kiosk keeps its data", **extra)
    options.add_argument("--lang", choices=("zh", "en"), help="starting language", **extra)
    options.add_argument(
        "--demo",
        action="store_true",
        help="demo mode: the developer panel drives the simulators",
        **extra,
    )
    options.add_argument("-v", "--verbose", action="store_true", **extra)
    return options


def _parser(argv: list[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Business registration kiosk",
        parents=[common_options(in_sub_command=False)],
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start, print when the attract screen is shown, then exit: for set-up checks",
    )
    asked = next((arg for arg in argv if arg in SUB_COMMANDS or arg == "enrol"), None)
    wants_help = "-h" in argv or "--help" in argv
    if asked is None and not wants_help:
        return parser  # the kiosk itself: no sub-command to know about
    common = [common_options(in_sub_command=True)]
    sub = parser.add_subparsers(dest="command")
    enrol = sub.add_parser("enrol", parents=common, help="enrol this kiosk with the central")
    enrol.add_argument("--code", required=True, help="one-time enrolment code from the operators")
    for name, module in SUB_COMMANDS.items():
        if asked is None or name == asked:
            importlib.import_module(module).add_parser(sub, common)
    return parser


def config_from_args(args: argparse.Namespace) -> KioskConfig:
    config = load_config(args.config)
    return config.with_overrides(
        central_url=args.central.rstrip("/") if args.central else None,
        fullscreen=False if args.windowed else None,
        data_dir=args.data_dir,
        language=args.lang,
        demo=True if args.demo else None,
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser(argv).parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        config = config_from_args(args)
    except ConfigError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2
    command = getattr(args, "command", None)
    if command == "enrol":
        return _enrol(config, args.code)
    if command in SUB_COMMANDS:
        run_command: Any = importlib.import_module(SUB_COMMANDS[command]).run
        return int(run_command(config, args))
    from kiosk.shell.launch import run  # Qt only for the kiosk itself, not for technician commands

    try:
        return run(config, smoke=args.smoke)
    except DeviceConfigError as exc:
        print(f"kiosk: {exc} (check it with `kiosk devices list`)", file=sys.stderr)
        return 2
    except (KioskAlreadyRunning, ConfigError) as exc:
        # ConfigError here: e.g. a data key file others may read (kiosk.keys).
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2


def _enrol(config: KioskConfig, code: str) -> int:
    from kiosk.sync.client import CentralClient
    from kiosk.sync.enrolment import enrol
    from kiosk.sync.errors import SyncError
    from kiosk.sync.identity import IdentityStore

    if not config.central_url:
        print(
            "kiosk enrol: give the central's URL with --central or [central] url", file=sys.stderr
        )
        return 2
    try:
        identity = enrol(
            CentralClient(config.central_url),
            IdentityStore(config.data_dir / "identity"),
            code=code,
            kiosk_id=config.kiosk_id,
        )
    except SyncError as exc:
        print(f"kiosk enrol: refused: {exc}", file=sys.stderr)
        return 1
    print(f"enrolled {identity.kiosk_id} with key {identity.key_id}")
    return 0
