"""The `kiosk` command: runs the kiosk, and holds the technicians' sub-commands.

kiosk [--config FILE] [--central URL] [--windowed] [--data-dir DIR] [--lang zh|en]
kiosk enrol --code CODE [--central URL]       enrol this kiosk with the central
kiosk outbox                                  what is waiting to be sent
kiosk devices list|test NAME|read-id ...      check the devices (see kiosk.devices_cli)
kiosk prints list|resume|confirm|reprint ...  the print journal (see kiosk.prints_cli)
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from devices.errors import DeviceConfigError
from kiosk import devices_cli, prints_cli
from kiosk.config import KioskConfig, load_config
from kiosk.errors import ConfigError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Business registration kiosk")
    parser.add_argument("--config", type=Path, help="TOML configuration file")
    parser.add_argument("--central", help="URL of the central system (default: start the sandbox)")
    parser.add_argument("--windowed", action="store_true", help="a normal window, for development")
    parser.add_argument("--data-dir", type=Path, help="where the kiosk keeps its data")
    parser.add_argument("--lang", choices=("zh", "en"), help="starting language")
    parser.add_argument(
        "--demo", action="store_true", help="demo mode: the developer panel drives the simulators"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command")
    enrol = sub.add_parser("enrol", help="enrol this kiosk with the central")
    enrol.add_argument("--code", required=True, help="one-time enrolment code from the operators")
    sub.add_parser("outbox", help="list submissions not yet acknowledged by the central")
    devices_cli.add_parser(sub)
    prints_cli.add_parser(sub)
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
        return _outbox(config)
    if args.command == "devices":
        return devices_cli.run(config, args)
    if args.command == "prints":
        return prints_cli.run(config, args)
    from kiosk.shell.app import run  # Qt only for the kiosk itself, not for technician commands

    try:
        return run(config)
    except DeviceConfigError as exc:
        print(f"kiosk: {exc} (check it with `kiosk devices list`)", file=sys.stderr)
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


def _outbox(config: KioskConfig) -> int:
    from offline_cache.db import Database
    from offline_cache.outbox import Outbox

    db = Database.open(config.data_dir / "kiosk.sqlite3")
    for item in Outbox(db).items():
        print(
            json.dumps(
                {
                    "key": item.idempotency_key,
                    "state": item.state.value,
                    "created_at": item.created_at,
                    "attempts": item.attempts,
                    "application_no": item.result_ref,
                    "last_error": item.last_error,
                },
                ensure_ascii=False,
            )
        )
    db.close()
    return 0
