"""The "scan to verify" screen's rules and the kiosk's signed receipts, without Qt.

Real parts: SQLite key cache, the kiosk's identity on disk, the receipt desk
writing a real PDF whose QR code is read back with zxing-cpp.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from devices.simulated import SimulatedIdReader, SimulatedPrinter
from kiosk.clock import ManualClock, rfc3339
from kiosk.documents.receipt_qr import NumberKind, parse_receipt_qr
from kiosk.receipts import PrintingReceiptDesk
from kiosk.submissions import OutboxSubmissionDesk
from kiosk.sync.engine import SyncEngine
from kiosk.sync.identity import IdentityStore, KioskIdentity
from kiosk.verification.desk import NotChecked, SlipDesk
from kiosk.verification.envelope import LICENCE, format_signed_qr
from kiosk.verification.key_cache import SlipKeys
from kiosk.verification.receipt_signing import ReceiptSigner
from kiosk.verification.verify import SlipCheck, Verdict, verify_slip
from kiosk.workflow import events as ev
from kiosk.workflow.machine import KioskWorkflow
from kiosk.workflow.states import Attract, ServiceMenu, VerifyingSlip
from kiosk.workflow.transitions import next_state
from offline_cache.db import Database
from offline_cache.outbox import Outbox
from offline_cache.print_journal import PrintJournal
from offline_cache.verification_keys import VerificationKeyStore
from tests.conftest import InlineRunner, ManualScheduler, sample_receipt
from tests.core.test_receipt_document import decode_qr_codes

KIOSK_ID = "K-330702-0001"
CENTRAL_KEY = Ed25519PrivateKey.generate()


def enrolled_identity(folder: Path, key_id: str = "kk-first") -> IdentityStore:
    """The kiosk's identity as enrolment leaves it: a private key and its key id."""
    store = IdentityStore(folder / "identity")
    store.save(KioskIdentity(KIOSK_ID, key_id, "http://central.test", Ed25519PrivateKey.generate()))
    return store


def central_keys_body() -> str:
    public = CENTRAL_KEY.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return json.dumps(
        {"keys": [{"key_id": "central-1", "public_key": base64.b64encode(public).decode()}]}
    )


def licence_qr(name: str = "金华市婺城区丽华百货店") -> str:
    payload = json.dumps({"v": 1, "uscc": "92330702MA2ABCDE0J", "name": name}, ensure_ascii=False)
    data = payload.encode("utf-8")
    return format_signed_qr(LICENCE, "central-1", data, CENTRAL_KEY.sign(data))


class Kiosk:
    """The workflow with a real slip desk over SQLite, and the kiosk's receipt desk."""

    def __init__(self, tmp_path: Path, db: Database) -> None:
        self.clock = ManualClock()
        self.identities = enrolled_identity(tmp_path)
        self.keys = VerificationKeyStore(db)
        self.keys.save_central_body(central_keys_body(), rfc3339(self.clock.now()))
        self.slip_keys = SlipKeys(self.keys, self.identities, self.clock)
        self.printer = SimulatedPrinter(tmp_path / "printed")
        self.receipts = PrintingReceiptDesk(
            self.printer,
            tmp_path / "receipts",
            PrintJournal(db),
            self.clock,
            qr_signer=ReceiptSigner(self.identities, self.keys, self.clock).sign,
        )
        outbox = Outbox(db)
        self.workflow = KioskWorkflow(
            reader=SimulatedIdReader(),
            submissions=OutboxSubmissionDesk(
                outbox, SyncEngine(outbox, lambda: None, self.clock), self.clock, kiosk_id=KIOSK_ID
            ),
            receipts=self.receipts,
            runner=InlineRunner(),
            scheduler=ManualScheduler(),
            clock=self.clock,
            slips=SlipDesk(self.slip_keys, self.clock, lambda: None),
        )


@pytest.fixture
def kiosk(tmp_path: Path, db: Database) -> Kiosk:
    return Kiosk(tmp_path, db)


def test_clerk_checks_a_licence_then_a_forged_one_then_goes_back(kiosk: Kiosk) -> None:
    workflow = kiosk.workflow
    workflow.dispatch(ev.Started())
    workflow.dispatch(ev.VerifySlipChosen())
    assert workflow.state == VerifyingSlip()

    workflow.check_slip(licence_qr())
    state = workflow.state
    assert isinstance(state, VerifyingSlip)
    assert not state.checking
    assert state.scans == 1
    assert isinstance(state.outcome, SlipCheck)
    assert state.outcome.verdict is Verdict.VALID
    assert state.outcome.content.value("name") == "金华市婺城区丽华百货店"

    genuine = licence_qr()
    payload = base64.urlsafe_b64encode(
        json.dumps({"v": 1, "uscc": "92330702MA2ABCDE0J", "name": "别家"}).encode()
    ).decode()
    scheme, key_id, _, signature = genuine.split(".")
    workflow.check_slip(".".join((scheme, key_id, payload, signature)))
    forged = workflow.state
    assert isinstance(forged, VerifyingSlip)
    assert forged.scans == 2
    assert isinstance(forged.outcome, SlipCheck)
    assert forged.outcome.verdict is Verdict.INVALID_SIGNATURE

    workflow.check_slip("KSV1|guidance|GT-SETUP")  # another kind of code
    other = workflow.state
    assert isinstance(other, VerifyingSlip)
    assert isinstance(other.outcome, NotChecked)
    assert other.outcome.reason == "not_a_slip"
    workflow.dispatch(ev.BackPressed())
    assert isinstance(kiosk.workflow.state, ServiceMenu)


def test_a_scan_anywhere_else_is_not_taken_for_a_slip(kiosk: Kiosk) -> None:
    kiosk.workflow.dispatch(ev.Started())
    kiosk.workflow.check_slip(licence_qr())
    assert kiosk.workflow.state == ServiceMenu()


@pytest.mark.parametrize(
    ("state", "event", "expected"),
    [
        (ServiceMenu(), ev.VerifySlipChosen(), VerifyingSlip()),
        (VerifyingSlip(), ev.SlipScanned(), VerifyingSlip(checking=True, scans=1)),
        # A second code while the first is being checked waits its turn: ignored.
        (VerifyingSlip(checking=True, scans=1), ev.SlipScanned(), VerifyingSlip(True, None, 1)),
        # A late answer with nothing being checked changes nothing.
        (VerifyingSlip(), ev.SlipChecked("late"), VerifyingSlip()),
        (VerifyingSlip(True, None, 1), ev.SlipChecked("x"), VerifyingSlip(False, "x", 1)),
        (VerifyingSlip(False, "x", 1), ev.BackPressed(), ServiceMenu()),
        (VerifyingSlip(False, "x", 1), ev.Cancelled(), Attract()),
        (VerifyingSlip(True, None, 1), ev.TimedOut(), Attract()),
    ],
)
def test_verify_screen_rules(state: object, event: ev.Event, expected: object) -> None:
    assert next_state(state, event, None, None) == expected  # type: ignore[arg-type]


def test_a_receipt_printed_offline_is_signed_by_this_kiosk(kiosk: Kiosk, tmp_path: Path) -> None:
    receipt = sample_receipt("K0001-000123")  # queued: no application number yet
    assert kiosk.receipts.print_receipt(receipt).ok
    [pdf] = (tmp_path / "receipts").glob("*.pdf")
    [code] = decode_qr_codes(pdf, tmp_path)
    assert code.startswith("KRV2.kk-first.")
    # The status lookup reads it as before.
    qr = parse_receipt_qr(code)
    assert (qr.kind, qr.number, qr.kiosk_id) == (NumberKind.REFERENCE, "K0001-000123", KIOSK_ID)
    check = verify_slip(code, kiosk.slip_keys.ring(), kiosk.clock.now())
    assert check.verdict is Verdict.VALID
    assert check.signer == f"this kiosk {KIOSK_ID} (key kk-first)"

    # Enrolled again (the embedded sandbox does it at every start): a new key, and
    # the receipt printed with the old one is still recognised.
    enrolled_identity(tmp_path, key_id="kk-second")
    again = verify_slip(code, kiosk.slip_keys.ring(), kiosk.clock.now())
    assert again.verdict is Verdict.VALID
    assert again.signer == f"this kiosk {KIOSK_ID} (key kk-first)"


def test_a_kiosk_not_enrolled_prints_the_plain_code(tmp_path: Path, db: Database) -> None:
    clock = ManualClock()
    desk = PrintingReceiptDesk(
        SimulatedPrinter(tmp_path / "printed"),
        tmp_path / "receipts",
        PrintJournal(db),
        clock,
        qr_signer=ReceiptSigner(
            IdentityStore(tmp_path / "none"), VerificationKeyStore(db), clock
        ).sign,
    )
    assert desk.print_receipt(sample_receipt("K0001-000124")).ok
    [pdf] = (tmp_path / "receipts").glob("*.pdf")
    assert decode_qr_codes(pdf, tmp_path) == [sample_receipt("K0001-000124").qr_text]


def test_a_signer_that_fails_never_holds_the_receipt_back(tmp_path: Path, db: Database) -> None:
    def broken(_: str) -> str:
        raise OSError("the key file cannot be read")

    desk = PrintingReceiptDesk(
        SimulatedPrinter(tmp_path / "printed"),
        tmp_path / "receipts",
        PrintJournal(db),
        ManualClock(),
        qr_signer=broken,
    )
    assert desk.print_receipt(sample_receipt("K0001-000125")).ok
    [pdf] = (tmp_path / "receipts").glob("*.pdf")
    assert decode_qr_codes(pdf, tmp_path) == [sample_receipt("K0001-000125").qr_text]
