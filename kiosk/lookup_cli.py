"""`kiosk lookup`: staff and technicians look up an application's status.

kiosk lookup REFERENCE|APPNO --id-number N [--json]

REFERENCE is the provisional reference the citizen was given (``K0001-000123``),
APPNO the central's application number. A submission still queued on this
kiosk is "not sent yet"; otherwise the central answers with the status and its
history (`kiosk.lookup`). With the embedded sandbox the command uses the
running kiosk's sandbox, or starts it for the lookup when the kiosk is not
running. Exit 0 when found or still queued, 1 when not found, refused by the
central or the central cannot answer, 2 for usage errors (e.g. not enrolled).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from typing import Any

from kiosk.clock import SystemClock
from kiosk.config import KioskConfig
from kiosk.embedded_central import EmbeddedCentral, EmbeddedCentralError
from kiosk.instance import running_kiosk
from kiosk.keys import DataKeyError
from kiosk.lookup import LookupOutcome, LookupResult, look_up
from kiosk.sealed_outbox import open_kiosk_outbox
from kiosk.sync.client import CentralClient
from kiosk.sync.errors import SyncError
from kiosk.sync.identity import IdentityStore
from kiosk.sync.signing import RequestSigner
from offline_cache.db import Database, StorageError


class _CannotAsk(Exception):
    """The central cannot be asked from here (not enrolled, sandbox not started)."""


def add_parser(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``lookup`` sub-command to the ``kiosk`` sub-parsers ``sub``."""
    lookup = sub.add_parser(
        "lookup",
        parents=parents,
        help="an application's status, by provisional reference or application number",
    )
    lookup.add_argument("name", metavar="REFERENCE|APPNO", help="e.g. K0001-000123")
    lookup.add_argument(
        "--id-number", required=True, help="the applicant's identity document number"
    )
    lookup.add_argument("--json", action="store_true", help="the result as one JSON object")


def run(config: KioskConfig, args: argparse.Namespace) -> int:
    try:
        db = Database.open(config.data_dir / "kiosk.sqlite3")
    except StorageError as exc:
        _say(f"kiosk lookup: {exc}", err=True)
        return 1
    with contextlib.ExitStack() as cleanup:
        cleanup.callback(db.close)
        try:
            # A queued submission's identity number is compared in its opened body.
            outbox = open_kiosk_outbox(config, db, purging=False)
            result = look_up(
                str(args.name), str(args.id_number), outbox, lambda: _client(config, cleanup)
            )
        except DataKeyError as exc:
            _say(f"kiosk lookup: {exc}", err=True)
            return 2
        except _CannotAsk as exc:
            _say(f"kiosk lookup: {exc}", err=True)
            return 2
        except (SyncError, StorageError, EmbeddedCentralError) as exc:
            _say(f"kiosk lookup: the central could not be asked: {exc}", err=True)
            return 1
    if args.json:
        _say(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        _show(str(args.name), result)
    return 0 if result.outcome in (LookupOutcome.FOUND, LookupOutcome.NOT_SENT) else 1


def _client(config: KioskConfig, cleanup: contextlib.ExitStack) -> CentralClient:
    identity = IdentityStore(config.data_dir / "identity").load()
    if identity is None:
        raise _CannotAsk("this kiosk is not enrolled with a central: run `kiosk enrol`")
    url = config.central_url or _sandbox_url(config, cleanup)
    signer = RequestSigner(identity.private_key, identity.key_id, SystemClock())
    return CentralClient(url, signer=signer, timeout_s=config.central_timeout_s)


def _sandbox_url(config: KioskConfig, cleanup: contextlib.ExitStack) -> str:
    """The running kiosk's sandbox, or one started for this command."""
    port_file = config.data_dir / "central-sandbox" / "port"
    if running_kiosk(config.data_dir) is not None:
        text = port_file.read_text().strip() if port_file.is_file() else ""
        if not text.isdigit():
            raise _CannotAsk("the kiosk is running but its central sandbox has not started yet")
        return f"http://127.0.0.1:{int(text)}"
    # The sandbox is the kiosk's child process: with no kiosk, run it for the lookup
    # on the same database (the kiosk's key is still enrolled there).
    sandbox = EmbeddedCentral(config.data_dir)
    cleanup.callback(sandbox.stop)
    return sandbox.start()


def _show(name: str, result: LookupResult) -> None:
    reference = result.reference or name
    if result.outcome is LookupOutcome.NOT_SENT:
        _say(f"{reference}: not sent yet: the kiosk sends it as soon as it reaches the central")
        return
    if result.outcome is LookupOutcome.REFUSED:
        _say(f"{reference}: refused by the central, staff must look at it: {result.detail}")
        return
    if result.outcome is LookupOutcome.NOT_FOUND:
        _say(f"{name}: not found ({result.detail})")
        return
    names = (
        f"{result.reference} = {result.application_no}"
        if result.reference and result.reference != result.application_no
        else str(result.application_no)
    )
    _say(f"{names}  {result.service}  status {result.status}")
    for entry in result.history:
        note = f"  {entry.get('note')}" if entry.get("note") else ""
        _say(f"  {entry.get('at')}  {entry.get('status')}{note}")
    if result.licence:
        printable = "printable" if result.licence.get("printable") else "already printed"
        _say(f"  licence {result.licence.get('uscc')} ({printable})")


def _say(line: str, *, err: bool = False) -> None:
    """One line of the command's output (stdout, or stderr for errors)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(line + "\n")
