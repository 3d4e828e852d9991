"""The review: every answer on one screen, a "change" button per page, then Submit."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.forms.engine import FormSession
from kiosk.workflow.states import Reviewing
from screens.messages import storage_problem
from screens.widgets import BigButton, label, set_label


class ReviewScreen(QWidget):
    submit = Signal()
    back = Signal()
    edit_page = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 30)
        self._service = label("subtitle")
        self._title = label("title")
        self._intro = label("hint")
        self._problem = label("error")
        layout.addWidget(self._service)
        layout.addWidget(self._title)
        layout.addWidget(self._intro)
        layout.addWidget(self._problem)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self._scroll, 1)
        row = QHBoxLayout()
        self._back = BigButton("secondary")
        self._submit = BigButton()
        self._back.clicked.connect(self.back)
        self._submit.clicked.connect(self.submit)
        row.addWidget(self._back)
        row.addStretch(1)
        row.addWidget(self._submit)
        layout.addLayout(row)

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
        row = 0
        for index, page in enumerate(form.pages):
            heading = label("subtitle")
            set_label(heading, page.title.get(language))
            change = BigButton("secondary")
            change.set_text(self.tr("Change"), page.title.get(language))
            change.setAccessibleName(self.tr("Change %1").replace("%1", page.title.get(language)))
            change.clicked.connect(lambda _=False, i=index: self.edit_page.emit(i))
            grid.addWidget(heading, row, 0, 1, 2)
            grid.addWidget(change, row, 2)
            row += 1
            for spec in page.fields:
                name = label("hint")
                set_label(name, spec.label.get(language))
                value = label()
                set_label(value, form.value(spec.name) or self.tr("(not given)"))
                value.setObjectName(f"review_{spec.name}")
                grid.addWidget(name, row, 0)
                grid.addWidget(value, row, 1, 1, 2)
                row += 1
        self._scroll.setWidget(container)
        self._back.set_text(self.tr("Back"))
        self._submit.set_text(self.tr("Submit"))
