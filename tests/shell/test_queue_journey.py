"""Queue tickets through the real window: a priority ticket with one touch, a ticket from a
central without a queue, an appointment checked in with the identity card, and the
complaints window's ticket (跑一次没办成) from an application's result, with the thermal
receipt before it. The central is the kiosk's own sandbox over HTTP; for "without a
queue" it is started with its queue extensions left out (``KIOSK_CENTRAL_WITHOUT``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QLineEdit
from pytestqt.qtbot import QtBot

from devices.simulated import SimulatedIdReader, SimulatedPrinter
from devices.simulated.receipt_printer import SimulatedReceiptPrinter, render_ticket
from kiosk.clock import CHINA_TZ
from kiosk.config import DeviceConfig
from kiosk.workflow.states import (
    ChoosingQueue,
    Complaining,
    Filling,
    Finished,
    Reviewing,
    TakingTicket,
)
from tests.shell.conftest import KioskDriver, make_kiosk
from tests.shell.text_fit import cut_texts

MIN_TARGET_PX = 60
CARD_HOLDER = "330702196205050824"  # the simulated card's 王丽华
DEVICES = {
    "id_reader": DeviceConfig("simulated"),
    "printer": DeviceConfig("simulated"),
    "scanner": DeviceConfig("simulated"),
    "ticket_printer": DeviceConfig("simulated"),
}


def _kiosk(tmp_path: Path, qtbot: QtBot, **overrides: Any) -> Iterator[KioskDriver]:
    app = make_kiosk(tmp_path, devices=DEVICES, **overrides)
    driver = KioskDriver(app, qtbot)
    qtbot.waitUntil(lambda: app.workflow.catalogue is not None, timeout=30000)
    yield driver
    app.close()


@pytest.fixture
def kiosk(tmp_path: Path, qtbot: QtBot) -> Iterator[KioskDriver]:
    yield from _kiosk(tmp_path, qtbot)


@pytest.fixture
def kiosk_without_queue(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> Iterator[KioskDriver]:
    # The embedded sandbox inherits the environment: it serves central-api.md alone.
    monkeypatch.setenv("KIOSK_CENTRAL_WITHOUT", "queue-tickets,appointments")
    yield from _kiosk(tmp_path, qtbot)


def tickets(kiosk: KioskDriver) -> SimulatedReceiptPrinter:
    printer = kiosk.app.services.receipt_printer
    assert isinstance(printer, SimulatedReceiptPrinter)
    return printer


def choose_business(kiosk: KioskDriver, business_type: str) -> None:
    kiosk.press("点击这里开始")
    kiosk.start("窗口取号")
    kiosk.wait_for(Filling)
    kiosk.choose("business_type", business_type)
    kiosk.press("下一步")
    kiosk.wait_for(ChoosingQueue)


def phase_of(kiosk: KioskDriver) -> str:
    return str(getattr(kiosk.workflow.state, "phase", ""))


def wait_printed(kiosk: KioskDriver) -> Any:
    kiosk.qtbot.waitUntil(
        lambda: phase_of(kiosk) in ("printed", "failed", "unconfirmed"), timeout=20000
    )
    return kiosk.workflow.state


def lift_the_card_and_put_it_down(
    kiosk: KioskDriver, reader: SimulatedIdReader, screenshot: str = ""
) -> None:
    """A card that lay on the reader when the session began is never read: the citizen
    lifts it off, the kiosk sees the reader empty, and the card goes down again."""
    reader.remove()
    kiosk.qtbot.waitUntil(
        lambda: (
            getattr(kiosk.workflow.state, "problem", None) == "no_document"
            and not kiosk.workflow.card_from_before
        ),
        timeout=15000,
    )
    if screenshot:
        kiosk.screenshot(screenshot)
    reader.insert()


def check_controls(kiosk: KioskDriver, screen: str) -> None:
    """Every visible control is named, at least 60 px high, and no text is cut."""
    controls = [
        w
        for w in kiosk.window.findChildren(QAbstractButton) + kiosk.window.findChildren(QLineEdit)
        if w.isVisible()
    ]
    assert controls, screen
    for control in controls:
        assert control.accessibleName().strip(), f"{screen}: {control!r} has no name"
        assert control.height() >= MIN_TARGET_PX, (screen, control.accessibleName())
    assert cut_texts(kiosk.window) == [], screen


def test_an_older_citizen_takes_a_priority_ticket_with_one_touch_and_it_prints_once(
    kiosk: KioskDriver,
) -> None:
    choose_business(kiosk, "enterprise_registration")
    check_controls(kiosk, "queue choice")
    kiosk.screenshot("queue-01-which-ticket")
    kiosk.press("Switch to English")  # the same one touch, in English
    check_controls(kiosk, "queue choice, English")
    kiosk.screenshot("queue-01b-which-ticket-en")

    kiosk.press("Priority ticket (green channel)")

    state = wait_printed(kiosk)
    assert isinstance(state, TakingTicket)
    assert state.phase == "printed"
    shown = kiosk.texts()
    for words in (
        "PA001",
        "Priority (green channel)",
        "Go to: Windows 1–4",
        "People waiting before you: 0",
        "If you miss your number, please take a new ticket.",
    ):
        assert words in shown, words
    check_controls(kiosk, "queue ticket, English")
    kiosk.press("切换到中文")
    shown = kiosk.texts()
    for words in ("PA001", "绿色通道", "请到：1–4号窗口", "前面还有 0 人", "过号请重新取号"):
        assert words in shown, words
    [printed] = tickets(kiosk).tickets
    slip = render_ticket(printed)
    assert "PA001" in slip
    assert "王丽华" not in slip
    assert CARD_HOLDER not in slip
    check_controls(kiosk, "queue ticket")
    kiosk.screenshot("queue-02-priority-ticket")

    kiosk.press("完成")
    kiosk.qtbot.waitUntil(lambda: type(kiosk.workflow.state).__name__ == "Attract")
    assert len(tickets(kiosk).tickets) == 1


def test_a_central_without_a_queue_gives_a_ticket_numbered_here_and_says_what_is_not_known(
    kiosk_without_queue: KioskDriver,
) -> None:
    kiosk = kiosk_without_queue
    choose_business(kiosk, "licence_collection")
    kiosk.press("普通取号")

    state = wait_printed(kiosk)
    assert state.phase == "printed"
    shown = kiosk.texts()
    assert "C001" in shown
    assert "前面等候人数：暂无法获知" in shown
    assert "预计等候" not in shown
    assert "本机取号" in render_ticket(tickets(kiosk).tickets[0])
    kiosk.screenshot("queue-03-numbered-here")


def test_a_citizen_with_an_appointment_checks_in_with_the_identity_card(
    kiosk: KioskDriver, tmp_path: Path
) -> None:
    _book_now(tmp_path / "kiosk-data", CARD_HOLDER, "individual_registration")
    reader = kiosk.app.services.reader
    assert isinstance(reader, SimulatedIdReader)
    choose_business(kiosk, "individual_registration")

    kiosk.press("我已在网上预约")
    kiosk.wait_for(TakingTicket)
    assert "请将身份证放在读卡器上" in kiosk.texts()
    lift_the_card_and_put_it_down(kiosk, reader, screenshot="queue-04-appointment-card")

    state = wait_printed(kiosk)
    assert (state.phase, state.mode) == ("printed", "appointment")
    shown = kiosk.texts()
    assert "YB001" in shown
    assert "预约已签到" in shown
    assert "预约时段" in shown
    assert CARD_HOLDER not in render_ticket(tickets(kiosk).tickets[0])
    kiosk.screenshot("queue-05-appointment-checked-in")


def test_without_an_appointment_the_citizen_takes_an_ordinary_ticket_instead(
    kiosk: KioskDriver,
) -> None:
    reader = kiosk.app.services.reader
    assert isinstance(reader, SimulatedIdReader)
    choose_business(kiosk, "enquiry")
    kiosk.press("我已在网上预约")
    lift_the_card_and_put_it_down(kiosk, reader)
    kiosk.qtbot.waitUntil(lambda: phase_of(kiosk) == "refused", timeout=15000)
    assert "没有找到您今天的预约" in kiosk.texts()
    check_controls(kiosk, "no appointment")

    kiosk.press("取普通号")

    state = wait_printed(kiosk)
    assert (state.mode, state.ticket.number) == ("ordinary", "D001")


@pytest.fixture
def thermal_kiosk(tmp_path: Path, qtbot: QtBot) -> Iterator[KioskDriver]:
    yield from _kiosk(tmp_path, qtbot, receipt_on="receipt")


def test_a_citizen_who_could_not_get_it_done_takes_a_complaints_ticket_from_the_result(
    thermal_kiosk: KioskDriver, tmp_path: Path
) -> None:
    kiosk = thermal_kiosk
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
    kiosk.qtbot.waitUntil(
        lambda: getattr(kiosk.workflow.state, "receipt", "") == "printed", timeout=20000
    )
    settled = kiosk.workflow.state
    # The receipt came out of the receipt printer, as an 80 mm slip; no A4 page.
    [receipt] = tickets(kiosk).tickets
    assert "受理回执" in render_ticket(receipt)
    a4 = kiosk.app.services.printer
    assert isinstance(a4, SimulatedPrinter)
    assert list(a4.output_dir.glob("*.pdf")) == []

    kiosk.press("跑一次没办成")
    kiosk.wait_for(Complaining)
    check_controls(kiosk, "complaint")
    kiosk.press("返回")
    kiosk.wait_for(Finished)
    assert kiosk.workflow.state is settled  # back to the result as it was
    kiosk.press("跑一次没办成")
    kiosk.wait_for(Complaining)
    mobile = kiosk.window.router.complaint.mobile
    mobile.setText("12345")
    kiosk.press("打印号票")
    kiosk.qtbot.waitUntil(lambda: bool(getattr(kiosk.workflow.state, "problems", ())))
    assert "13800138000" in kiosk.texts()  # the example shown
    kiosk.screenshot("queue-06-complaint-mobile")
    mobile.setText("139 0000 1111")
    kiosk.press("打印号票")

    state = wait_printed(kiosk)
    assert (state.phase, state.ticket.number) == ("printed", "T001")
    shown = kiosk.texts()
    assert "请到投诉窗口" in shown
    assert "139****1111" in shown
    assert "13900001111" not in shown
    assert mobile.text() == ""
    slip = render_ticket(tickets(kiosk).tickets[1])
    assert "139****1111" in slip
    assert "9号投诉受理窗口" in slip
    check_controls(kiosk, "complaint ticket")
    kiosk.screenshot("queue-07-complaint-ticket")
    called_back = _central_tickets(tmp_path / "kiosk-data")
    assert [(t["number"], t["mobile"], t["about_service"]) for t in called_back] == [
        ("T001", "13900001111", "GT-SETUP")
    ]

    kiosk.press("完成")
    kiosk.qtbot.waitUntil(lambda: type(kiosk.workflow.state).__name__ == "Attract")
    assert "13900001111" not in kiosk.texts()


# -- the sandbox's operators ---------------------------------------------------------------


def _central(data_dir: Path, *args: str) -> str:
    env = dict(
        os.environ,
        KIOSK_CENTRAL_DATABASE=f"sqlite:///{data_dir / 'central-sandbox' / 'central.db'}",
    )
    done = subprocess.run(
        [sys.executable, "-m", "central", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def _book_now(data_dir: Path, id_number: str, business_type: str) -> None:
    """Book today's slot that holds now (China time), as the operators do for a citizen."""
    now = datetime.now(CHINA_TZ).replace(second=0, microsecond=0)
    start = max(now - timedelta(minutes=1), now.replace(hour=0, minute=0))
    minutes = min(60, int((now.replace(hour=23, minute=59) - start).total_seconds() // 60))
    if minutes < 5:
        start, minutes = now.replace(hour=23, minute=30), 29
    _central(
        data_dir,
        "book-appointment",
        "--id-number",
        id_number,
        "--business-type",
        business_type,
        "--slot",
        start.strftime("%H:%M"),
        "--date",
        start.date().isoformat(),
        "--minutes",
        str(minutes),
    )


def _central_tickets(data_dir: Path) -> list[dict[str, Any]]:
    value = json.loads(_central(data_dir, "queue-tickets", "--json"))
    assert isinstance(value, list)
    return value
