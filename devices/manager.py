"""Watches every device's status and reports what changed as `DeviceEvent` values.

`DeviceManager.poll_once` asks each device for its `DeviceStatus`, compares it
with the last one, and calls ``on_event`` for every change: a reader's card put
on or taken off, a printer's paper running low or out, a device plugged in or
unplugged. It is synchronous and Qt-free; the shell calls it periodically from a
worker thread, and the callbacks run on that same thread (the caller's thread of
`poll_once`), so a UI must hand them over to its own thread itself.

Unplugging is debounced: a device is reported "detached" only after
``misses_to_gone`` consecutive NO_DEVICE readings, because USB readers and
serial adapters drop out for a poll or two now and then. Until then its last
known status is kept.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from devices.status import DeviceState, DeviceStatus

EVENT_KINDS = (
    "attached",
    "detached",
    "card_inserted",
    "card_removed",
    "paper_low",
    "paper_out",
    "paper_ok",
    "media_taken",
    "status_changed",
)


class StatusSource(Protocol):
    """Anything with a name and a status: every device protocol qualifies."""

    @property
    def name(self) -> str: ...

    def status(self) -> DeviceStatus: ...


@dataclass(frozen=True, slots=True)
class DeviceEvent:
    """One change of one device.

    Attributes:
        device: the configured device name (the key in the manager's mapping).
        kind: one of `EVENT_KINDS`.
        status: the device's status after the change.
        previous: its status before (None at the first poll).
    """

    device: str
    kind: str
    status: DeviceStatus
    previous: DeviceStatus | None = None


_PAPER_EVENTS = {"ok": "paper_ok", "low": "paper_low", "out": "paper_out"}
_CARD_EVENTS = {"present": "card_inserted", "notPresent": "card_removed"}


class DeviceManager:
    """Polls devices and emits `DeviceEvent`s when their status changes.

    Args:
        devices: device name -> device (anything with ``name`` and ``status()``).
        on_event: called for each event, on the thread that called `poll_once`.
            An exception it raises propagates out of `poll_once`.
        misses_to_gone: consecutive NO_DEVICE readings before "detached".
    """

    def __init__(
        self,
        devices: Mapping[str, StatusSource],
        on_event: Callable[[DeviceEvent], None],
        misses_to_gone: int = 3,
    ) -> None:
        if misses_to_gone < 1:
            raise ValueError("misses_to_gone must be at least 1")
        self._devices = dict(devices)
        self._on_event = on_event
        self._misses_to_gone = misses_to_gone
        self._lock = threading.Lock()
        self._statuses: dict[str, DeviceStatus] = {}
        self._misses: dict[str, int] = {name: 0 for name in self._devices}

    def statuses(self) -> dict[str, DeviceStatus]:
        """The last reported status of each polled device (name -> status)."""
        with self._lock:
            return dict(self._statuses)

    def poll_once(self) -> list[DeviceEvent]:
        """Poll every device once, emit the events and return them.

        A ``status()`` that raises becomes HARDWARE_ERROR with the exception as
        the reason; it never escapes.
        """
        events: list[DeviceEvent] = []
        for name, device in self._devices.items():
            events.extend(self._poll_device(name, device))
        for event in events:
            self._on_event(event)
        return events

    def _poll_device(self, name: str, device: StatusSource) -> list[DeviceEvent]:
        current = _safe_status(device)
        with self._lock:
            previous = self._statuses.get(name)
            if current.state is DeviceState.NO_DEVICE:
                self._misses[name] += 1
                if previous is None:
                    # Absent from the start: nothing to debounce, nothing to announce.
                    self._statuses[name] = current
                    return []
                if previous.state is DeviceState.NO_DEVICE:
                    return []
                if self._misses[name] < self._misses_to_gone:
                    return []  # maybe a glitch: keep the last known status for now
                self._statuses[name] = current
                return [DeviceEvent(name, "detached", current, previous)]
            self._misses[name] = 0
            self._statuses[name] = current
        return _changes(name, previous, current)


def _safe_status(device: StatusSource) -> DeviceStatus:
    try:
        return device.status()
    except Exception as exc:  # a driver bug must not stop the polling of the others
        return DeviceStatus(
            DeviceState.HARDWARE_ERROR, f"status check failed: {type(exc).__name__}: {exc}"
        )


def _changes(name: str, previous: DeviceStatus | None, current: DeviceStatus) -> list[DeviceEvent]:
    events: list[DeviceEvent] = []
    if previous is None or previous.state is DeviceState.NO_DEVICE:
        events.append(DeviceEvent(name, "attached", current, previous))
        previous_media = None
    elif previous == current:
        return []
    else:
        previous_media = previous.media
        if previous.state is not current.state or previous.reason != current.reason:
            events.append(DeviceEvent(name, "status_changed", current, previous))
    if current.media != previous_media and current.media is not None:
        kind = _CARD_EVENTS.get(current.media) or _PAPER_EVENTS.get(current.media)
        # A device that just appeared with no card or good paper is the normal case.
        normal_at_start = previous_media is None and kind in ("card_removed", "paper_ok")
        if kind is not None and not normal_at_start:
            events.append(DeviceEvent(name, kind, current, previous))
    if previous is not None and previous.presented and current.presented is False:
        events.append(DeviceEvent(name, "media_taken", current, previous))
    return events
