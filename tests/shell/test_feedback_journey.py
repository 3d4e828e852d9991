"""A citizen rates the service at the end of it (好差评), on the real widgets, against the real
central sandbox: "rate this service" on the result, five levels as big buttons, a comment the
catalogue asks for when they are dissatisfied, thanks, and the rating at the central once."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit

from devices.simulated import SimulatedIdReader
from kiosk.workflow.states import (
    Attract,
    Filling,
    Finished,
    NameChecking,
    Reviewing,
    SendingFeedback,
    ServiceMenu,
)
from offline_cache.outbox import OutboxState
from tests.shell.conftest import KioskDriver
from tests.shell.text_fit import cut_texts

MIN_TARGET_PX = 60
RATE = "评价本次服务"
SEND = "提交评价"


def check_controls(kiosk: KioskDriver, screen: str) -> None:
    """Every visible control is named and at least a touch target high."""
    controls = [
        w
        for w in kiosk.window.findChildren(QAbstractButton)
        + kiosk.window.findChildren(QLineEdit)
        + kiosk.window.findChildren(QPlainTextEdit)
        if w.isVisible()
    ]
    assert controls, screen
    for control in controls:
        assert control.accessibleName().strip(), f"{screen}: {control!r} has no accessible name"
        assert control.height() >= MIN_TARGET_PX, (
            f"{screen}: {control.accessibleName()} is {control.height()} px high"
        )


def central_feedback(data_dir: Path) -> list[dict[str, Any]]:
    conn = sqlite3.connect(data_dir / "central-sandbox" / "central.db")
    try:
        rows = conn.execute(
            "SELECT application_no, service, rating, body_json FROM feedback"
        ).fetchall()
    finally:
        conn.close()
    return [
        {"application_no": n, "service": s, "rating": r, "body": json.loads(b)}
        for n, s, r, b in rows
    ]


def apply_for_sole_proprietorship(kiosk: KioskDriver) -> Finished:
    """The citizen's application, start to finish, until the receipt is out."""
    kiosk.press("点击这里开始")
    kiosk.start("个体工商户设立登记")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    kiosk.type_into("mobile", "13800138000")
    kiosk.press("下一步")
    kiosk.qtbot.waitUntil(lambda: kiosk.workflow.state == Filling("GT-SETUP", 1))
    kiosk.type_into("trade_name", "金华市婺城区丽华百货店")
    kiosk.type_into("business_scope", "日用百货销售")
    kiosk.press("核对我的信息")
    kiosk.wait_for(Reviewing)
    kiosk.press("提交")
    kiosk.wait_for(Finished)
    kiosk.qtbot.waitUntil(
        lambda: getattr(kiosk.workflow.state, "receipt", "") != "printing", timeout=15000
    )
    state = kiosk.workflow.state
    assert isinstance(state, Finished)
    return state


def test_citizen_rates_the_service_after_the_receipt_and_the_central_gets_it_once(
    kiosk: KioskDriver,
) -> None:
    finished = apply_for_sole_proprietorship(kiosk)
    assert finished.application_no
    assert RATE in kiosk.visible_buttons()
    check_controls(kiosk, "result with the rating offer")
    assert cut_texts(kiosk.window) == []
    kiosk.screenshot("68-result-offers-a-rating")

    kiosk.press(RATE)
    kiosk.wait_for(Filling)
    assert kiosk.workflow.state == Filling("FEEDBACK", 0)
    assert kiosk.workflow.rating_for is not None
    assert kiosk.workflow.rating_for.application_no == finished.application_no
    # Nothing of the citizen is shown or kept on the rating: it names nobody.
    assert kiosk.workflow.document is None
    assert "王丽华" not in kiosk.texts()
    texts = kiosk.texts()
    for level in ("非常满意", "满意", "基本满意", "不满意", "非常不满意"):
        assert level in texts
    assert SEND in kiosk.visible_buttons()
    check_controls(kiosk, "rating page")
    assert cut_texts(kiosk.window) == []
    kiosk.qtbot.wait(300)  # let the page settle
    kiosk.screenshot("69-rating-page")

    kiosk.choose("rating", "2")  # 不满意: the catalogue asks why
    kiosk.choose("tags", "slow")
    kiosk.press(SEND)
    state = kiosk.workflow.state
    assert isinstance(state, Filling)
    assert [(p.field, p.code) for p in state.problems] == [("comment", "required")]
    kiosk.screenshot("70-rating-asks-why")
    kiosk.type_into("comment", "排队等了很久")
    kiosk.press(SEND)

    kiosk.qtbot.waitUntil(
        lambda: kiosk.workflow.state == SendingFeedback("FEEDBACK", stored=True), timeout=15000
    )
    assert "感谢您的评价" in kiosk.texts()
    check_controls(kiosk, "thanks")
    assert cut_texts(kiosk.window) == []
    kiosk.screenshot("71-rating-thanks")

    outbox = kiosk.app.services.outbox
    [rating] = [i for i in outbox.items() if i.endpoint == "/v1/feedback"]
    kiosk.qtbot.waitUntil(
        lambda: (
            (item := outbox.get(rating.idempotency_key)) is not None
            and item.state is OutboxState.DELIVERED
        ),
        timeout=15000,
    )
    [held] = central_feedback(kiosk.app.config.data_dir)
    assert held["application_no"] == finished.application_no
    assert (held["service"], held["rating"]) == ("GT-SETUP", 2)
    assert held["body"]["tags"] == ["slow"]
    assert held["body"]["comment"] == "排队等了很久"

    kiosk.press("完成")
    kiosk.wait_for(Attract)


def test_the_name_check_answer_offers_the_rating_in_english_too(kiosk: KioskDriver) -> None:
    kiosk.press("点击这里开始")
    kiosk.press("Switch to English")
    kiosk.wait_for(ServiceMenu)
    kiosk.start("Declare an enterprise name")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    kiosk.choose("region", "330702", "婺城")
    kiosk.type_into("trade_name", "明德")
    kiosk.type_into("industry", "科技")
    kiosk.choose("organisation_form", "有限公司")
    kiosk.press("Check the name")
    kiosk.qtbot.waitUntil(
        lambda: isinstance(s := kiosk.workflow.state, NameChecking) and s.outcome is not None,
        timeout=15000,
    )
    assert "Rate this service" in kiosk.visible_buttons()
    check_controls(kiosk, "name check answer")
    assert cut_texts(kiosk.window) == []

    kiosk.press("Rate this service")
    kiosk.wait_for(Filling)
    assert "Send my rating" in kiosk.visible_buttons()
    kiosk.choose("rating", "5")
    kiosk.press("Send my rating")
    kiosk.qtbot.waitUntil(
        lambda: kiosk.workflow.state == SendingFeedback("FEEDBACK", stored=True), timeout=15000
    )
    assert "Thank you for your rating" in kiosk.texts()
    kiosk.screenshot("72-rating-thanks-en")
    kiosk.press("Finish")
    kiosk.wait_for(Attract)


def test_no_rating_is_offered_while_the_receipt_prints_nor_twice_in_a_visit(
    kiosk: KioskDriver,
) -> None:
    apply_for_sole_proprietorship(kiosk)
    kiosk.press(RATE)
    kiosk.wait_for(Filling)
    kiosk.choose("rating", "4")
    kiosk.press(SEND)
    kiosk.qtbot.waitUntil(
        lambda: kiosk.workflow.state == SendingFeedback("FEEDBACK", stored=True), timeout=15000
    )
    assert not kiosk.workflow.can_rate()  # rated: not asked again in this visit
    kiosk.press("完成")
    kiosk.wait_for(Attract)

    reader = kiosk.app.services.reader
    assert isinstance(reader, SimulatedIdReader)
    reader.remove()
    apply_for_sole_proprietorship(kiosk)  # the next citizen is asked again
    assert RATE in kiosk.visible_buttons()
