"""``kiosk-central``: the sandbox operators' command line (also ``python -m central``).

Every sub-command works on the same database as the server and may run while
the server is serving: ``--database URL``, else ``KIOSK_CENTRAL_DATABASE``,
else the kiosk user's embedded sandbox database if it exists, else this
sandbox's default in the user's data directory (`central.database_location`).
Each command says on stderr which database it uses; only ``serve`` and
``enrolment-code`` create a missing one, the others exit 1 saying it is missing. Output meant for scripts is on the
last line (``enrolment-code`` prints the code alone; ``approve`` the USCC) or
is JSON (``applications --json``, ``kiosks --json``). Operator mistakes
(unknown application, a decision that cannot follow the current status) exit
with status 1 and a message on stderr.
"""

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

from central import queue_cli
from central.app import DATABASE_ENV, WITHOUT_ENV, create_app, extensions_left_out
from central.applications import change_status, list_applications
from central.catalogue import CATALOGUE_ENV, load_catalogue
from central.clock import rfc3339, system_clock
from central.database import Database, DatabaseUrlError, shown_url
from central.database_location import choose_database, kiosk_sandbox_database, standalone_database
from central.enrolment import create_code, revoke_kiosk
from central.heartbeats import COMMAND_KINDS, kiosk_overview, queue_command
from central.licences import allow_reprint, approve
from central.links import operator_notes
from central.logs import kiosk_logs
from central.maintenance import set_maintenance
from central.problems import Problem
from central.registry import load_registry
from central.server import serve, serve_workers
from central.text import describe, escaped, refused_character


class OperatorError(Exception):
    """A command that cannot be carried out as asked (exit status 1)."""


CREATING_COMMANDS = frozenset({"serve", "enrolment-code"})
"""The commands that set a sandbox up, and so may create its database."""


def _database(args: argparse.Namespace) -> Database:
    """The command's database, opened once (:func:`main` closes it)."""
    opened: Database | None = getattr(args, "opened_database", None)
    if opened is None:
        opened = args.opened_database = Database(args.database)
    return opened


def _serve(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        without = extensions_left_out(",".join(args.without or [os.environ.get(WITHOUT_ENV, "")]))
    except ValueError as exc:
        raise OperatorError(str(exc)) from exc
    if args.workers < 1:
        raise OperatorError("--workers must be at least 1")
    if args.workers > 1:
        # The workers are new processes: they build the app from the environment.
        Database(args.database).close()  # set it up once; fail here if it is unusable
        os.environ[DATABASE_ENV] = args.database
        os.environ[WITHOUT_ENV] = ",".join(sorted(without))
        if args.catalogue is not None:
            os.environ[CATALOGUE_ENV] = str(args.catalogue.resolve())
        load_catalogue()  # fail here, not in every worker, if it is broken
        return serve_workers(
            workers=args.workers,
            host=args.host,
            port=args.port,
            port_file=args.port_file,
            log_level=args.log_level,
        )
    app = create_app(args.database, catalogue_path=args.catalogue, without=without)
    return serve(
        app, host=args.host, port=args.port, port_file=args.port_file, log_level=args.log_level
    )


def _operator_text(option: str, value: str) -> str:
    """An operator's text that kiosks show or print (a site, a note, a reason): one line,
    no character :mod:`central.text` refuses (nor an undecodable byte of the command line,
    which Python hands over as a lone surrogate)."""
    char = refused_character(value)
    if char is not None:
        raise OperatorError(
            f"{option} contains {describe(char)}; kiosks show and print this text, so it may"
            " hold no control, invisible formatting or unprintable characters"
        )
    return value


def _enrolment_code(args: argparse.Namespace) -> int:
    _operator_text("--site", args.site)
    now = system_clock()
    ttl = timedelta(hours=args.ttl_hours)
    with _database(args).transaction() as connection:
        try:
            code = create_code(
                connection,
                kiosk_id=args.kiosk_id,
                site=args.site,
                ttl=ttl,
                now=now,
                region=args.region,
            )
        except ValueError as exc:
            raise OperatorError(str(exc)) from exc
    print(
        f"One-time enrolment code for {args.kiosk_id} at {args.site}, valid until {rfc3339(now + ttl)}:"
    )
    print(code)
    return 0


def _decide(status: str, note_attribute: str | None) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        note = getattr(args, note_attribute) if note_attribute else None
        if note is not None:
            _operator_text(f"--{note_attribute}", note)
        with _database(args).transaction() as connection:
            change_status(connection, args.application_no, status, note, system_clock())
        print(f"{args.application_no} is now {status}.")
        return 0

    return run


def _approve(args: argparse.Namespace) -> int:
    with _database(args).transaction() as connection:
        uscc = approve(
            connection,
            args.application_no,
            catalogue=load_catalogue(),
            registry=load_registry(),
            now=system_clock(),
        )
    if uscc is None:
        print(f"{args.application_no} is now approved (this service issues no licence).")
    else:
        print(
            f"{args.application_no} is now approved; licence issued with unified social credit code:"
        )
        print(uscc)
    return 0


def _revoke_kiosk(args: argparse.Namespace) -> int:
    with _database(args).transaction() as connection:
        count = revoke_kiosk(connection, args.kiosk_id, system_clock())
    if count == 0:
        raise OperatorError(f"kiosk {args.kiosk_id} has no active key")
    print(f"Revoked {count} key(s) of {args.kiosk_id}; it must enrol again with a new code.")
    return 0


def _applications(args: argparse.Namespace) -> int:
    with _database(args).reading() as connection:
        listing = list_applications(connection)
    if args.json:
        print(json.dumps(listing, ensure_ascii=False, indent=2))
        return 0
    if not listing:
        print("No applications received.")
    registry = load_registry()
    for item in listing:
        applicant = item["applicant"]
        print(
            f"{item['application_no']}  {item['status']:<16} {item['service']:<10} {item['kiosk_id']:<16} "
            f"{escaped(str(applicant.get('name')))}  {item['received_at']}"
            + (f"  licence {item['uscc']}" if item["uscc"] else "")
            + operator_notes(item["form"], registry.service_rules(item["service"]))
        )
    return 0


def _command(args: argparse.Namespace) -> int:
    with _database(args).transaction() as connection:
        try:
            command_id = queue_command(connection, args.kiosk_id, args.kind, system_clock())
        except ValueError as exc:
            raise OperatorError(str(exc)) from exc
    print(
        f"Queued {args.kind} for {args.kiosk_id}; it is sent with every heartbeat until the kiosk reports a result:"
    )
    print(command_id)
    return 0


def _allow_reprint(args: argparse.Namespace) -> int:
    with _database(args).transaction() as connection:
        try:
            allow_reprint(connection, args.uscc)
        except LookupError as exc:
            raise OperatorError(str(exc)) from exc
    print(f"One more original of licence {args.uscc} may be printed.")
    return 0


def _kiosks(args: argparse.Namespace) -> int:
    with _database(args).reading() as connection:
        overview = kiosk_overview(connection)
    if args.json:
        print(json.dumps(overview, ensure_ascii=False, indent=2))
        return 0
    if not overview:
        print("No kiosks enrolled.")
    for kiosk in overview:
        print(
            f"{kiosk['kiosk_id']:<20} key {kiosk['key_id']}  last seen {kiosk['last_seen'] or 'never'}  {kiosk['state'] or ''}"
        )
    return 0


def _logs(args: argparse.Namespace) -> int:
    with _database(args).reading() as connection:
        uploads = kiosk_logs(connection, args.kiosk_id)
    if args.json:
        print(json.dumps(uploads, ensure_ascii=False, indent=2))
        return 0
    if not uploads:
        print(f"No logs uploaded by {args.kiosk_id}.")
    for upload in uploads:
        print(f"== {upload['log_id']} at {upload['received_at']} ({len(upload['lines'])} lines)")
        for line in upload["lines"]:
            print(escaped(line))
    return 0


def _maintenance(args: argparse.Namespace) -> int:
    retry_after = args.retry_after if args.switch == "on" else None
    with _database(args).transaction() as connection:
        try:
            set_maintenance(connection, retry_after)
        except ValueError as exc:
            raise OperatorError(str(exc)) from exc
    if retry_after is None:
        print("Maintenance is off; the central serves requests again.")
    else:
        print(f"Maintenance is on: requests get 503 with Retry-After: {retry_after}.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (``--database`` is accepted before or after the sub-command)."""
    database_help = (
        f"database URL (default: ${DATABASE_ENV}, else the kiosk's embedded sandbox"
        f" {kiosk_sandbox_database()} if it exists, else {standalone_database()})"
    )
    parser = argparse.ArgumentParser(
        prog="kiosk-central", description="Sandbox of the central government-service system."
    )
    parser.add_argument("--database", default=None, help=database_help)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database", default=argparse.SUPPRESS, help=database_help)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, run: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    sub = add("serve", _serve, "Serve the central's HTTP interface.")
    sub.add_argument("--host", default="127.0.0.1")
    sub.add_argument("--port", type=int, default=8700, help="0 binds an ephemeral port")
    sub.add_argument(
        "--port-file", type=Path, help="write the bound port here once connections are accepted"
    )
    sub.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"]
    )
    sub.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes sharing the port (default 1; SQLite and PostgreSQL alike)",
    )
    sub.add_argument(
        "--catalogue",
        type=Path,
        help="serve this catalogue instead of the packaged one (also $KIOSK_CENTRAL_CATALOGUE)",
    )
    sub.add_argument(
        "--without",
        action="append",
        metavar="EXTENSION",
        help="leave an extension out (queue-tickets, appointments; also $"
        + WITHOUT_ENV
        + "), to stand in for a central without it",
    )

    sub = add("enrolment-code", _enrolment_code, "Make a one-time enrolment code for a kiosk.")
    sub.add_argument("--kiosk-id", required=True)
    sub.add_argument("--site", required=True, help="where the kiosk stands")
    sub.add_argument("--ttl-hours", type=float, default=24.0)
    sub.add_argument(
        "--region", help="six-digit division code of the site (default: from the kiosk id)"
    )

    sub = add("approve", _approve, "Approve an application and issue its licence.")
    sub.add_argument("application_no")
    sub = add("reject", _decide("rejected", "reason"), "Refuse an application, with the reason.")
    sub.add_argument("application_no")
    sub.add_argument("--reason", required=True)
    sub = add(
        "needs-correction",
        _decide("needs_correction", "note"),
        "Return an application for correction.",
    )
    sub.add_argument("application_no")
    sub.add_argument("--note", required=True)
    sub = add("start-review", _decide("under_review", None), "Mark an application as under review.")
    sub.add_argument("application_no")

    sub = add("revoke-kiosk", _revoke_kiosk, "Revoke a kiosk's key.")
    sub.add_argument("kiosk_id")
    sub = add("applications", _applications, "List every application received.")
    sub.add_argument(
        "--json", action="store_true", help="machine-readable, with forms and applicants"
    )
    sub = add("command", _command, "Queue a remote command for a kiosk.")
    sub.add_argument("kiosk_id")
    sub.add_argument("kind", choices=COMMAND_KINDS)
    sub = add("allow-reprint", _allow_reprint, "Allow one more original of a printed licence.")
    sub.add_argument("uscc")
    sub = add(
        "maintenance",
        _maintenance,
        "Answer every request with 503 + Retry-After (on), or stop (off).",
    )
    sub.add_argument("switch", choices=["on", "off"])
    sub.add_argument("--retry-after", type=int, default=60, help="seconds (default 60)")
    sub = add("kiosks", _kiosks, "List enrolled kiosks and when they were last seen.")
    sub.add_argument("--json", action="store_true")
    sub = add("logs", _logs, "Show the logs a kiosk uploaded (remote command upload_logs).")
    sub.add_argument("kiosk_id")
    sub.add_argument("--json", action="store_true")
    queue_cli.add_commands(add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kiosk-central``; returns the exit status."""
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        choice = choose_database(args.database, os.environ)
        print(f"kiosk-central: database {shown_url(choice.url)} ({choice.source})", file=sys.stderr)
        if args.command not in CREATING_COMMANDS and not choice.exists:
            looked = (
                f" (nor a kiosk sandbox at {kiosk_sandbox_database()})"
                if choice.source == "the default"
                else ""
            )
            raise OperatorError(
                f"there is no database at {shown_url(choice.url)}{looked}: give it with --database or"
                f" ${DATABASE_ENV}, or start the kiosk (its sandbox) or `kiosk-central serve` first"
            )
        args.database = choice.url
        try:
            return run(args)
        finally:
            opened: Database | None = getattr(args, "opened_database", None)
            if opened is not None:
                opened.close()
    except (OperatorError, DatabaseUrlError) as exc:
        print(f"kiosk-central: {exc}", file=sys.stderr)
        return 1
    except LookupError as exc:
        print(f"kiosk-central: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 1
    except Problem as problem:
        print(f"kiosk-central: {problem.detail}", file=sys.stderr)
        return 1
