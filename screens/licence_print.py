"""The licence being printed, and how it ended, in plain words.

The enterprise's name and credit code are shown as soon as the central has
opened the print job, so the citizen sees whose licence is coming out. Each end
says what to do next: take it; nothing came out, try again; it may have come
out, staff help; or why it cannot be printed here.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.licences import OpenedLicence
from kiosk.steps.licence_print import can_change_numbers, can_try_again
from kiosk.workflow.states import PrintingLicence
from screens.widgets import BigButton, label, set_label


class LicencePrintScreen(QWidget):
    back = Signal()
    try_again = Signal()
    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        self._service = label("subtitle")
        self._title = label("title")
        self._panel = QFrame()
        self._panel.setObjectName("panel")
        panel_layout = QVBoxLayout(self._panel)
        self._name = label("big_number")
        self._code = label("subtitle")
        panel_layout.addWidget(self._name)
        panel_layout.addWidget(self._code)
        self._explanation = label()
        self._problem = label("error")
        self._card_reminder = label("reminder")
        for widget in (
            self._service,
            self._title,
            self._panel,
            self._explanation,
            self._problem,
            self._card_reminder,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._back = BigButton("secondary")
        self._try_again = BigButton("secondary")
        self._done = BigButton()
        self._back.clicked.connect(self.back)
        self._try_again.clicked.connect(self.try_again)
        self._done.clicked.connect(self.done)
        row = QHBoxLayout()
        row.addWidget(self._back)
        row.addWidget(self._try_again)
        row.addStretch(1)
        row.addWidget(self._done)
        layout.addLayout(row)

    def show_state(self, state: PrintingLicence, service_title: str) -> None:
        set_label(self._service, service_title)
        self._back.set_text(self.tr("Change the numbers"))
        self._try_again.set_text(self.tr("Try again"))
        self._done.set_text(self.tr("Finish"))
        self._back.setVisible(can_change_numbers(state))
        self._try_again.setVisible(can_try_again(state))
        self._done.setVisible(state.phase not in ("opening", "printing"))
        self._show_licence(state.job if state.phase != "refused" else None)
        set_label(self._problem, "")
        match state.phase:
            case "opening":
                set_label(self._title, self.tr("Asking the registration office for your licence…"))
                set_label(self._explanation, "")
            case "printing":
                set_label(self._title, self.tr("Printing your licence…"))
                set_label(
                    self._explanation,
                    self.tr("Please wait by the printer. This takes a few seconds."),
                )
            case "printed":
                set_label(self._title, self.tr("Please take your licence"))
                set_label(
                    self._explanation,
                    self.tr(
                        "Your business licence has come out of the printer below. The original is printed only once: keep it safe."
                    ),
                )
            case "failed":
                set_label(self._title, self.tr("Nothing was printed"))
                set_label(self._explanation, "")
                set_label(
                    self._problem,
                    self.tr(
                        "The printer could not print your licence, and nothing came out. You can try again, or ask a member of staff."
                    ),
                )
            case "unconfirmed":
                set_label(self._title, self.tr("A member of staff will help you"))
                set_label(self._explanation, "")
                set_label(
                    self._problem,
                    self.tr(
                        "The printer stopped answering, so we cannot tell whether your licence came out. To make sure only one original exists, it is not printed again here. Please ask a member of staff: they will check the printer and help you."
                    ),
                )
            case _:
                self._show_refusal(state.refusal or "")

    def show_card_reminder(self, card_on_reader: bool) -> None:
        set_label(
            self._card_reminder,
            self.tr("Please take your identity card back from the reader.")
            if card_on_reader
            else "",
        )

    def _show_licence(self, job: object | None) -> None:
        if not isinstance(job, OpenedLicence):
            self._panel.hide()
            set_label(self._name, "")
            set_label(self._code, "")
            return
        slip = job.slip
        set_label(self._name, slip.name or slip.uscc)
        set_label(self._code, self.tr("Unified social credit code: %1").replace("%1", slip.uscc))
        self._panel.show()

    def _show_refusal(self, refusal: str) -> None:
        set_label(self._explanation, "")
        titles = {
            "not_found": self.tr("No licence found for these numbers"),
            "no_licence": self.tr("There is no licence to print yet"),
            "already_printed": self.tr("This licence has already been printed"),
            "open_elsewhere": self.tr("This licence is being printed at another kiosk"),
            "left_for_staff": self.tr("A member of staff will help you"),
            "unreachable": self.tr("The licence cannot be printed just now"),
        }
        words = {
            "not_found": self.tr(
                "Please check the unified social credit code and the application number. A licence can be printed only once the application is approved, by the person who applied."
            ),
            "no_licence": self.tr(
                "The application has not been approved yet, or it issues no licence. You will get a text message when your licence is ready."
            ),
            "already_printed": self.tr(
                "The original licence is printed only once. If you need another original, please ask at the service counter: staff can approve it."
            ),
            "open_elsewhere": self.tr(
                "If printing there did not work, please ask a member of staff: they can release it for this kiosk."
            ),
            "left_for_staff": self.tr(
                "An earlier print of this licence here may have come out. To make sure only one original exists, please ask a member of staff to check."
            ),
            "unreachable": self.tr(
                "The kiosk cannot reach the registration office just now. Nothing was printed. Please try again in a moment."
            ),
        }
        set_label(self._title, titles.get(refusal, self.tr("This licence cannot be printed here")))
        set_label(
            self._problem,
            words.get(
                refusal,
                self.tr(
                    "The registration office did not allow printing it at this kiosk. Please ask a member of staff."
                ),
            ),
        )
