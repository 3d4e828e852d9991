"""The name check's answer: reserved, taken (side by side with what it clashes with),
to be changed (what and why), or not possible now (offline).

The citizen's proposed name is always shown in full first, so every answer is
about something they can see.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.clock import CHINA_TZ
from kiosk.names.declaration import CannotReserveNow, Checked, Refused
from kiosk.workflow.states import NameChecking
from screens.complaint_button import ComplaintButton
from screens.flow_layout import FlowLayout
from screens.messages import field_problem, name_problem
from screens.rating_offer import RateButton
from screens.widgets import BigButton, label, set_label


class NameCheckScreen(QWidget):
    back = Signal()
    try_again = Signal()
    done = Signal()
    continue_with = Signal(str)
    """A service's code: go on with it using the name just reserved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        self._service = label("subtitle")
        self._title = label("title")
        panel = QFrame()
        panel.setObjectName("panel")
        panel_layout = QVBoxLayout(panel)
        self._name_caption = label()
        self._name = label("big_number")
        panel_layout.addWidget(self._name_caption)
        panel_layout.addWidget(self._name)
        self._explanation = label()
        self._conflicts = QWidget()
        self._conflict_grid = QGridLayout(self._conflicts)
        self._conflict_grid.setContentsMargins(0, 0, 0, 0)
        self._back = BigButton("secondary")
        self._try_again = BigButton("secondary")
        self._done = BigButton()
        self._back.clicked.connect(self.back)
        self._try_again.clicked.connect(self.try_again)
        self._done.clicked.connect(self.done)
        # "Rate this service": bound and shown by the router while a rating is offered.
        self.rate_button = RateButton()
        # 跑一次没办成: bound and shown by the router while the step offers it.
        self.complaint_button = ComplaintButton()
        for widget in (self._service, self._title, panel, self._explanation, self._conflicts):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._continue_row = QHBoxLayout()
        layout.addLayout(self._continue_row)
        self._continue_buttons: list[BigButton] = []
        # The offers get a row of their own, which wraps: beside "change the name" and
        # "finish", in English larger text at 1280 px, they left no room between buttons.
        offers = FlowLayout()
        offers.addWidget(self.rate_button)
        offers.addWidget(self.complaint_button)
        layout.addLayout(offers)
        row = QHBoxLayout()
        row.addWidget(self._back)
        row.addWidget(self._try_again)
        row.addStretch(1)
        row.addWidget(self._done)
        layout.addLayout(row)

    def show_state(
        self,
        state: NameChecking,
        service_title: str,
        continuations: tuple[tuple[str, str], ...] = (),
    ) -> None:
        """``continuations``: (code, title) of the services that can go on with the
        name, once it is reserved."""
        set_label(self._service, service_title)
        reserved = isinstance(state.outcome, Checked) and state.outcome.reserved
        self._show_continuations(continuations if reserved else ())
        self._back.set_text(self.tr("Change the name"))
        self._try_again.set_text(self.tr("Try again"))
        self._done.set_text(self.tr("Finish"))
        self._try_again.hide()
        self._show_conflicts([])
        outcome = state.outcome
        checking = outcome is None
        self._back.setVisible(not checking)
        self._done.setVisible(not checking)
        set_label(self._name_caption, self.tr("The full name") if not checking else "")
        match outcome:
            case None:
                set_label(self._title, self.tr("Checking the name with the registration office…"))
                set_label(self._name, "")
                set_label(self._explanation, "")
            case Checked() if outcome.reserved:
                self._show_reserved(outcome)
            case Checked():
                set_label(self._title, self.tr("This name cannot be used"))
                set_label(self._name, outcome.full_name)
                set_label(
                    self._explanation,
                    self.tr("It is the same as, or too close to, a name already in use:"),
                )
                self._show_conflicts([(c.name, c.similarity) for c in outcome.result.conflicts])
            case Refused():
                set_label(self._title, self.tr("Please change the name"))
                set_label(self._name, outcome.full_name)
                set_label(
                    self._explanation,
                    "\n".join(
                        name_problem(problem) or field_problem(problem, problem.field)
                        for problem in outcome.problems
                    ),
                )
            case CannotReserveNow():
                set_label(self._title, self.tr("The name cannot be reserved now"))
                set_label(self._name, outcome.full_name)
                set_label(
                    self._explanation,
                    self.tr(
                        "The kiosk cannot reach the registration office just now, so nothing was reserved or sent. Please try again in a moment, or later at any kiosk or on the government service website."
                    ),
                )
                self._try_again.show()

    def _show_reserved(self, outcome: Checked) -> None:
        set_label(self._title, self.tr("The name is reserved for you"))
        set_label(self._name, outcome.full_name)
        reservation = outcome.result.reservation
        assert reservation is not None
        until = reservation.expires_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d")
        words = self.tr(
            "Nobody else can use it until %1. Register your company before then; you can start now, here."
        ).replace("%1", until)
        if outcome.needs_commitment:
            words += "\n" + self.tr(
                "Similar names exist. By going on you accept responsibility if the name is found to infringe on theirs."
            )
        set_label(self._explanation, words)
        self._show_conflicts([(name, "similar") for name in outcome.result.similar_names])

    def _show_continuations(self, services: tuple[tuple[str, str], ...]) -> None:
        for button in self._continue_buttons:
            button.deleteLater()
        self._continue_buttons = []
        for code, title in services:
            button = BigButton()
            button.set_text(self.tr("Go on: %1").replace("%1", title))
            button.clicked.connect(lambda _=False, c=code: self.continue_with.emit(c))
            self._continue_row.addWidget(button)
            button.show()  # at once: a layout shows a new child only on a later turn
            self._continue_buttons.append(button)
        # With a way to go on, "finish" is the lesser choice.
        self._done.setObjectName("secondary" if services else "")
        self._done.style().polish(self._done)

    def _show_conflicts(self, conflicts: list[tuple[str, str]]) -> None:
        """Each name in use beside what makes it a problem, in words, not colour."""
        while self._conflict_grid.count():
            item = self._conflict_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for row, (name, similarity) in enumerate(conflicts):
            shown = label("subtitle")
            set_label(shown, name)
            how = label("error" if similarity == "identical" else "hint")
            set_label(
                how, self.tr("the same name") if similarity == "identical" else self.tr("similar")
            )
            how.setAlignment(Qt.AlignmentFlag.AlignRight)
            self._conflict_grid.addWidget(shown, row, 0)
            self._conflict_grid.addWidget(how, row, 1)
        self._conflicts.setVisible(bool(conflicts))
