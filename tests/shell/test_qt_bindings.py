"""The Qt bindings keep Python's own objects alive, over a long day of service.

PySide6 6.12.0 on Python 3.11 took one reference from None at every call of a
method that returns nothing (setText, setVisible …): after some thousands of
calls the interpreter aborted with "deallocating None". A kiosk makes that many
calls in a few sessions. The pinned release must not.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 20_000


def test_a_long_day_of_screen_updates_leaves_none_true_and_false_alone(qtbot: QtBot) -> None:
    line = QLabel()
    qtbot.addWidget(line)
    before = {name: sys.getrefcount(value) for name, value in _SINGLETONS.items()}
    for n in range(CALLS):
        line.setText(str(n))  # returns nothing
        line.setVisible(n % 2 == 0)  # returns nothing, takes a bool
        line.isVisible()  # returns a bool
    after = {name: sys.getrefcount(value) for name, value in _SINGLETONS.items()}
    # Other code may take or drop a few references meanwhile; a leak per call is thousands.
    for name in _SINGLETONS:
        assert abs(after[name] - before[name]) < CALLS // 10, (name, before[name], after[name])


_SINGLETONS = {"None": None, "True": True, "False": False}
