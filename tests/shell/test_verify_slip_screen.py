"""A bank clerk checks a customer's licence at the kiosk ("scan to verify"), on the real
widgets: the simulated scanner reads the slip's code, the screen says whether it is genuine.

The licence is signed with the embedded sandbox's own key (read from its
database, as the sandbox's print job signs it), and the kiosk checks it against
the keys it cached from ``GET /v1/keys`` at start.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtWidgets import QAbstractButton, QLabel

from devices.simulated import SimulatedScanner
from kiosk.clock import SystemClock
from kiosk.documents.receipt_qr import NumberKind, ReceiptQr, format_receipt_qr
from kiosk.verification.envelope import LICENCE, b64url, format_signed_qr, parse_signed_qr
from kiosk.verification.receipt_signing import ReceiptSigner
from kiosk.verification.verify import SlipCheck
from kiosk.workflow.states import ServiceMenu, VerifyingSlip
from offline_cache.verification_keys import VerificationKeyStore
from tests.shell.conftest import KioskDriver
from tests.shell.text_fit import cut_texts

MIN_TARGET_PX = 60


def licence_signed_by_the_sandbox(kiosk: KioskDriver) -> str:
    """A licence slip's code signed with the embedded sandbox's current key."""
    database = kiosk.app.config.data_dir / "central-sandbox" / "central.db"
    with sqlite3.connect(database) as connection:
        key_id, private = connection.execute(
            "SELECT key_id, private_key FROM central_keys ORDER BY created_at DESC LIMIT 1"
        ).fetchone()
    payload = json.dumps(
        {
            "v": 1,
            "uscc": "92330702MA2ABCDE0J",
            "name": "金华市婺城区丽华百货店",
            "type": "个体工商户",
            "established": "2026-11-19",
            "authority": "金华市婺城区市场监督管理局",
            "print_job": "pj-test",
            "printed_at": "2026-11-20T10:00:00+08:00",
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")
    signature = Ed25519PrivateKey.from_private_bytes(private).sign(payload)
    return format_signed_qr(LICENCE, key_id, payload, signature)


def ready_to_scan(kiosk: KioskDriver) -> SimulatedScanner:
    """The kiosk has its scanner and the central's keys (fetched at start)."""
    scanner = kiosk.app.services.scanner
    assert isinstance(scanner, SimulatedScanner)
    keys = VerificationKeyStore(kiosk.app.services.db)
    kiosk.qtbot.waitUntil(lambda: kiosk.window.can_scan, timeout=15000)
    kiosk.qtbot.waitUntil(lambda: keys.central_body() is not None, timeout=30000)
    return scanner


def scan(kiosk: KioskDriver, scanner: SimulatedScanner, code: str) -> SlipCheck | object:
    before = kiosk.workflow.state
    scans = before.scans if isinstance(before, VerifyingSlip) else 0
    assert scanner.scan(code)
    kiosk.qtbot.waitUntil(
        lambda: (
            isinstance(state := kiosk.workflow.state, VerifyingSlip)
            and state.scans == scans + 1
            and not state.checking
        ),
        timeout=15000,
    )
    state = kiosk.workflow.state
    assert isinstance(state, VerifyingSlip)
    return state.outcome


def check_controls(kiosk: KioskDriver, screen: str) -> None:
    controls = [b for b in kiosk.window.findChildren(QAbstractButton) if b.isVisible()]
    assert controls, screen
    for control in controls:
        assert control.accessibleName().strip(), f"{screen}: {control!r} has no accessible name"
        assert control.height() >= MIN_TARGET_PX, f"{screen}: {control.accessibleName()}"
    for text in kiosk.window.findChildren(QLabel):
        if text.isVisible() and text.text():
            assert text.accessibleName() == text.text(), f"{screen}: {text.text()!r}"
    assert cut_texts(kiosk.window) == [], screen


def test_clerk_scans_a_customers_licence_and_reads_that_it_is_genuine(
    kiosk: KioskDriver,
) -> None:
    scanner = ready_to_scan(kiosk)
    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)
    kiosk.press("核验营业执照或回执（扫描二维码）")
    kiosk.wait_for(VerifyingSlip)
    assert "请将营业执照或受理回执上的二维码对准扫描器" in kiosk.texts()
    check_controls(kiosk, "verify: waiting")
    kiosk.screenshot("30a-verify-waiting")

    genuine = licence_signed_by_the_sandbox(kiosk)
    outcome = scan(kiosk, scanner, genuine)
    assert isinstance(outcome, SlipCheck)
    assert outcome.valid
    texts = kiosk.texts()
    assert "✓ 真实有效：此营业执照由登记系统签发。" in texts
    assert f"签名方：登记系统（密钥 {outcome.qr.key_id}）" in texts
    assert "凭证内容（已由电子签名确认）：" in texts
    assert "统一社会信用代码" in texts
    assert "92330702MA2ABCDE0J" in texts
    assert "金华市婺城区丽华百货店" in texts
    check_controls(kiosk, "verify: genuine licence")
    kiosk.screenshot("30b-verify-licence-genuine")

    # The same slip with its name changed: the signature no longer matches.
    qr = parse_signed_qr(genuine)
    changed = qr.text.replace("丽华百货店", "别家超市").encode("utf-8")
    tampered = ".".join((LICENCE, qr.key_id, b64url(changed), b64url(qr.signature)))
    outcome = scan(kiosk, scanner, tampered)
    assert isinstance(outcome, SlipCheck)
    assert not outcome.valid
    texts = kiosk.texts()
    assert "✗ 不是真实的：内容与电子签名不符，可能已被篡改。" in texts
    assert "二维码所载内容（未经确认）：" in texts
    assert "别家超市" in texts
    check_controls(kiosk, "verify: tampered")
    kiosk.screenshot("30c-verify-licence-tampered")

    # A receipt this kiosk printed and signed while offline.
    services = kiosk.app.services
    receipt = format_receipt_qr(
        ReceiptQr(
            NumberKind.REFERENCE, "K0001-000123", "GT-SETUP", services.config.kiosk_id, date.today()
        )
    )
    signed = ReceiptSigner(
        services.identity_store, VerificationKeyStore(services.db), SystemClock()
    ).sign(receipt)
    outcome = scan(kiosk, scanner, signed)
    assert isinstance(outcome, SlipCheck)
    assert outcome.valid
    texts = kiosk.texts()
    assert "✓ 真实有效：此回执由本机打印并签名。" in texts
    assert "K0001-000123" in texts
    assert "自助机临时编号" in texts

    # Something else under the scanner: said plainly.
    assert scan(kiosk, scanner, "https://example.com/") is not None
    assert "这个二维码不是带电子签名的营业执照或回执。" in kiosk.texts()

    kiosk.press("Switch to English")
    scan(kiosk, scanner, genuine)
    assert "✓ Genuine: this licence was signed by the registration system." in kiosk.texts()
    check_controls(kiosk, "verify: genuine licence (English)")
    kiosk.screenshot("30d-verify-licence-genuine-en")

    kiosk.press("Back")
    kiosk.wait_for(ServiceMenu)


def test_a_licence_under_the_scanner_at_the_attract_screen_is_checked_at_once(
    kiosk: KioskDriver,
) -> None:
    scanner = ready_to_scan(kiosk)
    outcome = scan(kiosk, scanner, licence_signed_by_the_sandbox(kiosk))
    assert isinstance(outcome, SlipCheck)
    assert outcome.valid
    assert "✓ 真实有效：此营业执照由登记系统签发。" in kiosk.texts()
