"""A citizen declares an enterprise name at the kiosk, on the real widgets, against the
real central sandbox: region by touch, the name's words typed, the legal form chosen."""

from __future__ import annotations

from devices.simulated import synthetic_resident_card
from kiosk.names import Checked
from kiosk.workflow.states import Attract, Filling, NameChecking
from tests.shell.conftest import KioskDriver
from tests.shell.text_fit import cut_texts

OTHER = "11010519491231002X"  # the second citizen's identity number


def _choose(kiosk: KioskDriver, field: str, value: str) -> None:
    kiosk.choose(field, value, "婺城" if field == "region" else "")


def test_citizen_declares_a_free_name_and_sees_it_reserved(kiosk: KioskDriver) -> None:
    kiosk.press("点击这里开始")
    kiosk.start("企业名称自主申报")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    assert "检查名称" in kiosk.visible_buttons()  # the next step is the check, not a review
    _choose(kiosk, "region", "330702")  # 金华市婺城区, by touch: no code to know
    kiosk.type_into("trade_name", "丽华")
    kiosk.type_into("industry", "科技")
    _choose(kiosk, "organisation_form", "有限公司")
    assert kiosk.workflow.form is not None
    assert kiosk.workflow.form.payload() == {
        "region": "330702",
        "trade_name": "丽华",
        "industry": "科技",
        "organisation_form": "有限公司",
    }
    kiosk.screenshot("15-name-declaration-form")
    assert cut_texts(kiosk.window) == []

    kiosk.press("检查名称")
    kiosk.qtbot.waitUntil(
        lambda: isinstance(s := kiosk.workflow.state, NameChecking) and s.outcome is not None,
        timeout=15000,
    )
    state = kiosk.workflow.state
    assert isinstance(state, NameChecking)
    assert isinstance(state.outcome, Checked)
    assert state.outcome.reserved
    assert "金华市婺城区丽华科技有限公司" in kiosk.texts()
    assert "名称已为您保留" in kiosk.texts()
    kiosk.screenshot("16-name-reserved")

    kiosk.press("完成")
    kiosk.wait_for(Attract)
    assert "丽华" not in kiosk.texts()


def test_a_second_citizen_with_the_same_name_is_told_it_is_taken_and_changes_it(
    kiosk: KioskDriver,
) -> None:
    for attempt, card in enumerate(
        (None, synthetic_resident_card(name_cn="张三", id_number=OTHER))
    ):
        kiosk.press("点击这里开始")
        kiosk.start("企业名称自主申报")
        kiosk.put_document_down(card=card)
        kiosk.wait_for(Filling)
        _choose(kiosk, "region", "330702")
        kiosk.type_into("trade_name", "红星")
        kiosk.type_into("industry", "贸易")
        _choose(kiosk, "organisation_form", "有限公司")
        kiosk.press("检查名称")
        kiosk.qtbot.waitUntil(
            lambda: isinstance(s := kiosk.workflow.state, NameChecking) and s.outcome is not None,
            timeout=15000,
        )
        if attempt == 0:
            kiosk.press("完成")
            kiosk.wait_for(Attract)
    assert "这个名称不能使用" in kiosk.texts()
    assert "相同名称" in kiosk.texts()
    kiosk.press("修改名称")
    kiosk.wait_for(Filling)
    assert kiosk.line_box("trade_name").text() == "红星"  # kept, to change
