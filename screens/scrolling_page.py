"""The frame shared by the form pages and the review: headings over a scrolling body
(they scroll with it), and a Back / forward button row at the bottom where a thumb
reaches it.

While the on-screen keyboard is up the row holds one button instead, "Done
typing", in words: the keyboard's own hide key is a small picture that a
first-time user does not know, and without it the Back and forward buttons stay
folded away under the keyboard."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.forms.validation import FieldProblem
from screens.fields.field_editor import FieldEditor
from screens.identity_strip import IdentityStrip
from screens.messages import field_problem
from screens.touch_scroll import touch_scroll_area
from screens.widgets import BigButton, label, set_label

MARGIN_PX = 30
COMPACT_MARGIN_PX = 10
"""Above and below, while the keyboard leaves only a strip of the screen."""


class ScrollingPage(QWidget):
    back = Signal()
    forward = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, MARGIN_PX, 60, MARGIN_PX)
        self._frame = layout
        self._service = label("subtitle")
        self._title = label("title")
        self._intro = label("hint")
        self._problem = label("error")
        self.identity = IdentityStrip()
        # Folded away while the on-screen keyboard is up, to leave room for the fields.
        self._headings = QWidget()
        headings = QVBoxLayout(self._headings)
        headings.setContentsMargins(0, 0, 0, 0)
        headings.addWidget(self._service)
        headings.addWidget(self._title)
        headings.addWidget(self.identity)
        headings.addWidget(self._intro)
        # The headings scroll with the body, above it: on a short display in larger text
        # they would otherwise leave the fields a strip and push the buttons off the
        # bottom. Only the buttons stay put.
        self._top = QWidget()
        top = QVBoxLayout(self._top)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self._headings)
        top.addWidget(self._problem)
        self._body: QWidget | None = None
        self._scroll = touch_scroll_area()
        self._scroll.setWidget(self._top)
        layout.addWidget(self._scroll, 1)
        self._buttons = QWidget()
        row = QHBoxLayout(self._buttons)
        self._button_row = row
        row.setContentsMargins(0, 0, 0, 0)
        self._back = BigButton("secondary")
        self._forward = BigButton()
        self._done_typing = BigButton("secondary")
        self._done_typing.set_text(self.tr("Done typing"))
        self._done_typing.hide()
        self._back.clicked.connect(self.back)
        self._forward.clicked.connect(self.forward)
        self._done_typing.clicked.connect(done_typing)
        row.addWidget(self._back)
        row.addStretch(1)
        row.addWidget(self._done_typing)
        row.addWidget(self._forward)
        layout.addWidget(self._buttons)

    def set_compact(self, compact: bool) -> None:
        """While typing on the on-screen keyboard, show only the fields, the problems and
        "Done typing"."""
        margin = COMPACT_MARGIN_PX if compact else MARGIN_PX
        self._frame.setContentsMargins(60, margin, 60, margin)
        self._headings.setVisible(not compact)
        self._back.setVisible(not compact)
        self._forward.setVisible(not compact)
        self._done_typing.set_text(self.tr("Done typing"))  # in the language of the moment
        self._done_typing.setVisible(compact)

    def show_field_problems(
        self, editors: Mapping[str, FieldEditor], problems: Sequence[FieldProblem], language: str
    ) -> None:
        """Each problem under its field, how many above, and the first one in sight."""
        by_field = {p.field: p for p in problems}
        for name, editor in editors.items():
            # A problem inside a person (shareholders[2].id_number) shows at its list.
            problem = by_field.get(name) or next(
                (p for p in problems if _root(p.field) == name), None
            )
            label_text = editor.spec.label.get(language)
            editor.show_problem(field_problem(problem, label_text) if problem else "")
        set_label(
            self._problem,
            self.tr("Please correct the %1 entries marked in red.").replace(
                "%1", str(len(by_field))
            )
            if by_field
            else "",
        )
        first = (
            editors.get(problems[0].field) or editors.get(_root(problems[0].field))
            if problems
            else None
        )
        if first is not None:
            first.focus()
            self._scroll.ensureWidgetVisible(first)

    def set_body(self, body: QWidget) -> None:
        """Show ``body`` (the fields, the answers) under the headings, in place of the last."""
        self._drop_body()
        self._body = body
        layout = self._top.layout()
        assert layout is not None
        layout.addWidget(body)
        body.show()  # now, as a scroll area shows what it is given
        self._scroll.verticalScrollBar().setValue(0)

    def _drop_body(self) -> None:
        body, self._body = self._body, None
        if body is not None:
            # Hidden now and deleted on the next turn of the event loop, where it is:
            # taking it out of its parent first restyles every widget in it (about 30 ms
            # on the turn the session ends, bench/bench_speech_stall.py).
            body.hide()
            body.deleteLater()

    def clear(self) -> None:
        """Drop the page's content (the citizen's answers) until it is drawn again."""
        self._drop_body()
        self.identity.show_identity(None, None)


def done_typing() -> None:
    """The citizen has finished typing: the keyboard goes and the page's buttons return."""
    focus = QApplication.focusWidget()
    if focus is not None:
        focus.clearFocus()
    QGuiApplication.inputMethod().hide()


def _root(path: str) -> str:
    """The form field a path starts from: ``shareholders`` of ``shareholders[2].name``."""
    return path.split("[", 1)[0].split(".", 1)[0]
