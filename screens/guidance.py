"""The service's guidance (办事指南), before the citizen starts: what it is for, what to
bring, the steps, and how long it takes; "start", "print this checklist", "back".
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.catalogue import Service
from kiosk.workflow.states import ReadingGuidance
from screens.scrolling_page import ScrollingPage
from screens.widgets import BigButton, label, set_label


class GuidanceScreen(ScrollingPage):
    print_slip = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._print = BigButton("secondary")
        self._print.clicked.connect(self.print_slip)
        self._button_row.insertWidget(1, self._print)
        self._shown: tuple[Service, str] | None = None

    def show_state(self, state: ReadingGuidance, service: Service, language: str) -> None:
        self.identity.hide()
        set_label(self._service, service.title.get(language))
        set_label(self._title, self.tr("What you need to know before you start"))
        set_label(
            self._intro,
            self.tr("Read this, then press “Start”. You can also print it to take with you.")
            if not state.only
            else self.tr("Guidance only: nothing is started. Print it to take with you."),
        )
        # The whole service, not its code: a new catalogue may reword it.
        if self._shown != (service, language):
            self._build(service, language)
            self._shown = (service, language)
        printing = {
            "printing": self.tr("Printing the checklist…"),
            "printed": self.tr("The checklist has been printed. Please take it."),
            "failed": self.tr("The checklist could not be printed. You can read it here."),
        }
        set_label(self._problem, printing.get(state.printing or "", ""))
        self._problem.setObjectName("error" if state.printing == "failed" else "subtitle")
        self._problem.style().polish(self._problem)
        self._print.set_text(self.tr("Print this checklist"))
        self._print.setEnabled(state.printing != "printing")
        self._back.set_text(self.tr("Back"))
        self._forward.set_text(self.tr("Start"))
        self._forward.setVisible(not state.only)

    def _build(self, service: Service, language: str) -> None:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 20, 0)

        def section(title: str, lines: list[str]) -> None:
            if not lines:
                return
            heading = label("subtitle")
            set_label(heading, title)
            layout.addWidget(heading)
            for line in lines:
                text = label()
                set_label(text, line)
                layout.addWidget(text)

        summary = service.summary.get(language)
        section(self.tr("What it is"), [summary] if summary else [])
        required = self.tr("(required)")
        section(
            self.tr("What to bring"),
            [
                f"□ {m.title.get(language)}" + ("" if m.required is False else f" {required}")
                for m in service.materials
            ],
        )
        section(
            self.tr("The steps"),
            [f"{n}. {step.get(language)}" for n, step in enumerate(service.steps, start=1)],
        )
        if service.promise_days is not None:
            section(
                self.tr("How long it takes"),
                [self.tr("%1 working days").replace("%1", str(service.promise_days))],
            )
        layout.addStretch(1)
        self.set_body(content)

    def clear(self) -> None:
        # The guidance holds nothing of the citizen: it is kept for the next one, as
        # making it again took about 25 ms of the turn a service is chosen
        # (bench/bench_speech_stall.py). The next citizen reads it from the top.
        self.identity.show_identity(None, None)
        self._scroll.verticalScrollBar().setValue(0)
