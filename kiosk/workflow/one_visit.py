"""The workflow's side of a registration's result offers: the bank hand-off and the permit.

`ResultOffers` keeps what the session needs between the registration's result
and what follows: the answers carried into the permit's form (taken when the
citizen goes on from the result, put in when the permit's form is made), and
the bank hand-off slip printed on a worker. `KioskWorkflow` delegates to it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from devices.protocols import PrintOutcome, PrintResult
from kiosk.bank_handoff import BankHandoffDesk, bank_offered, compose_slip
from kiosk.catalogue import Catalogue, Service
from kiosk.delivery import Delivery, licence_delivery
from kiosk.forms.engine import FormSession
from kiosk.permits import CarriedAnswers, carried_from, fill_from, link_prefill, permit_offers
from kiosk.workflow import events as ev
from kiosk.workflow.ports import Run
from kiosk.workflow.states import Finished, State

log = logging.getLogger(__name__)


class ResultOffers:
    def __init__(
        self, bank: BankHandoffDesk | None, run: Run, dispatch: Callable[[ev.Event], None]
    ) -> None:
        self._bank = bank
        self._run = run
        self._dispatch = dispatch
        self._carried: CarriedAnswers | None = None
        self._carried_to = ""
        """The service the answers go on to (its form may be made again: back, then on)."""

    # -- what the result screen offers ----------------------------------------------
    def bank_name(self, service: Service | None) -> str | None:
        """The bank whose account the result offers to open, when it offers one."""
        bank = self._bank.bank if self._bank is not None else None
        return bank if bank_offered(bank, service) else None

    @staticmethod
    def permits(
        catalogue: Catalogue | None, service: Service | None, form: FormSession | None
    ) -> tuple[Service, ...]:
        return permit_offers(catalogue, service, form)

    @staticmethod
    def delivery(
        catalogue: Catalogue | None, service: Service | None, form: FormSession | None
    ) -> Delivery | None:
        if service is None or form is None:
            return None
        regions = catalogue.regions if catalogue is not None else ()
        return licence_delivery(service.form, form.payload(), regions)

    # -- going on to the permit -----------------------------------------------------
    def after_event(self, old: State, new: State, form: FormSession | None) -> None:
        """Going on from a result to another service: take the answers it may reuse."""
        service = getattr(new, "service", None)
        going_on = isinstance(service, str) and service != getattr(old, "service", None)
        if isinstance(old, Finished) and going_on and form is not None:
            self._carried = carried_from(form, old.application_no or old.reference)
            self._carried_to = str(service)

    def prefill(self, service: str) -> dict[str, str]:
        """Prefill entries for ``service``'s new form (the link to the registration)."""
        return link_prefill(self._carried if service == self._carried_to else None)

    def fill(self, form: FormSession, service: str) -> None:
        """Put the carried answers into ``service``'s form just made."""
        if self._carried is not None and service == self._carried_to:
            fill_from(form, self._carried)

    def forget(self) -> None:
        self._carried = None
        self._carried_to = ""

    # -- the bank hand-off ------------------------------------------------------------
    def hand_off(
        self,
        state: Finished,
        service: Service | None,
        form: FormSession | None,
        applicant_name: str,
        kiosk_id: str,
        now: datetime,
    ) -> None:
        """The citizen consented: record it and print the slip, on a worker."""
        desk = self._bank
        if desk is None or service is None or form is None:
            self._dispatch(ev.BankSlipPrinted("failed", "this kiosk hands nothing to a bank"))
            return
        slip = compose_slip(
            bank=desk.bank,
            service=service,
            form=form.payload(),
            applicant_name=applicant_name,
            reference=state.reference,
            application_no=state.application_no,
            kiosk_id=kiosk_id,
            at=now,
        )

        def job() -> PrintResult:
            try:
                return desk.hand_off(slip)
            except Exception:  # a bug must not leave the citizen waiting: it reports back
                log.exception("the bank hand-off failed")
                return PrintResult(PrintOutcome.UNCONFIRMED, detail="the slip printer failed")

        self._run(job, lambda result: self._dispatch(_printed(result)))


def _printed(result: PrintResult) -> ev.BankSlipPrinted:
    if result.ok:
        return ev.BankSlipPrinted("printed")
    return ev.BankSlipPrinted(
        "failed" if result.retry_safe else "unconfirmed", result.detail or str(result.outcome)
    )
