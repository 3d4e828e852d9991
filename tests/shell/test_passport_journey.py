"""A citizen with a passport types the details from its photo page and sees their face."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from devices.simulated import SimulatedIdReader, SimulatedScanner
from kiosk.workflow.states import Attract, Filling, IdentityCheck, ServiceMenu
from tests.shell.conftest import KioskDriver, make_kiosk


def type_key(kiosk: KioskDriver, number: str, birth: str, expiry: str) -> None:
    editors = kiosk.window.identify.key_panel.editors
    for name, text in (("document_number", number), ("birth_date", birth), ("expiry_date", expiry)):
        editors[name].clear()
        kiosk.qtbot.keyClicks(editors[name], text)


def test_citizen_opens_the_passport_with_typed_details_and_sees_the_face(
    kiosk: KioskDriver,
) -> None:
    reader = kiosk.app.services.reader
    assert isinstance(reader, SimulatedIdReader)
    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)
    kiosk.start("个体工商户设立登记")
    kiosk.put_document_down(passport=True)
    kiosk.qtbot.waitUntil(
        lambda: isinstance(kiosk.workflow.state, IdentityCheck) and kiosk.workflow.state.needs_key
    )
    assert "请输入护照上的信息" in kiosk.texts()
    # Every box says what it is for, to a screen reader too.
    names = [e.accessibleName() for e in kiosk.window.identify.key_panel.editors.values()]
    assert names == [
        "护照号码，例如 EA1234567",
        "出生日期，例如 1990-01-31",
        "有效期至，例如 2030-12-31",
    ]

    type_key(kiosk, "EA12", "1985-03-14", "2031-07-20")
    kiosk.press("读取我的护照")
    kiosk.qtbot.waitUntil(lambda: "护照号码由 5 到 9 位字母和数字组成" in kiosk.texts())
    kiosk.screenshot("03c-passport-details")

    type_key(kiosk, "EA1234567", "1985-03-14", "2031-07-20")
    kiosk.press("读取我的护照")
    kiosk.wait_for(Filling)
    strip = kiosk.window.form_page.identity
    kiosk.qtbot.waitUntil(strip.isVisible)
    assert "李卫明" in kiosk.texts()
    assert "护照 EA1234567" in kiosk.texts()
    pixmap = strip.face.pixmap()
    assert not pixmap.isNull()
    assert pixmap.height() == 120
    # The passport number is not an identity number: that box is left to the citizen.
    id_box = kiosk.line_box("operator_id_number")
    assert id_box.text() == ""
    assert not id_box.isReadOnly()
    kiosk.screenshot("03d-form-with-passport-face")

    kiosk.press("重新开始")
    kiosk.press("是的，删除我的回答")
    kiosk.wait_for(Attract)
    # Neither the typed details nor the face stay behind for the next person.
    assert all(not e.text() for e in kiosk.window.identify.key_panel.editors.values())
    assert kiosk.workflow.face is None
    assert "EA1234567" not in kiosk.texts()


def test_resident_card_holder_is_told_why_no_photo_is_shown(kiosk: KioskDriver) -> None:
    kiosk.press("点击这里开始")
    kiosk.start("个体工商户设立登记")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    strip = kiosk.window.form_page.identity
    kiosk.qtbot.waitUntil(strip.isVisible)
    assert "居民身份证 330702196205050824" in kiosk.texts()
    assert "身份证照片不在此显示" in kiosk.texts()
    assert not strip.face.isVisible()


def test_demo_passport_opens_when_the_simulated_scanner_reads_its_photo_page(
    tmp_path: Path, qtbot: QtBot
) -> None:
    app = make_kiosk(tmp_path, demo=True)
    try:
        kiosk = KioskDriver(app, qtbot)
        qtbot.waitUntil(lambda: app.workflow.catalogue is not None, timeout=30000)
        reader = app.services.reader
        assert isinstance(reader, SimulatedIdReader)
        kiosk.press("点击这里开始")
        kiosk.start("个体工商户设立登记")
        kiosk.put_document_down(passport=True)
        qtbot.waitUntil(lambda: "也可以把照片页放在扫描器下" in kiosk.texts())

        kiosk.press("Open the device simulators")
        panel = app.dev_panel
        assert panel is not None
        qtbot.waitUntil(panel.isVisible)
        [scan] = [
            b
            for b in panel.findChildren(QPushButton)
            if b.accessibleName() == "Scan the passport MRZ (scanner)"
        ]
        qtbot.mouseClick(scan, Qt.MouseButton.LeftButton)

        kiosk.wait_for(Filling)
        assert "李卫明" in kiosk.texts()
    finally:
        app.close()


def test_the_scanner_is_offered_only_while_it_can_read(kiosk: KioskDriver) -> None:
    reader = kiosk.app.services.reader
    scanner = kiosk.app.services.scanner
    assert isinstance(reader, SimulatedIdReader)
    assert isinstance(scanner, SimulatedScanner)
    kiosk.press("点击这里开始")
    kiosk.start("个体工商户设立登记")
    kiosk.put_document_down(passport=True)
    hint = "也可以把照片页放在扫描器下"
    kiosk.qtbot.waitUntil(lambda: hint in kiosk.texts())

    scanner.set_attached(False)

    def hint_gone() -> bool:
        kiosk.app.poll_devices()
        return hint not in kiosk.texts()

    kiosk.qtbot.waitUntil(hint_gone, timeout=10000)
    assert "请输入护照上的信息" in kiosk.texts()  # typing stays possible
