"""One person of a form (the legal representative, the manager): who it is, whether their
document was read here, and how to give or change them.

The widget only shows and asks; reading the person's card or typing their
details happens in the person editor, which its signals open.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.documents.receipt_data import mask_id_number
from screens.widgets import BigButton, label, set_label


class PersonSummary(QFrame):
    by_card = Signal()
    by_typing = Signal()

    def __init__(self, subject: str = "", parent: QWidget | None = None) -> None:
        """``subject``: the field's label, so that each button's name says whom it is for."""
        super().__init__(parent)
        self._subject = subject
        self.setObjectName("panel")
        layout = QVBoxLayout(self)
        self._who = label("subtitle")
        self._status = label()
        row = QHBoxLayout()
        self.read_card = BigButton()
        self.type_details = BigButton("secondary")
        self.read_card.clicked.connect(self.by_card)
        self.type_details.clicked.connect(self.by_typing)
        row.addWidget(self.read_card)
        row.addWidget(self.type_details)
        row.addStretch(1)
        layout.addWidget(self._who)
        layout.addWidget(self._status)
        layout.addLayout(row)

    def show_person(self, person: Mapping[str, Any] | None, identified: bool) -> None:
        given = bool(person and (person.get("name") or person.get("id_number")))
        if person and given:
            number = str(person.get("id_number") or "")
            masked = mask_id_number(number) if number else self.tr("(no number yet)")
            set_label(self._who, f"{person.get('name') or self.tr('(no name yet)')}  {masked}")
            self._status.setObjectName("success" if identified else "error")
            self._status.style().polish(self._status)
            set_label(
                self._status,
                self.tr("✓ Identified: document read here")
                if identified
                else self.tr("✗ Still to identify: read their document, or staff verify it"),
            )
        else:
            set_label(self._who, self.tr("Nobody given yet."))
            set_label(self._status, "")
        self.read_card.set_text(self.tr("Read their ID card"))
        self.type_details.set_text(
            self.tr("Change the details") if given else self.tr("Type the details")
        )
        for button in (self.read_card, self.type_details):
            if self._subject:
                button.setAccessibleName(f"{button.text()} — {self._subject}")
