"""The frame shared by the form pages and the review: headings, a scrolling body,
and a Back / forward button row at the bottom where a thumb reaches it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.forms.validation import FieldProblem
from screens.fields.field_editor import FieldEditor
from screens.identity_strip import IdentityStrip
from screens.messages import field_problem
from screens.touch_scroll import touch_scroll_area
from screens.widgets import BigButton, label, set_label


class ScrollingPage(QWidget):
    back = Signal()
    forward = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 30)
        self._service = label("subtitle")
        self._title = label("title")
        self._intro = label("hint")
        self._problem = label("error")
        self.identity = IdentityStrip()
        # Folded away while the on-screen keyboard is up, to leave room for the fields.
        self._headings = QWidget()
        headings = QVBoxLayout(self._headings)
        headings.setContentsMargins(0, 0, 0, 0)
        headings.addWidget(self._service)
        headings.addWidget(self._title)
        headings.addWidget(self.identity)
        headings.addWidget(self._intro)
        layout.addWidget(self._headings)
        layout.addWidget(self._problem)
        self._scroll = touch_scroll_area()
        layout.addWidget(self._scroll, 1)
        self._buttons = QWidget()
        row = QHBoxLayout(self._buttons)
        self._button_row = row
        row.setContentsMargins(0, 0, 0, 0)
        self._back = BigButton("secondary")
        self._forward = BigButton()
        self._back.clicked.connect(self.back)
        self._forward.clicked.connect(self.forward)
        row.addWidget(self._back)
        row.addStretch(1)
        row.addWidget(self._forward)
        layout.addWidget(self._buttons)

    def set_compact(self, compact: bool) -> None:
        """While typing on the on-screen keyboard, show only the fields and problems."""
        self._headings.setVisible(not compact)
        self._buttons.setVisible(not compact)

    def show_field_problems(
        self, editors: Mapping[str, FieldEditor], problems: Sequence[FieldProblem], language: str
    ) -> None:
        """Each problem under its field, how many above, and the first one in sight."""
        by_field = {p.field: p for p in problems}
        for name, editor in editors.items():
            # A problem inside a person (shareholders[2].id_number) shows at its list.
            problem = by_field.get(name) or next(
                (p for p in problems if _root(p.field) == name), None
            )
            label_text = editor.spec.label.get(language)
            editor.show_problem(field_problem(problem, label_text) if problem else "")
        set_label(
            self._problem,
            self.tr("Please correct the %1 entries marked in red.").replace(
                "%1", str(len(by_field))
            )
            if by_field
            else "",
        )
        first = (
            editors.get(problems[0].field) or editors.get(_root(problems[0].field))
            if problems
            else None
        )
        if first is not None:
            first.focus()
            self._scroll.ensureWidgetVisible(first)

    def clear(self) -> None:
        """Drop the page's content (the citizen's answers) until it is drawn again."""
        content = self._scroll.takeWidget()
        if content is not None:
            content.deleteLater()
        self.identity.show_identity(None, None)


def _root(path: str) -> str:
    """The form field a path starts from: ``shareholders`` of ``shareholders[2].name``."""
    return path.split("[", 1)[0].split(".", 1)[0]
