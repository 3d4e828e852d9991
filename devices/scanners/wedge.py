"""Tells a keyboard-wedge scanner's bursts apart from a person typing, by timing.

A USB barcode scanner in keyboard mode "types" a whole code in a few
milliseconds per key and ends it with Enter; people need 80 ms or more between
keys. The Qt shell feeds every key that produces text to `WedgeDetector.feed`,
with the event's timestamp in seconds, and holds the keys back while the
detector is undecided. The detector answers with the keys that turned out to be
human typing (to be passed on to the focused field, in order) and with whole
codes. Held keys are released at most ``max_interkey_s`` late, on the next key or
on `WedgeDetector.flush`, which the shell calls from a timer.

Pure Python and single-threaded: call it from one thread (the GUI thread).
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.protocols import ScannedCode


@dataclass(frozen=True, slots=True)
class WedgeOutput:
    """What one `feed` or `flush` decided.

    Attributes:
        typed: keys that were human typing, in order; hand them to the focused field.
        code: a whole scanned code (never together with typed keys that follow it:
            ``typed`` always happened before ``code``).
    """

    typed: str = ""
    code: ScannedCode | None = None


_NOTHING = WedgeOutput()


class WedgeDetector:
    """Splits a key stream into scanned codes and human typing.

    Args:
        max_interkey_s: the longest gap between two keys of one scanner burst.
        min_length: the fewest characters a code has; shorter fast bursts (two keys
            hit together) stay typing.
        terminator: the key a scanner sends after a code ("\\r" for Enter, "\\t"),
            consumed with the code; None for scanners configured without one, whose
            codes end by silence (delivered by `flush`).
        source: the ``ScannedCode.source`` to report.
        max_length: a burst longer than this is not a barcode (a paste or a stuck
            key): it is given back as typing.
    """

    def __init__(
        self,
        max_interkey_s: float = 0.03,
        min_length: int = 4,
        terminator: str | None = "\r",
        *,
        source: str = "wedge",
        max_length: int = 4096,
    ) -> None:
        if max_interkey_s <= 0:
            raise ValueError("max_interkey_s must be positive")
        if min_length < 1 or max_length < min_length:
            raise ValueError("need 1 <= min_length <= max_length")
        if terminator is not None and len(terminator) != 1:
            raise ValueError("terminator must be one character or None")
        self.max_interkey_s = max_interkey_s
        self.min_length = min_length
        self.terminator = terminator
        self.source = source
        self.max_length = max_length
        self._held: list[str] = []
        self._last: float | None = None

    @property
    def pending(self) -> str:
        """Keys held back, still undecided."""
        return "".join(self._held)

    def feed(self, char: str, timestamp: float) -> WedgeOutput:
        """Take one key (one character) pressed at ``timestamp`` seconds."""
        if len(char) != 1:
            raise ValueError(f"feed one character at a time, not {char!r}")
        released = ""
        fast = self._last is not None and 0 <= timestamp - self._last <= self.max_interkey_s
        if self._held and not fast:
            # The gap is too long (or time ran backwards): what was held is typing,
            # unless a terminator-less scanner's code ended with that silence.
            out = self._end_of_burst()
            if out.code is not None:
                # Only without a terminator: this key starts the next burst and is
                # held, so nothing typed can follow the code in this answer.
                self._take(char, timestamp, fast=False)
                return out
            released = out.typed
        out = self._take(char, timestamp, fast=fast)
        return WedgeOutput(typed=released + out.typed, code=out.code)

    def flush(self, now: float) -> WedgeOutput:
        """Release what is held once ``now`` is past the burst window; call from a timer."""
        if not self._held or self._last is None or now - self._last <= self.max_interkey_s:
            return _NOTHING
        return self._end_of_burst()

    def reset(self) -> WedgeOutput:
        """Give back everything held as typing (e.g. the screen changes)."""
        typed = "".join(self._held)
        self._held.clear()
        self._last = None
        return WedgeOutput(typed=typed)

    # -- internals ---------------------------------------------------------------

    def _take(self, char: str, timestamp: float, *, fast: bool) -> WedgeOutput:
        self._last = timestamp
        if char == self.terminator:
            if fast and len(self._held) >= self.min_length:
                data = "".join(self._held)
                self._held.clear()
                return WedgeOutput(code=ScannedCode(data=data, source=self.source))
            # Enter pressed by a person (or after too short a burst): all typing.
            typed = "".join(self._held) + char
            self._held.clear()
            return WedgeOutput(typed=typed)
        self._held.append(char)
        if len(self._held) > self.max_length:
            return self.reset()
        return _NOTHING

    def _end_of_burst(self) -> WedgeOutput:
        """The held burst is over: a code for a terminator-less scanner, else typing."""
        if self.terminator is None and len(self._held) >= self.min_length:
            data = "".join(self._held)
            self._held.clear()
            return WedgeOutput(code=ScannedCode(data=data, source=self.source))
        typed = "".join(self._held)
        self._held.clear()
        return WedgeOutput(typed=typed)
