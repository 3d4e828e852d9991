"""The session's rating (好差评), for the workflow: offered once per visit, tied to the case.

At the end of a service (a step whose kind is `StepKind.rateable` now), "rate
this service" goes on to the catalogue's feedback service, carrying what is
rated (`kiosk.feedback.RatingFor`: the service and its application number, or
its provisional reference while queued). The citizen's document and answers are
forgotten first: a rating names nobody, so nothing of theirs is carried into it
(nor kept as a draft of it). Once a rating is stored the offer is not made again
in this visit (一次一评).

The rating is stored in the outbox on a worker (`FeedbackSender`, the kiosk's
`kiosk.feedback_desk.OutboxFeedbackDesk`), and sent right after if the central
answers; the result comes back as an event.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from kiosk.catalogue import Catalogue, Service
from kiosk.feedback import RatingFor, RatingNotReadable, feedback_service, rating_body
from kiosk.forms.engine import FormSession
from kiosk.steps.feedback_sent import rateable_now
from kiosk.workflow import events as ev
from kiosk.workflow.ports import Run
from kiosk.workflow.states import State
from offline_cache.db import StorageFullError

log = logging.getLogger(__name__)


class FeedbackSender(Protocol):
    """Queues a rating durably and delivers it (blocking: called on workers)."""

    def queue(self, body: dict[str, Any], reference: str | None = None) -> str:
        """Store the rating; its idempotency key. Raises StorageError."""
        ...

    def deliver(self, key: str) -> str | None:
        """Try to send it now; the central's feedback id, or None if still queued."""
        ...


class SessionRating:
    """What the session rates, and whether it has rated this visit."""

    def __init__(
        self,
        sender: FeedbackSender | None,
        run: Run,
        dispatch: Callable[[ev.Event], None],
    ) -> None:
        self._sender = sender
        self._run = run
        self._dispatch = dispatch
        self.rating_for: RatingFor | None = None
        """What the rating being given is about (None: the visit, chosen from the menu)."""
        self.rated = False
        """A rating was stored in this visit: it is not asked for again."""

    def new_visit(self) -> None:
        """A citizen begins: nothing rated yet."""
        self.rated = False
        self.rating_for = None

    def forget(self) -> None:
        """The session's context is wiped (back to the menu, or the end)."""
        self.rating_for = None

    def offer(self, state: State, catalogue: Catalogue | None) -> Service | None:
        """The feedback service "rate this service" leads to from ``state`` now, or None."""
        if self.rated or self._sender is None or not rateable_now(state):
            return None
        service = feedback_service(catalogue)
        if service is None or getattr(state, "service", None) == service.code:
            return None
        return service

    def begin(self, state: State, catalogue: Catalogue | None) -> str | None:
        """Note what ``state`` ends as what is rated; the feedback service's code, or None
        when there is nothing to rate from here."""
        service = self.offer(state, catalogue)
        if service is None:
            return None
        self.rating_for = RatingFor(
            service=str(getattr(state, "service", "")),
            application_no=_text_or_none(getattr(state, "application_no", None)),
            reference=_text_or_none(getattr(state, "reference", None)),
        )
        return service.code

    def send(self, form: FormSession | None, service_code: str) -> None:
        """Store the rating the form holds (on a worker), then try to send it."""
        sender = self._sender
        if sender is None or form is None:
            self._dispatch(ev.FeedbackNotStored("storage_failed"))
            return
        about = self.rating_for
        try:
            body = rating_body(form, about, service_code)
        except RatingNotReadable:
            log.warning("the rating is not a level from 1 to 5; not stored")
            self._dispatch(ev.FeedbackNotStored("invalid"))
            return
        reference = about.reference if about is not None else None

        def store() -> tuple[str | None, str]:
            try:
                return sender.queue(body, reference), ""
            except StorageFullError:
                log.exception("the outbox is full: rating not stored")
                return None, "storage_full"
            except Exception:  # StorageError, or a bug: the citizen is told either way
                log.exception("rating not stored")
                return None, "storage_failed"

        self._run(store, self._stored)

    def _stored(self, outcome: tuple[str | None, str]) -> None:
        key, problem = outcome
        if key is None:
            self._dispatch(ev.FeedbackNotStored(problem or "storage_failed"))
            return
        self.rated = True
        self.rating_for = None
        self._dispatch(ev.FeedbackStored())
        sender = self._sender
        assert sender is not None
        # Sent now if the central answers; the sync engine sends it otherwise.
        self._run(lambda: _deliver(sender, key), _ignore)


def _deliver(sender: FeedbackSender, key: str) -> str | None:
    try:
        return sender.deliver(key)
    except Exception:
        log.exception("the rating %s could not be sent now; the sync engine will", key)
        return None


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _ignore(_: object) -> None:
    """Background work whose answer changes nothing on screen (a rating delivered)."""
