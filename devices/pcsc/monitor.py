"""A self-healing card/reader presence monitor on ``SCardGetStatusChange``.

pyscard's ``CardMonitor``/``ReaderMonitor`` threads die for good when pcscd is
restarted or the context becomes invalid, which on an unattended kiosk means
the UI never hears about a passport again. This monitor owns its loop instead:

* it establishes its own PC/SC context and establishes a new one whenever a
  call reports the service gone (pcscd restarted, crashed, not yet started),
  retrying every poll interval, forever, until `PresenceMonitor.stop`;
* each round takes a snapshot (``SCardGetStatusChange`` with timeout 0), then
  blocks in ``SCardGetStatusChange`` for at most ``poll_interval`` waiting for
  any change, including the ``\\\\?PnP?\\Notification`` pseudo-reader so a reader
  plugged in wakes it at once;
* observations go through `PresenceDebouncer`, so a departure is reported only
  after several consecutive misses.

**Callbacks run on the monitor's own thread** (named ``pcsc-presence``), one at
a time, in order. Keep them short and hand work to your own thread or event
loop (Qt users: emit a queued signal). An exception in a callback is logged and
does not stop the monitor.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from smartcard import scard

from devices.pcsc.connection import PcscContext
from devices.pcsc.errors import PcscError, check
from devices.pcsc.presence import PresenceDebouncer, PresenceEvent

_log = logging.getLogger(__name__)

PNP_NOTIFICATION = "\\\\?PnP?\\Notification"
_TIMEOUT = scard.SCARD_E_TIMEOUT & 0xFFFFFFFF
_CANCELLED = scard.SCARD_E_CANCELLED & 0xFFFFFFFF
_PRESENT = scard.SCARD_STATE_PRESENT
_MUTE = scard.SCARD_STATE_MUTE
_CHANGED = scard.SCARD_STATE_CHANGED

Observation = dict[str, bytes | None]


class PresenceMonitor:
    """Watches PC/SC readers and cards; reports debounced `PresenceEvent`s.

    Args:
        on_event: called from the monitor thread for every confirmed change.
        poll_interval: seconds between snapshots, and the longest a blocking
            wait lasts; also the retry period while pcscd is down.
        misses_to_gone: consecutive polls without a reader/card before it is
            reported gone.
        reader_filter: only readers whose name contains this substring.
    """

    def __init__(
        self,
        on_event: Callable[[PresenceEvent], None],
        *,
        poll_interval: float = 0.2,
        misses_to_gone: int = 3,
        reader_filter: str | None = None,
    ) -> None:
        if poll_interval <= 0:
            raise ValueError("poll_interval must be positive")
        self._on_event = on_event
        self._poll_interval = poll_interval
        self._filter = reader_filter
        self._debouncer = PresenceDebouncer(misses_to_gone)
        self._lock = threading.Lock()
        self._snapshot: Observation = {}
        self._stop = threading.Event()
        self._context: PcscContext | None = None
        self._thread: threading.Thread | None = None
        self._context_restarts = 0
        self._service_up = False

    # ------------------------------------------------------------ public --
    def start(self) -> None:
        """Start the monitor thread (idempotent)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="pcsc-presence", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the thread and release its context; waits up to ``timeout`` s."""
        self._stop.set()
        context = self._context
        if context is not None:
            # Wakes a blocked SCardGetStatusChange at once instead of after
            # up to one poll interval. pcsc-lite allows SCardCancel from
            # another thread; that is what it is for.
            context.cancel()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        self._thread = None

    def snapshot(self) -> Observation:
        """Debounced view: reader -> ATR of the card in it, or None if empty."""
        with self._lock:
            return dict(self._snapshot)

    @property
    def running(self) -> bool:
        """True while the monitor thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    @property
    def service_up(self) -> bool:
        """True when the last round reached pcscd."""
        return self._service_up

    @property
    def context_restarts(self) -> int:
        """How many times the PC/SC context was lost and had to be re-established."""
        return self._context_restarts

    # ----------------------------------------------------------- the loop --
    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    self._round()
                except PcscError as exc:
                    self._lose_context(exc)
                    self._stop.wait(self._poll_interval)
                except Exception:  # never let the thread die silently
                    _log.exception("presence monitor round failed; retrying")
                    self._lose_context(None)
                    self._stop.wait(self._poll_interval)
        finally:
            if self._context is not None:
                self._context.release()
                self._context = None

    def _lose_context(self, exc: PcscError | None) -> None:
        if self._context is not None:
            _log.info("PC/SC context lost (%s); re-establishing", exc)
            self._context.release()
            self._context = None
            self._context_restarts += 1
        self._service_up = False
        # Nothing is observable while pcscd is away: count it as a miss for
        # everything, so that a short restart (fewer misses than the limit)
        # does not bounce every reader and card.
        self._publish({})

    def _round(self) -> None:
        if self._context is None or not self._context.is_valid():
            if self._context is not None:
                raise PcscError("context no longer valid")
            self._context = PcscContext()
        context = self._context
        all_readers = context.list_readers()
        readers = [n for n in all_readers if self._filter is None or self._filter in n]
        states = self._status_change(context, 0, [(n, scard.SCARD_STATE_UNAWARE) for n in readers])
        self._service_up = True
        observed: Observation = {}
        current: list[tuple[str, int]] = []
        for name, event_state, atr in states:
            present = bool(event_state & _PRESENT) and not event_state & _MUTE
            observed[name] = bytes(atr) if present else None
            current.append((name, event_state & ~_CHANGED))
        self._publish(observed)
        if self._stop.is_set():
            return
        # Block until something changes or one poll interval passes. The PnP
        # pseudo-reader's state carries the reader count in its high word;
        # passing the count we know makes pcsc-lite wake us when it differs.
        pnp_state = len(all_readers) << 16
        self._status_change(
            context,
            int(self._poll_interval * 1000),
            [*current, (PNP_NOTIFICATION, pnp_state)],
        )

    def _status_change(
        self, context: PcscContext, timeout_ms: int, states: list[tuple[str, int]]
    ) -> list[tuple[str, int, list[int]]]:
        if not states:
            states = [(PNP_NOTIFICATION, 0)]
        try:
            hresult, out = scard.SCardGetStatusChange(context.handle, timeout_ms, states)
        except Exception as exc:  # pyscard's own exceptions, e.g. bad reader name types
            raise PcscError(f"SCardGetStatusChange: {exc}") from exc
        code = hresult & 0xFFFFFFFF
        if code in (_TIMEOUT, _CANCELLED):
            return []
        check(hresult, "SCardGetStatusChange")
        result: list[tuple[str, int, list[int]]] = []
        for entry in out:
            name, event_state, atr = _unpack(entry)
            if name != PNP_NOTIFICATION:
                result.append((name, event_state, atr))
        return result

    def _publish(self, observed: Observation) -> None:
        events = self._debouncer.update(observed)
        with self._lock:
            self._snapshot = self._debouncer.snapshot()
        for event in events:
            try:
                self._on_event(event)
            except Exception:
                _log.exception("presence callback failed for %s", event)


def _unpack(entry: Any) -> tuple[str, int, list[int]]:
    name, event_state, atr = entry
    return str(name), int(event_state), list(atr)
