"""Persons on a form, through the real widgets: partners added by reading their cards in
turn or typed for staff to verify, moved, removed, and counted before submitting.

The service exists only in this test's catalogue: the kiosk runs it with no code
that names it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from devices.simulated import SimulatedIdReader
from kiosk.catalogue import parse_catalogue
from kiosk.workflow import events as ev
from kiosk.workflow.states import EditingPerson, Filling, Reviewing
from screens.fields.choice import ChoiceButtons
from screens.fields.people_list import PeopleList
from tests.core.test_person_step import LI_MING, partners_service
from tests.shell.conftest import KioskDriver, make_kiosk
from tests.shell.text_fit import cut_texts


@pytest.fixture
def kiosk(tmp_path: Path, qtbot: QtBot, catalogue_data: dict[str, Any]) -> Any:
    # No central answers here: the catalogue is this test's, given to the workflow.
    app = make_kiosk(tmp_path, central_url="http://127.0.0.1:9")
    catalogue_data["services"].append(partners_service())
    app.workflow.set_catalogue(parse_catalogue(catalogue_data))
    yield KioskDriver(app, qtbot)
    app.close()


def _type(kiosk: KioskDriver, entry: str, text: str) -> None:
    editor = kiosk.window.router.person.editor(entry).editor
    assert isinstance(editor, QLineEdit)
    kiosk.touches += 1
    kiosk.characters += len(text)
    editor.setFocus()
    editor.setText("")
    editor.textEdited.emit(text)  # as the input method commits it
    editor.setText(text)


def _people(kiosk: KioskDriver) -> PeopleList:
    widget = kiosk.window.form_page.control("partners")
    assert isinstance(widget, PeopleList)
    return widget


def test_citizen_adds_partners_by_card_and_by_typing_and_sees_who_is_left(
    kiosk: KioskDriver,
) -> None:
    wf = kiosk.workflow
    wf.dispatch(ev.Started())
    kiosk.start("合伙登记（测试）")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)

    # The citizen's own card is still on the reader: they are read as the first partner.
    kiosk.tap(kiosk.button("添加人员：读取其身份证件 — 合伙人"))
    kiosk.qtbot.waitUntil(lambda: getattr(wf.state, "identified", False), timeout=10000)
    screen = kiosk.window.router.person
    assert "已核验" in kiosk.texts()
    name_box = screen.editor("name").editor
    assert isinstance(name_box, QLineEdit)
    assert name_box.text() == "王丽华"
    assert name_box.isReadOnly()  # read from the card: not typed over
    _type(kiosk, "share", "60")
    kiosk.screenshot("18-person-editor-read")
    kiosk.press("完成")
    kiosk.wait_for(Filling)
    assert _people(kiosk).summary.text() == "共 1 人；还有 0 人未核验身份。 至少需要 2 人。"

    # A partner who is not here is typed; the kiosk says staff will verify them.
    kiosk.tap(kiosk.button("添加人员：手动填写 — 合伙人"))
    kiosk.wait_for(EditingPerson)
    _type(kiosk, "name", "赵六")
    types = screen.editor("document_type").control.widget
    assert isinstance(types, ChoiceButtons)
    kiosk.tap(types.button("cn_resident_id"))
    _type(kiosk, "id_number", "330702199001010023")
    _type(kiosk, "share", "40")
    kiosk.screenshot("19-person-editor-typed")
    kiosk.press("完成")
    kiosk.wait_for(Filling)
    people = _people(kiosk)
    kiosk.qtbot.waitUntil(lambda: people.complete)
    assert people.summary.text() == "共 2 人；还有 1 人未核验身份。"
    # New rows are laid out on the next turns of the event loop.
    kiosk.qtbot.waitUntil(lambda: cut_texts(kiosk.window.form_page) == [], timeout=3000)
    kiosk.screenshot("20-people-list")
    people = _people(kiosk)  # drawn anew by the screenshot's audit in every language

    # Reordered: 赵六 first; then the third, 李明, read from his card.
    kiosk.tap(people.row_buttons(1)["up"])
    assert wf.form is not None
    assert [p["name"] for p in wf.form.json_value("partners")] == ["赵六", "王丽华"]
    reader = kiosk.app.services.reader
    assert isinstance(reader, SimulatedIdReader)
    reader.remove()
    kiosk.tap(kiosk.button("添加人员：读取其身份证件 — 合伙人"))
    kiosk.qtbot.waitUntil(lambda: "请把此人的身份证件放在读卡器上" in kiosk.texts(), timeout=10000)
    reader.insert(LI_MING)
    kiosk.qtbot.waitUntil(lambda: getattr(wf.state, "identified", False), timeout=10000)
    _type(kiosk, "share", "1")
    kiosk.press("完成")
    kiosk.wait_for(Filling)
    kiosk.qtbot.waitUntil(lambda: people.complete)
    assert people.summary.text() == "共 3 人；还有 1 人未核验身份。 不能再添加。"

    # The one too many is removed again.
    kiosk.tap(people.row_buttons(2)["remove"])
    assert wf.form is not None
    assert [p["name"] for p in wf.form.json_value("partners")] == ["赵六", "王丽华"]

    kiosk.tap(kiosk.button("读取其身份证件 — 联系人"))  # the contact: 李明's card is still there
    kiosk.qtbot.waitUntil(lambda: getattr(wf.state, "identified", False), timeout=10000)
    _type(kiosk, "mobile", "13900000000")
    kiosk.press("完成")
    kiosk.wait_for(Filling)
    kiosk.press("核对我的信息")
    kiosk.wait_for(Reviewing)
    texts = kiosk.texts()
    assert "尚未核验身份：赵六" in texts
    kiosk.screenshot("21-review-still-to-identify")
    assert kiosk.window.router.review.isVisible()


def test_cancelling_a_new_partner_leaves_the_list_as_it_was(kiosk: KioskDriver) -> None:
    wf = kiosk.workflow
    wf.dispatch(ev.Started())
    kiosk.start("合伙登记（测试）")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    kiosk.tap(kiosk.button("添加人员：手动填写 — 合伙人"))
    kiosk.wait_for(EditingPerson)
    _type(kiosk, "name", "钱七")
    kiosk.qtbot.mouseClick(kiosk.button("取消"), Qt.MouseButton.LeftButton)
    kiosk.wait_for(Filling)
    assert wf.form is not None
    assert wf.form.json_value("partners") == []
    assert "钱七" not in kiosk.texts()


def test_a_problem_inside_a_person_is_shown_at_their_list(kiosk: KioskDriver) -> None:
    wf = kiosk.workflow
    wf.dispatch(ev.Started())
    kiosk.start("合伙登记（测试）")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    assert wf.form is not None
    twice = {
        "name": "赵六",
        "document_type": "cn_resident_id",
        "id_number": "330702199001010023",
        "share": "5",
    }
    wf.form.add_item("partners", twice)
    wf.form.add_item("partners", twice)  # as a draft from an older kiosk might hold it
    kiosk.press("核对我的信息")
    state = wf.state
    assert isinstance(state, Filling)
    assert ("partners[1].id_number", "duplicate") in [(p.field, p.code) for p in state.problems]
    assert "此人已在名单中。" in kiosk.texts()
