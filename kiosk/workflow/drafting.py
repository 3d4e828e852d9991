"""When a citizen's unfinished answers are kept, found again and dropped, for the workflow.

Kept when they move on from a page and when the session times out (they stepped
away); looked up with the card read, on the worker; put back over the new form
(what the card gives is read afresh); dropped when they submit, finish, or say
"delete my answers". The keeping itself (sealed on disk) is a `DraftKeeper`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from devices.identity import IdentityDocument
from kiosk.catalogue import Service
from kiosk.forms.engine import FormSession
from kiosk.workflow import events as ev
from kiosk.workflow.ports import DraftKeeper, Run
from kiosk.workflow.states import Attract, EditingPerson, Filling, Reviewing, Signing, State

log = logging.getLogger(__name__)


class SessionDrafts:
    """The workflow's drafts: ``run`` runs a job on a worker (the workflow's runner)."""

    def __init__(self, keeper: DraftKeeper | None, run: Run) -> None:
        self._keeper = keeper
        self._run = run

    def after_event(
        self,
        old: State,
        new: State,
        event: ev.Event,
        service: Service | None,
        document: IdentityDocument | None,
        form: FormSession | None,
    ) -> None:
        """Keep or drop the draft as ``event`` moves the session from ``old`` to ``new``."""
        answering = isinstance(old, Filling | Signing | Reviewing | EditingPerson)
        if isinstance(event, ev.TimedOut) and answering:
            self._save(service, document, form)  # stepped away: their answers wait for them
        elif isinstance(event, ev.NextPressed) and answering and new != old:
            self._save(service, document, form)
        elif isinstance(event, ev.Cancelled) and answering:
            self._discard(service, document)  # "yes, delete my answers"
        elif isinstance(event, ev.SubmissionStored):
            self._discard(service, document)  # safe in the outbox: the draft has done its job
        elif isinstance(event, ev.DonePressed) and isinstance(new, Attract):
            self._discard(service, document)  # the service is done (e.g. the name is reserved)

    def lookup(self, service: Service | None) -> Callable[[IdentityDocument | None], object]:
        """A job for the worker that reads the card: the citizen's kept draft, or None."""
        keeper = self._keeper

        def find(document: IdentityDocument | None) -> object:
            number = _owner(document)
            if keeper is None or service is None or not number:
                return None
            try:
                return keeper.resume(service, number)
            except Exception:
                log.exception("could not look up a draft")
                return None

        return find

    def _save(
        self, service: Service | None, document: IdentityDocument | None, form: FormSession | None
    ) -> None:
        keeper, number = self._keeper, _owner(document)
        if keeper is None or service is None or form is None or not number:
            return
        values = form.values()  # taken now: the form is wiped right after a timeout
        self._run(_logged(lambda: keeper.save(service, number, values)), _ignore)

    def _discard(self, service: Service | None, document: IdentityDocument | None) -> None:
        keeper, number = self._keeper, _owner(document)
        if keeper is None or service is None or not number:
            return
        self._run(_logged(lambda: keeper.discard(service, number)), _ignore)


def restore_draft(form: FormSession, draft: object) -> datetime | None:
    """Put a kept draft's answers back, over the new form; when they were kept.

    What the document gives is read afresh and never taken from the draft; an
    answer the catalogue no longer has, or will not take, is left out.
    """
    state = getattr(draft, "state", None)
    if not isinstance(state, dict):
        return None
    for name, value in state.items():
        try:
            spec = form.schema.field(name)
        except KeyError:
            continue
        if form.is_locked(spec) or name in form.prefilled:
            continue
        try:
            form.set_json(name, value)
        except (TypeError, ValueError):
            log.warning("a kept answer for %s no longer fits the form; left out", name)
    saved_at = getattr(draft, "saved_at", None)
    return saved_at if isinstance(saved_at, datetime) else None


def _owner(document: IdentityDocument | None) -> str:
    return (document.id_number or document.document_number) if document else ""


def _logged(job: Callable[[], Any]) -> Callable[[], None]:
    def run() -> None:
        try:
            job()
        except Exception:
            log.exception("a draft could not be kept or dropped")

    return run


def _ignore(_: object) -> None:
    """Background work whose answer changes nothing on screen (a draft kept or dropped)."""
