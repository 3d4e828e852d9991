"""One visit, through the real widgets and the real sandbox (issue 11 point 8): a licence
asked to be posted, the company's bank account opened at a bank-branch kiosk's counter
with the citizen's consent, and the food business permit applied for right after the
company's registration, prefilled and linked to it (证照联办)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from devices.simulated import SimulatedIdReader
from kiosk.documents.receipt_qr import parse_receipt_qr
from kiosk.workflow.states import (
    Filling,
    Finished,
    NameChecking,
    Reserving,
    Reviewing,
    Signing,
)
from screens.fields.scope_picker import ScopePicker
from tests.shell.conftest import KioskDriver, central_applications, make_kiosk
from tests.shell.test_accessibility import _check_controls as check_controls
from tests.shell.test_citizen_journey import decode_qr_codes
from tests.shell.text_fit import cut_texts

BANK = "中国工商银行金华婺城支行"
CARD_ID = "330702196205050824"  # the simulated card: 王丽华
COMPANY = "金华市婺城区恒泰餐饮有限公司"


@pytest.fixture
def bank_kiosk(tmp_path: Path, qtbot: QtBot) -> Iterator[KioskDriver]:
    """A kiosk in a bank branch (``[site] kind = "bank_branch"``)."""
    app = make_kiosk(tmp_path, site_kind="bank_branch", bank_name=BANK)
    driver = KioskDriver(app, qtbot)
    qtbot.waitUntil(lambda: app.workflow.catalogue is not None, timeout=30000)
    yield driver
    app.close()


def _result_fits(kiosk: KioskDriver, where: str) -> None:
    check_controls(kiosk, where)
    kiosk.qtbot.waitUntil(lambda: cut_texts(kiosk.window.router.finished) == [], timeout=3000)
    assert kiosk.window.minimumSizeHint().height() <= 1080, where


def test_citizen_asks_for_the_licence_by_post_and_opens_the_bank_account_at_the_counter(
    bank_kiosk: KioskDriver, tmp_path: Path
) -> None:
    kiosk = bank_kiosk
    wf = kiosk.workflow
    kiosk.press("点击这里开始")
    kiosk.start("个体工商户设立登记")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    kiosk.type_into("mobile", "13800138000")
    kiosk.press("下一步")
    kiosk.qtbot.waitUntil(lambda: wf.state == Filling("GT-SETUP", 1))
    kiosk.type_into("trade_name", "金华市婺城区丽华百货店")
    kiosk.type_into("business_scope", "日用百货销售")

    # Printed at a kiosk unless they say otherwise; the post asks where.
    page = kiosk.window.form_page
    assert not page.editor("delivery_address").isVisible()
    kiosk.choose("licence_delivery", "post")
    # What the post asks for comes a turn at a time: the tap is answered at once.
    assert not page.complete
    kiosk.qtbot.waitUntil(lambda: page.complete)
    assert page.editor("delivery_address").isVisible()
    recipient = page.editor("delivery_recipient")
    assert isinstance(recipient, QLineEdit)
    assert recipient.text() == "王丽华"  # from the card, and can be changed
    kiosk.type_into("delivery_mobile", "13912345678")
    kiosk.choose("delivery_region", "330702", "婺城")
    kiosk.type_into("delivery_address", "八一南街100号3楼301室")
    kiosk.qtbot.waitUntil(lambda: cut_texts(page) == [], timeout=3000)
    page._scroll.ensureWidgetVisible(page.editor("delivery_address"))
    kiosk.screenshot("40-licence-by-post")
    check_controls(kiosk, "licence by post")
    kiosk.press("核对我的信息")
    kiosk.wait_for(Reviewing)
    kiosk.press("提交")
    kiosk.wait_for(Finished)
    kiosk.qtbot.waitUntil(lambda: kiosk.state(Finished).receipt != "printing", timeout=15000)
    finished = wf.state
    assert isinstance(finished, Finished)
    number = finished.application_no or finished.reference

    # The result says where the licence goes, masked for whoever stands behind.
    texts = kiosk.texts()
    assert (
        "核准后，营业执照将邮寄至金华市婺城区八一南街****（收件人 王*华，139****5678）。" in texts
    )
    assert "13912345678" not in texts
    assert "100号3楼301室" not in texts
    [application] = central_applications(kiosk.app.config.data_dir)
    assert application["form"]["licence_delivery"] == "post"
    assert application["form"]["delivery_address"] == "八一南街100号3楼301室"

    # At a bank branch: the account, asked in plain words; "no" shares nothing.
    ask = f"在这里开立企业银行账户（{BANK}）"
    kiosk.press(ask)
    assert "银行将获得您的申请编号、企业名称和您的姓名，不包括您的身份证件号码" in kiosk.texts()
    kiosk.press("不用了")
    assert "没有向银行提供任何信息。" in kiosk.texts()
    slips = kiosk.app.config.print_dir
    assert not [p for p in slips.glob("*.pdf") if "handoff" in p.name]
    kiosk.press(ask)
    kiosk.screenshot("41-bank-consent")
    _result_fits(kiosk, "bank consent")
    kiosk.window.set_language("en")
    assert "The bank gets your application number, the enterprise name and your name" in (
        kiosk.texts()
    )
    kiosk.qtbot.wait(300)
    kiosk.screenshot("41b-bank-consent-en")
    _result_fits(kiosk, "bank consent, in English")
    kiosk.window.set_language("zh")
    kiosk.press("同意")
    kiosk.qtbot.waitUntil(lambda: kiosk.state(Finished).handoff == "printed", timeout=15000)
    assert "请带上转柜台单和本人身份证到银行柜台办理开户。" in kiosk.texts()
    kiosk.screenshot("42-bank-slip-printed")
    _result_fits(kiosk, "bank slip printed")

    [slip] = [p for p in slips.glob("*.pdf") if "handoff" in p.name]
    text = "".join(page.extract_text() for page in PdfReader(slip).pages)
    for shown in (number, "金华市婺城区丽华百货店", "王丽华", BANK):
        assert shown in text
    assert CARD_ID not in text
    [code] = decode_qr_codes(slip, tmp_path)
    assert parse_receipt_qr(code).number == number
    database = kiosk.app.config.data_dir / "kiosk.sqlite3"
    with sqlite3.connect(database) as connection:
        consents = connection.execute("SELECT * FROM consents").fetchall()
    assert len(consents) == 1
    assert number in consents[0]
    assert not any("王丽华" in str(value) for value in consents[0])  # nothing personal


def _declare_the_name(kiosk: KioskDriver) -> None:
    wf = kiosk.workflow
    kiosk.qtbot.waitUntil(
        lambda: isinstance(s := wf.state, Reserving) and s.missing == "none", timeout=10000
    )
    kiosk.press("现在申报名称：企业名称自主申报")
    kiosk.wait_for(Filling)
    kiosk.choose("region", "330702", "婺城")
    kiosk.type_into("trade_name", "恒泰")
    kiosk.type_into("industry", "餐饮")
    kiosk.choose("organisation_form", "有限公司")
    kiosk.press("检查名称")
    kiosk.qtbot.waitUntil(
        lambda: isinstance(s := wf.state, NameChecking) and s.outcome is not None,
        timeout=15000,
    )
    kiosk.press("继续办理：有限责任公司设立登记")
    kiosk.qtbot.waitUntil(lambda: wf.state == Filling("GS-SETUP", 0), timeout=10000)


def _persons_given(kiosk: KioskDriver) -> None:
    """The shareholders and officers (their editor has journeys of its own)."""
    wf = kiosk.workflow
    due = (datetime.now(UTC) + timedelta(days=730)).date().isoformat()
    me = {"name": "王丽华", "document_type": "cn_resident_id", "id_number": CARD_ID}
    wf.set_json(
        "shareholders",
        [{**me, "mobile": "13800138000", "subscribed_capital": "100", "contribution_date": due}],
    )
    wf.set_json("legal_representative", {**me, "mobile": "13800138000"})
    wf.set_json("legal_representative_role", "director")


def test_a_catering_company_goes_on_to_the_food_permit_prefilled_and_linked(
    kiosk: KioskDriver,
) -> None:
    wf = kiosk.workflow
    kiosk.press("点击这里开始")
    kiosk.start("有限责任公司设立登记")
    kiosk.put_document_down()
    _declare_the_name(kiosk)
    kiosk.choose("region", "330702", "婺城")
    kiosk.type_into("domicile", "浙江省金华市婺城区八一南街100号3楼301室")
    kiosk.type_into("contact_mobile", "13800138000")
    kiosk.press("下一步")
    kiosk.qtbot.waitUntil(lambda: wf.state == Filling("GS-SETUP", 1))
    kiosk.type_into("registered_capital", "100")
    scope = kiosk.window.form_page.control("scope")
    assert isinstance(scope, ScopePicker)
    scope.choose("L0101")  # 餐饮服务: licensed, needs the food business permit
    scope.choose("G0301")
    kiosk.press("下一步")
    kiosk.qtbot.waitUntil(lambda: wf.state == Filling("GS-SETUP", 2))
    _persons_given(kiosk)
    kiosk.press("下一步")
    kiosk.qtbot.waitUntil(lambda: wf.state == Filling("GS-SETUP", 3))
    me = {"name": "王丽华", "document_type": "cn_resident_id", "id_number": CARD_ID}
    wf.set_json("board_form", "single_director")
    wf.set_json("directors", [me])
    wf.set_json("supervision", "none")
    wf.set_json("financial_officer", {**me, "mobile": "13800138000"})
    wf.set_json("liaison", {**me, "mobile": "13800138000"})
    kiosk.press("下一步")
    kiosk.wait_for(Signing)
    area = kiosk.window.router.sign_page._statement_area
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    kiosk.qtbot.waitUntil(lambda: getattr(wf.state, "statement_read", False))
    pad = kiosk.window.router.sign_page.pad
    kiosk.qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(80, 150))
    for x in range(100, 520, 15):
        kiosk.qtbot.mouseMove(pad, QPoint(x, 150 + (x % 40) - 20))
    kiosk.qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(520, 160))
    kiosk.press("核对我的信息")
    kiosk.wait_for(Reviewing)
    kiosk.press("提交")
    kiosk.wait_for(Finished)
    kiosk.qtbot.waitUntil(lambda: kiosk.state(Finished).application_no is not None, timeout=15000)
    kiosk.qtbot.waitUntil(lambda: kiosk.state(Finished).receipt != "printing", timeout=15000)
    registration = kiosk.state(Finished).application_no

    # Not a bank branch: no account offered; the scope's permit is.
    assert not any("银行账户" in name for name in kiosk.visible_buttons())
    assert "您的经营范围中有须经许可后方可经营的项目" in kiosk.texts()
    kiosk.screenshot("43-permit-offered")
    _result_fits(kiosk, "permit offered")
    reader = kiosk.app.services.reader
    assert isinstance(reader, SimulatedIdReader)
    reader.remove()  # the card is not read again: the same citizen goes on
    kiosk.press("现在申请：食品经营许可申请")
    kiosk.qtbot.waitUntil(lambda: wf.state == Filling("FOOD-PERMIT", 0), timeout=10000)

    page = kiosk.window.form_page
    link = page.editor("linked_application")
    assert isinstance(link, QLineEdit)
    assert link.text() == registration
    assert link.isReadOnly()
    assert "已从您刚提交的申请自动填入。" in kiosk.texts()  # not "read from your card"
    assert kiosk.line_box("company_name").text() == COMPANY
    assert kiosk.line_box("contact_mobile").text() == "13800138000"
    assert "王丽华" in kiosk.texts()  # the legal representative, carried
    kiosk.qtbot.waitUntil(lambda: cut_texts(page) == [], timeout=3000)
    kiosk.screenshot("44-permit-prefilled")
    check_controls(kiosk, "permit prefilled")
    kiosk.press("下一步")
    kiosk.qtbot.waitUntil(lambda: wf.state == Filling("FOOD-PERMIT", 1))
    assert wf.form is not None
    assert wf.form.json_value("scope") == ["L0101", "G0301"]
