"""A citizen whose receipt did not print tries again once staff refilled the paper."""

from __future__ import annotations

from devices.simulated import SimulatedPrinter
from kiosk.workflow.states import Filling, Finished, Reviewing
from tests.shell.conftest import KioskDriver


def test_citizen_prints_the_receipt_again_after_the_paper_is_refilled(
    kiosk: KioskDriver,
) -> None:
    printer = kiosk.app.services.printer
    assert isinstance(printer, SimulatedPrinter)
    printer.set_paper("out")
    kiosk.press("点击这里开始")
    kiosk.start("个体工商户设立登记")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    kiosk.type_into("mobile", "13800138000")
    kiosk.press("下一步")
    kiosk.type_into("trade_name", "金华市婺城区丽华百货店")
    kiosk.type_into("business_scope", "日用百货销售")
    kiosk.press("核对我的信息")
    kiosk.wait_for(Reviewing)
    kiosk.press("提交")
    kiosk.wait_for(Finished)
    kiosk.qtbot.waitUntil(lambda: kiosk.state(Finished).receipt == "failed", timeout=15000)
    assert "回执未能打印" in kiosk.texts()
    kiosk.screenshot("10-receipt-not-printed")

    printer.set_paper("ok")
    kiosk.press("再打印一次")

    kiosk.qtbot.waitUntil(lambda: kiosk.state(Finished).receipt == "printed", timeout=15000)
    assert "再打印一次" not in kiosk.visible_buttons()
    assert len(list(printer.output_dir.glob("*.pdf"))) == 1
