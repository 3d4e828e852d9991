"""Choosing among the catalogue's options with large buttons, never by typing a code.

One choice ("choice") behaves like radio buttons; several ("multi_choice") like
check boxes. The buttons wrap onto as many rows as the labels need, each at
least a touch target high, and say in their accessible name whether they are
chosen, so that the state is not told by colour alone. Two to a row where the
widest label leaves room, else one, and a label longer than its button's width
goes onto more lines: in larger text on a narrow display nothing runs off the
side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QSizePolicy, QWidget

from screens.in_turns import InTurns
from screens.style import BUTTON_PADDING_X_PX, TOUCH_TARGET_PX
from screens.widgets import BigButton

#: Buttons per row: labels of several Chinese words still fit at 1280 px.
COLUMNS = 2
#: Buttons a long list makes at once; the rest come a turn at a time.
MADE_AT_ONCE = 6
#: What a button's words leave of its width: the style sheet's padding, a focus border.
_BUTTON_PAD_PX = 2 * (BUTTON_PADDING_X_PX + 4) + 4
#: Where a line may break: after a Chinese character, or between words.
_BREAKS = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff]+\s*|\s+")


class ChoiceButtons(QWidget):
    """Options as toggle buttons; ``edited`` carries the value: a code, or a list of codes.

    A long list (a province's districts) makes `MADE_AT_ONCE` buttons at once, the
    chosen ones among them, and the rest a turn of the event loop at a time
    (`InTurns`): 25 buttons made at once held the tap that showed them for about
    100 ms. Asking for a button, or setting the value, makes the rest first.
    """

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
        """The buttons made so far."""
        self._labels: dict[str, str] = dict(options)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        self._grid = grid
        self._columns = COLUMNS
        self._line_width: int | None = None
        """The width a button's words may take, once this widget knows its own."""
        self._wanted: set[str] | None = None
        """The options `show_only` keeps in sight; None: all."""
        self._position = {value: index for index, (value, _) in enumerate(options)}
        """Where each shown option goes, in order: row and column follow from it."""
        self._turns = InTurns(parent=self)
        picked = [option for option in options if option[0] in chosen]
        first = picked + [option for option in options if option[0] not in chosen]
        cut = max(MADE_AT_ONCE, len(picked))
        for value, label in first[:cut]:
            self._make(value, label, checked=value in chosen)
        self._turns.add(partial(self._make, value, label) for value, label in first[cut:])

    def _make(self, value: str, label: str, checked: bool = False) -> None:
        button = BigButton("secondary", self)
        button.setCheckable(True)
        button.setObjectName("choice")
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.set_text(label)
        button.setChecked(checked)
        button.toggled.connect(self._on_toggled)
        self._group.addButton(button)
        self._buttons[value] = button
        self._name(value, button)
        self._place(value, button)

    def _place(self, value: str, button: BigButton) -> None:
        shown = self._wanted is None or value in self._wanted
        if shown:
            index = self._position[value]
            self._grid.addWidget(button, index // self._columns, index % self._columns)
        # Now: a layout shows a widget added to it only on a later turn.
        button.setVisible(shown)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # One column of buttons whose words wrap: never a reason to scroll sideways.
        return QSize(TOUCH_TARGET_PX * 2, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        width = event.size().width()
        columns = self._columns_for(width)
        spacing = self._grid.horizontalSpacing()
        line_width = max(1, (width - (columns - 1) * spacing) // columns - _BUTTON_PAD_PX)
        if columns != self._columns:
            self._columns = columns
            self._arrange()
        if line_width != self._line_width:
            self._line_width = line_width
            self._name_buttons()

    def _columns_for(self, width: int) -> int:
        # Every option's words, made or not: the columns do not change as buttons come.
        metrics = next(iter(self._buttons.values()), self).fontMetrics()
        widest = max(
            (
                metrics.horizontalAdvance("✓ " + label) + _BUTTON_PAD_PX
                for label in self._labels.values()
            ),
            default=0,
        )
        two = COLUMNS * widest + (COLUMNS - 1) * self._grid.horizontalSpacing()
        return COLUMNS if two <= width else 1

    def _arrange(self) -> None:
        """Lay the shown buttons out in order, ``self._columns`` to a row."""
        for button in self._buttons.values():
            self._grid.removeWidget(button)
        for value, button in self._buttons.items():
            self._place(value, button)
        self.updateGeometry()

    def value(self) -> str | list[str] | None:
        # The chosen buttons are always among those made.
        chosen = [value for value in self._labels if self._checked(value)]
        if self.multiple:
            return chosen
        return chosen[0] if chosen else None

    def _checked(self, value: str) -> bool:
        button = self._buttons.get(value)
        return button is not None and button.isChecked()

    def set_value(self, value: str | Sequence[str] | None) -> None:
        self._turns.finish()  # the rest of a long list, made now
        wanted = {value} if isinstance(value, str) else set(value or ())
        for code, button in self._buttons.items():
            button.blockSignals(True)
            button.setChecked(code in wanted)
            button.blockSignals(False)
        self._name_buttons()

    def button(self, value: str) -> BigButton:
        if value not in self._buttons:
            self._turns.finish()  # the rest of a long list, made now
        return self._buttons[value]

    def show_only(self, values: Sequence[str] | None) -> int:
        """Show only the options ``values`` (all for None), packed in order; how many."""
        wanted = None if values is None else set(values)
        if wanted != self._wanted:
            self._wanted = wanted
            shown = [value for value in self._labels if wanted is None or value in wanted]
            self._position = {value: index for index, value in enumerate(shown)}
            self._arrange()
        return len(self._position)

    def _on_toggled(self, checked: bool) -> None:
        # An exclusive group toggles two buttons for one touch: report once.
        if self.multiple or checked:
            self._name_buttons()
            self.edited.emit(self.value())

    def _name_buttons(self) -> None:
        for value, button in self._buttons.items():
            self._name(value, button)

    def _name(self, value: str, button: BigButton) -> None:
        mark = "✓ " if button.isChecked() else ""
        words = mark + self._labels[value]
        if self._line_width is not None:
            words = wrap_words(words, button.fontMetrics(), self._line_width)
        if words != button.text():
            button.set_text(words)
        state = self.tr("chosen") if button.isChecked() else self.tr("not chosen")
        button.setAccessibleName(f"{self._labels[value]} ({state})")


def wrap_words(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` with line breaks so that no line is wider than ``width`` where it can be:
    between words, or after any Chinese character."""
    lines: list[str] = []
    line = ""
    for piece in _BREAKS.findall(text):
        if line and metrics.horizontalAdvance((line + piece).rstrip()) > width:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    lines.append(line.rstrip())
    return "\n".join(lines)
