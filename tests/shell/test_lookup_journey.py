"""A citizen looks their application up at the kiosk, on the real widgets, against the
kiosk's own central sandbox: the office decides with its operator command, the citizen
scans their receipt or types the number, and reads where it stands and what to do."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.exceptions import TimeoutError

from devices.simulated import SimulatedIdReader, SimulatedScanner
from kiosk.documents.receipt_qr import NumberKind, ReceiptQr, format_receipt_qr
from kiosk.forms import kinds
from kiosk.status_desk import Answer, StatusAnswer
from kiosk.steps.kinds import StepRef
from kiosk.steps.plan import GUIDANCE, PLANS
from kiosk.workflow.ports import Submission
from kiosk.workflow.states import (
    Attract,
    EnteringLookup,
    IdentityCheck,
    LookingUp,
    ReadingGuidance,
    ServiceMenu,
)
from tests.central.support import gt_setup_body
from tests.shell.conftest import KioskDriver
from tests.shell.test_accessibility import _check_controls
from tests.shell.text_fit import cut_texts

CARD_ID = "330702196205050824"  # 王丽华, the simulated card
OTHER_ID = "330702198503121239"
LOOKUP = "办件进度查询"


def apply_here(kiosk: KioskDriver, id_number: str = CARD_ID) -> str:
    """An application submitted at this kiosk and received by the central; its number."""
    services = kiosk.app.services
    catalogue = kiosk.workflow.catalogue
    assert catalogue is not None
    body = gt_setup_body(id_number)
    stored = services.submissions.store(
        Submission("GT-SETUP", catalogue.version, body["applicant"], body["form"])
    )
    assert stored.reference is not None, stored.problem
    number = services.submissions.deliver(stored.reference)
    assert number is not None
    return number


def operator(kiosk: KioskDriver, *args: str) -> None:
    """The registration office's operator command, on the sandbox's database."""
    database = kiosk.app.config.data_dir / "central-sandbox" / "central.db"
    subprocess.run(
        [sys.executable, "-m", "central", *args],
        env={**os.environ, "KIOSK_CENTRAL_DATABASE": f"sqlite:///{database}"},
        capture_output=True,
        check=True,
        timeout=60,
    )


def type_in(kiosk: KioskDriver, editor: QLineEdit, text: str) -> None:
    kiosk.touches += 1
    editor.setFocus()
    editor.clear()
    QTest.keyClicks(editor, text)


def assert_fits(kiosk: KioskDriver) -> None:
    """No text is cut, once the screen has been laid out."""
    try:
        kiosk.qtbot.waitUntil(lambda: cut_texts(kiosk.window) == [], timeout=3000)
    except TimeoutError:
        assert cut_texts(kiosk.window) == []


def answered(kiosk: KioskDriver) -> StatusAnswer:
    kiosk.qtbot.waitUntil(
        lambda: isinstance(state := kiosk.workflow.state, LookingUp) and state.answer is not None,
        timeout=15000,
    )
    answer = kiosk.workflow.state.answer  # type: ignore[union-attr]
    assert isinstance(answer, StatusAnswer)
    return answer


@pytest.fixture
def follow_ups(monkeypatch: pytest.MonkeyPatch) -> None:
    """Licence printing and queue tickets as flows of this kiosk (their steps are their
    own flows' business; here the lookup offers them and goes on to them)."""
    for flow in ("licence_print", "queue_ticket"):
        monkeypatch.setitem(PLANS, flow, lambda _: (StepRef(GUIDANCE),))
        monkeypatch.setattr(kinds, "_runnable_flows", kinds._runnable_flows | {flow})


def test_citizen_scans_the_receipt_of_an_application_returned_for_correction(
    kiosk: KioskDriver, follow_ups: None
) -> None:
    number = apply_here(kiosk)
    operator(kiosk, "start-review", number)
    operator(kiosk, "needs-correction", number, "--note", "请补充经营场所使用证明")
    scanner = kiosk.app.services.scanner
    assert isinstance(scanner, SimulatedScanner)
    receipt = format_receipt_qr(
        ReceiptQr(NumberKind.APPLICATION, number, "GT-SETUP", "K-330702-0001", date.today())
    )

    assert scanner.scan(receipt)  # the receipt under the scanner, at the start screen
    kiosk.wait_for(IdentityCheck)
    assert kiosk.workflow.service is not None
    assert kiosk.workflow.service.code == "STATUS-LOOKUP"
    assert "没带证件？输入证件号码查询" in kiosk.visible_buttons()
    kiosk.put_document_down()
    kiosk.wait_for(EnteringLookup)
    entry = kiosk.window.router.lookup_entry
    assert entry.number.text() == number  # filled from the receipt
    assert "查询人：王丽华 3307**********0824" in kiosk.texts()
    assert CARD_ID not in kiosk.texts()
    _check_controls(kiosk, "lookup number")
    assert_fits(kiosk)
    kiosk.screenshot("lookup-01-number")

    kiosk.press("查询")
    answer = answered(kiosk)
    assert answer.status == "needs_correction"
    texts = kiosk.texts()
    assert "需要您补正" in texts
    assert "请补充经营场所使用证明" in texts  # the office's note
    assert "办理经过" in texts
    assert "已受理，等待审核" in texts  # the history, in words
    assert "审核中" in texts
    assert f"{date.today().year}年" in texts  # its dates in words
    _check_controls(kiosk, "lookup needs correction")
    assert_fits(kiosk)
    kiosk.screenshot("lookup-02-needs-correction")

    kiosk.press("Switch to English")
    assert "Needs a correction from you" in kiosk.texts()
    assert "Take a queue ticket for the counter" in kiosk.visible_buttons()
    assert_fits(kiosk)
    kiosk.press("Take a queue ticket for the counter")
    state = kiosk.wait_for(ReadingGuidance)
    assert state.service == "QUEUE-TICKET"


def test_citizen_types_the_number_and_goes_on_to_print_the_approved_licence(
    kiosk: KioskDriver, follow_ups: None
) -> None:
    number = apply_here(kiosk)
    operator(kiosk, "approve", number)
    kiosk.press("点击这里开始")
    kiosk.start(LOOKUP)
    kiosk.put_document_down()
    kiosk.wait_for(EnteringLookup)
    entry = kiosk.window.router.lookup_entry
    assert not entry.id_number.isVisible()  # the card says who asks
    type_in(kiosk, entry.number, number.lower())
    kiosk.press("查询")

    answer = answered(kiosk)
    assert answer.status == "approved"
    texts = kiosk.texts()
    assert "已核准" in texts
    assert "您的营业执照已可领取，现在就可以在本机打印。" in texts
    _check_controls(kiosk, "lookup approved")
    kiosk.screenshot("lookup-03-approved")

    kiosk.press("打印营业执照")
    state = kiosk.wait_for(ReadingGuidance)
    assert state.service == "LICENCE-PRINT"
    last = kiosk.workflow.last_lookup
    assert last is not None
    assert (last.application_no, last.uscc) == (number, answer.licence_uscc)


def test_without_a_licence_print_service_the_licence_is_to_be_collected(
    kiosk: KioskDriver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(PLANS, "licence_print", raising=False)
    monkeypatch.setattr(kinds, "_runnable_flows", kinds._runnable_flows - {"licence_print"})
    number = apply_here(kiosk)
    operator(kiosk, "approve", number)
    kiosk.press("点击这里开始")
    kiosk.start(LOOKUP)
    kiosk.put_document_down()
    kiosk.wait_for(EnteringLookup)
    type_in(kiosk, kiosk.window.router.lookup_entry.number, number)
    kiosk.press("查询")

    answered(kiosk)
    assert "您的营业执照已可领取，请到窗口领取。" in kiosk.texts()
    assert "打印营业执照" not in kiosk.visible_buttons()
    kiosk.press("完成")
    kiosk.wait_for(Attract)


def test_a_wrong_identity_number_and_an_unknown_number_look_the_same(
    kiosk: KioskDriver,
) -> None:
    number = apply_here(kiosk)
    kiosk.press("点击这里开始")
    kiosk.start(LOOKUP)
    kiosk.wait_for(IdentityCheck)
    kiosk.press("没带证件？输入证件号码查询")
    kiosk.wait_for(EnteringLookup)
    entry = kiosk.window.router.lookup_entry
    assert entry.id_number.isVisible()
    _check_controls(kiosk, "lookup number and identity typed")

    type_in(kiosk, entry.number, number)
    type_in(kiosk, entry.id_number, "330702198503121238")  # a typo in the check digit
    kiosk.press("查询")
    assert "证件号码不正确，请逐位核对。" in kiosk.texts()
    assert_fits(kiosk)
    kiosk.screenshot("lookup-06-identity-typed")

    type_in(kiosk, entry.id_number, OTHER_ID)  # a real number, not the applicant's
    kiosk.press("查询")
    assert answered(kiosk).answer is Answer.NOT_FOUND
    wrong_identity = kiosk.texts()
    assert "未查到办件" in wrong_identity
    _check_controls(kiosk, "lookup not found")
    kiosk.screenshot("lookup-04-not-found")

    kiosk.press("核对编号后重试")
    kiosk.wait_for(EnteringLookup)
    assert entry.number.text() == number  # what was typed is there to correct
    assert entry.id_number.text() == OTHER_ID
    type_in(kiosk, entry.number, "KA20991231-999999")
    kiosk.press("查询")
    assert answered(kiosk).answer is Answer.NOT_FOUND
    assert kiosk.texts() == wrong_identity  # nothing tells the two apart


def test_an_application_kept_offline_is_not_sent_yet_then_shows_its_number(
    kiosk: KioskDriver,
) -> None:
    operator(kiosk, "maintenance", "on")  # the central answers nothing but 503
    services = kiosk.app.services
    catalogue = kiosk.workflow.catalogue
    assert catalogue is not None
    body = gt_setup_body(CARD_ID)
    stored = services.submissions.store(
        Submission("GT-SETUP", catalogue.version, body["applicant"], body["form"])
    )
    reference = stored.reference
    assert reference is not None
    kiosk.press("点击这里开始")
    kiosk.start(LOOKUP)
    kiosk.put_document_down()
    kiosk.wait_for(EnteringLookup)
    entry = kiosk.window.router.lookup_entry
    type_in(kiosk, entry.number, reference)
    kiosk.press("查询")
    assert answered(kiosk).answer is Answer.NOT_SENT
    assert "尚未发送：已安全保存在本机" in kiosk.texts()
    assert reference in kiosk.texts()
    kiosk.screenshot("lookup-05-not-sent-yet")

    operator(kiosk, "maintenance", "off")
    kiosk.qtbot.waitUntil(
        lambda: services.submissions.deliver(reference) is not None, timeout=30000
    )
    kiosk.press("查询其他办件")
    kiosk.wait_for(EnteringLookup)
    kiosk.press("查询")  # the same reference, again
    found = answered(kiosk)
    assert found.renamed
    assert found.application_no is not None
    texts = kiosk.texts()
    assert found.application_no in texts
    assert f"您的临时编号 {reference} 已取得上面的办件编号" in texts


def test_a_receipt_scanned_on_the_menu_fills_the_number_without_a_card_typed(
    kiosk: KioskDriver,
) -> None:
    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)
    scanner = kiosk.app.services.scanner
    assert isinstance(scanner, SimulatedScanner)
    reader = kiosk.app.services.reader
    assert isinstance(reader, SimulatedIdReader)
    receipt = format_receipt_qr(
        ReceiptQr(NumberKind.REFERENCE, "K0001-000042", "GT-SETUP", "K-330702-0001", date.today())
    )
    assert scanner.scan(receipt)
    kiosk.wait_for(IdentityCheck)
    kiosk.press("没带证件？输入证件号码查询")
    kiosk.wait_for(EnteringLookup)
    assert kiosk.window.router.lookup_entry.number.text() == "K0001-000042"
