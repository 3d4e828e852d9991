"""The screens' building blocks keep their promises while set by name (`screens.widgets`):
a label never reads a citizen's text as markup, the attract screen centres its words,
and under the kiosk's style every button shows the pointing hand to a mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel
from pytestqt.qtbot import QtBot

from kiosk.shell.qt_app import ensure_application
from screens.attract import AttractScreen
from screens.widgets import BigButton, label, set_label
from screens.wrapping_button import WrappingButton


def test_a_name_with_markup_in_it_is_shown_as_typed(qtbot: QtBot) -> None:
    shown = label()
    qtbot.addWidget(shown)
    set_label(shown, "<b>王丽华</b>")
    assert shown.textFormat() == Qt.TextFormat.PlainText
    assert shown.text() == "<b>王丽华</b>"


def test_the_attract_screen_centres_its_words(qtbot: QtBot) -> None:
    screen = AttractScreen()
    qtbot.addWidget(screen)
    screen.show_state()
    for words in screen.findChildren(QLabel):
        assert words.alignment() == Qt.AlignmentFlag.AlignCenter, words.text()


def test_every_kind_of_button_shows_the_pointing_hand_under_the_kiosks_style(
    qtbot: QtBot,
) -> None:
    ensure_application()  # the full kiosk's: with `SpacingStyle`
    buttons = [BigButton(), WrappingButton(), QCheckBox("同意")]
    for button in buttons:
        qtbot.addWidget(button)
        button.show()
        assert button.cursor().shape() == Qt.CursorShape.PointingHandCursor, button
