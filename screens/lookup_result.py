"""The answer to a status lookup, in plain words: where the application stands, what has
happened so far (dates in words), the office's note, and what to do next as big buttons
(print the licence, take a queue ticket for the counter).

A number that is not found is one message, whatever was wrong: the screen never
says whether the number or the identity did not match.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.clock import CHINA_TZ
from kiosk.status_desk import Answer, HistoryEntry, StatusAnswer
from kiosk.workflow.states import LookingUp
from screens.touch_scroll import touch_scroll_area
from screens.widgets import BigButton, label, set_label

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_words(at: datetime | None, language: str) -> str:
    """A moment as people say it, in China time: 2026年11月22日 10:15 / 22 Nov 2026, 10:15."""
    if at is None:
        return ""
    local = at.astimezone(CHINA_TZ)
    if language == "zh":
        return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"
    return f"{local.day} {_MONTHS[local.month - 1]} {local.year}, {local:%H:%M}"


class LookupResultScreen(QWidget):
    back = Signal()
    try_again = Signal()
    done = Signal()
    continue_with = Signal(str)
    """A service's code: go on with it (print the licence, take a queue ticket)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(80, 30, 80, 30)
        self._service = label("subtitle")
        self._title = label("title")
        outer.addWidget(self._service)
        outer.addWidget(self._title)

        # Two columns on the wide screen: where it stands and what to do on the left,
        # what has happened so far on the right, both in sight without scrolling.
        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 20, 0)
        columns.setSpacing(40)
        layout = QVBoxLayout()
        timeline = QVBoxLayout()
        columns.addLayout(layout, 3)
        columns.addLayout(timeline, 2)
        self._panel = QFrame()
        self._panel.setObjectName("panel")
        panel = QVBoxLayout(self._panel)
        panel.setContentsMargins(30, 16, 30, 16)
        self._number_caption = label()
        self._number = label("big_number")
        self._number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._renamed = label()
        for widget in (self._number_caption, self._number, self._renamed):
            panel.addWidget(widget)
        self._explanation = label()
        self._note_box = QFrame()
        self._note_box.setObjectName("warning")
        note = QVBoxLayout(self._note_box)
        note.setContentsMargins(30, 16, 30, 16)
        self._note_caption = label()
        self._note = label("subtitle")
        note.addWidget(self._note_caption)
        note.addWidget(self._note)
        self._history_caption = label("subtitle")
        self._history = QWidget()
        self._history_grid = QGridLayout(self._history)
        self._history_grid.setContentsMargins(0, 0, 0, 0)
        self._history_grid.setHorizontalSpacing(40)
        self._history_grid.setColumnStretch(1, 1)
        for part in (self._panel, self._explanation, self._note_box):
            layout.addWidget(part)
            layout.addSpacing(10)
        layout.addStretch(1)
        timeline.addWidget(self._history_caption)
        timeline.addWidget(self._history)
        timeline.addStretch(1)
        scroll = touch_scroll_area()
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self._follow_row = QHBoxLayout()
        outer.addLayout(self._follow_row)
        self._follow_buttons: list[BigButton] = []
        row = QHBoxLayout()
        self._back = BigButton("secondary")
        self._back.clicked.connect(self.back)
        self._try_again = BigButton("secondary")
        self._try_again.clicked.connect(self.try_again)
        self._done = BigButton()
        self._done.clicked.connect(self.done)
        row.addWidget(self._back)
        row.addWidget(self._try_again)
        row.addStretch(1)
        row.addWidget(self._done)
        outer.addLayout(row)
        self._drawn_history: tuple[tuple[HistoryEntry, ...], str] | None = None

    def show_state(
        self,
        state: LookingUp,
        service_title: str,
        language: str,
        follow_ups: tuple[tuple[str, str], ...] = (),
    ) -> None:
        """``follow_ups``: (code, flow) of the services offered after this answer."""
        set_label(self._service, service_title)
        answer = state.answer if isinstance(state.answer, StatusAnswer) else None
        self._back.set_text(self.tr("Look up another application"))
        self._try_again.set_text(self.tr("Try again"))
        self._done.set_text(self.tr("Finish"))
        self._back.setVisible(answer is not None)
        self._done.setVisible(answer is not None)
        self._try_again.hide()
        self._panel.hide()
        set_label(self._explanation, "")
        self._show_note("", "")
        found = answer is not None and answer.answer is Answer.FOUND
        self._show_history(answer.history if answer is not None and found else (), language)
        self._show_follow_ups(follow_ups if answer is not None else ())
        if answer is None:
            set_label(self._title, self.tr("Looking up your application…"))
        else:
            self._show_answer(answer, follow_ups)
        self._emphasise()

    def _show_answer(self, answer: StatusAnswer, follow_ups: tuple[tuple[str, str], ...]) -> None:
        match answer.answer:
            case Answer.FOUND:
                self._show_found(answer, follow_ups)
            case Answer.NOT_SENT:
                self._show_number(answer.reference or answer.number, reference=True)
                set_label(self._title, self.tr("Not sent yet: kept safely on this kiosk"))
                set_label(
                    self._explanation,
                    self.tr(
                        "Your application is kept safely on this kiosk and will be sent to the registration office as soon as the connection is back. Nothing is lost and you need not apply again. Once it has arrived, its application number is shown here and sent to you by text message."
                    ),
                )
            case Answer.REFUSED:
                self._show_number(answer.reference or answer.number, reference=True)
                set_label(self._title, self.tr("Please ask at the counter"))
                set_label(
                    self._explanation,
                    self._with_queue(
                        self.tr(
                            "The registration office could not take this application as it was sent. Staff can see why and will help you."
                        ),
                        follow_ups,
                    ),
                )
            case Answer.OTHER_KIOSK:
                self._show_number(answer.number, reference=True)
                set_label(self._title, self.tr("This reference is from another kiosk"))
                set_label(
                    self._explanation,
                    self.tr(
                        "Until the application has its application number, only the kiosk that gave the reference can find it. The number comes to you by text message; with it you can look the application up at any kiosk."
                    ),
                )
            case Answer.CANNOT_ASK:
                set_label(self._title, self.tr("The status cannot be looked up just now"))
                set_label(
                    self._explanation,
                    self.tr(
                        "The kiosk cannot reach the registration office at the moment. Nothing is wrong with your application. Please try again in a few minutes, or call 12345."
                    ),
                )
                self._try_again.show()
            case _:
                # One message for an unknown number and a number that is not this
                # identity's, as at the central: nothing tells them apart.
                set_label(self._title, self.tr("No application found"))
                set_label(
                    self._explanation,
                    self.tr(
                        "No application with this number was found for this identity document. Please check the number on your receipt and try again."
                    ),
                )
                self._back.hide()
                self._try_again.set_text(self.tr("Check the number and try again"))
                self._try_again.show()

    def _show_found(self, answer: StatusAnswer, follow_ups: tuple[tuple[str, str], ...]) -> None:
        self._show_number(answer.application_no or answer.number)
        if answer.renamed:
            set_label(
                self._renamed,
                self.tr(
                    "Your reference %1 has now been given this application number. Please use it from now on."
                ).replace("%1", answer.reference or ""),
            )
        set_label(self._title, self.status_words(answer.status))
        set_label(self._explanation, self._next_words(answer, follow_ups))
        match answer.status:
            case "needs_correction":
                self._show_note(
                    self.tr("What the registration office asks you to correct:"),
                    answer.latest_note("needs_correction"),
                )
            case "rejected":
                self._show_note(
                    self.tr("The registration office's reason:"), answer.latest_note("rejected")
                )

    def status_words(self, status: str) -> str:
        """A status of central-api.md in plain words."""
        match status:
            case "received":
                return self.tr("Received: waiting to be reviewed")
            case "under_review":
                return self.tr("Being reviewed")
            case "needs_correction":
                return self.tr("Needs a correction from you")
            case "approved":
                return self.tr("Approved")
            case "rejected":
                return self.tr("Not approved")
        return self.tr("Being handled")

    def _next_words(self, answer: StatusAnswer, follow_ups: tuple[tuple[str, str], ...]) -> str:
        flows = {flow for _, flow in follow_ups}
        match answer.status:
            case "received" | "under_review":
                return self.tr(
                    "There is nothing you need to do now. You will get a text message when it has been decided."
                )
            case "needs_correction":
                return self._with_queue(
                    self.tr(
                        "Please correct it at the counter: bring your identity document and what the office asks for."
                    ),
                    follow_ups,
                )
            case "approved" if answer.licence_uscc and answer.licence_printable:
                if "licence_print" in flows:
                    return self.tr("Your business licence is ready. You can print it here now.")
                return self.tr("Your business licence is ready. Please collect it at the counter.")
            case "approved" if answer.licence_uscc:
                return self.tr(
                    "Your business licence has already been printed. For another original, please ask at the counter."
                )
            case "approved":
                return self.tr("There is nothing more you need to do.")
            case "rejected":
                return self._with_queue(
                    self.tr(
                        "If you have questions, or want to apply again, staff at the counter can help you."
                    ),
                    follow_ups,
                )
        return self.tr("You will get a text message when there is news.")

    def _with_queue(self, words: str, follow_ups: tuple[tuple[str, str], ...]) -> str:
        if any(flow == "queue_ticket" for _, flow in follow_ups):
            return words + "\n" + self.tr("Take a queue ticket here and you will be called.")
        return words

    def _show_number(self, number: str, *, reference: bool = False) -> None:
        self._panel.show()
        caption = self.tr("Provisional reference") if reference else self.tr("Application number")
        set_label(self._number_caption, caption)
        set_label(self._number, number)
        set_label(self._renamed, "")

    def _show_note(self, caption: str, note: str) -> None:
        set_label(self._note_caption, caption if note else "")
        set_label(self._note, note)
        self._note_box.setVisible(bool(note))

    def _show_history(self, history: tuple[HistoryEntry, ...], language: str) -> None:
        set_label(self._history_caption, self.tr("What has happened so far") if history else "")
        self._history.setVisible(bool(history))
        if self._drawn_history == (history, language):
            return
        self._drawn_history = (history, language)
        while self._history_grid.count():
            item = self._history_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        row = 0
        for entry in history:
            # Into the grid first: a label shown before it has a parent is a window.
            when, what = label("hint"), label()
            self._history_grid.addWidget(when, row, 0, Qt.AlignmentFlag.AlignTop)
            self._history_grid.addWidget(what, row, 1)
            set_label(when, date_words(entry.at, language) or "—")
            set_label(what, self.status_words(entry.status))
            row += 1
            if entry.note:
                note = label("hint")
                self._history_grid.addWidget(note, row, 1)
                set_label(note, entry.note)
                row += 1

    def _show_follow_ups(self, follow_ups: tuple[tuple[str, str], ...]) -> None:
        for button in self._follow_buttons:
            button.deleteLater()
        self._follow_buttons = []
        for code, flow in follow_ups:
            button = BigButton()
            words = {
                "licence_print": self.tr("Print my business licence"),
                "queue_ticket": self.tr("Take a queue ticket for the counter"),
            }
            button.set_text(words.get(flow, code))
            button.clicked.connect(lambda _=False, c=code: self.continue_with.emit(c))
            self._follow_row.addWidget(button)
            button.show()  # at once: a layout shows a new child only on a later turn
            self._follow_buttons.append(button)

    def _emphasise(self) -> None:
        """One main button: a way to go on, or trying again, before "finish"."""
        trying = self._try_again.isVisibleTo(self)
        for button, primary in (
            (self._try_again, trying),
            (self._done, not trying and not self._follow_buttons),
        ):
            button.setObjectName("" if primary else "secondary")
            button.style().polish(button)
