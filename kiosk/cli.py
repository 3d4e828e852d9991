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

OPTIONS (``--config``, ``--central``, ``--data-dir``, ``--lang``, ``--windowed``,
``--demo``, ``-v``) are accepted before or after the sub-command: technicians
type them where they think of them.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from devices.errors import DeviceConfigError
from kiosk import catalogue_cli, devices_cli, lookup_cli, outbox_cli, prints_cli, sync_cli
from kiosk.config import KioskConfig, load_config
from kiosk.errors import ConfigError
from kiosk.instance import KioskAlreadyRunning


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


def _parser() -> argparse.ArgumentParser:
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
    common = [common_options(in_sub_command=True)]
    sub = parser.add_subparsers(dest="command")
    enrol = sub.add_parser("enrol", parents=common, help="enrol this kiosk with the central")
    enrol.add_argument("--code", required=True, help="one-time enrolment code from the operators")
    outbox_cli.add_parser(sub, common)
    sync_cli.add_parser(sub, common)
    lookup_cli.add_parser(sub, common)
    devices_cli.add_parser(sub, common)
    prints_cli.add_parser(sub, common)
    catalogue_cli.add_parser(sub, common)
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
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        config = config_from_args(args)
    except ConfigError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2
    if args.command == "enrol":
        return _enrol(config, args.code)
    if args.command == "outbox":
        return outbox_cli.run(config, args)
    if args.command == "sync":
        return sync_cli.run(config, args)
    if args.command == "lookup":
        return lookup_cli.run(config, args)
    if args.command == "devices":
        return devices_cli.run(config, args)
    if args.command == "prints":
        return prints_cli.run(config, args)
    if args.command == "catalogue":
        return catalogue_cli.run(config, args)
    from kiosk.shell.app import run  # Qt only for the kiosk itself, not for technician commands

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
