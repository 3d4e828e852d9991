"""The kiosk speaks a screen through the real engine: Qt TextToSpeech, speech-dispatcher,
espeak-ng's Mandarin voice; the sound lands in a WAV file, which must not be silence.

Qt's speech-dispatcher plugin cannot synthesize to data, so the test gives the kiosk a
speech-dispatcher of its own whose ALSA output is a file (ALSA's ``file`` plugin
over the ``null`` device): everything from the kiosk's `Speaker` to the sound is the
path a kiosk with a loudspeaker takes, voice choice included.
"""

from __future__ import annotations

import array
import logging
import math
import os
import shutil
import struct
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.workflow.states import ServiceMenu
from tests.shell.conftest import KioskDriver, make_kiosk

SPEECHD_CONFIG = Path("/etc/speech-dispatcher")
ESPEAK_MODULE = Path("/usr/lib/speech-dispatcher-modules/sd_espeak-ng")
SILENCE_RMS = 300
"""Below this (of 32767) a 16-bit recording is silence or the faintest hiss."""


def _missing() -> str:
    from PySide6.QtTextToSpeech import QTextToSpeech

    if not shutil.which("espeak-ng") or not ESPEAK_MODULE.exists():
        return "espeak-ng is not installed (Debian: espeak-ng, speech-dispatcher-espeak-ng)"
    if not shutil.which("speech-dispatcher") or not SPEECHD_CONFIG.is_dir():
        return "speech-dispatcher is not installed (Debian: speech-dispatcher)"
    if "speechd" not in QTextToSpeech.availableEngines():
        return "this Qt has no speech-dispatcher text-to-speech plugin"
    return ""


pytestmark = pytest.mark.skipif(bool(_missing()), reason=_missing() or "ready")


@pytest.fixture
def speech_dispatcher_to_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A speech-dispatcher of the test's own, playing into a WAV file; the kiosk is
    pointed at it (SPEECHD_ADDRESS). Yields the file."""
    config = tmp_path / "speechd"
    shutil.copytree(SPEECHD_CONFIG, config)
    with open(config / "speechd.conf", "a", encoding="utf-8") as conf:
        conf.write('\nAudioOutputMethod "alsa"\nAudioALSADevice "default"\n')
    home = tmp_path / "home"
    home.mkdir()
    recording = tmp_path / "spoken.wav"
    (home / ".asoundrc").write_text(
        'pcm.!default {\n  type file\n  slave.pcm "null"\n'
        f'  file "{recording}"\n  format "wav"\n}}\n',
        encoding="utf-8",
    )
    socket = tmp_path / "speechd.sock"
    daemon = subprocess.Popen(
        ["speech-dispatcher", "--run-single", "--timeout", "0"]
        + ["--communication-method", "unix_socket", "--socket-path", str(socket)]
        + ["--config-dir", str(config), "--log-dir", str(tmp_path / "log")]
        + ["--pid-file", str(tmp_path / "speechd.pid")],
        env=dict(os.environ, HOME=str(home)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not socket.exists():
            assert daemon.poll() is None, "speech-dispatcher did not start"
            assert time.monotonic() < deadline, "speech-dispatcher made no socket"
            time.sleep(0.1)
        monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{socket}")
        yield recording
    finally:
        daemon.terminate()
        try:
            daemon.wait(10)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait(10)


def _samples(wav: bytes) -> tuple[array.array[int], int]:
    """A 16-bit WAV's samples and rate. ALSA's file plugin fills in the sizes only when
    the device closes, so the data is taken to run to the end of the file."""
    assert wav[:4] == b"RIFF", wav[:16]
    assert wav[8:12] == b"WAVE", wav[:16]
    channels, rate, _, _, bits = struct.unpack("<HIIHH", wav[22:36])
    assert (channels, bits) == (1, 16), (channels, bits)
    data = wav.index(b"data") + 8
    samples = array.array("h", wav[data : data + (len(wav) - data) // 2 * 2])
    return samples, rate


def _seconds_of(wav: bytes) -> float:
    samples, rate = _samples(wav)
    return len(samples) / rate


def _rms(samples: array.array[int]) -> float:
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))


def test_the_kiosk_speaks_its_start_screen_in_mandarin_and_it_is_not_silence(
    tmp_path: Path, qtbot: QtBot, speech_dispatcher_to_a_file: Path
) -> None:
    recording = speech_dispatcher_to_a_file
    app = make_kiosk(tmp_path, speech="always")  # reads the start screen by itself
    try:
        # The engine starts in its own process, a second after the window; its start
        # (speech-dispatcher lists ~1500 voices) takes seconds.
        qtbot.waitUntil(
            lambda: recording.exists() and recording.stat().st_size > 22050 * 2,
            timeout=90000,
        )
        said = app.speech.last_said
        assert said.startswith("企业登记自助服务")
        time.sleep(1.0)  # the rest of the words
        samples, rate = _samples(recording.read_bytes())
    finally:
        app.close()
    seconds = len(samples) / rate
    loudness = _rms(samples)
    assert seconds > 2.0, f"only {seconds:.1f} s of sound"
    assert loudness > SILENCE_RMS, f"RMS {loudness:.0f}: silence"

    # Said in Mandarin: about as long as espeak-ng's cmn voice takes for the same words,
    # far shorter than an English voice spelling out each Chinese character.
    mandarin, english = (
        _seconds_of(
            subprocess.run(
                ["espeak-ng", "-v", voice, "--stdout", said], capture_output=True, check=True
            ).stdout
        )
        for voice in ("cmn", "en")
    )
    assert abs(seconds - mandarin) < abs(seconds - english), (seconds, mandarin, english)


def test_a_kiosk_whose_speech_dispatcher_cannot_be_reached_goes_on_without_speech(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{tmp_path / 'no-such-folder' / 'sock'}")
    app = make_kiosk(tmp_path)
    try:
        kiosk = KioskDriver(app, qtbot)
        qtbot.waitUntil(lambda: app.workflow.catalogue is not None, timeout=30000)
        with caplog.at_level(logging.WARNING, logger="kiosk.shell.speech"):
            kiosk.press("朗读")
            qtbot.waitUntil(lambda: not app.speech.available, timeout=60000)
        assert "speech is not available on this kiosk: speechd" in caplog.text
        assert "朗读" not in kiosk.visible_buttons()
        kiosk.press("点击这里开始")  # the kiosk goes on, silently
        kiosk.wait_for(ServiceMenu)
    finally:
        app.close()
