"""Speech for citizens who cannot read the screen (EN 301 549 §5.1.3, closed functionality).

While it is on, the `Speaker` reads each screen when it opens (once, however many
states arrive at once), a question laid over the page when it appears, and each
control when it takes the focus; "read again" reads the screen from the top. What
is said is composed without Qt (`kiosk.speech`) from what the widgets show
(`screens.spoken`); the voice is `kiosk.shell.speech_engine`, in a process of its
own: nothing here waits for it.

Speech and its volume are the citizen's for their session, like the larger text
(`kiosk.shell.look`): when the session ends the voice stops and the next citizen
starts as the kiosk is set up (`[accessibility] speech`: "off", "on_request", or
"always", which also starts the engine in the background soon after start-up;
otherwise it starts the first time a citizen turns speech on).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.shell.speech_engine import EngineFactory, SpeechEngine, SpeechProcess
from kiosk.speech import (
    DEFAULT_VOLUME_STEP,
    VOLUME_STEPS,
    SpeechMode,
    compose_control,
    compose_screen,
    compose_volume,
)
from kiosk.workflow.states import Attract, State
from screens.speech_bar import SpeechBar
from screens.spoken import control_item, screen_items

if TYPE_CHECKING:
    from kiosk.shell.main_window import KioskWindow

log = logging.getLogger(__name__)

READ_DELAY_MS = 250
"""A screen is read once it has been still this long (a storm of states reads once)."""
FOCUS_DELAY_MS = 80
"""A control is said this long after it takes the focus, unless a screen is to be read."""
ENGINE_START_DELAY_MS = 1000
"""With speech always on, the engine starts this long after the window is shown."""


class Speaker(QObject):
    """Reads the window aloud for this citizen, through the voice; owns the speech row."""

    def __init__(
        self,
        window: KioskWindow,
        mode: SpeechMode,
        engine_factory: EngineFactory = SpeechProcess,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.mode: SpeechMode = mode
        self.available = mode != "off"
        """False when the kiosk offers no speech, or its engine could not start."""
        self.on = mode == "always"
        self.step = DEFAULT_VOLUME_STEP
        self.last_said = ""
        """What was last sent to the voice (for the technician's look and the tests)."""
        self._engine: SpeechEngine | None = None
        self.engine_factory = engine_factory
        """What builds the voice the first time it is needed."""
        self._last_state: State | None = None
        self._last_screen = ""
        self._focused: QWidget | None = None
        self._activating = False
        self._reading = _single_shot(self, READ_DELAY_MS, self._read_screen)
        self._focus_timer = _single_shot(self, FOCUS_DELAY_MS, self._say_focused)
        self.bar = SpeechBar()
        self.bar.toggled.connect(self.set_on)
        self.bar.quieter_pressed.connect(lambda: self.change_volume(-1))
        self.bar.louder_pressed.connect(lambda: self.change_volume(+1))
        self.bar.again_pressed.connect(self.read_again)
        window.add_header_row(self.bar)
        window.state_changed.connect(self._on_state)
        window.languages.subscribe(self._on_language)
        window.look.changed.connect(self._show)
        # While the on-screen keyboard is up the row folds away: the room above the
        # keyboard goes to the field and "Done typing".
        self._typing = False
        window.keyboard_avoider.compact.connect(self._on_typing)
        for watched in (window, window.idle_warning, window.start_over_question):
            watched.installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus)
        if mode == "always":
            QTimer.singleShot(ENGINE_START_DELAY_MS, self, self._warm_up)
        self._show()

    # -- what the citizen asks --------------------------------------------------
    def set_on(self, on: bool) -> None:
        """Speech on (the screen is read at once) or off (the voice stops)."""
        if not self.available:
            return
        self.on = on
        engine = self._engine_now() if on else self._engine
        if engine is not None and not on:
            engine.stop()
        self._show()
        if on:
            self.read_again()

    def read_again(self) -> None:
        """Read the screen from the top, now."""
        self._reading.stop()
        self._read_screen(again=True)

    def change_volume(self, steps: int) -> None:
        self.step = max(0, min(len(VOLUME_STEPS) - 1, self.step + steps))
        engine = self._engine_now()
        if engine is not None:
            engine.set_volume(VOLUME_STEPS[self.step])
        self._show()
        self._say(compose_volume(self.step, self.language))

    def use_engine(self, engine: SpeechEngine) -> None:
        """Speak through ``engine`` (set before speech first starts, e.g. a test's recorder)."""
        self._engine = engine
        engine.set_volume(VOLUME_STEPS[self.step])

    @property
    def engine(self) -> SpeechEngine | None:
        """The voice, once started (None before speech is first needed)."""
        return self._engine

    @property
    def language(self) -> str:
        return self.window.languages.language

    def close(self) -> None:
        self._reading.stop()
        self._focus_timer.stop()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._on_focus)
        if self._engine is not None:
            self._engine.close()
            self._engine = None

    # -- the session --------------------------------------------------------------
    def end_session(self) -> None:
        """The citizen has gone: silence, and the kiosk's own setting again."""
        if self._engine is not None:
            self._engine.stop()
        self.on = self.available and self.mode == "always"
        if self.step != DEFAULT_VOLUME_STEP:
            self.step = DEFAULT_VOLUME_STEP
            if self._engine is not None:
                self._engine.set_volume(VOLUME_STEPS[self.step])
        self._last_screen = ""
        self.last_said = ""  # the citizen's words go with them
        self._show()

    def _on_state(self, state: State) -> None:
        if isinstance(state, Attract) and not isinstance(self._last_state, Attract | None):
            self.end_session()
        if state != self._last_state:
            self._last_state = state
            self._read_soon()

    def _on_language(self, _language: str) -> None:
        self._show()
        self._read_soon()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window:
            if event.type() == QEvent.Type.WindowActivate:
                self._activating = True  # Qt gives the focus next, in this same turn
                QTimer.singleShot(0, self, self._activated)
        elif event.type() == QEvent.Type.Show:
            # A question laid over the page ("start over?", "more time?"), when it appears.
            self._read_soon()
        return False

    def _activated(self) -> None:
        self._activating = False

    # -- reading ----------------------------------------------------------------
    def _read_soon(self) -> None:
        if self.on:
            self._focus_timer.stop()  # the screen's reading says it
            self._reading.start()

    def _read_screen(self, again: bool = False) -> None:
        if not self.on:
            return
        text = compose_screen(screen_items(self.window), self.language)
        if text == self._last_screen and not again:
            return  # the same words again (a state that changed nothing shown)
        self._last_screen = text
        self._say(text)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        # The window coming to the front puts the focus somewhere: nobody moved it.
        if self._activating or not self.on or new is None or not self.window.isAncestorOf(new):
            return
        self._focused = new
        if not self._reading.isActive():
            self._focus_timer.start()

    def _say_focused(self) -> None:
        widget, self._focused = self._focused, None
        if widget is None or not self.on or self._reading.isActive():
            return
        item = control_item(widget)
        if item is not None:
            self._say(compose_control(item, self.language))

    def _say(self, text: str) -> None:
        engine = self._engine_now()
        if engine is None or not self.on or not text:
            return
        self.last_said = text
        engine.say(text, self.language)

    def _warm_up(self) -> None:
        # Speech always on: the engine starts in the background and the start screen is
        # read once it can be (what is sent meanwhile waits in the voice's pipe).
        self._engine_now()
        self._read_soon()

    def _engine_now(self) -> SpeechEngine | None:
        """The engine, started the first time it is needed (never on the start-up path)."""
        if self._engine is None and self.available:
            self._engine = self.engine_factory(self._engine_failed)
            self._engine.set_volume(VOLUME_STEPS[self.step])
        return self._engine

    def _engine_failed(self, reason: str) -> None:
        log.warning("speech is not available on this kiosk: %s", reason)
        self.available = False
        self.on = False
        self._show()

    def _on_typing(self, typing: bool) -> None:
        self._typing = typing
        self._show()

    def _show(self) -> None:
        self.bar.setVisible(self.available and not self._typing)
        self.bar.show_state(self.on, self.step, len(VOLUME_STEPS), self.window.look.high_contrast)


def _single_shot(parent: QObject, interval_ms: int, slot: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer
