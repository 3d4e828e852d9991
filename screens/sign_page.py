"""The commitment and the signature: read the statement to its end, then sign.

The statement scrolls (drag it like a page); when its end has been shown the
screen says so to the step. The pad sits below it, outside any scrolling area,
so that a finger drawing a signature never scrolls the page instead.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.catalogue import Field, Page
from kiosk.workflow.states import Signing
from screens.fields.signature_pad import SignaturePad
from screens.messages import field_problem
from screens.touch_scroll import touch_scroll_area
from screens.widgets import BigButton, label, set_label


class SignPageScreen(QWidget):
    back = Signal()
    forward = Signal()
    statement_read = Signal()
    signed = Signal(str, bytes)
    """A signature field's name and its PNG, after each stroke."""
    cleared = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 30)
        self._service = label("subtitle")
        self._title = label("title")
        self._statement = label()
        self._statement_area = touch_scroll_area()
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.addWidget(self._statement)
        holder_layout.addStretch(1)
        self._statement_area.setWidget(holder)
        bar = self._statement_area.verticalScrollBar()
        bar.valueChanged.connect(self._check_read)
        bar.rangeChanged.connect(lambda *_: self._check_read())
        self._read_hint = label("hint")
        self._sign_caption = label()
        self.pad = SignaturePad()
        self.pad.signed.connect(self._on_signed)
        self._problem = label("error")
        row = QHBoxLayout()
        self._back = BigButton("secondary")
        self._clear = BigButton("secondary")
        self._forward = BigButton()
        self._back.clicked.connect(self.back)
        self._clear.clicked.connect(self._on_clear)
        self._forward.clicked.connect(self.forward)
        row.addWidget(self._back)
        row.addWidget(self._clear)
        row.addStretch(1)
        row.addWidget(self._forward)
        layout.addWidget(self._service)
        layout.addWidget(self._title)
        layout.addWidget(self._statement_area, 1)
        layout.addWidget(self._read_hint)
        layout.addWidget(self._sign_caption)
        layout.addWidget(self.pad)
        layout.addWidget(self._problem)
        layout.addLayout(row)
        self._field: Field | None = None
        self._read_reported = False

    def show_state(
        self,
        state: Signing,
        page: Page,
        service_title: str,
        language: str,
        next_step: str | None = None,
        articles: str | None = None,
    ) -> None:
        """``articles``: the articles of association drawn up from the answers, shown in
        full before the commitment and signed with it."""
        field = next((f for f in page.fields if f.type == "signature"), None)
        if field is not self._field:
            self._field = field
            self.pad.clear()
            self._read_reported = False
        set_label(self._service, service_title)
        set_label(self._title, page.title.get(language))
        statements = [s.statement.get(language) for s in page.sections if s.statement]
        if articles:
            statements.insert(0, articles)
        set_label(self._statement, "\n\n".join(statements))
        set_label(
            self._read_hint,
            ""
            if state.statement_read
            else self.tr("Please read to the end: drag the text up to see the rest."),
        )
        caption = field.label.get(language) if field else ""
        set_label(self._sign_caption, self.tr("%1: sign in the box below").replace("%1", caption))
        set_label(
            self._problem,
            "\n".join(self._problem_words(p, caption) for p in state.problems),
        )
        self._back.set_text(self.tr("Back"))
        self._clear.set_text(self.tr("Clear and sign again"))
        self._forward.set_text(
            self.tr("Check my answers") if next_step == "review" else self.tr("Next")
        )
        self._check_read()

    def _problem_words(self, problem: object, caption: str) -> str:
        code = getattr(problem, "code", "")
        if code == "statement_not_read":
            return self.tr("Please read the whole text before signing.")
        if code == "required":
            return self.tr("Please sign in the box.")
        return field_problem(problem, caption)  # type: ignore[arg-type]

    def _check_read(self, *_: object) -> None:
        bar = self._statement_area.verticalScrollBar()
        if not self._read_reported and self.isVisible() and bar.value() >= bar.maximum():
            self._read_reported = True
            self.statement_read.emit()

    def _on_signed(self) -> None:
        if self._field is not None and not self.pad.is_empty():
            self.signed.emit(self._field.name, self.pad.png_bytes())

    def _on_clear(self) -> None:
        self.pad.clear()
        if self._field is not None:
            self.cleared.emit(self._field.name)

    def clear(self) -> None:
        """The session is over: the strokes go with it."""
        self.pad.clear()
        self._field = None
        self._read_reported = False
