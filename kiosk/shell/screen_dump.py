"""The control socket's ``screen`` command: what the running kiosk's window says now.

For a technician at a distance (`kiosk screen`) and for tests that run the kiosk as a
process: the session's state, whether a citizen is in a session, and the texts of
the window's labels, buttons and text boxes, the visible ones (and with ``all``, the
hidden ones too). The texts are read on the UI thread; the control socket's thread
waits for them, never the other way round.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QWidget

from kiosk.workflow.machine import KioskWorkflow
from kiosk.workflow.states import Attract

ANSWER_WITHIN_S = 5.0


def window_texts(window: QWidget, *, hidden: bool = False) -> list[str]:
    """The non-empty texts under ``window``, visible ones only unless ``hidden``."""
    texts = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not hidden and not widget.isVisible():
            continue
        match widget:
            case QLabel() | QAbstractButton() | QLineEdit():
                text = widget.text()
            case QPlainTextEdit():
                text = widget.toPlainText()
            case _:
                continue
        if text:
            texts.append(text)
    return texts


class ScreenDump(QObject):
    """Serves ``screen`` requests (from any thread) with what ``window`` shows."""

    _asked = Signal(object, bool)

    def __init__(self, window: QWidget, workflow: KioskWorkflow) -> None:
        super().__init__(window)
        self._window = window
        self._workflow = workflow
        # Emitted on the control socket's thread, received on the window's: queued.
        self._asked.connect(self._answer)

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        """The control socket's handler; blocks its own thread until the UI answers."""
        answer: Future[dict[str, Any]] = Future()
        self._asked.emit(answer, bool(request.get("all", False)))
        return answer.result(timeout=ANSWER_WITHIN_S)

    def _answer(self, answer: Future[dict[str, Any]], hidden: bool) -> None:
        state = self._workflow.state
        answer.set_result(
            {
                "state": type(state).__name__,
                "in_session": not isinstance(state, Attract),
                "texts": window_texts(self._window, hidden=hidden),
            }
        )
