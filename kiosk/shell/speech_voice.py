"""The voice's own process: Qt TextToSpeech on speech-dispatcher, told what to say on stdin.

Run by the kiosk (`kiosk.shell.speech_engine.SpeechProcess`) as
``python -m kiosk.shell.speech_voice``. Why a process and not a thread: PySide
keeps Python's GIL through QTextToSpeech's calls, and starting the engine alone
takes seconds (speech-dispatcher starts and lists some 1500 voices), which would
stall the kiosk's UI thread just as surely as calling it there. Here nothing the
engine does can hold the kiosk up, and a speech-dispatcher that hangs hangs only
this process.

Messages are JSON lines. In: ``{"say": text, "language": "zh"}``, ``{"stop": true}``,
``{"volume": 0.75}``. Out: ``{"ready": engine}`` once the engine has started and
found its voices, or ``{"failed": reason}`` (then the process ends). What arrives
while the engine starts waits in the pipe; of several lines read at once only the
last "say" or "stop" is done (a later utterance would cut the earlier off anyway).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QSocketNotifier, QTimer

from kiosk.speech import Voice, choose_voice

ENGINE = "speechd"
"""Qt's plugin for speech-dispatcher (Debian: speech-dispatcher, speech-dispatcher-espeak-ng)."""

NICENESS = 5
"""The voice gives way to the kiosk for the processor: the synthesis comes in bursts
(espeak-ng makes the sound faster than it is played), and on a two-core kiosk a burst
would stretch the window's own work. speech-dispatcher, when this process starts it
(libspeechd's autospawn), inherits the niceness, and its espeak-ng module with it."""

SEARCHED_LOCALES = {"zh": ("zh_CN", "C"), "en": ("en_GB", "en_US")}
"""Where each language's voices are looked for: Qt's speech-dispatcher plugin gives
espeak-ng's Mandarin ("cmn") no locale, so it is under "C", found by its name."""


def report(message: dict[str, str]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


class VoiceEngine:
    """The engine, the voice chosen for each language, and the volume."""

    def __init__(self) -> None:
        self.tts: Any = None
        self.language = ""
        self.volume = 1.0

    def start(self) -> bool:
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech

            if ENGINE not in QTextToSpeech.availableEngines():
                report({"failed": f"Qt has no {ENGINE!r} text-to-speech plugin"})
                return False
            tts = QTextToSpeech(ENGINE)
            # speech-dispatcher has no voice for the kiosk's Chinese default locale
            # ("Failed to initialize default locale and voice"): the voices are chosen
            # here anyway, so only a failure to reach it at all is one.
            broken = tts.state() == QTextToSpeech.State.Error and (
                tts.errorReason() != QTextToSpeech.ErrorReason.Configuration
            )
            self.tts = tts
            if broken or not any(self.voice_for(language) for language in SEARCHED_LOCALES):
                reason = tts.errorString() if broken else "no Mandarin or English voice"
                report({"failed": f"{ENGINE}: {reason or 'the engine did not start'}"})
                return False
        except Exception as exc:  # a broken plugin: said, and this process ends
            report({"failed": f"{type(exc).__name__}: {exc}"})
            return False
        tts.setVolume(self.volume)
        report({"ready": ENGINE})
        return True

    def handle(self, message: dict[str, Any]) -> None:
        if "volume" in message:
            self.volume = float(message["volume"])
            self.tts.setVolume(self.volume)
        elif "stop" in message:
            self.tts.stop()
        elif "say" in message:
            language = str(message.get("language", "zh"))
            if language != self.language:
                self.language = language
                voice = self.voice_for(language)
                if voice is not None:
                    self.tts.setVoice(voice)
            self.tts.say(str(message["say"]))

    def voice_for(self, language: str) -> Any:
        found: dict[str, Any] = {}
        for name in SEARCHED_LOCALES.get(language, (language,)):
            for voice in self.tts.allVoices(QLocale(name)):
                found.setdefault(voice.name(), voice)
        chosen = choose_voice(
            language, [Voice(name, voice.locale().name()) for name, voice in found.items()]
        )
        return found[chosen.name] if chosen is not None else None


def latest(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every volume change, and of the utterances and stops only the last."""
    last = max((i for i, m in enumerate(messages) if "say" in m or "stop" in m), default=-1)
    return [m for i, m in enumerate(messages) if "volume" in m or i == last]


def main() -> int:
    os.nice(NICENESS)
    app = QCoreApplication(sys.argv[:1])
    voice = VoiceEngine()
    stdin = sys.stdin.fileno()
    os.set_blocking(stdin, False)
    pending = bytearray()

    def readable() -> None:
        while True:
            try:
                chunk = os.read(stdin, 65536)
            except BlockingIOError:
                break
            if not chunk:  # the kiosk has gone, or closed its end
                app.quit()
                return
            pending.extend(chunk)
        lines = bytes(pending).split(b"\n")
        pending[:] = lines.pop()
        messages = [json.loads(line) for line in lines if line.strip()]
        if any("quit" in m for m in messages):
            app.quit()
            return
        for message in latest(messages):
            voice.handle(message)

    def begin() -> None:
        if not voice.start():
            app.exit(1)
            return
        notifier.setEnabled(True)
        readable()  # what came while the engine started

    notifier = QSocketNotifier(stdin, QSocketNotifier.Type.Read)
    notifier.setEnabled(False)
    notifier.activated.connect(readable)
    QTimer.singleShot(0, begin)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
