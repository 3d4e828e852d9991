"""`kiosk catalogue check` and `try`: which services of a catalogue this kiosk offers (and why
not the rest), and running one headless (kiosk.catalogue_try).

kiosk catalogue check FILE [--json]            a catalogue file (the central's JSON body)
kiosk catalogue check --central URL [--json]   the central's catalogue, fetched signed
kiosk catalogue try SERVICE --answers FILE [--document FILE] [--reservation TOKEN] [--central URL]

For each service: its code, flow, whether it is offered, and each reason it is
not, with its path inside the service. Exit 0 when the catalogue parses (even if
nothing is offered), 2 on a usage error or a catalogue that does not parse, 1
when the central cannot be reached. The central gives its catalogue to enrolled
kiosks only (every request is signed), so ``--central`` uses this kiosk's
identity in its data dir. Nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kiosk.catalogue import Catalogue, parse_catalogue
from kiosk.config import KioskConfig
from kiosk.errors import CatalogueError

_USAGE = "give a catalogue FILE, or --central URL to fetch it from the central"


def add_parser(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``catalogue`` sub-command to the ``kiosk`` sub-parsers ``sub``."""
    catalogue = sub.add_parser(
        "catalogue",
        parents=parents,
        help="check a service catalogue: what this kiosk offers, and why not the rest",
    )
    actions = catalogue.add_subparsers(dest="catalogue_command", required=True)
    check = actions.add_parser(
        "check",
        parents=parents,
        help="list each service, whether it is offered, and why not",
        description="Parse a catalogue as this kiosk does and list each service's code, flow,"
        " whether it is offered, and the reasons (with their paths) when it is not.",
    )
    check.add_argument("file", nargs="?", type=Path, help="a catalogue JSON file")
    check.add_argument("--json", action="store_true", help="one JSON object")
    attempt = actions.add_parser(
        "try",
        parents=parents,
        help="run a service step by step with given answers, and submit it",
        description="Run SERVICE headless, step by step, on the same interpreter as the screens;"
        " print each step and its problems; submit through the outbox and the sync engine"
        " and print the application number alone on the last line.",
    )
    attempt.add_argument("service", help="the service's code, e.g. GT-SETUP")
    attempt.add_argument(
        "--answers", type=Path, required=True, help="the form as JSON (a signature: a PNG path)"
    )
    attempt.add_argument(
        "--document", type=Path, help="an identity document as `kiosk devices read-id --json`"
    )
    attempt.add_argument(
        "--reservation",
        metavar="TOKEN",
        help="a name reservation's token (the last line of `kiosk catalogue try NAME-DECL`),"
        " for a service that requires one; the answers give the reserved name",
    )


def run(config: KioskConfig, args: argparse.Namespace) -> int:
    """Check the catalogue named by ``args``, or try a service; the exit status."""
    if args.catalogue_command == "try":
        return _try(config, args)
    return _check(config, args)


def _try(config: KioskConfig, args: argparse.Namespace) -> int:
    from kiosk.catalogue_try import document_from_json, load_answers, try_service
    from kiosk.instance import KioskAlreadyRunning
    from kiosk.runtime import KioskServices

    try:
        answers = load_answers(args.answers)
        document = (
            document_from_json(json.loads(args.document.read_text(encoding="utf-8")))
            if args.document
            else None
        )
    except (OSError, ValueError, KeyError) as exc:
        return _fail(f"cannot use the answers or the document: {exc}")
    try:
        services = KioskServices(config)
    except KioskAlreadyRunning as exc:
        return _fail(f"{exc}: stop it first, or give another --data-dir")
    try:
        status = services.connect_central()
        catalogue = services.refresh_catalogue() or services.cached_catalogue()
        if catalogue is None:
            sys.stdout.write(f"no catalogue from the central ({status.detail})\n")
            return 1
        return try_service(
            services,
            catalogue,
            args.service,
            answers,
            document,
            sys.stdout,
            args.answers.parent,
            reservation=args.reservation,
        )
    finally:
        services.close()


def _check(config: KioskConfig, args: argparse.Namespace) -> int:
    """Check the catalogue named by ``args``; the exit status."""
    # What the kiosk runs is what its steps register (kiosk.forms.kinds): load them
    # so that this check answers as the kiosk itself would.
    from kiosk.steps import registered  # noqa: F401

    url = getattr(args, "central", None)
    if args.file is not None and url:
        return _fail(f"either a FILE or --central, not both ({_USAGE})")
    if args.file is not None:
        try:
            data = json.loads(args.file.read_text(encoding="utf-8"))
        except OSError as exc:
            return _fail(f"cannot read {args.file}: {exc.strerror or exc}")
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return _fail(f"{args.file} is not JSON: {exc}")
    elif url:
        fetched = _fetch(config, url.rstrip("/"))
        if isinstance(fetched, int):
            return fetched
        data = fetched
    else:
        return _fail(_USAGE)
    try:
        catalogue = parse_catalogue(data)
    except CatalogueError as exc:
        return _fail(f"the catalogue does not parse, the kiosk would refuse it: {exc}")
    if args.json:
        _say(json.dumps(report(catalogue), ensure_ascii=False, indent=2))
    else:
        for line in _lines(catalogue):
            _say(line)
    return 0


def report(catalogue: Catalogue) -> dict[str, Any]:
    """The check as JSON: version, and per service code, flow, offered and reasons."""
    return {
        "version": catalogue.version,
        "services": [
            {
                "code": s.code,
                "flow": s.flow,
                "offered": s.offered_on_kiosk,
                "reasons": list(s.not_offered),
            }
            for s in catalogue.services
        ],
    }


def _lines(catalogue: Catalogue) -> list[str]:
    offered = len(catalogue.offered)
    lines = [
        f"catalogue {catalogue.version}: {len(catalogue.services)} services,"
        f" {offered} offered on this kiosk"
    ]
    width = max((len(s.code) for s in catalogue.services), default=0)
    for service in catalogue.services:
        verdict = "offered" if service.offered_on_kiosk else "not offered"
        lines.append(f"{service.code:<{width}}  {service.flow:<13}  {verdict}")
        lines += [f"    {reason}" for reason in service.not_offered]
    return lines


def _fetch(config: KioskConfig, url: str) -> dict[str, Any] | int:
    """The central's catalogue, asked for with this kiosk's signature; an exit status if not."""
    from kiosk.clock import SystemClock
    from kiosk.sync.client import CentralClient
    from kiosk.sync.errors import SyncError
    from kiosk.sync.identity import IdentityStore
    from kiosk.sync.signing import RequestSigner

    try:
        identity = IdentityStore(config.data_dir / "identity").load()
    except (OSError, ValueError, KeyError) as exc:
        return _fail(f"cannot read this kiosk's identity in {config.data_dir}: {exc}")
    if identity is None:
        return _fail(
            f"the central gives its catalogue to enrolled kiosks only, and no enrolment"
            f" was found in {config.data_dir}: run `kiosk enrol --code CODE --central {url}`"
            " first, or check a catalogue FILE"
        )
    signer = RequestSigner(identity.private_key, identity.key_id, SystemClock())
    try:
        body, _etag = CentralClient(url, signer=signer).catalogue(None)
    except SyncError as exc:
        _say(f"kiosk catalogue check: the central did not give its catalogue: {exc}", err=True)
        return 1
    if body is None:  # pragma: no cover - no If-None-Match was sent
        return _fail("the central sent no catalogue")
    return body


def _fail(message: str) -> int:
    _say(f"kiosk catalogue check: {message}", err=True)
    return 2


def _say(text: str, *, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(text + "\n")
