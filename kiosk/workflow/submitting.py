"""The workflow's side of an application: keep it, send it, print its receipt.

`SessionSubmission` turns the session's form and document into a `Submission`
for the outbox (with the articles of association a company's form draws up),
asks the central for it, and prints the citizen's receipt; the blocking work
runs on the workflow's workers and each answer comes back as an event.
"""

from __future__ import annotations

from collections.abc import Callable

from devices.identity import IdentityDocument
from devices.protocols import PrintOutcome, PrintResult
from kiosk.catalogue import Catalogue, Service
from kiosk.clock import Clock
from kiosk.documents.receipt_content import ReceiptPlace, compose_receipt
from kiosk.documents.service_articles import articles_attachment
from kiosk.forms.engine import FormSession
from kiosk.workflow import events as ev
from kiosk.workflow.ports import ReceiptDesk, RunOr, StoreOutcome, Submission, SubmissionDesk
from kiosk.workflow.reserving import HeldReservation
from kiosk.workflow.states import Finished

# Whether the job reached the printer is unknown: never offered as "try again".
_DRIVER_FAILED = PrintResult(PrintOutcome.UNCONFIRMED, detail="the printer driver failed")


class SessionSubmission:
    """The session's application and receipt; ``dispatch`` takes the events back."""

    def __init__(
        self,
        submissions: SubmissionDesk,
        receipts: ReceiptDesk,
        place: ReceiptPlace,
        clock: Clock,
        run: RunOr,
        dispatch: Callable[[ev.Event], None],
    ) -> None:
        self._submissions = submissions
        self._receipts = receipts
        self.place = place
        self._clock = clock
        self._run = run
        self._dispatch = dispatch

    def store(
        self,
        service: Service,
        catalogue: Catalogue,
        form: FormSession,
        document: IdentityDocument | None,
        reservation: HeldReservation | None,
    ) -> None:
        """Keep the application in the outbox (encrypted, once), then say so."""
        found = form.attachments()
        articles = articles_attachment(form, catalogue, self._clock.now().date())
        submission = Submission(
            service=service.code,
            catalogue_version=catalogue.version,
            applicant=applicant(document, form),
            form=form.payload(),
            attachments=found + [articles] if articles is not None else found,
            name_reservation=(
                reservation.token
                if reservation is not None and "name_reservation" in service.requires
                else None
            ),
        )
        failed = StoreOutcome(problem="storage_failed")
        self._run(lambda: self._submissions.store(submission), failed, self._stored)

    def deliver(self, reference: str) -> None:
        """Send the kept application to the central now (queued if it cannot be)."""
        self._run(lambda: self._submissions.deliver(reference), None, self._delivered)

    def print_receipt(
        self,
        state: Finished,
        service: Service,
        catalogue: Catalogue | None,
        form: FormSession,
        document: IdentityDocument | None,
    ) -> None:
        now = self._clock.now()
        receipt = compose_receipt(
            service=service,
            catalogue=catalogue,
            form=form.payload(),
            applicant=applicant(document, form),
            document=document,
            reference=state.reference,
            application_no=state.application_no,
            submitted_at=now,
            # The receipt prints right after the central's answer: received by now.
            accepted_at=now if state.application_no else None,
            place=self.place,
        )
        self._run(lambda: self._receipts.print_receipt(receipt), _DRIVER_FAILED, self._printed)

    def retry_receipt(self, reference: str) -> None:
        self._run(lambda: self._receipts.retry_receipt(reference), _DRIVER_FAILED, self._printed)

    def _stored(self, outcome: StoreOutcome) -> None:
        if outcome.reference is not None:
            self._dispatch(ev.SubmissionStored(outcome.reference))
        else:
            self._dispatch(ev.SubmissionNotStored(outcome.problem or "not_stored"))

    def _delivered(self, application_no: str | None) -> None:
        if application_no:
            self._dispatch(ev.SubmissionDelivered(application_no))
        else:
            self._dispatch(ev.SubmissionQueued())

    def _printed(self, result: PrintResult) -> None:
        if result.ok:
            self._dispatch(ev.ReceiptPrinted())
        else:
            detail = result.detail or str(result.outcome)
            self._dispatch(ev.ReceiptNotPrinted(detail, retry_safe=result.retry_safe))


def applicant(document: IdentityDocument | None, form: FormSession) -> dict[str, str]:
    """Who applies: the document read, or (a form started without one) the operator
    the form names."""
    values = form.values()
    if document is not None:
        return {
            "name": document.display_name,
            "document_type": document.document_type.value,
            "id_number": document.id_number or document.document_number,
        }
    return {
        "name": values.get("operator_name", ""),
        "document_type": "cn_resident_id",
        "id_number": values.get("operator_id_number", ""),
    }
