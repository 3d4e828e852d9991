"""The review: every answer on one screen, a "change" button per page, then Submit."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.forms.engine import FormSession
from kiosk.workflow.states import Reviewing
from screens.fields.words import value_in_words
from screens.form_page import BUILD_BUDGET_S
from screens.messages import storage_problem
from screens.scrolling_page import ScrollingPage
from screens.widgets import BigButton, label, set_label


class ReviewScreen(ScrollingPage):
    """Its rows are made a turn of the event loop at a time (`BUILD_BUDGET_S`), as a
    form page's editors are: a long form's review must not stall the UI thread."""

    edit_page = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid: QGridLayout | None = None
        self._rows: list[Callable[[int], None]] = []
        self._generation = 0

    @property
    def complete(self) -> bool:
        """True once every row of the review is drawn."""
        return not self._rows

    def _add_rows(self, generation: int, row: int) -> None:
        # Each row's widgets are made on the page and shown there at once (set_label):
        # a row added on a later turn is on the screen as soon as the page is complete.
        if generation != self._generation:
            return  # drawn anew or cleared meanwhile
        started = time.perf_counter()
        while self._rows and time.perf_counter() - started < BUILD_BUDGET_S:
            self._rows.pop(0)(row)
            row += 1
        if self._rows:
            QTimer.singleShot(0, lambda: self._add_rows(generation, row))

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
        self._generation += 1
        self._rows = []
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
        self._generation += 1
        self._rows = []
        missing = form.still_to_identify()
        if missing:
            # Seen before submitting: who the registration authority still has to verify.
            names = "、".join(str(p.get("name") or path) for path, p in missing)
            self._rows.append(
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
            self._rows.append(partial(self._add_heading, index=index, title=title))
            for spec in page.fields:
                if not form.visible(spec.name):
                    continue  # not asked, not sent
                words = value_in_words(spec, form, language) or self.tr("(not given)")
                self._rows.append(
                    partial(
                        self._add_answer,
                        name=spec.name,
                        title=spec.label.get(language),
                        words=words,
                    )
                )
        self.set_body(container)
        self._add_rows(self._generation, 0)
        self._back.set_text(self.tr("Back"))
        self._forward.set_text(self.tr("Submit"))
