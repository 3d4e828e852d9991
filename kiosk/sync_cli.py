"""`kiosk sync`: drain the outbox to the central without the kiosk's screens.

kiosk sync run --once          one drain: every row due now, sent once each
kiosk sync run --until-empty   drain again and again (waiting out each row's back-off)
                               until nothing is left to send

The same `SyncEngine` as the kiosk, on the same data directory, with the same
keys: a row is sent only with its own idempotency key, so running this beside
the kiosk, or after it died, never makes a second application (the outbox's
lease keeps two senders off the same row). It needs a configured central
(``--central URL`` or ``[central] url``); a kiosk not yet enrolled is enrolled
with ``[central] enrolment_code`` if there is one, as the kiosk does at start.

Exit status: 0 when nothing is left to send (``--once``: whatever is left), 1 when
submissions wait for staff (rejected or stuck) or the outbox cannot be read, 2
when the kiosk has no central or no identity. Nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from kiosk.clock import SystemClock
from kiosk.config import KioskConfig
from kiosk.keys import DataKeyError
from kiosk.sealed_outbox import open_kiosk_outbox
from kiosk.sync.client import CentralClient
from kiosk.sync.engine import SyncEngine, SyncPolicy, SyncReport
from kiosk.sync.enrolment import enrol
from kiosk.sync.errors import SyncError
from kiosk.sync.identity import IdentityStore
from kiosk.sync.signing import RequestSigner
from offline_cache.db import Database, StorageError
from offline_cache.outbox import Outbox, OutboxState

IN_FLIGHT = (OutboxState.PENDING, OutboxState.SENDING)
FOR_STAFF = (OutboxState.REJECTED, OutboxState.STUCK)


def add_parser(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``sync`` sub-command to the ``kiosk`` sub-parsers ``sub``."""
    sync = sub.add_parser(
        "sync",
        parents=parents,
        help="send the outbox to the central without the screens (run --once|--until-empty)",
        description="Send what waits in the outbox to the central, as the kiosk does,"
        " with the same keys: never a second application.",
    )
    actions = sync.add_subparsers(dest="sync_command", title="action", metavar="run")
    actions.required = True
    run_parser = actions.add_parser(
        "run", parents=parents, help="drain the outbox once, or until nothing is left to send"
    )
    mode = run_parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--once", action="store_true", help="one drain of every row due now")
    mode.add_argument(
        "--until-empty",
        action="store_true",
        help="drain again after each row's back-off until nothing is pending or being sent",
    )


def run(config: KioskConfig, args: argparse.Namespace) -> int:
    """Drain the outbox of ``config.data_dir``; the exit status."""
    if not config.central_url:
        _say(
            "kiosk sync: give the central's URL with --central or [central] url"
            " (the sandbox runs only with the kiosk itself)",
            err=True,
        )
        return 2
    client = _client(config)
    if client is None:
        return 2
    try:
        db = Database.open(config.data_dir / "kiosk.sqlite3")
    except StorageError as exc:
        _say(f"kiosk sync: {exc}", err=True)
        return 1
    try:
        # What this drain delivers is purged as the kiosk purges it ([privacy]); the
        # bodies are sealed under the kiosk's data key, as the kiosk seals them.
        outbox = open_kiosk_outbox(config, db)
        outbox.seal_clear_rows()  # queued in clear by a kiosk from before sealing
        clock = SystemClock()
        engine = SyncEngine(outbox, lambda: client, clock, policy=SyncPolicy.from_config(config))
        total = SyncReport()
        while True:
            total = _add(total, engine.run_once())
            if args.once:
                break
            wait = _until_next(outbox, clock.now().timestamp(), config.sync_interval_s)
            if wait is None:
                break
            time.sleep(wait)
        counts = {state: len(outbox.items(state)) for state in (*IN_FLIGHT, *FOR_STAFF)}
    except (StorageError, DataKeyError) as exc:
        _say(f"kiosk sync: {exc}", err=True)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        db.close()
    waiting = sum(counts[state] for state in IN_FLIGHT)
    staff = sum(counts[state] for state in FOR_STAFF)
    _say(
        f"delivered {total.delivered}, retried {total.retrying}, rejected {total.rejected},"
        f" stuck {total.stuck}; still to send {waiting}, for staff {staff}"
        + (" (see `kiosk outbox`)" if staff else "")
    )
    return 1 if staff else 0


def _client(config: KioskConfig) -> CentralClient | None:
    """The signed client, enrolling first with the configured code if need be."""
    assert config.central_url is not None
    store = IdentityStore(config.data_dir / "identity")
    identity = store.load()
    if identity is None and config.enrolment_code:
        try:
            identity = enrol(
                CentralClient(config.central_url, timeout_s=config.central_timeout_s),
                store,
                code=config.enrolment_code,
                kiosk_id=config.kiosk_id,
            )
        except SyncError as exc:
            _say(f"kiosk sync: enrolment refused: {exc}", err=True)
            return None
    if identity is None:
        _say("kiosk sync: not enrolled: run `kiosk enrol --code CODE` first", err=True)
        return None
    signer = RequestSigner(identity.private_key, identity.key_id, SystemClock())
    return CentralClient(config.central_url, signer=signer, timeout_s=config.central_timeout_s)


def _until_next(outbox: Outbox, now: float, interval_s: float) -> float | None:
    """Seconds until a row is due again (at most ``interval_s``); None when none will be."""
    times = [item.next_attempt_at for item in outbox.items(OutboxState.PENDING)]
    times += [item.lease_until for item in outbox.items(OutboxState.SENDING)]
    if not times:
        return None
    return min(max(0.01, min(times) - now), interval_s)


def _add(a: SyncReport, b: SyncReport) -> SyncReport:
    return SyncReport(
        a.delivered + b.delivered,
        a.retrying + b.retrying,
        a.rejected + b.rejected,
        a.stuck + b.stuck,
    )


def _say(line: str, *, err: bool = False) -> None:
    """One line of the command's output (stdout, or stderr for errors)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(line + "\n")
