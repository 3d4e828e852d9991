"""The voice, as the kiosk sees it: a `SpeechEngine` whose every call returns at once.

The real one, `SpeechProcess`, runs Qt TextToSpeech on speech-dispatcher (espeak-ng)
in a child process (`kiosk.shell.speech_voice`, which says why) and writes it one
JSON line per request: the UI thread never waits for the engine, its start, or a
speech-dispatcher that hangs. An engine that cannot start (no plugin, no
speech-dispatcher, the process gone) is reported once through ``on_failure`` on the
UI thread; the kiosk then offers no speech (`kiosk.shell.speech`).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QProcess

log = logging.getLogger(__name__)

CLOSE_WAIT_MS = 2000
"""How long closing the kiosk waits for the voice's process to end (then it is killed)."""


class SpeechEngine(Protocol):
    """What the kiosk asks of a voice; every call returns at once."""

    def say(self, text: str, language: str) -> None:
        """Say ``text`` in ``language`` ("zh" or "en"), cutting off what is being said."""

    def stop(self) -> None: ...

    def set_volume(self, volume: float) -> None:
        """0.0 to 1.0."""

    def close(self) -> None: ...


EngineFactory = Callable[[Callable[[str], None]], SpeechEngine]
"""Builds an engine; its argument is called (on the UI thread) if the engine cannot speak."""


class SpeechProcess(QObject):
    """speech-dispatcher through Qt, in a process of its own; started when built."""

    def __init__(self, on_failure: Callable[[str], None]) -> None:
        super().__init__()
        self._on_failure = on_failure
        self._failed = False
        self._closing = False
        self.ready = False
        """True once the engine has started and found its voices (what is said before
        then waits in the pipe)."""
        self._reports = bytearray()
        process = QProcess(self)
        process.setProgram(sys.executable)
        process.setArguments(["-m", "kiosk.shell.speech_voice"])
        process.readyReadStandardOutput.connect(self._read_reports)
        process.readyReadStandardError.connect(self._log_errors)
        process.errorOccurred.connect(self._on_error)
        process.finished.connect(self._on_finished)
        self._process = process
        process.start()  # returns at once; the child starts the engine in its own time

    def say(self, text: str, language: str) -> None:
        self._send({"say": text, "language": language})

    def stop(self) -> None:
        self._send({"stop": True})

    def set_volume(self, volume: float) -> None:
        self._send({"volume": volume})

    def close(self) -> None:
        """End the voice's process (at the kiosk's close: the only wait, and a short one)."""
        self._closing = True
        process = self._process
        if process.state() == QProcess.ProcessState.NotRunning:
            return
        self._send({"quit": True})
        process.closeWriteChannel()
        if not process.waitForFinished(CLOSE_WAIT_MS):
            process.kill()
            process.waitForFinished(CLOSE_WAIT_MS)

    def _send(self, message: dict[str, object]) -> None:
        if self._failed or self._process.state() == QProcess.ProcessState.NotRunning:
            return
        # Buffered by Qt and written as the pipe takes it: never a wait.
        self._process.write(json.dumps(message, ensure_ascii=False).encode() + b"\n")

    def _read_reports(self) -> None:
        self._reports.extend(bytes(self._process.readAllStandardOutput().data()))
        lines = bytes(self._reports).split(b"\n")
        self._reports[:] = lines.pop()
        for line in lines:
            try:
                report = json.loads(line)
            except ValueError:
                continue  # not one of the voice's reports (a library's chatter)
            if "ready" in report:
                self.ready = True
                log.info("speech: the %s engine is ready", report["ready"])
            elif "failed" in report:
                self._fail(str(report["failed"]))

    def _log_errors(self) -> None:
        text = bytes(self._process.readAllStandardError().data()).decode(errors="replace").strip()
        if text:
            log.debug("speech: the voice's process says: %s", text)

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if not self._closing:
            self._fail(f"the voice's process: {error.name}: {self._process.errorString()}")

    def _on_finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        if not self._closing:
            self._fail(f"the voice's process ended (exit code {code})")

    def _fail(self, reason: str) -> None:
        if not self._failed:
            self._failed = True
            self._on_failure(reason)
