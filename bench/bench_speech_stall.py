"""Benchmark: the longest UI-thread stall during a whole registration with speech on.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_speech_stall.py [--runs 5]
A simulated citizen registers a sole proprietorship (GT-SETUP, the paper licence
by post) on the real window against the central sandbox, staying on each screen
long enough for it to be read aloud, with "read aloud" on, then again with it off.
The stall is the longest gap between two turns of the event loop (a 1 ms timer's
ticks, as in bench_form_stall.py): what a citizen feels as the kiosk not answering.
Also: the longest stall while the kiosk, just started, does its own work on its
workers before any citizen comes, and in the first registration after the start;
how long the voice takes to start (in its own process) and the stall meanwhile; how
long reading one screen takes on the UI thread: what speech itself adds. (The
longest stalls of a whole registration, speech on or off, are the kiosk's own page
changes; `--recorder` leaves out the synthesis competing for the processor.)
`--districts 100` has the sandbox serve its catalogue with made-up districts added
up to that many (its own has 25; a province has about 100), so the district picker
that "by post" brings is as long as a province's.

The voice is the real one (Qt TextToSpeech, speech-dispatcher, espeak-ng) when
installed: the benchmark starts a speech-dispatcher of its own whose sound goes to
ALSA's null device (a kiosk with no loudspeaker here), and stops it at the end.
Without it, a recorder stands in and the figures say so.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402

from devices.simulated import SimulatedIdReader  # noqa: E402
from kiosk.config import KioskConfig  # noqa: E402
from kiosk.shell.app import KioskApplication  # noqa: E402
from kiosk.shell.speech_engine import SpeechProcess  # noqa: E402
from kiosk.shell.speech_voice import NICENESS  # noqa: E402
from kiosk.workflow import events as ev  # noqa: E402
from kiosk.workflow.states import Attract, Filling, Finished, IdentityCheck, Reviewing  # noqa: E402
from screens.fields.choice import ChoiceButtons  # noqa: E402
from screens.fields.region_picker import RegionPicker  # noqa: E402

TARGET_MS = 50.0
MOBILE = "13800138000"
DWELL_MS = 600
"""How long the citizen stays on each screen: longer than the reading's debounce."""
START_WORK_MS = 3000
"""How long the kiosk's own work after the catalogue arrives is watched, before any citizen."""

Step = tuple[str, Callable[[], bool], Callable[[], None]]


class _Recorder:
    """Stands in for the voice when speech-dispatcher is not installed."""

    ready = True

    def say(self, text: str, language: str) -> None: ...
    def stop(self) -> None: ...
    def set_volume(self, volume: float) -> None: ...
    def close(self) -> None: ...


def private_speech_dispatcher(folder: Path) -> tuple[subprocess.Popen[bytes], str] | None:
    """A speech-dispatcher of the benchmark's own, its sound to ALSA's null device."""
    if not (shutil.which("speech-dispatcher") and Path("/etc/speech-dispatcher").is_dir()):
        return None
    config = folder / "speechd"
    shutil.copytree("/etc/speech-dispatcher", config)
    with open(config / "speechd.conf", "a", encoding="utf-8") as conf:
        conf.write('\nAudioOutputMethod "alsa"\nAudioALSADevice "default"\n')
    home = folder / "home"
    home.mkdir()
    (home / ".asoundrc").write_text("pcm.!default { type null }\n", encoding="utf-8")
    socket = folder / "speechd.sock"
    daemon = subprocess.Popen(
        ["speech-dispatcher", "--run-single", "--timeout", "0"]
        + ["--communication-method", "unix_socket", "--socket-path", str(socket)]
        + ["--config-dir", str(config), "--log-dir", str(folder / "log")]
        + ["--pid-file", str(folder / "speechd.pid")],
        env=dict(os.environ, HOME=str(home)),
        # As when the voice's process starts it (autospawn): at the voice's niceness.
        preexec_fn=lambda: os.nice(NICENESS),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while not socket.exists():
        if daemon.poll() is not None or time.monotonic() > deadline:
            daemon.kill()
            return None
        time.sleep(0.1)
    return daemon, f"unix_socket:{socket}"


def run_script(steps: list[Step], dwell_ms: int = DWELL_MS) -> tuple[float, str]:
    """Run ``steps`` (name, ready?, action) on the event loop, each once it is ready and the
    citizen has stayed ``dwell_ms`` on the screen; the longest gap between the 1 ms
    timer's ticks meanwhile (ms), and the step it fell in."""
    loop = QEventLoop()
    ticks: list[tuple[float, str]] = []
    current = ["start"]
    ticker = QTimer()
    ticker.setInterval(1)
    ticker.timeout.connect(lambda: ticks.append((time.perf_counter(), current[0])))
    remaining = list(steps)
    last_action = [time.perf_counter()]
    deadline = time.perf_counter() + 120

    def poll() -> None:
        if not remaining:
            loop.quit()
            return
        name, ready, action = remaining[0]
        waited = (time.perf_counter() - last_action[0]) * 1000
        if ready() and waited >= dwell_ms:
            remaining.pop(0)
            current[0] = name
            action()
            last_action[0] = time.perf_counter()
        if time.perf_counter() > deadline:
            raise SystemExit(f"the registration did not get past {name!r}")

    poller = QTimer()
    poller.setInterval(5)
    poller.timeout.connect(poll)
    ticker.start()
    poller.start()
    loop.exec()
    poller.stop()
    ticker.stop()
    gaps = [(b[0] - a[0], b[1]) for a, b in zip(ticks, ticks[1:], strict=False)]
    worst = max(gaps)
    return worst[0] * 1000, worst[1]


def registration(kiosk: KioskApplication) -> list[Step]:
    wf = kiosk.workflow
    reader = kiosk.services.reader
    assert isinstance(reader, SimulatedIdReader)

    def state_is(kind: type) -> Callable[[], bool]:
        return lambda: isinstance(wf.state, kind)

    page = kiosk.window.router.form_page

    def tap_choice(field: str, value: str) -> None:
        # Tapped, as a citizen does: the page shows the fields this choice asks for.
        choice = page.control(field)
        assert isinstance(choice, ChoiceButtons)
        choice.button(value).click()

    def tap_district() -> None:
        assert wf.catalogue is not None
        assert wf.catalogue.regions, "the catalogue has no districts"
        picker = page.control("delivery_region")
        assert isinstance(picker, RegionPicker)
        picker.buttons.button(wf.catalogue.regions[0].code).click()

    def no_card() -> bool:
        state = wf.state
        return isinstance(state, IdentityCheck) and state.problem == "no_document"

    return [
        ("card lifted", state_is(Attract), reader.remove),
        ("started", state_is(Attract), lambda: wf.dispatch(ev.Started())),
        ("service chosen", lambda: True, lambda: wf.dispatch(ev.ServiceChosen("GT-SETUP"))),
        ("guidance read", lambda: True, lambda: wf.dispatch(ev.NextPressed())),
        ("card put down", no_card, reader.insert),
        ("mobile typed", state_is(Filling), lambda: wf.set_value("mobile", MOBILE)),
        ("page 1 done", lambda: True, lambda: wf.dispatch(ev.NextPressed())),
        ("name typed", state_is(Filling), lambda: wf.set_value("trade_name", "丽华百货店")),
        ("scope typed", lambda: True, lambda: wf.set_value("business_scope", "日用百货销售")),
        # The paper licence by post: the district picker (a search box and a button
        # per district) appears on the page.
        ("post chosen", lambda: True, lambda: tap_choice("licence_delivery", "post")),
        (
            "mobile for the post typed",
            lambda: True,
            lambda: wf.set_value("delivery_mobile", MOBILE),
        ),
        ("district chosen", lambda: True, lambda: tap_district()),
        ("street typed", lambda: True, lambda: wf.set_value("delivery_address", "八一南街100号")),
        ("page 2 done", lambda: True, lambda: wf.dispatch(ev.NextPressed())),
        ("submitted", state_is(Reviewing), lambda: wf.dispatch(ev.SubmitPressed())),
        (
            "finished",
            lambda: isinstance(s := wf.state, Finished) and s.receipt != "printing",
            lambda: wf.dispatch(ev.DonePressed()),
        ),
        ("back at the start", state_is(Attract), lambda: None),
    ]


def catalogue_with_districts(folder: Path, count: int) -> Path:
    """The sandbox's catalogue with made-up districts after its own, ``count`` in all."""
    path = Path(__file__).resolve().parents[1] / "central" / "data" / "catalogue.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    regions = document["regions"]
    taken = {region["code"] for region in regions}
    made_up = (f"3399{n:02d}" for n in range(100))
    for code in (code for code in made_up if code not in taken):
        if len(regions) >= count:
            break
        number = len(regions) + 1
        regions.append(
            {"code": code, "name": {"zh": f"示例市第{number}区", "en": f"District {number}"}}
        )
    out = folder / "catalogue.json"
    out.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    print(f"the catalogue has {len(regions)} districts")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--recorder",
        action="store_true",
        help="a recorder in place of the voice: what speech costs the UI thread alone,"
        " without the synthesis competing for the processor",
    )
    parser.add_argument(
        "--gil-slice-ms",
        type=float,
        help="hand the GIL round in slices this long instead of the kiosk's"
        " (kiosk.shell.background.GIL_SLICE_S); Python's own default is 5 ms",
    )
    parser.add_argument(
        "--districts",
        type=int,
        help="serve the sandbox's catalogue with made-up districts added up to this many",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.districts:
            # The embedded sandbox is a child process: it reads this from its environment.
            os.environ["KIOSK_CENTRAL_CATALOGUE"] = str(
                catalogue_with_districts(Path(folder), args.districts)
            )
        speechd = None if args.recorder else private_speech_dispatcher(Path(folder))
        if speechd is not None:
            os.environ["SPEECHD_ADDRESS"] = speechd[1]
        try:
            return _measure(
                Path(folder),
                args.runs,
                real_voice=speechd is not None,
                gil_slice_ms=args.gil_slice_ms,
            )
        finally:
            if speechd is not None:
                speechd[0].terminate()
                speechd[0].wait(10)


def _measure(folder: Path, runs: int, *, real_voice: bool, gil_slice_ms: float | None) -> int:
    config = KioskConfig(data_dir=folder / "kiosk", fullscreen=False, sync_interval_s=1.0)
    kiosk = KioskApplication(config)
    if gil_slice_ms is not None:
        sys.setswitchinterval(gil_slice_ms / 1000)
    print(f"the GIL is handed round in slices of {sys.getswitchinterval() * 1000:.1f} ms")
    kiosk.start()
    kiosk.window.resize(1920, 1080)
    speaker = kiosk.speech
    if not real_voice:
        speaker.use_engine(_Recorder())
    reading: list[float] = []
    read_screen = speaker._read_screen

    def timed_read(again: bool = False) -> None:
        started = time.perf_counter()
        read_screen(again)  # walk the widgets, compose the words, hand them to the voice
        reading.append((time.perf_counter() - started) * 1000)

    speaker._read_screen = timed_read  # type: ignore[method-assign]
    speaker._reading.timeout.disconnect()
    speaker._reading.timeout.connect(timed_read)
    run_script([("catalogue", lambda: kiosk.workflow.catalogue is not None, lambda: None)], 0)
    # What the kiosk does on its workers once it has the catalogue, before any citizen:
    # the pinyin of its districts and scope phrases (pypinyin's tables are unmarshalled
    # holding the GIL), the documents' font.
    ready_stall, _ = run_script([("ready", lambda: True, lambda: None)], START_WORK_MS)
    print(
        f"the kiosk's own work in the {START_WORK_MS / 1000:.0f} s after the catalogue"
        f" arrives, before any citizen: longest UI stall {ready_stall:.1f} ms"
    )

    started = time.perf_counter()
    start_stall, _ = run_script(
        [
            ("speech on", lambda: True, lambda: speaker.set_on(True)),
            ("voice ready", lambda: bool(getattr(speaker.engine, "ready", False)), lambda: None),
        ],
        0,
    )
    engine_s = time.perf_counter() - started
    if isinstance(speaker.engine, SpeechProcess):
        print(
            f"voice: speech-dispatcher + espeak-ng, started in {engine_s:.1f} s in its own"
            f" process; the longest UI stall meanwhile: {start_stall:.1f} ms"
        )
    else:
        print("voice: a recorder in its place (no synthesis)")

    # The first registration after the start, apart: the menu's and the guidance's
    # pages are made for the first time (later citizens get them as made), and the
    # receipt's modules are warm only after it, whatever speech does.
    speaker.set_on(False)
    first_ms, first_where = run_script(registration(kiosk))
    print(
        f"the first registration after the start, speech off: longest UI stall"
        f" {first_ms:.1f} ms (at {first_where!r}); / {TARGET_MS:.0f} ms target ="
        f" {first_ms / TARGET_MS:.2f}"
    )

    figures: dict[bool, list[tuple[float, str]]] = {True: [], False: []}
    for run in range(runs):
        for on in (True, False) if run % 2 == 0 else (False, True):
            speaker.set_on(on)
            kiosk.workflow.touch()
            figures[on].append(run_script(registration(kiosk)))
        assert kiosk.workflow.state == Attract(), f"run {run} did not finish"
    for on in (True, False):
        stalls = [ms for ms, _ in figures[on]]
        worst_ms, where = max(figures[on])
        print(
            f"a whole registration, speech {'on ' if on else 'off'}: longest UI stall median"
            f" {statistics.median(stalls):.1f} ms, worst {worst_ms:.1f} ms (at {where!r})"
            f" over {runs} runs; worst / {TARGET_MS:.0f} ms target = {worst_ms / TARGET_MS:.2f}"
        )
    print(
        f"reading a screen on the UI thread (its widgets walked, its words composed and sent):"
        f" median {statistics.median(reading):.1f} ms, worst {max(reading):.1f} ms over"
        f" {len(reading)} screens; worst / {TARGET_MS:.0f} ms target ="
        f" {max(reading) / TARGET_MS:.2f}"
    )
    kiosk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
