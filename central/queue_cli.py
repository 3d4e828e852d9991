"""Operators' commands for the hall's queue (extensions): book an appointment for a
citizen, list the tickets issued (the complaints window's call-back numbers among
them) and the appointments.

kiosk-central book-appointment --id-number N --business-type T --slot HH:MM [--date D] [--minutes 30]
kiosk-central queue-tickets [--day YYYY-MM-DD] [--json]
kiosk-central appointments [--json]
"""

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date

from central.appointments import book, list_appointments
from central.catalogue import load_catalogue
from central.clock import CHINA_STANDARD_TIME, system_clock
from central.database import Database
from central.queue import list_tickets

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def _book(args: argparse.Namespace) -> int:
    from central.cli import OperatorError  # the command line's own error (no import cycle)

    now = system_clock()
    try:
        day = (
            date.fromisoformat(args.date)
            if args.date
            else now.astimezone(CHINA_STANDARD_TIME).date()
        )
    except ValueError as exc:
        raise OperatorError(f"--date must be YYYY-MM-DD, not {args.date!r}") from exc
    with Database(args.database) as database, database.transaction() as connection:
        try:
            appointment_id = book(
                connection,
                catalogue=load_catalogue(),
                id_number=args.id_number,
                business_type=args.business_type,
                day=day,
                slot=args.slot,
                minutes=args.minutes,
                now=now,
            )
        except ValueError as exc:
            raise OperatorError(str(exc)) from exc
    _say(f"Booked {args.business_type} on {day.isoformat()} at {args.slot}; appointment:")
    _say(appointment_id)
    return 0


def _tickets(args: argparse.Namespace) -> int:
    with Database(args.database) as database, database.reading() as connection:
        tickets = list_tickets(connection, args.day)
    if args.json:
        _say(json.dumps(tickets, ensure_ascii=False, indent=2))
        return 0
    if not tickets:
        _say("No queue tickets issued.")
    for ticket in tickets:
        extra = f"  call back {ticket['mobile']}" if ticket["mobile"] else ""
        about = f"  about {ticket['about_service']}" if ticket["about_service"] else ""
        _say(
            f"{ticket['day']}  {ticket['number']:<6} {ticket['business_type']:<24}"
            f" {ticket['kiosk_id']:<16}{extra}{about}"
        )
    return 0


def _appointments(args: argparse.Namespace) -> int:
    with Database(args.database) as database, database.reading() as connection:
        listing = list_appointments(connection)
    if args.json:
        _say(json.dumps(listing, ensure_ascii=False, indent=2))
        return 0
    if not listing:
        _say("No appointments booked.")
    for item in listing:
        checked = f"checked in, ticket {item['ticket']}" if item["ticket"] else "not checked in"
        _say(
            f"{item['appointment_id']}  {item['day']} {item['slot']}  {item['business_type']:<24}"
            f" {item['id_number']}  {checked}"
        )
    return 0


def add_commands(add: Add) -> None:
    """Register the queue's commands with the command line's ``add``."""
    sub = add(
        "book-appointment", _book, "Book an appointment for a citizen (checked in at a kiosk)."
    )
    sub.add_argument("--id-number", required=True, help="the citizen's resident identity number")
    sub.add_argument("--business-type", required=True, help="an option of the QUEUE-TICKET service")
    sub.add_argument("--slot", required=True, help="start time HH:MM (China time)")
    sub.add_argument("--date", help="YYYY-MM-DD (default: today in China)")
    sub.add_argument("--minutes", type=int, default=30, help="length of the slot (default 30)")
    sub = add(
        "queue-tickets",
        _tickets,
        "List the queue tickets issued (complaints with their call-back number).",
    )
    sub.add_argument("--day", help="only this day, YYYY-MM-DD")
    sub.add_argument("--json", action="store_true")
    sub = add("appointments", _appointments, "List the appointments and their check-ins.")
    sub.add_argument("--json", action="store_true")


def _say(text: str) -> None:
    """One line for the operator (stdout: scripts read the last one)."""
    sys.stdout.write(text + "\n")
