"""Presenting the identity document: what to do, and what went wrong if it did.

A passport chip opens only with the details printed on its photo page, so when
the reader asks for them the screen shows three boxes for the passport number,
birth date and expiry date (or says to hold the page under the scanner).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.mrz_entry import KEY_FIELDS
from kiosk.workflow.states import IdentityCheck
from screens.messages import field_problem, read_problem
from screens.touch_scroll import touch_scroll_area
from screens.widgets import BigButton, label, set_label

# What the on-screen keyboard offers for each box: Latin capitals for the passport
# number (never Pinyin), digits and "-" for the dates.
_KEY_INPUT_HINTS = {
    "document_number": Qt.InputMethodHint.ImhLatinOnly
    | Qt.InputMethodHint.ImhPreferUppercase
    | Qt.InputMethodHint.ImhNoPredictiveText,
    "birth_date": Qt.InputMethodHint.ImhFormattedNumbersOnly,
    "expiry_date": Qt.InputMethodHint.ImhFormattedNumbersOnly,
}


class _KeyPanel(QFrame):
    """The three passport details BAC needs, each with its own problem line."""

    submitted = Signal(str, str, str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("panel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(30, 20, 30, 20)
        self.intro = label()
        layout.addWidget(self.intro)
        self.captions: dict[str, QLabel] = {}
        self.editors: dict[str, QLineEdit] = {}
        self.problems: dict[str, QLabel] = {}
        for name in KEY_FIELDS:
            caption = label()
            editor = QLineEdit()
            editor.setObjectName(f"key_{name}")
            editor.setInputMethodHints(_KEY_INPUT_HINTS[name])
            editor.returnPressed.connect(self.submit)
            problem = label("error")
            layout.addWidget(caption)
            layout.addWidget(editor)
            layout.addWidget(problem)
            self.captions[name], self.editors[name], self.problems[name] = caption, editor, problem
        self.scan_hint = label("hint")
        layout.addWidget(self.scan_hint)

    def submit(self) -> None:
        self.submitted.emit(*(self.editors[name].text() for name in KEY_FIELDS))

    def clear(self) -> None:
        for editor in self.editors.values():
            editor.clear()


class IdentifyScreen(QWidget):
    back = Signal()
    key_typed = Signal(str, str, str)
    type_instead = Signal()
    """The citizen has no document with them: they type their identity number instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(80, 30, 80, 30)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 20, 0)
        self._service = label("subtitle")
        self._title = label("title")
        self._panels = QStackedWidget()
        card_panel = QFrame()
        card_panel.setObjectName("panel")
        panel_layout = QVBoxLayout(card_panel)
        panel_layout.setContentsMargins(30, 30, 30, 30)
        self._steps = label()
        panel_layout.addWidget(self._steps)
        self.key_panel = _KeyPanel()
        self.key_panel.submitted.connect(self.key_typed)
        self._panels.addWidget(card_panel)
        self._panels.addWidget(self.key_panel)
        self._status = label("subtitle")
        self._status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._problem = label("error")
        self._problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._photo_note = label("hint")
        self._back = BigButton("secondary")
        self._back.clicked.connect(self.back)
        self._open = BigButton()
        self._open.clicked.connect(self.key_panel.submit)
        self._no_card = BigButton("secondary")
        self._no_card.clicked.connect(self.type_instead)
        self._no_card.hide()
        # What is happening and what went wrong stay in sight above the
        # instructions; only the passport boxes, which may outgrow a small
        # screen, scroll. The buttons stay where a thumb finds them.
        self._heading = QWidget()
        heading = QVBoxLayout(self._heading)
        heading.setContentsMargins(0, 0, 0, 0)
        heading.addWidget(self._service)
        outer.addWidget(self._heading)
        outer.addWidget(self._title)
        outer.addWidget(self._status)
        outer.addWidget(self._problem)
        layout.addWidget(self._panels)
        layout.addStretch(1)
        scroll = touch_scroll_area()
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self._footer = QWidget()
        footer = QVBoxLayout(self._footer)
        footer.setContentsMargins(0, 0, 0, 0)
        footer.addWidget(self._photo_note)
        row = QHBoxLayout()
        row.addWidget(self._back)
        row.addStretch(1)
        row.addWidget(self._no_card)
        row.addWidget(self._open)
        footer.addLayout(row)
        outer.addWidget(self._footer)

    def set_compact(self, compact: bool) -> None:
        """While typing the passport details, leave the room to the boxes (Enter opens)."""
        self._heading.setVisible(not compact)
        self._footer.setVisible(not compact)

    def show_state(
        self,
        state: IdentityCheck,
        service_title: str,
        can_scan: bool = False,
        can_type_instead: bool = False,
    ) -> None:
        """``can_type_instead``: the next step takes a typed identity number (a lookup)."""
        set_label(self._service, service_title)
        self._no_card.set_text(self.tr("I have no card with me: type my identity number"))
        self._no_card.setVisible(can_type_instead and not state.needs_key)
        if state.needs_key:
            self._show_key_panel(state, can_scan)
        else:
            self._show_card_panel(state)
        set_label(self._problem, read_problem(state.problem) if state.problem else "")
        set_label(
            self._photo_note,
            self.tr("Your card is read only to fill in your application for you."),
        )
        self._back.set_text(self.tr("Back"))

    def _show_card_panel(self, state: IdentityCheck) -> None:
        self.key_panel.clear()
        self._open.hide()
        self._show_panel(0)
        if state.with_key:
            set_label(self._title, self.tr("Please put your passport on the reader"))
            set_label(
                self._steps,
                self.tr(
                    "Open your passport at the photo page and lay it flat on the reader. Keep it still until your name appears."
                ),
            )
        else:
            set_label(self._title, self.tr("Please put your identity card on the reader"))
            set_label(
                self._steps,
                self.tr(
                    "1. Place your resident identity card flat on the reader below the screen.\n2. Keep it still until your name appears.\nA passport: open it at the photo page and place it on the reader."
                ),
            )
        # While polling an empty reader, keep saying "waiting" rather than flickering.
        reading = state.reading and state.problem != "no_document"
        waiting = self.tr("Waiting for your passport…") if state.with_key else None
        status = (
            self.tr("Reading your card…")
            if reading
            else waiting or self.tr("Waiting for your card…")
        )
        # A card from before lies there: the problem line says what to do, not "waiting".
        set_label(self._status, "" if state.problem == "card_from_before" else status)

    def _show_panel(self, index: int) -> None:
        # The hidden panel must not make the shown one as tall as itself.
        for i in range(self._panels.count()):
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            page = self._panels.widget(i)
            if page is not None:
                page.setSizePolicy(QSizePolicy.Policy.Preferred, policy)
        self._panels.setCurrentIndex(index)
        self._panels.adjustSize()

    def _show_key_panel(self, state: IdentityCheck, can_scan: bool) -> None:
        panel = self.key_panel
        self._open.show()
        self._show_panel(1)
        set_label(self._title, self.tr("Please type the details from your passport"))
        set_label(
            panel.intro,
            self.tr(
                "The passport chip opens only with these three details. You find them on the photo page."
            ),
        )
        captions = {
            "document_number": self.tr("Passport number, like EA1234567"),
            "birth_date": self.tr("Date of birth, like 1990-01-31"),
            "expiry_date": self.tr("Date of expiry, like 2030-12-31"),
        }
        problems = {p.field: p for p in state.key_problems}
        for name in KEY_FIELDS:
            set_label(panel.captions[name], captions[name])
            panel.editors[name].setAccessibleName(captions[name])
            problem = problems.get(name)
            set_label(
                panel.problems[name], field_problem(problem, captions[name]) if problem else ""
            )
            panel.editors[name].setProperty("invalid", problem is not None)
            panel.editors[name].style().polish(panel.editors[name])
        if state.key_problems:
            panel.editors[state.key_problems[0].field].setFocus()
        set_label(
            panel.scan_hint,
            self.tr(
                "Or hold the photo page under the scanner: the two lines of letters at the bottom fill this in."
            )
            if can_scan
            else "",
        )
        self._open.set_text(self.tr("Open my passport"))
        set_label(self._status, "")

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        # The passport details are the citizen's: never leave them in a hidden screen.
        self.key_panel.clear()
        super().hideEvent(event)
