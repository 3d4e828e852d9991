"""When the citizen walks away with what they came for, the session ends without
waiting for the inactivity timeout.

Two signs, both seen by the device poll: their identity card lifted off the reader
on a step that no longer needs it (a result, a name check's outcome, a lookup's
answer, a printed licence, a queue ticket), and a printout left in the printer's
slot past a limit. Each ends the session after a short warning the citizen can
cancel ("I'm not finished"). A step kind says on which of its states the citizen
has everything it gives (`kiosk.steps.kinds.StepKind.citizen_done`: nothing is
printing, nothing waits to be stored); on other states neither sign counts.

Qt-free arithmetic over the workflow's clock, like `kiosk.session.IdleTimer`: the
shell feeds it what each poll saw and reads it about once a second.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from devices.status import DeviceStatus
from kiosk.clock import Clock
from kiosk.steps.kinds import kind_of

CARD_TAKEN = "card_taken"
"""The citizen lifted their card off the reader on a step that no longer needs it."""
SLIP_LEFT = "slip_left"
"""A printout has waited in the printer's slot past the limit."""


@dataclass(frozen=True, slots=True)
class LeaveReading:
    """What to tell the citizen now: nothing (``reason`` None), or why and how long is left."""

    reason: str | None = None
    remaining_s: float = 0.0

    @property
    def warning(self) -> bool:
        return self.reason is not None and self.remaining_s > 0

    @property
    def expired(self) -> bool:
        return self.reason is not None and self.remaining_s <= 0


QUIET = LeaveReading()


def citizen_done(state: object) -> bool | None:
    """Whether the citizen has all ``state``'s step gives; None on a step (or a session
    state) that does not end a service, where walking away is left to the idle timer."""
    kind = kind_of(state)
    if kind is None or kind.citizen_done is None:
        return None
    return bool(kind.citizen_done(state))


class LeaveWatch:
    """The two signs of a citizen gone, and the countdown each starts.

    ``card_taken_s``: the warning's length once the card is lifted off;
    ``slip_left_s``: how long a printout may wait in the slot before the session ends,
    of which the last ``slip_warning_s`` are a warning.
    """

    def __init__(
        self, clock: Clock, card_taken_s: float, slip_left_s: float, slip_warning_s: float
    ) -> None:
        if card_taken_s <= 0 or slip_left_s <= 0:
            raise ValueError("the card and slip limits must be more than 0 seconds")
        self._clock = clock
        self.card_taken_s = card_taken_s
        self.slip_left_s = slip_left_s
        # The warning never takes more than half the limit: a reminder, not the whole wait.
        self.slip_warning_s = min(slip_warning_s, slip_left_s / 2)
        self._card_present: bool | None = None
        self._card_taken = False
        self._card_deadline: float | None = None
        self._slip: bool | None = None
        self._slip_stale = False
        self._slip_since: float | None = None
        self._slip_deadline: float | None = None

    def new_session(self) -> None:
        """A citizen starts: nothing of the last one's counts (a slip they left is not
        this citizen's, and is counted only once it has been taken and another comes)."""
        self._card_taken = False
        self._card_deadline = None
        self._slip_stale = bool(self._slip)
        self._slip_since = None
        self._slip_deadline = None

    def card_seen(self, present: bool | None, state: object) -> None:
        """The reader has (``present``) or has not a document on it, in ``state``; None:
        it cannot tell (unplugged, or no media sensor), which says nothing of the citizen."""
        if present is None:
            return
        if self._card_present and not present and citizen_done(state) is not None:
            self._card_taken = True
        if present:
            self._card_taken = False  # put back: they are still here
            self._card_deadline = None
        self._card_present = present

    def slip_seen(self, presented: bool | None) -> None:
        """Whether a printout waits in a slot (None: no printer can tell)."""
        if presented:
            if self._slip_since is None and not self._slip_stale:
                self._slip_since = self._clock.monotonic()
        else:
            self._slip_stale = False
            self._slip_since = None
            self._slip_deadline = None
        self._slip = presented

    def not_finished(self) -> None:
        """The citizen said "I'm not finished": the card counts again only once put back
        and lifted off again; a slip still there is counted from now."""
        self._card_taken = False
        self._card_deadline = None
        if self._slip_since is not None:
            self._slip_since = self._clock.monotonic()
            self._slip_deadline = None

    def reading(self, state: object) -> LeaveReading:
        """What to say in ``state`` now; the sooner end wins when both signs count."""
        done = citizen_done(state)
        now = self._clock.monotonic()
        if done is None:
            self._card_taken = False  # gone on to another step: the lift no longer says much
        found: list[LeaveReading] = []
        if self._card_taken and done:
            if self._card_deadline is None:
                # From the moment nothing more is coming: a print still coming out holds it.
                self._card_deadline = now + self.card_taken_s
            found.append(LeaveReading(CARD_TAKEN, max(0.0, self._card_deadline - now)))
        else:
            self._card_deadline = None
        if self._slip_since is not None and done:
            if self._slip_deadline is None:
                # Reached late (the slip came out before a reprint): still warned in full.
                self._slip_deadline = max(
                    self._slip_since + self.slip_left_s, now + self.slip_warning_s
                )
            remaining = self._slip_deadline - now
            if remaining <= self.slip_warning_s:
                found.append(LeaveReading(SLIP_LEFT, max(0.0, remaining)))
        else:
            self._slip_deadline = None
        return min(found, key=lambda r: r.remaining_s) if found else QUIET


def card_on_reader(reader: DeviceStatus | None) -> bool | None:
    """Whether the reader's status says a document lies on it; None when it cannot tell."""
    if reader is None or reader.media not in ("present", "notPresent"):
        return None
    return reader.media == "present"


def slip_waiting(statuses: Iterable[DeviceStatus]) -> bool | None:
    """Whether any printer's slot holds a printout (`DeviceStatus.presented`); None when
    no device can tell (real drivers that report no presenter sensor)."""
    presented = [status.presented for status in statuses]
    if any(presented):
        return True
    return False if any(p is False for p in presented) else None
