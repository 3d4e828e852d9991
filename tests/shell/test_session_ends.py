"""Every way a session ends leaves nothing of the citizen: not in the workflow, on any
screen (shown or hidden), in the clipboard, nor in a text box's undo history.

The ends: the idle timeout, "start over", "done", the card lifted off a result, a
printout left in the slot, and a crash (SIGKILL) followed by a restart. After each,
the whole widget tree and the clipboard are scanned for the simulated card's name
and identity number (`tests.shell.citizen_traces`).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from devices.simulated import SimulatedIdReader, SimulatedPrinter
from kiosk import control
from kiosk.catalogue import parse_catalogue
from kiosk.clock import ManualClock
from kiosk.shell.forgetting import PINYIN_USER_DICTIONARY, PRIVATE_HINTS, remove_learned_words
from kiosk.workflow.states import (
    Attract,
    EditingPerson,
    EnteringLookup,
    Filling,
    Finished,
    IdentityCheck,
    Reviewing,
    ServiceMenu,
)
from tests.core.test_person_step import partners_service
from tests.ops.conftest import kiosk_env, sandboxes_of
from tests.shell.citizen_traces import traces_of, undo_histories
from tests.shell.conftest import KioskDriver, make_kiosk
from tests.shell.text_fit import cut_texts

NAME = "王丽华"
ID_NUMBER = "330702196205050824"  # the simulated card's
SOLE_PROPRIETOR = "个体工商户设立登记"
REPO = Path(__file__).resolve().parents[2]
WAIT_S = 120.0  # a bound for a stuck process, not a measurement


@pytest.fixture
def kiosk_on_clock(tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[KioskDriver, ManualClock]]:
    app = make_kiosk(
        tmp_path,
        manual_clock=True,
        idle_timeout_s=90.0,
        idle_warning_s=30.0,
        card_taken_s=10.0,
        slip_left_s=60.0,
    )
    driver = KioskDriver(app, qtbot)
    qtbot.waitUntil(lambda: app.workflow.catalogue is not None, timeout=30000)
    clock = app.services.clock
    assert isinstance(clock, ManualClock)
    yield driver, clock
    app.close()


def assert_citizen_forgotten(kiosk: KioskDriver) -> None:
    """The session is over and nothing of 王丽华 is left anywhere a person could reach."""
    assert isinstance(kiosk.workflow.state, Attract)
    assert kiosk.workflow.document is None
    assert kiosk.workflow.form is None
    assert traces_of(kiosk.window, NAME, ID_NUMBER) == []
    assert undo_histories(kiosk.window) == []
    assert QGuiApplication.clipboard().text() == ""


def fill_the_form(kiosk: KioskDriver) -> None:
    """A citizen reads their card and answers the sole proprietorship's pages; on the way
    they copy their identity number (as one does, to paste it somewhere)."""
    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)
    kiosk.start(SOLE_PROPRIETOR)
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    number = kiosk.window.form_page.editor("operator_id_number")
    assert isinstance(number, QLineEdit)
    number.selectAll()
    number.copy()
    assert QGuiApplication.clipboard().text() == ID_NUMBER
    kiosk.type_into("mobile", "13800138000")
    kiosk.press("下一步")
    kiosk.qtbot.waitUntil(lambda: kiosk.workflow.state == Filling("GT-SETUP", 1))
    kiosk.type_into("trade_name", "金华市婺城区丽华百货店")
    kiosk.type_into("business_scope", "日用百货销售")
    kiosk.press("核对我的信息")
    kiosk.wait_for(Reviewing)
    assert NAME in kiosk.texts()
    assert traces_of(kiosk.window, NAME, ID_NUMBER)  # the scan sees them while they are here


def take_the_result(kiosk: KioskDriver) -> Finished:
    """From the review: submit, and wait for the receipt to come out."""
    kiosk.press("提交")
    kiosk.wait_for(Finished)
    kiosk.qtbot.waitUntil(
        lambda: isinstance(s := kiosk.workflow.state, Finished) and s.receipt != "printing",
        timeout=20000,
    )
    finished = kiosk.workflow.state
    assert isinstance(finished, Finished)
    assert finished.receipt == "printed"
    return finished


def assert_warning_fits(kiosk: KioskDriver) -> None:
    """The warning's words fit, in English and in Chinese (the next tick redraws it)."""
    for language in ("en", "zh"):
        kiosk.window.set_language(language)
        kiosk.window.check_idle()
        assert kiosk.window.leaving_warning.isVisible()
        assert cut_texts(kiosk.window.leaving_warning) == [], language


def poll_devices(kiosk: KioskDriver) -> None:
    """One device poll, its report handed to the window (as every 2 s)."""
    report = kiosk.app.device_report
    kiosk.app.poll_devices()
    kiosk.qtbot.waitUntil(lambda: kiosk.app.device_report is not report, timeout=10000)


def test_idle_timeout_on_the_review_forgets_the_citizen(
    kiosk_on_clock: tuple[KioskDriver, ManualClock],
) -> None:
    kiosk, clock = kiosk_on_clock
    fill_the_form(kiosk)

    clock.advance(90)
    kiosk.window.check_idle()

    assert_citizen_forgotten(kiosk)


def test_idle_timeout_in_the_person_editor_forgets_the_citizen(
    tmp_path: Path, qtbot: QtBot, catalogue_data: dict[str, Any]
) -> None:
    # No central answers here: the partners' service is this test's catalogue's.
    app = make_kiosk(
        tmp_path, manual_clock=True, central_url="http://127.0.0.1:9", idle_timeout_s=90.0
    )
    try:
        catalogue_data["services"].append(partners_service())
        app.workflow.set_catalogue(parse_catalogue(catalogue_data))
        kiosk = KioskDriver(app, qtbot)
        clock = app.services.clock
        assert isinstance(clock, ManualClock)
        kiosk.press("点击这里开始")
        kiosk.start("合伙登记（测试）")
        kiosk.put_document_down()
        kiosk.wait_for(Filling)
        # Their own card, still on the reader, read as the first partner.
        kiosk.tap(kiosk.button("添加人员：读取其身份证件 — 合伙人"))
        kiosk.qtbot.waitUntil(lambda: getattr(app.workflow.state, "identified", False))
        assert isinstance(app.workflow.state, EditingPerson)
        assert traces_of(kiosk.window, NAME, ID_NUMBER)

        clock.advance(90)
        kiosk.window.check_idle()

        assert_citizen_forgotten(kiosk)
    finally:
        app.close()


def test_start_over_after_typing_an_identity_number_forgets_it(
    kiosk_on_clock: tuple[KioskDriver, ManualClock],
) -> None:
    kiosk, _ = kiosk_on_clock
    kiosk.press("点击这里开始")
    kiosk.start("办件进度查询")
    kiosk.wait_for(IdentityCheck)
    kiosk.press("没带证件？输入证件号码查询")
    kiosk.wait_for(EnteringLookup)
    entry = kiosk.window.router.lookup_entry
    entry.id_number.setFocus()
    QTest.keyClicks(entry.id_number, ID_NUMBER)
    assert entry.id_number.inputMethodHints() & PRIVATE_HINTS == PRIVATE_HINTS
    entry.id_number.selectAll()
    entry.id_number.copy()

    kiosk.press("重新开始")

    assert_citizen_forgotten(kiosk)


def test_done_on_the_result_forgets_the_citizen(
    kiosk_on_clock: tuple[KioskDriver, ManualClock],
) -> None:
    kiosk, _ = kiosk_on_clock
    fill_the_form(kiosk)
    take_the_result(kiosk)

    kiosk.press("完成")

    assert_citizen_forgotten(kiosk)


def test_card_lifted_off_the_result_ends_the_session_unless_not_finished(
    kiosk_on_clock: tuple[KioskDriver, ManualClock],
) -> None:
    kiosk, clock = kiosk_on_clock
    reader = kiosk.app.services.reader
    assert isinstance(reader, SimulatedIdReader)
    fill_the_form(kiosk)
    take_the_result(kiosk)
    poll_devices(kiosk)  # the card lies on the reader

    reader.remove()
    poll_devices(kiosk)
    kiosk.window.check_idle()
    warning = kiosk.window.leaving_warning
    assert warning.isVisible()
    assert "本次办理将在 10 秒后结束" in warning.text
    kiosk.screenshot("session-ends-card-taken")
    assert_warning_fits(kiosk)

    kiosk.press("我还没有办完")  # one touch keeps the session
    clock.advance(15)
    kiosk.window.check_idle()
    assert isinstance(kiosk.workflow.state, Finished)
    assert not warning.isVisible()

    reader.insert()  # put back, and lifted off again: the warning comes back
    poll_devices(kiosk)
    reader.remove()
    poll_devices(kiosk)
    kiosk.window.check_idle()
    assert warning.isVisible()
    clock.advance(10)
    kiosk.window.check_idle()

    assert_citizen_forgotten(kiosk)
    assert not warning.isVisible()


def test_printout_left_in_the_slot_ends_the_session(
    kiosk_on_clock: tuple[KioskDriver, ManualClock],
) -> None:
    kiosk, clock = kiosk_on_clock
    printer = kiosk.app.services.printer
    assert isinstance(printer, SimulatedPrinter)
    fill_the_form(kiosk)
    take_the_result(kiosk)
    poll_devices(kiosk)  # the receipt waits in the slot

    # 60 s in the slot, of which the last 30 (the idle warning's length, at most half) warn.
    clock.advance(29)
    kiosk.window.check_idle()
    assert not kiosk.window.leaving_warning.isVisible()
    clock.advance(1)
    kiosk.window.check_idle()
    assert kiosk.window.leaving_warning.isVisible()
    assert "打印件仍在出纸口" in kiosk.window.leaving_warning.text
    assert "30 秒" in kiosk.window.leaving_warning.text
    kiosk.screenshot("session-ends-slip-left")
    assert_warning_fits(kiosk)
    clock.advance(30)
    kiosk.window.check_idle()

    assert_citizen_forgotten(kiosk)
    # The slip is still there: the next citizen's session does not count it.
    kiosk.press("点击这里开始")
    poll_devices(kiosk)
    clock.advance(120)
    assert kiosk.workflow.check_leaving().reason is None
    assert printer.status().presented is True


def test_every_text_box_keeps_typing_private(
    kiosk_on_clock: tuple[KioskDriver, ManualClock],
) -> None:
    kiosk, _ = kiosk_on_clock
    fill_the_form(kiosk)
    kiosk.press("修改经营信息")  # back to a page: its boxes built afresh
    kiosk.wait_for(Filling)
    boxes = [
        box
        for box in kiosk.window.findChildren(QLineEdit)
        if box.isVisible() and box.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert boxes
    for box in boxes:
        assert box.inputMethodHints() & PRIVATE_HINTS == PRIVATE_HINTS, box.accessibleName()


def test_words_a_keyboard_learned_before_are_deleted_at_start(tmp_path: Path) -> None:
    # Qt Virtual Keyboard's Pinyin has no API to forget: its dictionary file goes.
    learned = tmp_path / PINYIN_USER_DICTIONARY
    learned.parent.mkdir(parents=True)
    learned.write_bytes("王丽华".encode("utf-16-le"))

    assert remove_learned_words(tmp_path)

    assert not learned.exists()
    assert not remove_learned_words(tmp_path)  # nothing there: nothing to do


def test_after_a_crash_the_kiosk_starts_with_nothing_of_the_citizen(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = {**kiosk_env(), "PYTHONPATH": str(REPO)}
    crashed_log = tmp_path / "crashed.log"
    with crashed_log.open("wb") as log:
        crashing = subprocess.Popen(
            [sys.executable, "-m", "tests.shell.citizen_then_crash", str(data_dir)],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=log,
            stdin=subprocess.DEVNULL,
        )
    try:
        assert crashing.stdout is not None
        ready = crashing.stdout.readline().decode()
        assert ready.startswith("READY "), crashed_log.read_text()
        shown = "\n".join(json.loads(ready.removeprefix("READY ")))
        assert NAME in shown  # halfway through the form, their name on screen
        _wait_for(lambda: _drafts(data_dir) == 1, "the sealed draft of the first page")
    finally:
        crashing.kill()  # SIGKILL: no handler runs, nothing is wiped on the way out
        crashing.wait(30)
        if crashing.stdout is not None:
            crashing.stdout.close()
    _wait_for(lambda: sandboxes_of(data_dir) == [], "the crashed kiosk's sandbox to go")

    restarted_log = tmp_path / "restarted.log"
    with restarted_log.open("wb") as log:
        restarted = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--windowed", "--data-dir", str(data_dir)],
            env=kiosk_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        _wait_for_screen(data_dir, restarted)
        # Asked as a technician would.
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "kiosk",
                "screen",
                "--all",
                "--json",
                "--data-dir",
                str(data_dir),
            ],
            env=kiosk_env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        screen = json.loads(done.stdout)
    finally:
        restarted.terminate()
        restarted.wait(60)

    assert (screen["state"], screen["in_session"]) == ("Attract", False)
    texts = "\n".join(screen["texts"])
    assert "点击这里开始" in texts
    assert NAME not in texts
    assert ID_NUMBER not in texts
    # Nothing of them on disk in clear either (the draft is sealed), nor in the logs.
    assert _drafts(data_dir) == 1
    assert _rows_holding(data_dir / "kiosk.sqlite3", NAME, ID_NUMBER) == []
    assert _files_holding(tmp_path, NAME, ID_NUMBER) == []


def _wait_for(condition: Any, what: str) -> None:
    end = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < end, f"gave up waiting for {what}"
        time.sleep(0.2)


def _wait_for_screen(data_dir: Path, process: subprocess.Popen[bytes]) -> dict[str, Any]:
    end = time.monotonic() + WAIT_S
    while True:
        assert process.poll() is None, "the restarted kiosk exited"
        try:
            return control.call(data_dir, {"command": "screen", "all": True}, timeout_s=10)
        except control.ControlUnavailable:
            assert time.monotonic() < end, "the restarted kiosk's screen never answered"
            time.sleep(0.2)


def _drafts(data_dir: Path) -> int:
    with sqlite3.connect(f"file:{data_dir / 'kiosk.sqlite3'}?mode=ro", uri=True) as db:
        (count,) = db.execute("SELECT count(*) FROM drafts").fetchone()
    return int(count)


def _rows_holding(database: Path, *needles: str) -> list[str]:
    """The kiosk's tables' rows that hold a needle in clear. The cached catalogue is left
    out: it is the central's public data, and the sandbox's examples for the name and
    identity fields happen to be this very card's."""
    found = []
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        tables = [
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        for table in tables:
            if table == "catalogue_cache":
                continue
            for row in db.execute(f"SELECT * FROM {table}"):  # noqa: S608 - the schema's names
                text = repr(row)
                found += [f"{table}: {n}" for n in needles if n in text]
    return found


def _files_holding(folder: Path, *needles: str) -> list[str]:
    """Files under ``folder`` holding a needle, but the kiosk's database (row by row above)."""
    found = []
    for path in folder.rglob("*"):
        if not path.is_file() or path.is_socket() or path.name.startswith("kiosk.sqlite3"):
            continue
        content = path.read_bytes()
        found += [f"{path}: {n}" for n in needles if n.encode() in content]
    return found
