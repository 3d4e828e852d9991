"""`kiosk verify`: is a printed slip genuine? Checked offline, by anyone with the keys.

kiosk verify FILE.pdf|FILE.png [--keys FILE] [--json]
kiosk verify --qr TEXT [--keys FILE] [--json]

Finds the QR code on the slip (a PDF's pages rendered, or a photo or scan of
it), checks its Ed25519 signature and prints the verdict (``valid``, ``invalid
signature``, ``unknown key``, ``expired key``), who signed it and the signed
fields. A licence (``KCV1``) is checked against the central's keys: those the
kiosk cached from ``GET /v1/keys``, or ``--keys FILE``, a saved body of that
endpoint. An acceptance receipt (``KRV2``) is checked against the keys this
kiosk signed receipts with, and any kiosk keys the central publishes. Nothing
is sent anywhere. Exit 0 only when every slip found is valid, 1 when one is not
(or none is found), 2 for usage errors (no such file, not a keys body).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Any

from kiosk.clock import SystemClock
from kiosk.config import KioskConfig
from kiosk.sync.identity import IdentityStore
from kiosk.verification.envelope import LICENCE, SlipQrError, is_signed_qr
from kiosk.verification.key_cache import SlipKeys
from kiosk.verification.keys import KeyOwner, KeyRing, KeysBodyError
from kiosk.verification.verify import SlipCheck, verify_slip
from offline_cache.db import Database, StorageError
from offline_cache.verification_keys import VerificationKeyStore

DATABASE = "kiosk.sqlite3"


class _Usage(Exception):
    """A usage error: exit 2 with this message."""


def add_parser(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``verify`` sub-command to the ``kiosk`` sub-parsers ``sub``."""
    verify = sub.add_parser(
        "verify",
        parents=parents,
        help="check a printed licence or receipt's signed QR code, offline",
    )
    verify.add_argument(
        "file", nargs="?", type=Path, metavar="FILE", help="the slip as a PDF or an image"
    )
    verify.add_argument("--qr", metavar="TEXT", help="the QR code's text instead of a file")
    verify.add_argument(
        "--keys",
        type=Path,
        metavar="FILE",
        help="the central's keys: a saved body of GET /v1/keys (default: the kiosk's cache)",
    )
    verify.add_argument("--json", action="store_true", help="the result as one JSON object")


def run(config: KioskConfig, args: argparse.Namespace) -> int:
    try:
        codes = _codes(args)
        with contextlib.ExitStack() as cleanup:
            keys, source = _keys(config, args, cleanup)
            ring = keys.ring(_read_keys_file(args.keys) if args.keys else None)
            checks = [_check(code, ring) for code in codes if is_signed_qr(code)]
    except _Usage as exc:
        _say(f"kiosk verify: {exc}", err=True)
        return 2
    except KeysBodyError as exc:
        _say(f"kiosk verify: {args.keys} is not a saved body of GET /v1/keys: {exc}", err=True)
        return 2
    except StorageError as exc:
        _say(f"kiosk verify: the kiosk's key cache cannot be read: {exc}", err=True)
        return 1
    others = len(codes) - len(checks)
    valid = bool(checks) and all(isinstance(c, SlipCheck) and c.valid for c in checks)
    if args.json:
        _say(json.dumps(_json(checks, others, ring, source, valid), ensure_ascii=False))
    else:
        _show(checks, others, ring, source)
    return 0 if valid else 1


def _codes(args: argparse.Namespace) -> list[str]:
    if (args.file is None) == (args.qr is None):
        raise _Usage("give the slip as FILE (a PDF or an image) or its code with --qr TEXT")
    if args.qr is not None:
        return [str(args.qr)]
    # Imported here: zxing-cpp and Pillow only for a file, not for every `kiosk` command.
    from kiosk.verification.qr_images import SlipFileError, codes_in_file

    try:
        return codes_in_file(Path(args.file))
    except SlipFileError as exc:
        raise _Usage(str(exc)) from None


def _keys(
    config: KioskConfig, args: argparse.Namespace, cleanup: contextlib.ExitStack
) -> tuple[SlipKeys, str]:
    """The kiosk's keys, from its database when it has one (none is made here)."""
    path = config.data_dir / DATABASE
    store = None
    if path.is_file():
        db = Database.open(path)
        cleanup.callback(db.close)
        store = VerificationKeyStore(db)
    keys = SlipKeys(store, IdentityStore(config.data_dir / "identity"), SystemClock())
    if args.keys:
        return keys, f"from {args.keys}"
    fetched = keys.fetched_at()
    return keys, f"cached {fetched}" if fetched else "none cached"


def _read_keys_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _Usage(f"cannot read the keys file {path}: {exc}") from None


def _check(code: str, ring: KeyRing) -> SlipCheck | str:
    """The check of one signed code, or why it is not one (a malformed code)."""
    try:
        return verify_slip(code, ring, SystemClock().now())
    except SlipQrError as exc:
        return f"not a readable signed slip: {exc}"


def _show(checks: list[SlipCheck | str], others: int, ring: KeyRing, source: str) -> None:
    if not checks:
        found = f" ({others} other code(s) found)" if others else ""
        _say(f"no signed slip's QR code found{found}")
    for check in checks:
        if isinstance(check, str):
            _say(check)
            continue
        _say(f"{check.verdict.value}: {check.kind} signed by {check.signer}")
        if not check.valid:
            _say(f"  why: {check.detail}")
        _say(
            "  what it says (confirmed by the signature):"
            if check.valid
            else "  what it says (NOT confirmed):"
        )
        width = max((len(f.label) for f in check.content.fields), default=0)
        for field in check.content.fields:
            _say(f"    {field.label.ljust(width)}  {field.value}")
    central = sum(1 for key in ring if key.owner is KeyOwner.CENTRAL)
    own = sum(1 for key in ring if key.this_kiosk)
    _say(f"checked offline: {central} key(s) of the central ({source}), {own} of this kiosk")
    if central == 0 and any(isinstance(c, SlipCheck) and c.qr.scheme == LICENCE for c in checks):
        _say(
            "  a licence needs the central's keys: give --keys FILE (a saved body of "
            "GET /v1/keys), or let this kiosk reach its central once"
        )


def _json(
    checks: list[SlipCheck | str], others: int, ring: KeyRing, source: str, valid: bool
) -> dict[str, Any]:
    return {
        "valid": valid,
        "slips": [
            check.to_json()
            if isinstance(check, SlipCheck)
            else {"result": "unreadable", "detail": check}
            for check in checks
        ],
        "other_codes": others,
        "keys": {
            "source": source,
            "central": sum(1 for key in ring if key.owner is KeyOwner.CENTRAL),
            "this_kiosk": sum(1 for key in ring if key.this_kiosk),
        },
    }


def _say(line: str, *, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(line + "\n")
