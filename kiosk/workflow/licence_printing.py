"""The licence step's side of the workflow: what it asks the licence desk, on a worker.

`LicencePrinting` turns the session's form and document into a
`kiosk.licences.LicenceRequest`, runs the desk's blocking calls through the
workflow's runner, and reports back as events. The identity number proving who
prints is the document's (the form's read-only copy of it only when no document
was read). `prefill_from_lookup` fills the numbers from the session's last
status lookup, when a lookup handed the citizen on to printing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from devices.identity import IdentityDocument
from kiosk.catalogue import Service
from kiosk.forms.engine import FormSession
from kiosk.licences import (
    LicencePrintOutcome,
    LicenceRefused,
    LicenceRequest,
    OpenedLicence,
    Refusal,
)
from kiosk.workflow import events as ev
from kiosk.workflow.ports import Run
from kiosk.workflow.states import PrintingLicence

log = logging.getLogger(__name__)


class LicenceCounter(Protocol):
    """The licence desk as the workflow uses it (`kiosk.licences.LicenceDesk`)."""

    def open_job(self, request: LicenceRequest) -> OpenedLicence | LicenceRefused: ...

    def print_licence(self, job: OpenedLicence) -> LicencePrintOutcome: ...


class LicencePrinting:
    """Starts the licence desk's work for the current session; results come back as events."""

    def __init__(
        self, desk: LicenceCounter | None, run: Run, dispatch: Callable[[ev.Event], None]
    ) -> None:
        self._desk = desk
        self._run = run
        self._dispatch = dispatch

    def open(self, form: FormSession | None, document: IdentityDocument | None) -> None:
        desk = self._desk
        if desk is None:
            self._dispatch(ev.LicenceJobRefused(Refusal.UNREACHABLE, "no licence desk"))
            return
        request = licence_request(form, document)
        failed = LicenceRefused(Refusal.UNREACHABLE, "the licence desk failed")

        def job() -> OpenedLicence | LicenceRefused:
            try:
                return desk.open_job(request)
            except Exception:
                log.exception("opening the licence's print job failed")
                return failed

        self._run(job, self._opened)

    def print(self, state: PrintingLicence) -> None:
        desk, opened = self._desk, state.job
        if desk is None or not isinstance(opened, OpenedLicence):
            self._dispatch(ev.LicencePrintEnded("failed", "no print job to print"))
            return

        def job() -> LicencePrintOutcome:
            try:
                return desk.print_licence(opened)
            except Exception:
                # Whether it reached the printer is unknown: staff, never "try again".
                log.exception("printing the licence failed")
                return LicencePrintOutcome("unconfirmed", "the licence desk failed")

        self._run(job, self._printed)

    def _opened(self, result: OpenedLicence | LicenceRefused) -> None:
        if isinstance(result, OpenedLicence):
            self._dispatch(ev.LicenceJobOpened(result))
        else:
            self._dispatch(ev.LicenceJobRefused(str(result.reason), result.detail))

    def _printed(self, result: LicencePrintOutcome) -> None:
        self._dispatch(ev.LicencePrintEnded(result.outcome, result.detail))


def licence_request(form: FormSession | None, document: IdentityDocument | None) -> LicenceRequest:
    """The numbers the citizen gave, and the identity number of the document they showed."""
    values = form.values() if form is not None else {}
    id_number = ""
    if document is not None:
        id_number = document.id_number or document.document_number
    return LicenceRequest(
        uscc=str(values.get("uscc") or "").strip().upper(),
        application_no=str(values.get("application_no") or "").strip().upper(),
        id_number=id_number or str(values.get("id_number") or "").strip().upper(),
    )


def prefill_from_lookup(form: FormSession, service: Service | None, lookup: Any) -> None:
    """Fill the licence form's empty ``application_no`` and ``uscc`` from the session's
    last lookup (an object or a mapping with those names); anything else is left."""
    if service is None or service.flow != "licence_print" or lookup is None:
        return
    names = {spec.name for spec in form.schema.fields}
    for name in ("application_no", "uscc"):
        value = _named(lookup, name)
        if name in names and value and not form.value(name):
            form.set_value(name, value)


def _named(lookup: Any, name: str) -> str:
    value = lookup.get(name) if isinstance(lookup, Mapping) else getattr(lookup, name, None)
    if value is None and name == "uscc":
        licence = _named_object(lookup, "licence")
        value = _named_object(licence, "uscc") if licence is not None else None
    return value if isinstance(value, str) else ""


def _named_object(value: Any, name: str) -> Any:
    return value.get(name) if isinstance(value, Mapping) else getattr(value, name, None)
