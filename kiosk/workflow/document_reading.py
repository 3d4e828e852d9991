"""Reading identity documents on the reader, for the workflow: the citizen's own, and
that of a person the form lists.

`DocumentReading` runs the reader's blocking calls on the workflow's workers and
reports back with events (`DocumentRead`, `PersonDocumentRead`, `DocumentNotRead`).
A document that lay on the reader when the session began may be the last
citizen's: it is not read until the reader has been seen empty. A citizen who goes
on to another service keeps the document already read: it is not read again. The
MRZ key a passport's chip needs is given to the reader once the step accepts it,
and taken back once the document is read or the session ends: it is the
citizen's data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from devices.emrtd.mrz import MrzKey
from devices.identity import IdentityDocument, Verdict
from devices.protocols import IdentityReader, MrzKeyReader, ReadOutcome, ReadResult
from devices.status import DeviceStatus
from kiosk.photos import drawable_face
from kiosk.workflow import events as ev
from kiosk.workflow.ports import Run
from kiosk.workflow.safe_jobs import safely
from kiosk.workflow.states import EditingPerson, IdentityCheck, State
from kiosk.workflow.transitions import key_from_event

log = logging.getLogger(__name__)

CARD_FROM_BEFORE = "card_from_before"
"""The read outcome shown while a document left from before waits to be lifted off."""

FindDraft = Callable[[IdentityDocument | None], object]
"""A job for the worker that reads the card: the citizen's kept draft, or None."""

_FAILED = ReadResult(ReadOutcome.UNREADABLE, detail="the reader driver failed")


class DocumentReading:
    """The session's reads of identity documents; ``dispatch`` takes the events back.

    ``drafts()`` gives the draft lookup for the service the session is in now: it
    is asked when a read starts, which may be after the check for a document left
    from before has answered.
    """

    def __init__(
        self,
        reader: IdentityReader,
        drafts: Callable[[], FindDraft],
        run: Run,
        dispatch: Callable[[ev.Event], None],
    ) -> None:
        self._reader = reader
        self._drafts = drafts
        self._run = run
        self._dispatch = dispatch
        self._carried: tuple[IdentityDocument, bytes | None] | None = None
        """The document (and face) read for the service the citizen went on from."""
        self._start_check_pending = False
        """The check for a document left on the reader has not answered yet."""
        self._read_waiting = False
        """A read asked for before that check answered: it starts when it does."""
        self.card_from_before = False
        """A document lay on the reader when the session began: it may be the last
        citizen's, so it is not read until it has been lifted off."""

    @property
    def card_may_be_from_before(self) -> bool:
        """A document on the reader now may be the last citizen's: one lay there when
        the session began, or the check whether one did has not answered yet."""
        return self.card_from_before or self._start_check_pending

    def new_session(self) -> None:
        """A citizen begins: look whether a document is already lying on the reader."""
        self._start_check_pending = True

        def checked(status: DeviceStatus | None) -> None:
            self._start_check_pending = False
            self.card_from_before = status is not None and status.media == "present"
            if self._read_waiting:
                self._read_waiting = False
                self.read()

        self._run(safely(self._reader.status, None), checked)

    def forget(self) -> None:
        """The session's context is wiped (back to the menu, or the end)."""
        self._carried = None
        self.card_from_before = False
        self._start_check_pending = False
        self._read_waiting = False
        self._set_mrz_key(None)

    def carry(self, document: IdentityDocument, face: bytes | None) -> None:
        """The same citizen goes on with another service: their document is not read again."""
        self._carried = (document, face)

    def drop_carried(self) -> None:
        """The citizen's document is forgotten (a rating names nobody): none is carried on."""
        self._carried = None

    def after_event(self, old: State, new: State, event: ev.Event) -> None:
        """Give the reader the MRZ key the step has just accepted; take it back once read."""
        if isinstance(event, ev.DocumentRead) and not isinstance(new, IdentityCheck):
            self._set_mrz_key(None)  # read: the key is no longer needed
        if isinstance(event, ev.MrzKeyTyped | ev.MrzScanned) and _key_just_accepted(old, new):
            key = key_from_event(event)
            assert isinstance(key, MrzKey)
            self._set_mrz_key(key)

    # -- the citizen's own document ------------------------------------------------
    def read(self) -> None:
        """Read the citizen's document (or take the one carried), then look up their draft."""
        if self._carried is not None:
            self._use_carried(*self._carried)
            return
        if self._start_check_pending:
            # Whether a card lay there when the session began decides what to do.
            self._read_waiting = True
            return
        if self.card_from_before:
            self._run(safely(self._reader.status, None), self._on_presence_checked)
            return
        self._dispatch(ev.ReadRequested())
        read = safely(self._reader.read, _FAILED)
        find_draft = self._drafts()

        def read_with_face() -> tuple[ReadResult, bytes | None, object]:
            # The face is converted, and the citizen's draft looked up, here on the
            # worker: never on the UI thread.
            result = read()
            document = result.document
            face = safely(lambda: drawable_face(document), None)() if document else None
            return result, face, find_draft(document) if result.ok else None

        self._run(read_with_face, self._on_read)

    def read_again(self, state: State) -> None:
        """The identity step's poll came round: read again if it still waits for a card."""
        if isinstance(state, IdentityCheck) and not state.reading and not state.needs_key:
            self.read()

    def _use_carried(self, document: IdentityDocument, face: bytes | None) -> None:
        self._carried = None
        find_draft = self._drafts()
        self._run(
            lambda: find_draft(document),
            lambda draft: self._dispatch(ev.DocumentRead(document, face, draft)),
        )

    def _on_presence_checked(self, status: DeviceStatus | None) -> None:
        # A reader that cannot tell (None, or no media word) never holds anyone up.
        if status is not None and status.media == "present":
            self._dispatch(ev.DocumentNotRead(CARD_FROM_BEFORE))
            return
        self.card_from_before = False
        self.read()

    def _on_read(self, done: tuple[ReadResult, bytes | None, object]) -> None:
        result, face, draft = done
        self._dispatch(_read_event(result, lambda d: ev.DocumentRead(d, face, draft)))

    # -- a person's document, for the person editor ----------------------------------
    def read_person(self) -> None:
        """Read the document of the person being edited (not the citizen's own session)."""
        self._dispatch(ev.ReadRequested())
        self._run(safely(self._reader.read, _FAILED), self._on_person_read)

    def read_person_again(self, state: State) -> None:
        """The person editor's poll came round: read again if it still waits for a card."""
        if isinstance(state, EditingPerson) and state.by_card and not state.reading:
            self.read_person()

    def _on_person_read(self, result: ReadResult) -> None:
        self._dispatch(_read_event(result, ev.PersonDocumentRead))

    def _set_mrz_key(self, key: MrzKey | None) -> None:
        if isinstance(self._reader, MrzKeyReader):
            self._reader.set_mrz_key(key)


def _key_just_accepted(old: State, new: State) -> bool:
    """True when the step that asked for the MRZ key has just been given a usable one."""
    return (
        isinstance(old, IdentityCheck)
        and old.needs_key
        and isinstance(new, IdentityCheck)
        and new.with_key
    )


def _read_event(result: ReadResult, read: Callable[[IdentityDocument], ev.Event]) -> ev.Event:
    """What a read on the reader tells the step: ``read(document)`` for a genuine
    document, else why it was not read (a forged or altered one is "not_genuine")."""
    document = result.document
    if result.ok and document is not None:
        if document.authenticity.verdict is Verdict.FAILED:
            log.warning("document refused: %s", document.authenticity.detail)
            return ev.DocumentNotRead("not_genuine", document.authenticity.detail)
        return read(document)
    outcome = result.outcome if result.outcome is not ReadOutcome.OK else "unreadable"
    return ev.DocumentNotRead(str(outcome), result.detail)
