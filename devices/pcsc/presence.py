"""Debounced presence bookkeeping: raw PC/SC observations in, presence events out.

Pure logic, no PC/SC and no threads, so it is unit-testable. The monitor feeds
it one observation per poll: ``{reader name: ATR if a card is present else None}``
(an empty dict while pcscd is unreachable).

Arrivals are reported at once: a reader or card that shows up is really there.
Departures are reported only after ``misses_to_gone`` consecutive observations
without it, because presence flickers on real hardware (a USB reader re-
enumerating, pcscd restarting, a contactless card at the edge of the field) and
the kiosk should not abandon a customer's session over one bad poll.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class PresenceKind(StrEnum):
    """What changed."""

    READER_ATTACHED = "reader_attached"
    READER_DETACHED = "reader_detached"
    CARD_INSERTED = "card_inserted"
    CARD_REMOVED = "card_removed"


@dataclass(frozen=True, slots=True)
class PresenceEvent:
    """One change of presence; ``atr`` is set for `PresenceKind.CARD_INSERTED`."""

    kind: PresenceKind
    reader: str
    atr: bytes = b""


@dataclass
class _ReaderState:
    card_atr: bytes | None = None
    reader_misses: int = 0
    card_misses: int = 0


class PresenceDebouncer:
    """Turns successive observations into debounced `PresenceEvent`s."""

    def __init__(self, misses_to_gone: int = 3) -> None:
        if misses_to_gone < 1:
            raise ValueError("misses_to_gone must be at least 1")
        self._misses_to_gone = misses_to_gone
        self._readers: dict[str, _ReaderState] = {}

    def snapshot(self) -> dict[str, bytes | None]:
        """The debounced view: reader name -> ATR of its card, or None if empty."""
        return {name: state.card_atr for name, state in self._readers.items()}

    def update(self, observed: Mapping[str, bytes | None]) -> list[PresenceEvent]:
        """Take one observation; return the events it confirms, in order."""
        events: list[PresenceEvent] = []
        for name, atr in observed.items():
            state = self._readers.get(name)
            if state is None:
                state = self._readers[name] = _ReaderState()
                events.append(PresenceEvent(PresenceKind.READER_ATTACHED, name))
            state.reader_misses = 0
            if atr is not None:
                state.card_misses = 0
                if state.card_atr is None:
                    state.card_atr = atr
                    events.append(PresenceEvent(PresenceKind.CARD_INSERTED, name, atr))
            elif state.card_atr is not None:
                state.card_misses += 1
                if state.card_misses >= self._misses_to_gone:
                    state.card_atr = None
                    state.card_misses = 0
                    events.append(PresenceEvent(PresenceKind.CARD_REMOVED, name))
        for name in [n for n in self._readers if n not in observed]:
            state = self._readers[name]
            state.reader_misses += 1
            if state.reader_misses >= self._misses_to_gone:
                del self._readers[name]
                if state.card_atr is not None:
                    events.append(PresenceEvent(PresenceKind.CARD_REMOVED, name))
                events.append(PresenceEvent(PresenceKind.READER_DETACHED, name))
        return events
