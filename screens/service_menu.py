"""The service menu: one big button per service the catalogue offers on this kiosk."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.catalogue import Catalogue
from screens.widgets import BigButton, label, set_label


class ServiceMenuScreen(QWidget):
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(80, 40, 80, 40)
        self._title = label("title")
        self._empty = label("subtitle")
        self._layout.addWidget(self._title)
        self._layout.addSpacing(20)
        self._buttons_box = QVBoxLayout()
        self._buttons_box.setSpacing(20)
        self._layout.addLayout(self._buttons_box)
        self._layout.addWidget(self._empty)
        self._layout.addStretch(1)
        self._buttons: list[BigButton] = []

    def show_state(self, catalogue: Catalogue | None, language: str) -> None:
        set_label(self._title, self.tr("What would you like to do?"))
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        services = catalogue.offered if catalogue else ()
        for service in services:
            button = BigButton()
            button.setMinimumHeight(110)
            summary = service.summary.get(language)
            text = service.title.get(language) + (f"\n{summary}" if summary else "")
            button.set_text(text, summary)
            button.setAccessibleName(service.title.get(language))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, code=service.code: self.chosen.emit(code))
            self._buttons_box.addWidget(button)
            self._buttons.append(button)
        set_label(
            self._empty,
            ""
            if services
            else self.tr(
                "The services are being loaded. If this takes long, please ask a member of staff."
            ),
        )
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
