"""Drafts for the workflow: a citizen who steps away resumes with the same ID document.

`DraftDesk` keeps a service's form values (JSON) in the encrypted
`offline_cache.drafts.DraftStore`, found again by the citizen's identity number
within the service's limit: the catalogue's ``draft_days`` on the service when it
gives one (read leniently), else seven days, counted from the last save. ``0``
means the service keeps no drafts. A draft is deleted at submit (`discard`), and
expired ones at every start (`purge`).
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from kiosk.clock import Clock
from kiosk.keys import DRAFT_ENCRYPTION, DRAFT_OWNER, DataKey
from offline_cache.db import Database, StorageError
from offline_cache.drafts import DraftStore

log = logging.getLogger(__name__)

DEFAULT_DRAFT_DAYS = 7
# A catalogue typo (7000) must not keep personal data for decades.
MAX_DRAFT_DAYS = 90


class DraftService(Protocol):
    """What a draft needs of a service: its code (``draft_days`` is read if present)."""

    @property
    def code(self) -> str: ...


@dataclass(frozen=True, slots=True)
class ResumedDraft:
    """A draft found again: the form values and when they were saved and expire."""

    state: dict[str, Any]
    saved_at: datetime
    expires_at: datetime


def draft_days(service: object) -> int:
    """The service's draft limit in days: ``draft_days`` if sensible, else the default."""
    value = getattr(service, "draft_days", None)
    if value is None and isinstance(service, Mapping):
        value = service.get("draft_days")
    if value is None:
        return DEFAULT_DRAFT_DAYS
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        log.warning("draft_days %r is not a number of days; using %d", value, DEFAULT_DRAFT_DAYS)
        return DEFAULT_DRAFT_DAYS
    if value < 0:
        log.warning("draft_days %r is negative; using %d", value, DEFAULT_DRAFT_DAYS)
        return DEFAULT_DRAFT_DAYS
    # Part of a day counts as a whole one; the cap comes first (an infinity has no ceiling).
    return math.ceil(min(value, MAX_DRAFT_DAYS))


class DraftDesk:
    """Save, resume and discard a citizen's unfinished form."""

    def __init__(self, store: DraftStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    @classmethod
    def open(cls, db: Database, key: DataKey, clock: Clock) -> DraftDesk:
        """A desk over ``db`` with keys derived from the data key; purges expired drafts.

        Built once at start, so the purge runs at every start; a store that cannot
        be written now is logged and purged at a later start.
        """
        store = DraftStore(db, key.subkey(DRAFT_ENCRYPTION), key.subkey(DRAFT_OWNER))
        desk = cls(store, clock)
        try:
            desk.purge()
        except StorageError:
            log.exception("could not purge expired drafts")
        return desk

    def save(
        self,
        service: DraftService,
        identity_number: str,
        state: Mapping[str, Any],
        now: datetime | None = None,
    ) -> datetime | None:
        """Keep the form values; when they expire, or None if the service keeps no drafts.

        Raises ValueError if ``state`` is not JSON, StorageError if the store fails.
        """
        days = draft_days(service)
        if days == 0:
            return None
        moment = now or self._clock.now()
        expires = moment + timedelta(days=days)
        # NaN and infinities are not JSON: refuse them here rather than store
        # something the form could not take back.
        body = json.dumps(
            dict(state), ensure_ascii=False, sort_keys=True, allow_nan=False, separators=(",", ":")
        ).encode("utf-8")
        self._store.save(service.code, identity_number, body, moment, expires)
        return expires

    def resume(
        self, service: DraftService, identity_number: str, now: datetime | None = None
    ) -> ResumedDraft | None:
        """The citizen's draft for this service, or None (none, expired, or unreadable)."""
        moment = now or self._clock.now()
        draft = self._store.load(service.code, identity_number, moment)
        if draft is None:
            return None
        try:
            state = json.loads(draft.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            log.warning("a draft for %s decrypted but is not JSON; ignoring it", service.code)
            return None
        if not isinstance(state, dict):
            log.warning("a draft for %s is not a set of form values; ignoring it", service.code)
            return None
        tz = moment.tzinfo
        return ResumedDraft(
            state=state,
            saved_at=draft.updated_at.astimezone(tz),
            expires_at=draft.expires_at.astimezone(tz),
        )

    def discard(self, service: DraftService, identity_number: str) -> bool:
        """Delete the draft (at submit, or at the citizen's wish); True if there was one."""
        return self._store.delete(service.code, identity_number)

    def purge(self, now: datetime | None = None) -> int:
        """Delete every expired draft (at start); how many went."""
        removed = self._store.purge_expired(now or self._clock.now())
        if removed:
            log.info("purged %d expired draft(s)", removed)
        return removed
