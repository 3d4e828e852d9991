"""A limited company set up at the kiosk, through the real widgets and the real sandbox:
the name declared and reserved first, then carried in; three shareholders, two read
from their cards in turn and one left for staff to verify; officers chosen from the
persons already given; the articles drawn up, read to their end and signed."""

from __future__ import annotations

import base64
import sqlite3

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit

from devices.simulated import SimulatedIdReader
from kiosk.workflow.states import (
    EditingPerson,
    Filling,
    Finished,
    NameChecking,
    Reserving,
    Reviewing,
    Signing,
)
from screens.fields.choice import ChoiceButtons
from screens.fields.date_input import DateInput
from screens.fields.people_list import PeopleList
from screens.fields.scope_picker import ScopePicker
from tests.core.test_person_step import LI_MING
from tests.shell.conftest import KioskDriver, central_applications
from tests.shell.test_accessibility import _check_controls as check_controls
from tests.shell.text_fit import cut_texts

COMPANY = "金华市婺城区恒泰科技有限公司"
SHAREHOLDERS = "股东"


def _choose(kiosk: KioskDriver, field: str, value: str) -> None:
    kiosk.choose(field, value, "婺城" if field == "region" else "")


def _type_person(kiosk: KioskDriver, entry: str, text: str) -> None:
    editor = kiosk.window.router.person.editor(entry).editor
    assert isinstance(editor, QLineEdit)
    kiosk.touches += 1
    kiosk.characters += len(text)
    editor.setText(text)
    editor.textEdited.emit(text)


def _done(kiosk: KioskDriver) -> None:
    kiosk.press("完成")
    kiosk.wait_for(Filling)


def _person_by_copy(kiosk: KioskDriver, button: str, name: str, mobile: str = "") -> None:
    """Open a person and make them someone already given (and add a mobile if asked)."""
    kiosk.tap(kiosk.button(button))
    kiosk.wait_for(EditingPerson)
    kiosk.tap(kiosk.button(f"与{name}相同"))
    if mobile:
        _type_person(kiosk, "mobile", mobile)
    _done(kiosk)


def _add_shareholder_by_card(kiosk: KioskDriver, amount: str) -> None:
    wf = kiosk.workflow
    kiosk.tap(kiosk.button(f"添加人员：读取其身份证件 — {SHAREHOLDERS}"))
    kiosk.qtbot.waitUntil(lambda: getattr(wf.state, "identified", False), timeout=10000)
    _type_person(kiosk, "subscribed_capital", amount)
    _contribution_in_a_year(kiosk)
    _done(kiosk)


def _contribution_in_a_year(kiosk: KioskDriver) -> None:
    picker = kiosk.window.router.person.editor("contribution_date").control.widget
    assert isinstance(picker, DateInput)
    kiosk.tap(picker.button("year", 1))


def test_citizen_reserves_a_name_then_sets_up_a_company_with_three_shareholders(
    kiosk: KioskDriver,
) -> None:
    wf = kiosk.workflow
    reader = kiosk.app.services.reader
    assert isinstance(reader, SimulatedIdReader)
    kiosk.press("点击这里开始")
    kiosk.start("有限责任公司设立登记")
    kiosk.put_document_down()

    # No name reserved yet: the kiosk says so and offers the declaration first.
    kiosk.qtbot.waitUntil(
        lambda: isinstance(s := wf.state, Reserving) and s.missing == "none", timeout=10000
    )
    kiosk.screenshot("22-reservation-needed")
    check_controls(kiosk, "reservation needed")
    kiosk.press("现在申报名称：企业名称自主申报")
    kiosk.wait_for(Filling)  # the card is not read again: the same citizen goes on
    _choose(kiosk, "region", "330702")
    kiosk.type_into("trade_name", "恒泰")
    kiosk.type_into("industry", "科技")
    _choose(kiosk, "organisation_form", "有限公司")
    kiosk.press("检查名称")
    kiosk.qtbot.waitUntil(
        lambda: isinstance(s := wf.state, NameChecking) and s.outcome is not None,
        timeout=15000,
    )
    assert "名称已为您保留" in kiosk.texts()
    kiosk.press("继续办理：有限责任公司设立登记")

    # The reserved name is filled in and cannot be typed over.
    kiosk.qtbot.waitUntil(lambda: wf.state == Filling("GS-SETUP", 0), timeout=10000)
    name_box = kiosk.window.form_page.editor("company_name")
    assert isinstance(name_box, QLineEdit)
    assert name_box.text() == COMPANY
    assert name_box.isReadOnly()
    _choose(kiosk, "region", "330702")
    kiosk.type_into("domicile", "浙江省金华市婺城区八一南街100号3楼301室")
    kiosk.type_into("contact_mobile", "13800138000")
    kiosk.press("下一步")
    kiosk.qtbot.waitUntil(lambda: wf.state == Filling("GS-SETUP", 1))

    capital = kiosk.window.form_page.control("registered_capital")
    kiosk.type_into("registered_capital", "100")
    scope = kiosk.window.form_page.control("scope")
    assert isinstance(scope, ScopePicker)
    scope.choose("G0201")
    assert capital.isVisible()
    kiosk.press("下一步")
    kiosk.qtbot.waitUntil(lambda: wf.state == Filling("GS-SETUP", 2))

    # Shareholders: the citizen (card still on the reader), 李明 by his card, 赵六 typed.
    _add_shareholder_by_card(kiosk, "60")
    reader.remove()
    kiosk.tap(kiosk.button(f"添加人员：读取其身份证件 — {SHAREHOLDERS}"))
    kiosk.qtbot.waitUntil(lambda: "请把此人的身份证件放在读卡器上" in kiosk.texts(), timeout=10000)
    reader.insert(LI_MING)
    kiosk.qtbot.waitUntil(lambda: getattr(wf.state, "identified", False), timeout=10000)
    _type_person(kiosk, "subscribed_capital", "30")
    _contribution_in_a_year(kiosk)
    check_controls(kiosk, "person editor, read from the card")
    _done(kiosk)
    kiosk.tap(kiosk.button(f"添加人员：手动填写 — {SHAREHOLDERS}"))
    kiosk.wait_for(EditingPerson)
    _type_person(kiosk, "name", "赵六")
    types = kiosk.window.router.person.editor("document_type").control.widget
    assert isinstance(types, ChoiceButtons)
    kiosk.tap(types.button("cn_resident_id"))
    _type_person(kiosk, "id_number", "330702199001010023")
    _type_person(kiosk, "subscribed_capital", "5")
    _contribution_in_a_year(kiosk)
    _done(kiosk)

    # The amounts do not add up yet: said on the page, at the shareholders.
    _person_by_copy(kiosk, "手动填写 — 法定代表人", "王丽华", "13800138000")  # legal representative
    _choose(kiosk, "legal_representative_role", "director")
    kiosk.press("下一步")
    state = wf.state
    assert isinstance(state, Filling)
    assert [(p.field, p.code) for p in state.problems] == [("shareholders", "sum_equals")]
    assert "全体股东认缴出资额之和应等于注册资本" in kiosk.texts()
    shareholders = kiosk.window.form_page.control("shareholders")
    assert isinstance(shareholders, PeopleList)
    kiosk.tap(shareholders.row_buttons(2)["edit"])
    kiosk.wait_for(EditingPerson)
    _type_person(kiosk, "subscribed_capital", "10")
    _done(kiosk)
    kiosk.screenshot("23-company-shareholders")
    check_controls(kiosk, "shareholders page")
    kiosk.press("下一步")
    kiosk.qtbot.waitUntil(lambda: wf.state == Filling("GS-SETUP", 3))

    # Officers, each chosen from the persons already given.
    _choose(kiosk, "board_form", "single_director")
    _person_by_copy(kiosk, "添加人员：手动填写 — 董事", "王丽华")
    _choose(kiosk, "supervision", "supervisor")
    _person_by_copy(kiosk, "添加人员：手动填写 — 监事", "李明")
    _person_by_copy(kiosk, "手动填写 — 财务负责人", "李明", "13900000000")
    _person_by_copy(kiosk, "手动填写 — 登记联络员", "王丽华", "13800138000")
    kiosk.qtbot.waitUntil(lambda: cut_texts(kiosk.window.form_page) == [], timeout=3000)
    kiosk.screenshot("25-company-officers")
    check_controls(kiosk, "officers page")
    kiosk.press("下一步")
    kiosk.wait_for(Signing)

    # The articles are drawn up from the answers and shown in full above the commitment.
    texts = kiosk.texts()
    assert f"{COMPANY}章程" in texts
    assert "赵六" in texts
    area = kiosk.window.router.sign_page._statement_area
    bar = area.verticalScrollBar()
    bar.setValue(bar.maximum())
    kiosk.qtbot.waitUntil(lambda: getattr(wf.state, "statement_read", False))
    pad = kiosk.window.router.sign_page.pad
    kiosk.qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(80, 150))
    for x in range(100, 520, 15):
        kiosk.qtbot.mouseMove(pad, QPoint(x, 150 + (x % 40) - 20))
    kiosk.qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(520, 160))
    kiosk.screenshot("24-articles-signed")
    check_controls(kiosk, "articles and signature")
    assert cut_texts(kiosk.window.router.sign_page) == []
    kiosk.press("核对我的信息")
    kiosk.wait_for(Reviewing)
    assert "尚未核验身份：赵六" in kiosk.texts()  # seen before submitting
    kiosk.press("提交")
    finished = kiosk.wait_for(Finished)
    kiosk.qtbot.waitUntil(lambda: kiosk.state(Finished).application_no is not None, timeout=15000)
    assert finished.service == "GS-SETUP"

    [application] = [
        a for a in central_applications(kiosk.app.config.data_dir) if a["service"] == "GS-SETUP"
    ]
    kinds = sorted(a["kind"] for a in application["attachments"])
    assert kinds == ["articles_of_association", "identity_checks", "signature"]
    database = kiosk.app.config.data_dir / "central-sandbox" / "central.db"
    with sqlite3.connect(database) as connection:
        [(form, token)] = connection.execute(
            "SELECT form_json, name_reservation FROM applications WHERE service = 'GS-SETUP'"
        ).fetchall()
        [(used_by,)] = connection.execute(
            "SELECT used_by FROM name_reservations WHERE token = ?", (token,)
        ).fetchall()
    assert COMPANY in form
    assert used_by == application["application_no"]
    assert base64  # the attachments' bodies are checked in the core tests
