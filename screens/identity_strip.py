"""Who is applying: the face read from the passport chip, the name and the document.

Shown above the form and the review so the citizen (and staff beside them) can
see the right person was read. A resident ID card's photo is in the WLT format,
whose decoder is licensed by the reader vendor and not part of the kiosk: the
strip says so instead of showing a photo.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from devices.identity import DocumentType, IdentityDocument, Verdict
from screens.widgets import label, set_label

FACE_WIDTH_PX = 90
FACE_HEIGHT_PX = 120


class IdentityStrip(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 16, 8)
        self.face = QLabel()
        self.face.setFixedSize(FACE_WIDTH_PX, FACE_HEIGHT_PX)
        self.face.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column = QVBoxLayout()
        self._name = label()
        self._document = label("hint")
        self._check = label("hint")
        for widget in (self._name, self._document, self._check):
            column.addWidget(widget)
        row.addWidget(self.face)
        row.addLayout(column, 1)
        self.hide()

    def show_identity(self, document: IdentityDocument | None, face: bytes | None) -> None:
        """Show ``document`` (hidden when None); ``face`` is JPEG/PNG bytes or None."""
        if document is None:
            # Hidden is not enough: the next citizen's screens must hold nothing of this one.
            self.face.clear()
            for line in (self._name, self._document, self._check):
                set_label(line, "")
            self.hide()
            return
        set_label(self._name, document.display_name)
        set_label(self._document, self._document_words(document))
        set_label(self._check, self._check_words(document))
        pixmap = QPixmap()
        if face and pixmap.loadFromData(face):
            self.face.setPixmap(
                pixmap.scaled(
                    FACE_WIDTH_PX,
                    FACE_HEIGHT_PX,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.face.setAccessibleName(self.tr("Photo from your passport chip"))
            self.face.show()
        else:
            self.face.clear()
            self.face.hide()
        self.show()

    def _document_words(self, document: IdentityDocument) -> str:
        match document.document_type:
            case DocumentType.CN_RESIDENT_ID:
                kind = self.tr("Resident identity card")
            case DocumentType.PASSPORT:
                kind = self.tr("Passport")
            case _:
                kind = self.tr("Travel permit")
        return f"{kind} {document.document_number}"

    def _check_words(self, document: IdentityDocument) -> str:
        if document.authenticity.verdict is Verdict.VERIFIED:
            return self.tr("The chip was checked: the document is genuine.")
        if document.document_type is DocumentType.CN_RESIDENT_ID:
            return self.tr(
                "Card photos are not shown: their format may only be read with the card-reader maker's licensed software."
            )
        return ""
