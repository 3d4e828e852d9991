"""The review: every answer on one screen, a "change" button per page, then Submit."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.forms.engine import FormSession
from kiosk.workflow.states import Reviewing
from screens.fields.words import value_in_words
from screens.in_turns import InTurns
from screens.messages import storage_problem
from screens.scrolling_page import ScrollingPage
from screens.widgets import BigButton, label, set_label


class ReviewScreen(ScrollingPage):
    """Its rows are made a turn of the event loop at a time (`InTurns`), as a form
    page's editors are: a long form's review must not stall the UI thread."""

    edit_page = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid: QGridLayout | None = None
        self._turns = InTurns(parent=self)

    @property
    def complete(self) -> bool:
        """True once every row of the review is drawn."""
        return self._turns.done

    # Each row's widgets are made on the page and shown there at once (set_label): a
    # row added on a later turn is on the screen as soon as the page is complete.

    def _add_notice(self, row: int, text: str) -> None:
        assert self._grid is not None
        notice = label("error", self._grid.parentWidget())
        set_label(notice, text)
        self._grid.addWidget(notice, row, 0, 1, 3)

    def _add_heading(self, row: int, index: int, title: str) -> None:
        assert self._grid is not None
        heading = label("subtitle", self._grid.parentWidget())
        set_label(heading, title)
        change = BigButton("secondary", self._grid.parentWidget())
        change.set_text(self.tr("Change"), title)
        change.setAccessibleName(self.tr("Change %1").replace("%1", title))
        change.clicked.connect(lambda _=False, i=index: self.edit_page.emit(i))
        self._grid.addWidget(heading, row, 0, 1, 2)
        self._grid.addWidget(change, row, 2)

    def _add_answer(self, row: int, name: str, title: str, words: str) -> None:
        assert self._grid is not None
        page = self._grid.parentWidget()
        question = label("hint", page)
        set_label(question, title)
        value = label(parent=page)
        set_label(value, words)
        value.setObjectName(f"review_{name}")
        self._grid.addWidget(question, row, 0)
        self._grid.addWidget(value, row, 1, 1, 2)

    def clear(self) -> None:
        self._turns.stop()
        self._grid = None
        super().clear()

    def show_state(
        self, state: Reviewing, form: FormSession, service_title: str, language: str
    ) -> None:
        set_label(self._service, service_title)
        set_label(self._title, self.tr("Please check your answers"))
        set_label(
            self._intro,
            self.tr("If something is wrong, press “Change”. When all is right, press “Submit”."),
        )
        set_label(self._problem, storage_problem(state.problem) if state.problem else "")
        container = QWidget()
        grid = QGridLayout(container)
        grid.setColumnStretch(1, 1)
        self._grid = grid
        rows: list[Callable[[int], None]] = []
        missing = form.still_to_identify()
        if missing:
            # Seen before submitting: who the registration authority still has to verify.
            names = "、".join(str(p.get("name") or path) for path, p in missing)
            rows.append(
                partial(
                    self._add_notice,
                    text=self.tr("Still to identify: %1").replace("%1", names)
                    + "\n"
                    + self.tr(
                        "Their documents were not read here. Staff at the registration authority will verify them, and may ask them to come in with their documents."
                    ),
                )
            )
        for index, page in enumerate(form.pages):
            title = page.title.get(language)
            rows.append(partial(self._add_heading, index=index, title=title))
            for spec in page.fields:
                if not form.visible(spec.name):
                    continue  # not asked, not sent
                words = value_in_words(spec, form, language) or self.tr("(not given)")
                rows.append(
                    partial(
                        self._add_answer,
                        name=spec.name,
                        title=spec.label.get(language),
                        words=words,
                    )
                )
        self.set_body(container)
        self._turns.start(partial(add_row, row) for row, add_row in enumerate(rows))
        self._back.set_text(self.tr("Back"))
        self._forward.set_text(self.tr("Submit"))
