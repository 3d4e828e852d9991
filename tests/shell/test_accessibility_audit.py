"""The accessibility checker catches each kind of fault on a deliberately broken widget,
and passes a well-made one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from screens.style import STYLE_SHEET
from tests.shell.accessibility_audit import audit


def _window(qtbot: QtBot, build: Callable[[QVBoxLayout], None]) -> QWidget:
    window = QWidget()
    window.setStyleSheet(STYLE_SHEET)
    layout = QVBoxLayout(window)
    layout.setSpacing(16)
    build(layout)
    layout.addStretch(1)
    qtbot.addWidget(window)
    window.resize(900, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text)
    return button


def _good(layout: QVBoxLayout) -> None:
    title = QLabel("Register a business")
    title.setObjectName("title")
    layout.addWidget(title)
    field = QLineEdit()
    field.setAccessibleName("Mobile number")
    layout.addWidget(field)
    row = QHBoxLayout()
    row.setSpacing(16)
    row.addWidget(_button("Back"))
    row.addWidget(_button("Next"))
    layout.addLayout(row)


def test_a_well_made_screen_passes_every_check(qtbot: QtBot) -> None:
    report = audit(_window(qtbot, _good), "good")

    assert report.violations == []
    assert report.checked["contrast"] >= 3
    assert report.checked["target"] == 3
    assert report.checked["focus order"] == 2


def _low_contrast(layout: QVBoxLayout) -> None:
    _good(layout)
    faint = QLabel("Fine print")
    faint.setStyleSheet("color: #b0b0b0;")
    layout.addWidget(faint)


def _small_target(layout: QVBoxLayout) -> None:
    _good(layout)
    tiny = _button("x")
    tiny.setStyleSheet("min-height: 20px; max-height: 30px; max-width: 30px; padding: 0;")
    layout.addWidget(tiny)


def _crowded(layout: QVBoxLayout) -> None:
    _good(layout)
    row = QHBoxLayout()
    row.setSpacing(2)
    row.addWidget(_button("Yes"))
    row.addWidget(_button("No"))
    layout.addLayout(row)


def _unnamed(layout: QVBoxLayout) -> None:
    _good(layout)
    layout.addWidget(QLineEdit())


def _no_role(layout: QVBoxLayout) -> None:
    _good(layout)

    class Pad(QFrame):
        """Something to touch (it takes the focus) that never says what it is."""

    pad = Pad()
    pad.setAccessibleName("Sign here")
    pad.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    pad.setFixedSize(300, 100)
    layout.addWidget(pad)


def _cut(layout: QVBoxLayout) -> None:
    _good(layout)
    button = _button("Check my information before sending")
    button.setFixedWidth(150)
    layout.addWidget(button)


def _colour_only(layout: QVBoxLayout) -> None:
    _good(layout)
    dot = QFrame()
    dot.setAccessibleName("Wrong")
    dot.setFixedSize(24, 24)
    dot.setStyleSheet("background: #b00020;")
    layout.addWidget(dot)


def _focus_backwards(layout: QVBoxLayout) -> None:
    # The bottom button joins the window before the middle one, so the focus visits
    # it first: down from the top one to the bottom, then up to the middle.
    top, middle, bottom = _button("Top"), _button("Middle"), _button("Bottom")
    layout.addWidget(top)
    layout.addWidget(bottom)
    layout.insertWidget(1, middle)


@pytest.mark.parametrize(
    ("build", "check", "culprit"),
    [
        (_low_contrast, "contrast", "Fine print"),
        (_small_target, "target", "'x'"),
        (_crowded, "spacing", "Yes"),
        (_unnamed, "name", "QLineEdit"),
        (_no_role, "role", "Sign here"),
        (_cut, "cut", "Check my information"),
        (_colour_only, "colour only", "Wrong"),
        (_focus_backwards, "focus order", "Middle"),
    ],
)
def test_each_kind_of_fault_is_caught_and_named(
    qtbot: QtBot, build: Callable[[QVBoxLayout], None], check: str, culprit: str
) -> None:
    report = audit(_window(qtbot, build), check)

    found = [v for v in report.violations if v.check == check]
    assert found, report.table()
    assert any(culprit in f"{v.widget} {v.detail}" for v in found), report.table()
    assert culprit in report.table()


def test_high_contrast_mode_asks_for_seven_to_one(qtbot: QtBot) -> None:
    def muted(layout: QVBoxLayout) -> None:
        _good(layout)
        hint = QLabel("A hint in grey")
        hint.setObjectName("hint")  # #4a4a4a on white: 8.9:1 passes both
        layout.addWidget(hint)
        blue = QLabel("Blue words")
        blue.setStyleSheet("color: #3a6fb0;")  # about 5:1: enough for 4.5, not for 7
        layout.addWidget(blue)

    window = _window(qtbot, muted)

    assert not audit(window, "normal").violations
    high = audit(window, "high contrast", high_contrast=True)
    assert [v.widget for v in high.violations] == ["QLabel 'Blue words'"]
