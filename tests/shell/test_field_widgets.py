"""Field widgets driven by touch: options as big buttons, and a signature pad."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.forms.kinds import runnable_field_types
from kiosk.scope_search import ScopeIndex, scope_items
from screens.fields.amount import AmountInput
from screens.fields.choice import MADE_AT_ONCE, ChoiceButtons
from screens.fields.controls import DRAWN_TYPES
from screens.fields.date_input import DateInput
from screens.fields.people_list import PeopleList
from screens.fields.region_picker import RegionPicker
from screens.fields.scope_picker import ScopePicker
from screens.fields.signature_pad import PNG_SIZE, SignaturePad
from screens.flow_layout import FlowLayout
from screens.style import STYLE_SHEET
from screens.widgets import BigButton
from tests.shell.text_fit import cut_texts

ROLES = [("chairman", "董事长"), ("executive_director", "执行董事"), ("manager", "经理")]


def _styled(qtbot: QtBot, widget: QWidget) -> None:
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


def test_options_go_one_to_a_row_and_long_words_wrap_when_the_screen_is_narrow(
    qtbot: QtBot,
) -> None:
    long_label = "Residence permit for Hong Kong residents"
    choice = ChoiceButtons([("cn_resident_id", "Resident identity card"), ("hmt", long_label)])
    page = QWidget()  # on a page, as on the form: the page decides the width
    QVBoxLayout(page).addWidget(choice)
    _styled(qtbot, page)
    page.resize(1900, 400)
    first, second = choice.button("cn_resident_id"), choice.button("hmt")
    qtbot.waitUntil(lambda: first.y() == second.y())  # two to a row on a wide screen
    assert "\n" not in second.text()
    page.resize(500, 600)
    qtbot.waitUntil(lambda: second.y() > first.y())  # one to a row
    qtbot.waitUntil(lambda: "\n" in second.text())  # the long words on more lines
    assert second.text().replace("\n", " ") == long_label
    assert second.width() <= 500
    assert choice.minimumSizeHint().width() <= 500
    assert second.accessibleName() == f"{long_label} (not chosen)"  # said on one line
    qtbot.mouseClick(second, Qt.MouseButton.LeftButton)
    assert second.text().startswith("✓ ")
    assert cut_texts(choice) == []


def test_a_row_of_buttons_goes_onto_a_second_line_when_too_wide(qtbot: QtBot) -> None:
    row = QWidget()
    flow = FlowLayout(row)
    buttons = [BigButton() for _ in range(3)]
    for button, words in zip(
        buttons, ("Add a person: read their ID card", "Type", "Up"), strict=True
    ):
        button.set_text(words)
        flow.addWidget(button)
    _styled(qtbot, row)
    row.resize(2000, flow.heightForWidth(2000))
    qtbot.waitUntil(lambda: len({b.y() for b in buttons}) == 1)  # one line
    narrow = buttons[0].width() + 20
    row.resize(narrow, flow.heightForWidth(narrow))
    qtbot.waitUntil(lambda: buttons[1].y() > buttons[0].y())
    assert all(b.x() + b.width() <= narrow for b in buttons)
    assert flow.heightForWidth(narrow) > flow.heightForWidth(2000)
    assert flow.minimumSize().width() <= narrow  # as narrow as the widest button


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


def test_date_steps_follow_the_calendar_and_stay_within_the_limits(qtbot: QtBot) -> None:
    picker = DateInput(date(2024, 1, 31), earliest=date(2024, 1, 15), latest=date(2029, 1, 31))
    _styled(qtbot, picker)
    with qtbot.waitSignal(picker.edited) as edited:
        qtbot.mouseClick(picker.button("month", +1), Qt.MouseButton.LeftButton)
    assert edited.args == ["2024-02-29"]  # a leap year's February
    qtbot.mouseClick(picker.button("day", +1), Qt.MouseButton.LeftButton)
    assert picker.value() == "2024-03-01"
    for _ in range(10):
        qtbot.mouseClick(picker.button("year", +1), Qt.MouseButton.LeftButton)
    assert picker.value() == "2029-01-31"  # "+5y" from the catalogue is the limit
    for _ in range(8):
        qtbot.mouseClick(picker.button("year", -1), Qt.MouseButton.LeftButton)
    assert picker.value() == "2024-01-15"
    assert picker.button("year", +1).accessibleName() == "Next year"
    assert all(b.height() >= 60 for b in picker.findChildren(BigButton))
    assert cut_texts(picker) == []


def test_amount_box_shows_its_unit_and_reports_the_text(qtbot: QtBot) -> None:
    amount = AmountInput("万元", decimals=True)
    amount.setAccessibleName("注册资本")
    _styled(qtbot, amount)
    typed: list[str] = []
    amount.edited.connect(typed.append)
    qtbot.keyClicks(amount.editor, "100.5")
    assert typed[-1] == "100.5"  # every keystroke reports the whole text
    assert amount.editor.accessibleName() == "注册资本 (万元)"
    assert amount.unit.text() == "万元"


def test_citizen_finds_scope_by_pinyin_initials_chooses_and_makes_one_main(
    qtbot: QtBot, catalogue_data: dict[str, Any]
) -> None:
    index = ScopeIndex(scope_items(catalogue_data["business_scope"]))
    picker = ScopePicker(index, "zh")
    _styled(qtbot, picker)
    chosen: list[list[str]] = []
    picker.edited.connect(chosen.append)

    qtbot.keyClicks(picker.search, "rybh")  # 日用百货 by its pinyin initials
    [first] = picker.result_buttons()
    assert "日用百货销售" in first.text()
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    assert chosen[-1] == ["G0101"]

    picker.search.clear()
    qtbot.keyClicks(picker.search, "canyin")
    words = [b.text() for b in picker.result_buttons()]
    # A licensed activity comes apart, with the permit it needs.
    assert any("餐饮服务" in w and "食品经营许可证" in w for w in words)
    [catering] = [b for b in picker.result_buttons() if "餐饮服务" in b.text()]
    qtbot.mouseClick(catering, Qt.MouseButton.LeftButton)
    assert chosen[-1] == ["G0101", "L0101"]  # the first chosen is the main business

    picker.make_main("L0101")
    assert chosen[-1] == ["L0101", "G0101"]
    picker.remove("L0101")
    assert picker.value() == ["G0101"]
    assert cut_texts(picker) == []


def test_people_list_says_who_is_still_to_identify_and_offers_every_edit(
    qtbot: QtBot,
) -> None:
    people = [
        {"name": "王丽华", "document_type": "cn_resident_id", "id_number": "330702196205050824"},
        {"name": "李卫明", "document_type": "passport", "id_number": "EA1234567"},
        {"name": "张三", "document_type": "cn_resident_id", "id_number": "11010519491231002X"},
    ]
    shareholders = PeopleList(min_items=1, max_items=3)
    _styled(qtbot, shareholders)
    shareholders.show_people(people, [True, False, False], "en")
    qtbot.waitUntil(lambda: shareholders.complete)  # rows are built a few per turn
    assert shareholders.summary.text() == "3 persons; 2 still to identify. No more can be added."
    texts = "\n".join(label.text() for label in shareholders.findChildren(QLabel))
    assert "3307**********0824" in texts
    assert "330702196205050824" not in texts  # numbers are shown masked
    first, last = shareholders.row_buttons(0), shareholders.row_buttons(2)
    assert not first["up"].isEnabled()
    assert not last["down"].isEnabled()
    with qtbot.waitSignal(shareholders.reorder) as moved:
        qtbot.mouseClick(last["up"], Qt.MouseButton.LeftButton)
    assert moved.args == [2, 1]
    with qtbot.waitSignal(shareholders.remove) as removed:
        qtbot.mouseClick(first["remove"], Qt.MouseButton.LeftButton)
    assert removed.args == [0]
    assert first["remove"].accessibleName() == "Remove: 王丽华"
    assert not any(
        b.isEnabled() for b in shareholders.findChildren(BigButton) if "Add a person" in b.text()
    )
    assert cut_texts(shareholders) == []


def test_the_form_page_draws_exactly_the_field_types_the_kiosk_says_it_runs() -> None:
    """`kiosk catalogue check` (no Qt) and the screens must agree on what is offered.

    A signature is drawn by its own step (screens/sign_page.py), every other type by
    the form page's table of controls.
    """
    assert runnable_field_types() == DRAWN_TYPES | {"signature"}


def test_a_province_of_many_districts_is_searched_by_characters_or_pinyin(
    qtbot: QtBot,
) -> None:
    places = [
        ("330102", "杭州市上城区", "Shangcheng District, Hangzhou"),
        ("330702", "金华市婺城区", "Wucheng District, Jinhua"),
        ("330703", "金华市金东区", "Jindong District, Jinhua"),
        *[(f"3399{i:02d}", f"测试县{i}", f"Test County {i}") for i in range(20)],
    ]
    picker = RegionPicker(places, "")
    _styled(qtbot, picker)
    chosen: list[object] = []
    picker.edited.connect(chosen.append)
    picker.search.setText("jinhua")
    assert [v for v, b in picker.buttons._buttons.items() if b.isVisible()] == [
        "330702",
        "330703",
    ]
    qtbot.mouseClick(picker.buttons.button("330702"), Qt.MouseButton.LeftButton)
    assert chosen == ["330702"]
    picker.search.setText("hzs")  # 杭州市 by its pinyin initials
    visible = [v for v, b in picker.buttons._buttons.items() if b.isVisible()]
    assert visible == ["330102", "330702"]  # the chosen place stays in sight
    picker.search.setText("")
    assert all(b.isVisible() for b in picker.buttons._buttons.values())
    assert cut_texts(picker) == []


def test_a_long_list_shows_its_first_places_at_once_and_the_rest_in_order_turn_by_turn(
    qtbot: QtBot,
) -> None:
    places = [(f"3399{i:02d}", f"测试县{i}") for i in range(30)]
    choice = ChoiceButtons(places, chosen=["339925"])

    def buttons() -> list[BigButton]:
        return choice.findChildren(BigButton)

    assert MADE_AT_ONCE <= len(buttons()) < 30  # the tap that showed them is not held up
    assert choice.value() == "339925"  # the chosen place is among the first made
    choice.show_only(["339901", "339929"])  # a search while the rest are being made
    _styled(qtbot, choice)
    qtbot.waitUntil(lambda: len(buttons()) == 30)

    assert [b.text() for b in buttons() if b.isVisible()] == ["测试县1", "测试县29"]
    choice.show_only(None)
    grid = choice.layout()
    assert isinstance(grid, QGridLayout)
    columns = 2 if grid.itemAtPosition(0, 1) is not None else 1

    def label_at(n: int) -> str:
        item = grid.itemAtPosition(n // columns, n % columns)
        assert item is not None
        button = item.widget()
        assert isinstance(button, BigButton)
        return button.text().removeprefix("✓ ")

    in_the_grid = [label_at(n) for n in range(30)]
    assert in_the_grid == [label for _, label in places]  # in the catalogue's order
    assert choice.value() == "339925"


def test_asking_for_a_place_not_made_yet_makes_the_rest_at_once(qtbot: QtBot) -> None:
    choice = ChoiceButtons([(f"3399{i:02d}", f"测试县{i}") for i in range(30)])
    qtbot.addWidget(choice)

    choice.button("339929").click()

    assert len(choice.findChildren(BigButton)) == 30
    assert choice.value() == "339929"


def test_a_long_list_of_shareholders_turns_over_ten_at_a_time_and_shows_the_newest(
    qtbot: QtBot,
) -> None:
    people = [
        {"name": f"股东{n + 1}", "document_type": "cn_resident_id", "id_number": f"ID{n}"}
        for n in range(23)
    ]
    shareholders = PeopleList(min_items=1, max_items=50)
    _styled(qtbot, shareholders)
    shareholders.show_people(people, [False] * 23, "en")
    qtbot.waitUntil(lambda: shareholders.complete)

    def names() -> list[str]:  # read again after each touch
        return [label.text() for label in shareholders.findChildren(QLabel) if label.isVisible()]

    assert "Persons 21 to 23 of 23" in names()  # the last added is in sight
    assert "21. 股东21" in names()
    assert "1. 股东1" not in names()
    qtbot.mouseClick(shareholders.button_named("Previous 10"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shareholders.complete)
    assert "Persons 11 to 20 of 23" in names()
    with qtbot.waitSignal(shareholders.remove) as removed:
        qtbot.mouseClick(shareholders.row_buttons(12)["remove"], Qt.MouseButton.LeftButton)
    assert removed.args == [12]  # the person's place in the whole list
    assert len([w for w in shareholders.findChildren(QFrame) if w.objectName() == "panel"]) <= 10
    shareholders.show_people([*people, {"name": "股东24"}], [False] * 24, "en")
    qtbot.waitUntil(lambda: shareholders.complete)
    assert "Persons 21 to 24 of 24" in names()
    assert cut_texts(shareholders) == []
