"""The attract screen: what the kiosk does, and one big "touch to start".

Shown before anything else is loaded (`kiosk.shell.launch`): like `screens.widgets`,
it sets its alignment by name and leaves PySide's slow ``Qt`` namespace alone.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from screens.widgets import BigButton, label, set_label


class AttractScreen(QWidget):
    started = Signal()
    accessible_role = "Button"
    """The whole screen starts a session (`screens.accessible_roles`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 60, 80, 60)
        layout.addStretch(2)
        self._title = label("title")
        self._title.setProperty("alignment", "AlignCenter")
        self._subtitle = label("subtitle")
        self._subtitle.setProperty("alignment", "AlignCenter")
        self._start = BigButton()
        self._start.setMinimumHeight(140)
        self._start.setMinimumWidth(520)
        self._start.clicked.connect(self.started)
        self._hint = label("hint")
        self._hint.setProperty("alignment", "AlignCenter")
        layout.addWidget(self._title)
        layout.addWidget(self._subtitle)
        layout.addSpacing(40)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(self._start)
        centred.addStretch(1)
        layout.addLayout(centred)
        layout.addSpacing(20)
        layout.addWidget(self._hint)
        layout.addStretch(3)

    def show_state(self) -> None:
        set_label(self._title, self.tr("Business registration self-service"))
        set_label(
            self._subtitle, self.tr("Register a business, check an application, print a licence")
        )
        self._start.set_text(self.tr("Touch here to start"))
        self.setAccessibleName(self._start.accessibleName())
        set_label(
            self._hint, self.tr("You will need your identity card. Staff nearby can help you.")
        )

    def mousePressEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        # The whole screen is a start button: some people tap anywhere.
        self.started.emit()
