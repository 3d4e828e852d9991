"""How the kiosk stands with the central, from the result of every call it makes.

`ConnectionMonitor` hears every answer (or its absence) at the client's one
choke point, `CentralClient._send`, so sync drains, heartbeats, catalogue
fetches and name checks all count. The state is:

* online since T: the central answered (any status but 401, 429 and 5xx);
* offline since T: no answer (network, DNS, timeout), or 5xx/429 (busy, in
  maintenance): submissions wait in the outbox;
* refused since T: 401, with the reason told apart (`kiosk.sync.refusals`), or
  no key at all (not enrolled).

Each answer's ``Date`` header (and a heartbeat's ``server_time``) measures the
clock offset, central minus kiosk. Listeners hear of a change in the link, its
reason or the backlog (not of every second's offset); the store, if given,
keeps the last state for `kiosk status`. Thread-safe: calls come from workers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Any, Protocol

from kiosk.clock import Clock, rfc3339
from kiosk.sync.refusals import (
    Refusal,
    RefusalKind,
    classify_refusal,
    describe_offset,
    offset_from_detail,
)

log = logging.getLogger(__name__)

_DETAIL_CHARS = 300
_OFFSET_WORTH_KEEPING_S = 5.0
"""An offset that moved less than this since it was kept is not written again."""


class Link(StrEnum):
    UNKNOWN = "unknown"
    ONLINE = "online"
    OFFLINE = "offline"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class ConnectionState:
    """A snapshot: the link and since when, why, the last 401, the clock offset, the backlog."""

    link: Link = Link.UNKNOWN
    since: datetime | None = None
    detail: str = ""
    refusal: Refusal | None = None
    """The refusal in force (``link`` is REFUSED)."""
    last_refusal: Refusal | None = None
    """The latest 401 ever seen, kept after the kiosk is accepted again."""
    clock_offset_s: float | None = None
    """Central minus kiosk, seconds, measured on the latest answer that said the time."""
    last_answer_at: datetime | None = None
    waiting: int = 0
    oldest_unsent_at: str | None = None

    @property
    def citizen_offline(self) -> bool:
        """True when what a citizen submits now waits on the kiosk (offline or refused)."""
        return self.link in (Link.OFFLINE, Link.REFUSED)

    def describe(self) -> str:
        """One line: "offline since T, 3 waiting", "refused since T: revoked key"."""
        since = f" since {rfc3339(self.since)}" if self.since else ""
        waiting = f", {self.waiting} waiting" if self.waiting else ""
        match self.link:
            case Link.REFUSED if self.refusal is not None:
                return f"the central refuses us{since}: {self.refusal.kind}{waiting}"
            case Link.UNKNOWN:
                return f"not in touch with the central yet{waiting}"
            case _:
                return f"{self.link}{since}{waiting}"

    def to_json(self) -> dict[str, Any]:
        return {
            "link": self.link.value,
            "since": rfc3339(self.since) if self.since else None,
            "detail": self.detail,
            "refusal": _refusal_json(self.refusal),
            "last_refusal": _refusal_json(self.last_refusal),
            "clock_offset_s": self.clock_offset_s,
            "last_answer_at": rfc3339(self.last_answer_at) if self.last_answer_at else None,
            "waiting": self.waiting,
            "oldest_unsent_at": self.oldest_unsent_at,
        }

    @classmethod
    def from_json(cls, value: Any) -> ConnectionState:
        """Read a stored state leniently (an unreadable one is the unknown state)."""
        if not isinstance(value, dict):
            return cls()
        try:
            return cls(
                link=Link(value.get("link", "unknown")),
                since=_time(value.get("since")),
                detail=str(value.get("detail") or ""),
                refusal=_refusal(value.get("refusal")),
                last_refusal=_refusal(value.get("last_refusal")),
                clock_offset_s=_number(value.get("clock_offset_s")),
                last_answer_at=_time(value.get("last_answer_at")),
                waiting=int(value.get("waiting") or 0),
                oldest_unsent_at=_text(value.get("oldest_unsent_at")),
            )
        except (ValueError, TypeError):
            return cls()


class StateKeeper(Protocol):
    """Where the last state is kept (`offline_cache.kiosk_state.KioskStateStore`)."""

    def put(self, name: str, value: Any, updated_at: str) -> None: ...


STORE_NAME = "connection"


class ConnectionMonitor:
    """Turns call results into the `ConnectionState`; `CentralClient`'s observer."""

    def __init__(self, clock: Clock, store: StateKeeper | None = None) -> None:
        self._clock = clock
        self._store = store
        self._lock = threading.Lock()
        self._state = ConnectionState()
        self._kept: ConnectionState | None = None
        self._listeners: list[Callable[[ConnectionState], None]] = []

    @property
    def state(self) -> ConnectionState:
        with self._lock:
            return self._state

    def subscribe(self, listener: Callable[[ConnectionState], None]) -> None:
        """Call ``listener(state)`` on every change (on the thread that made the call)."""
        with self._lock:
            self._listeners.append(listener)

    # -- what the client reports ---------------------------------------------------
    def answered(
        self, status: int, headers: Mapping[str, str], problem: Mapping[str, Any] | None
    ) -> None:
        """The central answered ``status`` (``problem``: its problem details, for a 4xx)."""
        now = self._clock.now()
        offset = _offset_from_date(headers.get("Date"), now)
        if status == 401:
            details = problem or {}
            said = str(details.get("detail") or details.get("title") or "")[:_DETAIL_CHARS]
            kind = classify_refusal(details)
            if kind is RefusalKind.CLOCK_SKEW and offset is None:
                offset = offset_from_detail(said)
            refusal = Refusal(kind, said, now, offset)
            current = self.state.refusal
            if current is None or current.kind is not kind:  # once, not on every call
                log.warning("the central refuses this kiosk (401, %s): %s", kind, said)
            self._change(Link.REFUSED, said, now, offset=offset, refusal=refusal, answered=True)
        elif status >= 500 or status == 429:
            said = f"the central answers {status}" + (
                " (busy or in maintenance)" if status in (429, 503) else ""
            )
            self._change(Link.OFFLINE, said, now, offset=offset, answered=True)
        else:
            self._change(Link.ONLINE, "", now, offset=offset, answered=True)

    def unreachable(self, detail: str) -> None:
        """No answer at all (refused connection, DNS, timeout, TLS, a reset)."""
        self._change(Link.OFFLINE, detail[:_DETAIL_CHARS], self._clock.now())

    def not_enrolled(self, detail: str) -> None:
        """The kiosk has no key, so it cannot call the central at all."""
        now = self._clock.now()
        refusal = Refusal(RefusalKind.NOT_ENROLLED, detail[:_DETAIL_CHARS], now)
        self._change(Link.REFUSED, detail[:_DETAIL_CHARS], now, refusal=refusal)

    def server_time(self, text: str | None) -> None:
        """A time the central put in its answer (a heartbeat's ``server_time``)."""
        try:
            moment = datetime.fromisoformat(text) if text else None
        except ValueError:
            return
        if moment is None or moment.tzinfo is None:
            return
        offset = round((moment - self._clock.now()).total_seconds())
        with self._lock:
            self._state = replace(self._state, clock_offset_s=float(offset))
        self._keep_if_moved()

    def backlog(self, waiting: int, oldest_unsent_at: str | None) -> None:
        """What waits in the outbox (after a drain or before a heartbeat)."""
        self._update(lambda s: replace(s, waiting=waiting, oldest_unsent_at=oldest_unsent_at))

    # -- plumbing -------------------------------------------------------------------
    def _change(
        self,
        link: Link,
        detail: str,
        now: datetime,
        *,
        offset: float | None = None,
        refusal: Refusal | None = None,
        answered: bool = False,
    ) -> None:
        def changed(state: ConnectionState) -> ConnectionState:
            return replace(
                state,
                link=link,
                since=state.since if state.link is link and state.since else now,
                detail=detail,
                refusal=refusal,
                last_refusal=refusal or state.last_refusal,
                clock_offset_s=offset if offset is not None else state.clock_offset_s,
                last_answer_at=now if answered else state.last_answer_at,
            )

        self._update(changed)

    def _update(self, change: Callable[[ConnectionState], ConnectionState]) -> None:
        with self._lock:
            before = self._state
            self._state = after = change(before)
            listeners = list(self._listeners)
        if _significant(before) == _significant(after):
            self._keep_if_moved()
            return
        self._keep(after)
        for listener in listeners:
            try:
                listener(after)
            except Exception:  # a listener's bug must not break the call that reported
                log.exception("a connection listener failed")

    def _keep_if_moved(self) -> None:
        state = self.state
        kept = self._kept
        if kept is None or (
            state.clock_offset_s is not None
            and (
                kept.clock_offset_s is None
                or abs(state.clock_offset_s - kept.clock_offset_s) >= _OFFSET_WORTH_KEEPING_S
            )
        ):
            self._keep(state)

    def _keep(self, state: ConnectionState) -> None:
        if self._store is None:
            return
        self._kept = state
        try:
            self._store.put(STORE_NAME, state.to_json(), rfc3339(self._clock.now()))
        except Exception:  # noqa: BLE001 - a full disk must not break the call that reported
            log.warning("could not keep the connection state", exc_info=True)


def _significant(state: ConnectionState) -> tuple[Any, ...]:
    """What listeners care about: not the answer times, nor a second's offset."""
    refusal = state.refusal.kind if state.refusal else None
    return (state.link, state.since, state.detail, refusal, state.waiting, state.oldest_unsent_at)


def _offset_from_date(value: str | None, now: datetime) -> float | None:
    """Central minus kiosk from an HTTP ``Date`` header (whole seconds), or None."""
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        return None
    return float(round((moment - now).total_seconds()))


def offset_words(offset_s: float | None) -> str:
    """The offset for a technician, or that it was never measured."""
    return "not measured yet" if offset_s is None else describe_offset(offset_s)


def _refusal_json(refusal: Refusal | None) -> dict[str, Any] | None:
    if refusal is None:
        return None
    return {
        "kind": refusal.kind.value,
        "detail": refusal.detail,
        "at": rfc3339(refusal.at),
        "clock_offset_s": refusal.clock_offset_s,
    }


def _refusal(value: Any) -> Refusal | None:
    if not isinstance(value, dict):
        return None
    at = _time(value.get("at"))
    if at is None:
        return None
    return Refusal(
        RefusalKind(value.get("kind", "unauthorised")),
        str(value.get("detail") or ""),
        at,
        _number(value.get("clock_offset_s")),
    )


def _time(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
