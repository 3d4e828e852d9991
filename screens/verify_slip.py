"""The "scan to verify" screen: a clerk holds a licence's or a receipt's QR code under the scanner
and reads whether it is genuine, who signed it, and what it says.

A thin view of `kiosk.workflow.states.VerifyingSlip`: the check itself is the
core's (`kiosk.verification`); here only its words.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.verification.desk import NotChecked
from kiosk.verification.keys import KeyOwner
from kiosk.verification.verify import SlipCheck, Verdict
from kiosk.workflow.states import VerifyingSlip
from screens.touch_scroll import touch_scroll_area
from screens.widgets import BigButton, label, set_label


class VerifySlipScreen(QWidget):
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        self._title = label("title")
        self._intro = label("subtitle")
        self._scanner_problem = label("error")
        panel = QFrame()
        panel.setObjectName("panel")
        panel_layout = QVBoxLayout(panel)
        self._verdict = label()
        self._signer = label()
        panel_layout.addWidget(self._verdict)
        panel_layout.addWidget(self._signer)
        self._panel = panel
        self._fields_heading = label("hint")
        self._scroll = touch_scroll_area()
        self._next = label("hint")
        self._back = BigButton("secondary")
        self._back.clicked.connect(self.back)
        layout.addWidget(self._title)
        layout.addWidget(self._intro)
        layout.addWidget(self._scanner_problem)
        layout.addSpacing(10)
        layout.addWidget(panel)
        layout.addWidget(self._fields_heading)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self._next)
        row = QHBoxLayout()
        row.addWidget(self._back)
        row.addStretch(1)
        layout.addLayout(row)
        self._shown: tuple[int, str] | None = None

    def show_state(self, state: VerifyingSlip, *, can_scan: bool, language: str) -> None:
        set_label(self._title, self.tr("Check a licence or a receipt"))
        set_label(
            self._intro,
            self.tr(
                "Hold the QR code of a business licence or of an acceptance receipt "
                "under the scanner. The kiosk checks its signature, without the network."
            ),
        )
        set_label(
            self._scanner_problem,
            ""
            if can_scan
            else self.tr("The scanner is not working just now. Please ask a member of staff."),
        )
        self._back.set_text(self.tr("Back"))
        outcome = state.outcome
        if state.checking:
            self._show_verdict(self.tr("Checking…"), "", "subtitle")
            self._show_fields(None, state.scans, language)
        elif isinstance(outcome, SlipCheck):
            self._show_check(outcome)
            self._show_fields(outcome, state.scans, language)
        elif isinstance(outcome, NotChecked):
            text = (
                self.tr("This code is not a signed licence or receipt.")
                if outcome.reason == "not_a_slip"
                else self.tr(
                    "The code could not be checked just now. Please ask a member of staff."
                )
            )
            self._show_verdict(text, "", "error")
            self._show_fields(None, state.scans, language)
        else:
            self._show_verdict("", "", "subtitle")
            self._show_fields(None, state.scans, language)
        set_label(
            self._next,
            self.tr("To check another slip, hold its QR code under the scanner.")
            if outcome is not None and not state.checking
            else "",
        )

    def _show_check(self, check: SlipCheck) -> None:
        words = {
            Verdict.VALID: self._valid_words(check),
            Verdict.INVALID_SIGNATURE: self.tr(
                "✗ Not genuine: what the slip says does not match its signature. "
                "It may have been changed."
            ),
            Verdict.UNKNOWN_KEY: self.tr(
                "✗ Cannot be confirmed: it was signed with a key this kiosk does not know."
            ),
            Verdict.EXPIRED_KEY: self.tr(
                "✗ Not valid: it was signed with a key that had already expired."
            ),
        }
        self._show_verdict(
            words[check.verdict],
            self.tr("Signed by: %1").replace("%1", self._signer_words(check)),
            "success" if check.valid else "error",
        )

    def _valid_words(self, check: SlipCheck) -> str:
        key = check.key
        if check.kind == "licence":
            return self.tr("✓ Genuine: this licence was signed by the registration system.")
        if key is not None and key.this_kiosk:
            return self.tr("✓ Genuine: this receipt was printed and signed by this kiosk.")
        return self.tr("✓ Genuine: this receipt was signed by a registration kiosk.")

    def _signer_words(self, check: SlipCheck) -> str:
        key = check.key
        if key is None:
            return self.tr("unknown key %1").replace("%1", check.qr.key_id)
        if key.owner is KeyOwner.CENTRAL:
            return self.tr("the registration system (key %1)").replace("%1", key.key_id)
        words = (
            self.tr("this kiosk %1 (key %2)") if key.this_kiosk else self.tr("kiosk %1 (key %2)")
        )
        return words.replace("%1", key.kiosk_id or "?").replace("%2", key.key_id)

    def _show_verdict(self, verdict: str, signer: str, style: str) -> None:
        set_label(self._verdict, verdict)
        self._verdict.setObjectName(style)
        self._verdict.style().polish(self._verdict)
        set_label(self._signer, signer)
        self._panel.setVisible(bool(verdict))

    def _show_fields(self, check: SlipCheck | None, scans: int, language: str) -> None:
        if check is None:
            set_label(self._fields_heading, "")
            self._scroll.hide()
            self._shown = None
            return
        set_label(
            self._fields_heading,
            self.tr("What the slip says (confirmed by its signature):")
            if check.valid
            else self.tr("What the code says (NOT confirmed):"),
        )
        self._scroll.show()
        if self._shown == (scans, language):
            return
        self._shown = (scans, language)
        content = QWidget()
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 20, 0)
        grid.setHorizontalSpacing(24)
        for row, field in enumerate(check.content.fields):
            name = label("hint")
            set_label(name, self.tr(field.label))
            value = label()
            set_label(value, self._value_words(field.name, field.value))
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(check.content.fields), 1)
        self._scroll.setWidget(content)

    def _value_words(self, name: str, value: str) -> str:
        if name == "number_kind":
            return {
                "application": self.tr("the application number"),
                "reference": self.tr("the kiosk's provisional reference"),
            }.get(value, value)
        return value

    def clear(self) -> None:
        """Nothing of the last slip stays on screen for the next person."""
        self._shown = None
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        set_label(self._verdict, "")
        set_label(self._signer, "")
