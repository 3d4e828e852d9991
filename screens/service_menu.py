"""The service menu: one big button per service the catalogue offers on this kiosk."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.catalogue import Catalogue, Service
from screens.touch_scroll import touch_scroll_area
from screens.widgets import BigButton, label, set_label
from screens.wrapping_button import WrappingButton


class ServiceMenuScreen(QWidget):
    chosen = Signal(str)
    chosen_for_guidance = Signal(str)
    """A service whose guidance only the citizen wants to read (and print)."""
    verify_chosen = Signal()
    """The "check a licence or a receipt" button was pressed: a slip's QR code, no service."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(80, 40, 80, 40)
        self._title = label("title")
        self._empty = label("subtitle")
        self._layout.addWidget(self._title)
        self._layout.addSpacing(20)
        # Many services scroll (drag like a page); the guidance switch stays in sight.
        self._scroll = touch_scroll_area()
        holder = QWidget()
        self._buttons_box = QVBoxLayout(holder)
        self._buttons_box.setContentsMargins(0, 0, 20, 0)
        self._buttons_box.setSpacing(20)
        self._buttons_box.addStretch(1)
        self._scroll.setWidget(holder)
        self._layout.addWidget(self._scroll, 1)
        self._layout.addWidget(self._empty)
        self._guidance_only = BigButton("secondary")
        self._guidance_only.setCheckable(True)
        self._guidance_only.toggled.connect(self._say_mode)
        self._layout.addWidget(self._guidance_only)
        # Local, like the guidance switch: checking a slip needs no catalogue.
        self._verify = BigButton("secondary")
        self._verify.clicked.connect(self.verify_chosen)
        self._layout.addWidget(self._verify)
        self._verify_offered = False
        self._buttons: list[WrappingButton] = []
        self._shown: tuple[tuple[Service, ...], str] | None = None

    def show_state(self, catalogue: Catalogue | None, language: str) -> None:
        self._guidance_only.setChecked(False)  # each visit to the menu starts in "do it" mode
        self._say_mode()
        services = catalogue.offered if catalogue else ()
        if self._shown != (services, language):
            # Only when the catalogue or the language changed: the buttons hold nothing
            # of a citizen, and making them again took about 25 ms of the turn a
            # session starts (bench/bench_speech_stall.py).
            self._make_buttons(services, language)
            self._shown = (services, language)
        set_label(
            self._empty,
            ""
            if services
            else self.tr(
                "The services are being loaded. If this takes long, please ask a member of staff."
            ),
        )
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._guidance_only.setVisible(bool(services))
        self._verify.set_text(self.tr("Check a licence or a receipt (scan its QR code)"))
        self._verify.setVisible(self._verify_offered)

    def _make_buttons(self, services: tuple[Service, ...], language: str) -> None:
        for button in self._buttons:
            # Out of the layout and out of sight now: deleted later, it must not take room.
            button.hide()
            self._buttons_box.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        for service in services:
            button = WrappingButton()
            button.floor_height = 110
            summary = service.summary.get(language)
            text = service.title.get(language) + (f"\n{summary}" if summary else "")
            button.set_text(text, summary)
            button.setAccessibleName(service.title.get(language))
            button.clicked.connect(lambda _=False, code=service.code: self._choose(code))
            self._buttons_box.insertWidget(self._buttons_box.count() - 1, button)
            button.show()  # at once: a layout shows a new child only on a later turn
            self._buttons.append(button)

    def set_verify_offered(self, offered: bool) -> None:
        """Offer "check a slip" only while the kiosk's scanner can read."""
        self._verify_offered = offered
        self._verify.setVisible(offered)

    def _choose(self, code: str) -> None:
        if self._guidance_only.isChecked():
            self.chosen_for_guidance.emit(code)
        else:
            self.chosen.emit(code)

    def _say_mode(self, *_: object) -> None:
        """The title and the toggle say which mode the menu is in, in words."""
        if self._guidance_only.isChecked():
            set_label(self._title, self.tr("Which service's guidance would you like to read?"))
            self._guidance_only.set_text(self.tr("✓ Guidance only (press again to do a service)"))
        else:
            set_label(self._title, self.tr("What would you like to do?"))
            self._guidance_only.set_text(
                self.tr("Guidance only: see what a service needs, and print it")
            )
