"""Guidance before a service (办事指南), on the real widgets: read before starting, printed
as a checklist with a QR, opened again from that QR, and refused politely without paper."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from devices.simulated import SimulatedPrinter
from kiosk.guidance_qr import guidance_qr
from kiosk.workflow.states import IdentityCheck, ReadingGuidance, Reserving, ServiceMenu
from screens.reservation import ReservationScreen
from tests.shell.conftest import KioskDriver
from tests.shell.test_citizen_journey import decode_qr_codes
from tests.shell.text_fit import cut_texts


def test_citizen_reads_the_guidance_then_starts(kiosk: KioskDriver) -> None:
    kiosk.press("点击这里开始")
    kiosk.press("有限责任公司设立登记")
    state = kiosk.wait_for(ReadingGuidance)
    assert not state.only
    texts = kiosk.texts()
    assert "全体股东及各任职人员的有效身份证件" in texts  # a material to bring
    assert "3 个工作日" in texts
    kiosk.screenshot("02a-guidance")
    assert cut_texts(kiosk.window) == []
    kiosk.press("开始办理")
    kiosk.wait_for(IdentityCheck)


def test_guidance_only_prints_a_checklist_whose_qr_opens_it_again(
    kiosk: KioskDriver, tmp_path: Path
) -> None:
    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)
    kiosk.press("仅看办事指南：了解所需材料并打印")
    assert "您想查看哪项业务的办事指南？" in kiosk.texts()
    kiosk.press("有限责任公司设立登记")
    state = kiosk.wait_for(ReadingGuidance)
    assert state.only
    assert "开始办理" not in kiosk.visible_buttons()  # nothing is started from here
    kiosk.press("打印材料清单")
    kiosk.qtbot.waitUntil(
        lambda: getattr(kiosk.workflow.state, "printing", None) == "printed", timeout=15000
    )
    assert "材料清单已打印，请取走。" in kiosk.texts()
    [slip] = list(kiosk.app.config.print_dir.glob("*.pdf"))
    text = "".join(page.extract_text() for page in PdfReader(slip).pages)
    assert "办事指南" in text
    assert "已通过的企业名称自主申报结果" in text
    assert decode_qr_codes(slip, tmp_path) == [guidance_qr("GS-SETUP")]
    kiosk.screenshot("02b-guidance-only-printed")

    # Back at the attract screen, the slip's QR under the scanner opens the same guidance.
    kiosk.press("返回")
    kiosk.wait_for(ServiceMenu)
    kiosk.press("重新开始")
    kiosk.window.code_scanned(guidance_qr("GS-SETUP"))
    again = kiosk.wait_for(ReadingGuidance)
    assert again.service == "GS-SETUP"
    assert again.only


def test_without_paper_the_checklist_is_not_printed_and_the_guidance_stays_readable(
    kiosk: KioskDriver,
) -> None:
    printer = kiosk.app.services.printer
    assert isinstance(printer, SimulatedPrinter)
    printer.set_paper("out")
    kiosk.press("点击这里开始")
    kiosk.press("个体工商户设立登记")
    kiosk.wait_for(ReadingGuidance)
    kiosk.press("打印材料清单")
    kiosk.qtbot.waitUntil(
        lambda: getattr(kiosk.workflow.state, "printing", None) == "failed", timeout=15000
    )
    assert "材料清单未能打印，您可以在这里阅读。" in kiosk.texts()
    assert "开始办理" in kiosk.visible_buttons()


def test_an_expired_reservation_is_said_in_words_with_the_way_to_a_new_one(qtbot: QtBot) -> None:
    screen = ReservationScreen()
    qtbot.addWidget(screen)
    screen.show_state(Reserving("GS-SETUP", missing="expired"), "Limited company", ("N", "Names"))
    texts = "\n".join(label.text() for label in screen.findChildren(QLabel))
    assert "The name you reserved has expired." in texts
    assert any(b.text() == "Reserve the name now: Names" for b in screen.findChildren(QPushButton))
    screen.show_state(Reserving("GS-SETUP", missing="none"), "Limited company", None)
    texts = "\n".join(
        label.text() for label in screen.findChildren(QLabel) if label.isVisibleTo(screen)
    )
    assert "Please ask a member of staff for help." in texts  # no declaration offered here
