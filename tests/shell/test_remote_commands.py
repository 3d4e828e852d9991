"""The central's remote commands and the connection, seen at the kiosk's real window
(real sandbox over HTTP, commands queued with the operators' `kiosk-central`): out of
service between citizens, never in the middle of one; a catalogue refreshed; a calm
word on the review screen while the central cannot be reached; heartbeats go on after
one that raised."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from central.database import Database
from devices.simulated import SimulatedIdReader
from kiosk.guidance_qr import guidance_qr
from kiosk.remote_desk import HeartbeatReport, KioskSnapshot
from kiosk.sync.connection import Link
from kiosk.workflow.states import (
    Attract,
    Filling,
    Finished,
    IdentityCheck,
    ReadingGuidance,
    Reviewing,
    ServiceMenu,
)
from tests.shell.conftest import KioskDriver, make_kiosk
from tests.shell.text_fit import cut_texts

OUT_OF_SERVICE = "本机暂停服务"
NETWORK_DOWN = "网络暂时中断"


@pytest.fixture
def kiosk(tmp_path: Path, qtbot: QtBot) -> Iterator[KioskDriver]:
    app = make_kiosk(tmp_path, heartbeat_interval_s=0.5)
    driver = KioskDriver(app, qtbot)
    qtbot.waitUntil(
        lambda: (
            app.workflow.catalogue is not None
            and app.central_status is not None
            and app.central_status.enrolled
        ),
        timeout=30000,
    )
    yield driver
    app.close()


def operator(data_dir: Path, *args: str) -> str:
    """An operator's `kiosk-central` command on the kiosk's embedded sandbox; its last line."""
    done = subprocess.run(
        [sys.executable, "-m", "central", *args],
        env=dict(os.environ, KIOSK_CENTRAL_DATABASE=sandbox_url(data_dir)),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout.strip().splitlines()[-1]


def sandbox_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'central-sandbox' / 'central.db'}"


def command_result(data_dir: Path, command_id: str) -> dict[str, Any] | None:
    with Database(sandbox_url(data_dir)).reading() as connection:
        row = connection.execute(
            "SELECT result, detail FROM commands WHERE id = ?", (command_id,)
        ).fetchone()
    return dict(row) if row is not None and row["result"] is not None else None


def test_a_citizen_in_session_finishes_before_the_kiosk_goes_out_of_service(
    kiosk: KioskDriver,
) -> None:
    data_dir = kiosk.app.config.data_dir
    window = kiosk.window
    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)

    entered = operator(data_dir, "command", kiosk.app.config.kiosk_id, "enter_maintenance")
    kiosk.qtbot.waitUntil(lambda: command_result(data_dir, entered) is not None, timeout=15000)
    kiosk.qtbot.waitUntil(lambda: window.availability.out_of_service, timeout=5000)

    # The citizen is not cut off: the menu is still theirs, and they carry on.
    assert command_result(data_dir, entered) == {
        "result": "done",
        "detail": "out of service once the citizen now using the kiosk has finished",
    }
    assert window.stack.currentWidget() is window.menu
    assert OUT_OF_SERVICE not in kiosk.texts()
    choose_service(kiosk, "个体工商户设立登记")

    # Their session ends: the kiosk is out of service, with nothing to touch.
    kiosk.press("重新开始")
    kiosk.wait_for(Attract)
    assert window.stack.currentWidget() is window.availability.screen
    texts = kiosk.texts()
    assert OUT_OF_SERVICE in texts
    assert "请使用其他自助机" in texts
    # Nothing on it to touch; the header's own controls (language…) still work.
    assert window.availability.screen.findChildren(QPushButton) == []
    assert "点击这里开始" not in kiosk.visible_buttons()
    kiosk.screenshot("out-of-service")
    assert cut_texts(window) == []
    QTest.mouseClick(window.availability.screen, Qt.MouseButton.LeftButton)
    window.code_scanned(guidance_qr("GT-SETUP"))
    kiosk.qtbot.wait(300)
    assert isinstance(kiosk.workflow.state, Attract)
    kiosk.press("Switch to English")
    assert "This kiosk is out of service for now" in kiosk.texts()
    assert cut_texts(window) == []

    left = operator(data_dir, "command", kiosk.app.config.kiosk_id, "leave_maintenance")
    kiosk.qtbot.waitUntil(lambda: window.stack.currentWidget() is window.attract, timeout=15000)
    assert command_result(data_dir, left) == {"result": "done", "detail": "in service again"}
    kiosk.press("Touch here to start")
    kiosk.wait_for(ServiceMenu)


def test_out_of_service_is_kept_across_a_restart(tmp_path: Path, qtbot: QtBot) -> None:
    app = make_kiosk(tmp_path, heartbeat_interval_s=0.5)
    try:
        qtbot.waitUntil(lambda: app.heartbeats.sent >= 1, timeout=30000)
        entered = operator(app.config.data_dir, "command", app.config.kiosk_id, "enter_maintenance")
        qtbot.waitUntil(
            lambda: command_result(app.config.data_dir, entered) is not None, timeout=15000
        )
    finally:
        app.close()
    again = make_kiosk(tmp_path, heartbeat_interval_s=0.5)
    try:
        qtbot.waitUntil(
            lambda: again.window.stack.currentWidget() is again.window.availability.screen,
            timeout=15000,
        )
    finally:
        again.close()


def test_refresh_catalogue_offers_the_fetched_catalogue(kiosk: KioskDriver) -> None:
    data_dir = kiosk.app.config.data_dir
    before = kiosk.workflow.catalogue

    command = operator(data_dir, "command", kiosk.app.config.kiosk_id, "refresh_catalogue")

    kiosk.qtbot.waitUntil(lambda: kiosk.workflow.catalogue is not before, timeout=15000)
    result = command_result(data_dir, command)
    assert result is not None
    assert result["result"] == "done"
    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)
    assert "个体工商户设立登记" in kiosk.visible_buttons()


def choose_service(kiosk: KioskDriver, title: str) -> None:
    """A finger on a service in the menu (a kinetic scroll area: a tap), then its guidance."""
    kiosk.tap(kiosk.button(title))
    kiosk.wait_for(ReadingGuidance)


def to_review(kiosk: KioskDriver) -> None:
    """A citizen fills in the sole proprietorship's form, up to the review."""
    reader = kiosk.app.services.reader
    assert isinstance(reader, SimulatedIdReader)
    kiosk.press("点击这里开始")
    choose_service(kiosk, "个体工商户设立登记")
    kiosk.tap(kiosk.button("开始办理"))
    kiosk.wait_for(IdentityCheck)
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    kiosk.type_into("mobile", "13800138000")
    kiosk.press("下一步")
    kiosk.qtbot.waitUntil(lambda: kiosk.workflow.state == Filling("GT-SETUP", 1))
    kiosk.type_into("trade_name", "金华市婺城区丽华百货店")
    kiosk.type_into("business_scope", "日用百货销售")
    kiosk.press("核对我的信息")
    kiosk.wait_for(Reviewing)


def test_the_citizen_is_told_calmly_when_the_central_cannot_be_reached(
    kiosk: KioskDriver,
) -> None:
    data_dir = kiosk.app.config.data_dir
    connection = kiosk.app.services.connection
    to_review(kiosk)
    assert NETWORK_DOWN not in kiosk.texts()

    operator(data_dir, "maintenance", "on", "--retry-after", "1")
    kiosk.qtbot.waitUntil(lambda: connection.state.link is Link.OFFLINE, timeout=15000)
    kiosk.qtbot.waitUntil(lambda: NETWORK_DOWN in kiosk.texts(), timeout=5000)
    kiosk.screenshot("review-network-down")
    assert cut_texts(kiosk.window) == []

    kiosk.press("提交")
    finished = kiosk.wait_for(Finished)
    assert finished.application_no is None  # kept on the kiosk, to be sent
    assert "自动发送" in kiosk.texts()

    operator(data_dir, "maintenance", "off")
    kiosk.qtbot.waitUntil(lambda: connection.state.link is Link.ONLINE, timeout=15000)
    kiosk.qtbot.waitUntil(lambda: kiosk.app.services.outbox.depth() == 0, timeout=15000)


def breaks_once(heartbeat: Callable[[KioskSnapshot], HeartbeatReport]) -> Any:
    calls = {"n": 0}

    def beat(snapshot: KioskSnapshot) -> HeartbeatReport:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("a bug in the heartbeat")
        return heartbeat(snapshot)

    return beat


def test_heartbeats_go_on_after_one_that_raised(kiosk: KioskDriver) -> None:
    app = kiosk.app
    sent = app.heartbeats.sent
    app.services.heartbeat = breaks_once(app.services.heartbeat)  # type: ignore[method-assign]

    kiosk.qtbot.waitUntil(lambda: app.heartbeats.failures == 1, timeout=10000)
    kiosk.qtbot.waitUntil(lambda: app.heartbeats.sent > sent, timeout=10000)
    assert app.heartbeats.last_report is not None
    assert app.heartbeats.last_report.sent
