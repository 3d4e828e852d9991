"""Field widgets driven by touch: options as big buttons, and a signature pad."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from screens.fields.choice import ChoiceButtons
from screens.fields.signature_pad import PNG_SIZE, SignaturePad
from screens.style import STYLE_SHEET
from tests.shell.text_fit import cut_texts

ROLES = [("chairman", "董事长"), ("executive_director", "执行董事"), ("manager", "经理")]


def _styled(qtbot: QtBot, widget: ChoiceButtons | SignaturePad) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyleSheet(STYLE_SHEET)
    qtbot.addWidget(widget)
    widget.resize(1200, widget.sizeHint().height())
    widget.show()
    qtbot.waitExposed(widget)


def test_citizen_picks_one_option_with_a_touch_and_the_choice_is_named(qtbot: QtBot) -> None:
    choice = ChoiceButtons(ROLES)
    _styled(qtbot, choice)
    with qtbot.waitSignal(choice.edited) as edited:
        qtbot.mouseClick(choice.button("executive_director"), Qt.MouseButton.LeftButton)
    assert edited.args == ["executive_director"]
    assert choice.value() == "executive_director"
    # The state is said in words and a tick, not by colour alone.
    assert choice.button("executive_director").accessibleName() == "执行董事 (chosen)"
    assert choice.button("manager").accessibleName() == "经理 (not chosen)"
    qtbot.mouseClick(choice.button("manager"), Qt.MouseButton.LeftButton)
    assert choice.value() == "manager"
    assert not choice.button("executive_director").isChecked()
    assert all(choice.button(v).height() >= 60 for v, _ in ROLES)
    assert cut_texts(choice) == []


def test_several_options_make_a_list_in_the_catalogues_order_of_touches(
    qtbot: QtBot,
) -> None:
    choice = ChoiceButtons(ROLES, multiple=True)
    _styled(qtbot, choice)
    qtbot.mouseClick(choice.button("manager"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(choice.button("chairman"), Qt.MouseButton.LeftButton)
    assert choice.value() == ["chairman", "manager"]
    qtbot.mouseClick(choice.button("manager"), Qt.MouseButton.LeftButton)
    assert choice.value() == ["chairman"]
    choice.set_value(["executive_director"])
    assert choice.value() == ["executive_director"]


def test_citizen_signs_clears_and_signs_again_and_the_png_carries_the_strokes(
    qtbot: QtBot,
) -> None:
    pad = SignaturePad()
    _styled(qtbot, pad)
    assert pad.is_empty()
    with qtbot.waitSignal(pad.signed):
        qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(60, 120))
        for x in range(80, 500, 20):
            qtbot.mouseMove(pad, QPoint(x, 120 + (x % 60) - 30))
        qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(500, 130))
    assert not pad.is_empty()
    assert pad.stroke_count == 1

    image = Image.open(io.BytesIO(pad.png_bytes()))
    assert image.size == (PNG_SIZE.width(), PNG_SIZE.height())
    histogram = image.convert("L").histogram()
    dark = sum(histogram[:100])
    assert dark > 500  # the stroke is there, in black on white

    pad.clear()
    assert pad.is_empty()
    blank = Image.open(io.BytesIO(pad.png_bytes())).convert("L")
    assert blank.getextrema() == (255, 255)  # nothing of the first signature is left
