"""Which application to look up: the number from the receipt (typed, or its QR code under
the scanner) and, when no document was read, the citizen's identity number.

The boxes keep what is typed; a scanned receipt writes its number into the box.
"Look it up" (or Enter) sends both; the problems come back in the state.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.catalogue import Service
from kiosk.forms.validation import FieldProblem
from kiosk.lookup_entry import ID_NUMBER, NUMBER, id_number_field, number_field
from kiosk.workflow.states import EnteringLookup
from screens.touch_scroll import touch_scroll_area
from screens.widgets import BigButton, label, set_label

_LATIN = (
    Qt.InputMethodHint.ImhLatinOnly
    | Qt.InputMethodHint.ImhPreferUppercase
    | Qt.InputMethodHint.ImhNoPredictiveText
    | Qt.InputMethodHint.ImhNoAutoUppercase
)


class LookupEntryScreen(QWidget):
    back = Signal()
    look_up = Signal(str, str)
    """The number as typed, and the identity number typed ("" when a document was read)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(80, 30, 80, 30)
        self._heading = QWidget()
        heading = QVBoxLayout(self._heading)
        heading.setContentsMargins(0, 0, 0, 0)
        self._service = label("subtitle")
        self._title = label("title")
        self._intro = label()
        heading.addWidget(self._service)
        heading.addWidget(self._title)
        heading.addWidget(self._intro)
        outer.addWidget(self._heading)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 20, 0)
        self._number_caption = label()
        self.number = self._editor("lookup_number")
        self._number_example = label("hint")
        self._number_problem = label("error")
        for widget in (
            self._number_caption,
            self.number,
            self._number_example,
            self._number_problem,
        ):
            layout.addWidget(widget)
        layout.addSpacing(20)
        self._identity = QFrame()
        self._identity.setObjectName("panel")
        identity = QVBoxLayout(self._identity)
        identity.setContentsMargins(30, 20, 30, 20)
        self._identity_words = label()
        identity.addWidget(self._identity_words)
        layout.addWidget(self._identity)
        self._id_caption = label()
        self.id_number = self._editor("lookup_id_number")
        self._id_hint = label("hint")
        self._id_problem = label("error")
        for widget in (self._id_caption, self.id_number, self._id_hint, self._id_problem):
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll = touch_scroll_area()
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self._footer = QWidget()
        row = QHBoxLayout(self._footer)
        row.setContentsMargins(0, 0, 0, 0)
        self._back = BigButton("secondary")
        self._back.clicked.connect(self.back)
        self._go = BigButton()
        self._go.clicked.connect(self._submit)
        row.addWidget(self._back)
        row.addStretch(1)
        row.addWidget(self._go)
        outer.addWidget(self._footer)
        self._filled: tuple[str, int] | None = None
        """The state's number and fill count last written into the box."""

    def _editor(self, name: str) -> QLineEdit:
        editor = QLineEdit()
        editor.setObjectName(name)
        editor.setInputMethodHints(_LATIN)
        editor.setMaxLength(64)
        editor.returnPressed.connect(self._submit)
        return editor

    def _submit(self) -> None:
        typed_id = self.id_number.text() if self.id_number.isVisible() else ""
        self.look_up.emit(self.number.text(), typed_id)

    def set_compact(self, compact: bool) -> None:
        """While typing, only the boxes stay in sight (Enter looks it up)."""
        self._heading.setVisible(not compact)
        self._footer.setVisible(not compact)

    def clear(self) -> None:
        """The session is over: nothing typed stays in the boxes, nor who asked."""
        self.number.clear()
        self.id_number.clear()
        set_label(self._identity_words, "")
        self._filled = None

    def show_state(
        self,
        state: EnteringLookup,
        service: Service | None,
        service_title: str,
        language: str,
        identity: str | None,
        can_scan: bool,
    ) -> None:
        """``identity``: who the document read says the citizen is (masked), or None when
        they type their identity number."""
        set_label(self._service, service_title)
        set_label(self._title, self.tr("Which application do you want to look up?"))
        set_label(
            self._intro,
            self.tr(
                "Type the application number from your receipt, or hold the receipt's QR code under the scanner."
            )
            if can_scan
            else self.tr("Type the application number from your receipt."),
        )
        spec = number_field(service)
        caption = spec.label.get(language) if spec is not None else ""
        set_label(self._number_caption, caption or self.tr("Application number"))
        self.number.setAccessibleName(self._number_caption.text())
        example = spec.example if spec is not None else ""
        set_label(
            self._number_example,
            self.tr(
                "It looks like %1. A reference from this kiosk, like K0001-000123, works too."
            ).replace("%1", example)
            if example
            else self.tr("A reference from this kiosk, like K0001-000123, works too."),
        )
        if self._filled != (state.number, state.filled):
            # A new number from the state (scanned, or back to correct it): into the box.
            self._filled = (state.number, state.filled)
            self.number.setText(state.number)
            if state.id_number:
                self.id_number.setText(state.id_number)
        self._show_identity(service, language, identity)
        self._show_problems(state.problems, example)
        self._back.set_text(self.tr("Back"))
        self._go.set_text(self.tr("Look it up"))

    def _show_identity(self, service: Service | None, language: str, identity: str | None) -> None:
        typing = identity is None
        self._identity.setVisible(not typing)
        set_label(
            self._identity_words,
            self.tr("Looked up for: %1 (from the document you put on the reader)").replace(
                "%1", identity or ""
            )
            if identity
            else "",
        )
        spec = id_number_field(service)
        caption = spec.label.get(language) if spec is not None else ""
        set_label(self._id_caption, (caption or self.tr("Your identity number")) if typing else "")
        self.id_number.setAccessibleName(self._id_caption.text() or self.tr("Your identity number"))
        self.id_number.setVisible(typing)
        set_label(
            self._id_hint,
            self.tr(
                "The number of the identity document you applied with: 18 characters on a resident identity card."
            )
            if typing
            else "",
        )
        if not typing:
            self.id_number.clear()

    def _show_problems(self, problems: tuple[FieldProblem, ...], example: str) -> None:
        by_field = {problem.field: problem for problem in problems}
        set_label(self._number_problem, self._number_words(by_field.get(NUMBER), example))
        set_label(self._id_problem, self._id_words(by_field.get(ID_NUMBER)))
        self._mark(self.number, NUMBER in by_field)
        self._mark(self.id_number, ID_NUMBER in by_field)

    def _number_words(self, problem: FieldProblem | None, example: str) -> str:
        if problem is None:
            return ""
        if problem.code == "required":
            return self.tr("Please type the application number, or scan the receipt's QR code.")
        if example:
            return self.tr(
                "This does not look like an application number. Please check it against your receipt: it looks like %1."
            ).replace("%1", example)
        return self.tr(
            "This does not look like an application number. Please check it against your receipt."
        )

    def _id_words(self, problem: FieldProblem | None) -> str:
        if problem is None:
            return ""
        if problem.code == "required":
            return self.tr("Please type your identity number.")
        if problem.code == "cn_resident_id":
            return self.tr("This identity number is not valid: please check every digit.")
        return self.tr("An identity number has letters and digits only: please check it.")

    @staticmethod
    def _mark(editor: QLineEdit, invalid: bool) -> None:
        editor.setProperty("invalid", invalid)
        editor.style().polish(editor)
