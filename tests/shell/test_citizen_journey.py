"""A citizen registers a sole proprietorship at the kiosk, start to finish, on the real widgets."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image
from pypdf import PdfReader

from devices.simulated import SimulatedIdReader
from kiosk.documents.receipt_qr import parse_receipt_qr
from kiosk.workflow.states import Attract, Filling, Finished, IdentityCheck, Reviewing, ServiceMenu
from tests.shell.conftest import KioskDriver, central_applications


def decode_qr_codes(pdf: Path, tmp_path: Path) -> list[str]:
    """Render the PDF as a printer would and read every QR code on it with zxing-cpp."""
    assert shutil.which("pdftoppm"), "poppler-utils is needed to render the receipt"
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    codes: list[str] = []
    for page in sorted(tmp_path.glob("page*.png")):
        codes += [result.text for result in zxingcpp.read_barcodes(Image.open(page))]
    return codes


def test_citizen_registers_sole_proprietor_and_takes_a_receipt(
    kiosk: KioskDriver, tmp_path: Path
) -> None:
    kiosk.screenshot("01-attract")
    assert "点击这里开始" in kiosk.texts()  # Chinese by default
    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)
    kiosk.screenshot("02-service-menu")

    reader = kiosk.app.services.reader
    assert isinstance(reader, SimulatedIdReader)
    kiosk.start("个体工商户设立登记")
    kiosk.wait_for(IdentityCheck)
    # The demo card already lay on the reader when the session began: it may be
    # the last citizen's, so it is not read until it is lifted and put back.
    kiosk.qtbot.waitUntil(lambda: kiosk.state(IdentityCheck).problem == "card_from_before")
    assert kiosk.workflow.form is None
    assert "已有一张卡" in kiosk.texts()
    kiosk.screenshot("03a-card-from-before")
    reader.remove()
    kiosk.qtbot.waitUntil(lambda: kiosk.state(IdentityCheck).problem == "no_document")
    assert "请放置您的身份证件" in kiosk.texts()
    assert "等待放置证件" in kiosk.texts()
    kiosk.screenshot("03-identify")
    reader.insert()
    state = kiosk.wait_for(Filling)
    assert state.page == 0
    kiosk.screenshot("03b-form-about-you")
    assert kiosk.line_box("operator_name").text() == "王丽华"  # read from the card
    assert kiosk.window.form_page.editor("operator_id_number").isReadOnly()

    kiosk.type_into("mobile", "1380013800")  # one digit short
    kiosk.press("下一步")
    assert "手机号码不正确" in kiosk.texts()
    kiosk.screenshot("04-form-problem")
    kiosk.type_into("mobile", "0")
    kiosk.press("下一步")
    kiosk.qtbot.waitUntil(lambda: kiosk.workflow.state == Filling("GT-SETUP", 1))

    kiosk.type_into("trade_name", "金华市婺城区丽华百货店")
    assert kiosk.line_box("business_address").text() == "浙江省金华市婺城区将军路88号"
    kiosk.type_into("business_scope", "日用百货销售")
    kiosk.screenshot("05-form-business")
    kiosk.press("核对我的信息")
    kiosk.wait_for(Reviewing)
    assert "金华市婺城区丽华百货店" in kiosk.texts()
    kiosk.screenshot("06-review")

    kiosk.press("提交")
    finished = kiosk.wait_for(Finished)
    kiosk.qtbot.waitUntil(lambda: kiosk.state(Finished).receipt != "printing", timeout=15000)
    finished = kiosk.state(Finished)
    assert finished.receipt == "printed"
    assert finished.application_no
    assert finished.application_no in kiosk.texts()
    # The card still lies on the reader: the citizen is asked to take it back.
    kiosk.app.poll_devices()
    kiosk.qtbot.waitUntil(lambda: "请从读卡器上取回您的身份证件" in kiosk.texts())
    kiosk.screenshot("07-finished")
    reader.remove()

    def reminder_gone() -> bool:
        kiosk.app.poll_devices()
        return "请从读卡器上取回您的身份证件" not in kiosk.texts()

    kiosk.qtbot.waitUntil(reminder_gone, timeout=10000)

    [application] = central_applications(kiosk.app.config.data_dir)
    assert application["application_no"] == finished.application_no
    assert application["service"] == "GT-SETUP"
    assert application["form"] == {
        "operator_name": "王丽华",
        "operator_id_number": "330702196205050824",
        "mobile": "13800138000",
        "trade_name": "金华市婺城区丽华百货店",
        "business_address": "浙江省金华市婺城区将军路88号",
        "business_scope": "日用百货销售",
        "licence_delivery": "kiosk_print",  # preselected: printed at a kiosk once approved
    }

    [printed] = list(kiosk.app.config.print_dir.glob("*.pdf"))
    text = "".join(page.extract_text() for page in PdfReader(printed).pages)
    assert finished.application_no in text
    assert "3307**********0824" in text
    assert "330702196205050824" not in text  # never the full identity number on a slip
    [code] = decode_qr_codes(printed, tmp_path)
    qr = parse_receipt_qr(code)
    assert qr.number == finished.application_no
    assert qr.service == "GT-SETUP"
    assert qr.kiosk_id == kiosk.app.config.kiosk_id

    kiosk.press("完成")
    kiosk.wait_for(Attract)
    assert kiosk.workflow.form is None
    assert "王丽华" not in kiosk.texts()


def test_citizen_switches_to_english_with_one_touch(kiosk: KioskDriver) -> None:
    kiosk.press("Switch to English")
    assert "Touch here to start" in kiosk.texts()
    kiosk.press("Touch here to start")
    kiosk.wait_for(ServiceMenu)
    kiosk.start("Register a sole proprietorship")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    kiosk.press("Next")
    assert "Please fill in “Mobile number”." in kiosk.texts()
    kiosk.screenshot("08-english-form-problem")
    kiosk.press("切换到中文")
    assert "请填写“手机号码”。" in kiosk.texts()
