"""A stand-in for the kiosk's loudspeaker: it records what the kiosk would say.

The speech tests drive the real window and the real `Speaker`; only the audio
hardware is replaced (`Speaker.use_engine`). One test speaks through the real
engine (tests/shell/test_speech_voice.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot


@dataclass
class RecordingVoice:
    said: list[tuple[str, str]] = field(default_factory=list)
    """(text, language), in the order the kiosk said them."""
    stops: int = 0
    volumes: list[float] = field(default_factory=list)
    closed: bool = False

    def say(self, text: str, language: str) -> None:
        self.said.append((text, language))

    def stop(self) -> None:
        self.stops += 1

    def set_volume(self, volume: float) -> None:
        self.volumes.append(volume)

    def close(self) -> None:
        self.closed = True

    @property
    def last(self) -> str:
        return self.said[-1][0] if self.said else ""

    def texts(self) -> list[str]:
        return [text for text, _ in self.said]

    def hears(self, qtbot: QtBot, *words: str, since: int = 0, timeout_ms: int = 15000) -> str:
        """Wait until one utterance (after the first ``since``) holds all of ``words``."""
        found: list[str] = []

        def heard() -> bool:
            found[:] = [t for t in self.texts()[since:] if all(w in t for w in words)]
            return bool(found)

        try:
            qtbot.waitUntil(heard, timeout=timeout_ms)
        except WaitTimeout:
            raise AssertionError(f"never heard {words}; heard {self.texts()[since:]}") from None
        return found[-1]
