"""`kiosk catalogue try`: run a service step by step, headless, on the interpreter the screens use.

kiosk catalogue try SERVICE --answers FILE [--document FILE] [--reservation TOKEN]
    [--central URL] [--json]

``--answers`` is the application's ``form`` object as the interface gives values
by type (a signature: the path of a PNG file); ``--document`` an identity document
as ``kiosk devices read-id --json`` prints it (default: the simulated reader's
card); ``--reservation`` the token of a name reserved earlier (the name itself is
the answer to the form's ``from_reservation`` field). Each step is printed with its problems; when every page is valid the
application is stored in the outbox and sent by the sync engine, and the
application number is printed alone on the last line. Exit 0 submitted (or, for a
name check, reserved; for a licence, printed; for a status lookup, found or still queued,
the status alone on the last line), 1 problems or refused, 2 usage. Nothing here imports Qt.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, TextIO, TypeVar

from devices.identity import IdentityDocument
from devices.protocols import ReadOutcome, ReadResult
from devices.simulated import synthetic_resident_card
from devices.status import DeviceState, DeviceStatus
from kiosk.catalogue import Catalogue, Field, Service
from kiosk.names.declaration import Checked
from kiosk.references import application_no_for
from kiosk.runtime import KioskServices
from kiosk.status_desk import Answer, StatusAnswer
from kiosk.steps import registered  # noqa: F401 - every step kind registers itself
from kiosk.workflow import events as ev
from kiosk.workflow.machine import KioskWorkflow
from kiosk.workflow.reserving import HeldReservation
from kiosk.workflow.states import (
    ChoosingQueue,
    EnteringLookup,
    Filling,
    Finished,
    IdentityCheck,
    LookingUp,
    NameChecking,
    PrintingLicence,
    ReadingGuidance,
    Reserving,
    Reviewing,
    Signing,
    State,
    TakingTicket,
)

T = TypeVar("T")
_MAX_STEPS = 200  # a catalogue whose steps never end must not hang a technician


class _Inline:
    """Runs each effect at once (the Runner port, headless)."""

    def run(self, job: Callable[[], T], done: Callable[[T], None]) -> None:
        done(job())


@dataclass
class _Later:
    """Keeps the workflow's delayed calls (a card read again) until fired."""

    pending: list[Callable[[], None]] = field(default_factory=list)

    def call_later(self, delay_s: float, fn: Callable[[], None]) -> None:
        self.pending.append(fn)

    def fire(self) -> bool:
        pending, self.pending = self.pending, []
        for fn in pending:
            fn()
        return bool(pending)


class _DocumentHolder:
    """An identity reader holding one given document, put down when the step asks."""

    name = "catalogue-try"

    def __init__(self, document: IdentityDocument) -> None:
        self.document = document
        self.placed = False

    def status(self) -> DeviceStatus:
        media = "present" if self.placed else "notPresent"
        return DeviceStatus(DeviceState.ONLINE, "given document", media=media)

    def read(self) -> ReadResult:
        if not self.placed:
            return ReadResult(ReadOutcome.NO_DOCUMENT)
        return ReadResult(ReadOutcome.OK, self.document)

    def close(self) -> None:
        self.placed = False


def document_from_json(data: Mapping[str, Any]) -> IdentityDocument:
    """An identity document from ``kiosk devices read-id --json`` output."""
    return IdentityDocument.from_json(data)


def try_service(
    services: KioskServices,
    catalogue: Catalogue,
    code: str,
    answers: Mapping[str, Any],
    document: IdentityDocument | None,
    out: TextIO,
    base: Path,
    *,
    reservation: str | None = None,
) -> int:
    """Run service ``code`` with ``answers``; the exit status (0, 1)."""
    try:
        service = catalogue.service(code)
    except KeyError:
        out.write(f"no service {code!r} in catalogue {catalogue.version}\n")
        return 1
    if not service.offered_on_kiosk:
        out.write(f"{code} is not offered on this kiosk:\n")
        for reason in service.not_offered:
            out.write(f"    {reason}\n")
        return 1
    holder = _DocumentHolder(document or synthetic_resident_card())
    later = _Later()
    workflow = KioskWorkflow(
        reader=holder,
        submissions=services.submissions,
        receipts=services.receipts,
        runner=_Inline(),
        scheduler=later,
        clock=services.clock,
        site_name=services.config.site_name,
        kiosk_id=services.config.kiosk_id,
        names=services.names,
        licences=services.licences,
        lookups=services.lookups,
        queue=services.queue,
    )
    workflow.set_catalogue(catalogue)
    workflow.dispatch(ev.Started())
    workflow.dispatch(ev.ServiceChosen(code))
    workflow.reservation = _held(service, answers, reservation, services)
    for _ in range(_MAX_STEPS):
        state = workflow.state
        out.write(f"step {_describe(state)}\n")
        match state:
            case ReadingGuidance():
                workflow.dispatch(ev.NextPressed())  # headless: the guidance is "read"
            case IdentityCheck():
                holder.placed = True
                if not later.fire():
                    out.write("    the identity document could not be read\n")
                    return 1
            case Filling() | Signing():
                if not _answer_page(workflow, state, answers, base, out):
                    return 1
            case Reviewing():
                workflow.dispatch(ev.SubmitPressed())
                if isinstance(workflow.state, Filling | Signing):
                    continue  # a problem somewhere: that page is shown again
            case Reserving(missing=missing) if missing is not None:
                out.write(
                    f"    {code} needs a reserved name ({missing}): give --reservation TOKEN,"
                    " the last line of `kiosk catalogue try` of the name declaration\n"
                )
                return 1
            case PrintingLicence(phase=phase, refusal=refusal):
                # Headless, the licence prints on the configured printer: once, for real.
                out.write(f"    {phase}{': ' + refusal if refusal else ''}\n")
                return 0 if phase == "printed" else 1
            case NameChecking(outcome=outcome):
                return _name_outcome(outcome, out)
            case ChoosingQueue():
                # "queue_mode" in the answers: ordinary (the default) or priority.
                mode = str(answers.get("queue_mode", "ordinary"))
                workflow.dispatch(ev.QueueModeChosen(mode))
                if isinstance(workflow.state, ChoosingQueue):
                    out.write(f"    no such ticket: {mode!r} (ordinary or priority)\n")
                    return 1
            case TakingTicket(phase=phase, ticket=ticket, problem=why):
                # Headless, the ticket is got and printed on the configured printer.
                number = getattr(ticket, "number", "") or why or ""
                out.write(f"    {phase} {number}".rstrip() + "\n")
                return 0 if phase == "printed" else 1
            case EnteringLookup(problems=problems) if problems:
                for problem in problems:
                    out.write(
                        f"    problem: {problem.field}: {problem.code} {dict(problem.params)}\n"
                    )
                return 1
            case EnteringLookup():
                # The document read says who asks; without one, the answers' id_number.
                number, typed = answers.get("application_no", ""), answers.get("id_number", "")
                workflow.request_lookup(str(number), str(typed))
            case LookingUp(answer=answer):
                return _looked_up(answer, out)
            case Finished():
                return _submitted(services, workflow, state, out)
            case _:
                out.write("    the service did not run to its end\n")
                return 1
    out.write("    too many steps: the service's plan does not end\n")
    return 1


def _held(
    service: Service,
    answers: Mapping[str, Any],
    token: str | None,
    services: KioskServices,
) -> HeldReservation | None:
    """The reservation given on the command line, for the name the answers give."""
    if token is None or service.form is None:
        return None
    name = next((answers.get(f.name) for f in service.form.fields if f.from_reservation), None)
    if not isinstance(name, str):
        return None
    # The central checks the token's expiry; here it only has to reach the form.
    return HeldReservation(token, name, services.clock.now() + timedelta(days=1))


def _answer_page(
    workflow: KioskWorkflow,
    state: Filling | Signing,
    answers: Mapping[str, Any],
    base: Path,
    out: TextIO,
) -> bool:
    form = workflow.form
    assert form is not None
    for spec in form.pages[state.page].fields:
        if spec.name not in answers or form.is_locked(spec):
            continue
        _give(workflow, spec, answers[spec.name], base)
    if isinstance(state, Signing):
        workflow.dispatch(ev.StatementRead())  # headless: the statement is "read"
    workflow.dispatch(ev.NextPressed())
    after = workflow.state
    problems = getattr(after, "problems", ())
    if type(after) is type(state) and getattr(after, "page", None) == state.page and problems:
        for problem in problems:
            out.write(f"    problem: {problem.field}: {problem.code} {dict(problem.params)}\n")
        return False
    return True


def _give(workflow: KioskWorkflow, spec: Field, value: Any, base: Path) -> None:
    if spec.type == "signature":
        workflow.set_signature(spec.name, (base / str(value)).read_bytes())
    elif isinstance(value, str):
        workflow.set_value(spec.name, value)
    else:
        workflow.set_json(spec.name, value)


def _name_outcome(outcome: object, out: TextIO) -> int:
    if isinstance(outcome, Checked) and outcome.reserved:
        reservation = outcome.result.reservation
        assert reservation is not None
        out.write(f"    {outcome.full_name}: reserved until {reservation.expires_at.isoformat()}\n")
        out.write(f"{reservation.token}\n")
        return 0
    out.write(f"    not reserved: {outcome!r}\n")
    return 1


def _looked_up(answer: object, out: TextIO) -> int:
    """A lookup's answer, the status alone on the last line; 0 found or still queued."""
    if not isinstance(answer, StatusAnswer):
        out.write("    no answer\n")
        return 1
    for entry in answer.history:
        at = entry.at.isoformat() if entry.at else "?"
        out.write(f"    {at}  {entry.status}{'  ' + entry.note if entry.note else ''}\n")
    out.write(f"{answer.status or answer.answer.value}\n")
    return 0 if answer.answer in (Answer.FOUND, Answer.NOT_SENT) else 1


def _submitted(
    services: KioskServices, workflow: KioskWorkflow, state: Finished, out: TextIO
) -> int:
    number = state.application_no
    for _ in range(5):
        if number:
            break
        services.sync_once()  # queued: the sync engine sends it, as the kiosk does
        number = application_no_for(services.outbox, state.reference)
    if not number:
        out.write(f"    stored as {state.reference}; the central has not answered yet\n")
        return 1
    out.write(f"{number}\n")
    return 0


def _describe(state: State) -> str:
    name = type(state).__name__
    page = getattr(state, "page", None)
    return f"{name} (page {page + 1})" if isinstance(page, int) else name


def load_answers(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("the answers must be one JSON object: the application's form")
    return data
