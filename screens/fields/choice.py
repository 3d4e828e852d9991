"""Choosing among the catalogue's options with large buttons, never by typing a code.

One choice ("choice") behaves like radio buttons; several ("multi_choice") like
check boxes. The buttons wrap onto as many rows as the labels need, each at
least a touch target high, and say in their accessible name whether they are
chosen, so that the state is not told by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QSizePolicy, QWidget

from screens.widgets import BigButton

#: Buttons per row: labels of several Chinese words still fit at 1280 px.
COLUMNS = 2


class ChoiceButtons(QWidget):
    """Options as toggle buttons; ``edited`` carries the value: a code, or a list of codes."""

    edited = Signal(object)

    def __init__(
        self,
        options: Sequence[tuple[str, str]],
        *,
        multiple: bool = False,
        chosen: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        """``options`` are (value, label in the interface language)."""
        super().__init__(parent)
        self.multiple = multiple
        self._group = QButtonGroup(self)
        self._group.setExclusive(not multiple)
        self._buttons: dict[str, BigButton] = {}
        self._labels: dict[str, str] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        self._grid = grid
        for index, (value, label) in enumerate(options):
            button = BigButton("secondary")
            button.setCheckable(True)
            button.setObjectName("choice")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.set_text(label)
            button.setChecked(value in chosen)
            button.toggled.connect(self._on_toggled)
            self._group.addButton(button)
            self._buttons[value] = button
            self._labels[value] = label
            grid.addWidget(button, index // COLUMNS, index % COLUMNS)
        self._name_buttons()

    def value(self) -> str | list[str] | None:
        chosen = [value for value, button in self._buttons.items() if button.isChecked()]
        if self.multiple:
            return chosen
        return chosen[0] if chosen else None

    def set_value(self, value: str | Sequence[str] | None) -> None:
        wanted = {value} if isinstance(value, str) else set(value or ())
        for code, button in self._buttons.items():
            button.blockSignals(True)
            button.setChecked(code in wanted)
            button.blockSignals(False)
        self._name_buttons()

    def button(self, value: str) -> BigButton:
        return self._buttons[value]

    def show_only(self, values: Sequence[str] | None) -> int:
        """Show only the options ``values`` (all for None), packed in order; how many."""
        wanted = set(self._buttons) if values is None else set(values)
        for button in self._buttons.values():
            self._grid.removeWidget(button)
        shown = 0
        for value, button in self._buttons.items():
            button.setVisible(value in wanted)
            if value in wanted:
                self._grid.addWidget(button, shown // COLUMNS, shown % COLUMNS)
                shown += 1
        return shown

    def _on_toggled(self, checked: bool) -> None:
        # An exclusive group toggles two buttons for one touch: report once.
        if self.multiple or checked:
            self._name_buttons()
            self.edited.emit(self.value())

    def _name_buttons(self) -> None:
        for value, button in self._buttons.items():
            mark = "✓ " if button.isChecked() else ""
            button.setText(mark + self._labels[value])
            state = self.tr("chosen") if button.isChecked() else self.tr("not chosen")
            button.setAccessibleName(f"{self._labels[value]} ({state})")
