"""The review: every answer on one screen, a "change" button per page, then Submit."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.forms.engine import FormSession
from kiosk.workflow.states import Reviewing
from screens.fields.words import value_in_words
from screens.messages import storage_problem
from screens.scrolling_page import ScrollingPage
from screens.widgets import BigButton, label, set_label


class ReviewScreen(ScrollingPage):
    edit_page = Signal(int)

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
        missing = form.still_to_identify()
        if missing:
            # Seen before submitting: who the registration authority still has to verify.
            notice = label("error")
            names = "、".join(str(p.get("name") or path) for path, p in missing)
            set_label(
                notice,
                self.tr("Still to identify: %1").replace("%1", names)
                + "\n"
                + self.tr(
                    "Their documents were not read here. Staff at the registration authority will verify them, and may ask them to come in with their documents."
                ),
            )
            grid.addWidget(notice, row, 0, 1, 3)
            row += 1
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
                if not form.visible(spec.name):
                    continue  # not asked, not sent
                name = label("hint")
                set_label(name, spec.label.get(language))
                value = label()
                set_label(value, value_in_words(spec, form, language) or self.tr("(not given)"))
                value.setObjectName(f"review_{spec.name}")
                grid.addWidget(name, row, 0)
                grid.addWidget(value, row, 1, 1, 2)
                row += 1
        self._scroll.setWidget(container)
        self._back.set_text(self.tr("Back"))
        self._forward.set_text(self.tr("Submit"))
