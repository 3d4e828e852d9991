"""`kiosk verify` on real slips: a licence the sandbox issued over HTTP, printed as a PDF
and photographed as a PNG, checked offline; a tampered one; a receipt this kiosk signed.

The sandbox signs with its own key (approve, then a print job by an enrolled
kiosk); the kiosk caches ``GET /v1/keys`` as its sync loop does. The slip here
is a minimal one drawn with reportlab and the kiosk's QR flowable, not the
product's licence layout: what is tested is the QR code on paper.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from central.catalogue import load_catalogue
from central.central_keys import current_signing_key
from central.licences import approve
from central.registry import load_registry
from devices.simulated import SimulatedPrinter
from kiosk.cli import main
from kiosk.clock import SystemClock
from kiosk.documents.fonts import register_cjk_font
from kiosk.documents.qr_flowable import QrCode
from kiosk.receipts import PrintingReceiptDesk
from kiosk.sync.client import CentralClient
from kiosk.sync.identity import IdentityStore
from kiosk.verification.desk import NotChecked, SlipDesk
from kiosk.verification.envelope import LICENCE, b64url, format_signed_qr, parse_signed_qr
from kiosk.verification.key_cache import SlipKeys
from kiosk.verification.receipt_signing import ReceiptSigner
from kiosk.verification.verify import SlipCheck, Verdict
from offline_cache.db import Database
from offline_cache.print_journal import PrintJournal
from offline_cache.verification_keys import VerificationKeyStore
from tests.central.support import VALID_ID, HttpServer, gt_setup_body, running_server
from tests.conftest import sample_receipt
from tests.sync.enrolled import KIOSK_ID, enrolled_client


@dataclass
class Issued:
    """A licence the sandbox issued and a kiosk printed, with the kiosk's data dir."""

    data: Path
    uscc: str
    verification: dict[str, Any]
    keys_body: str
    key_id: str
    """The kiosk's enrolment key id."""


@pytest.fixture(scope="module")
def server() -> Iterator[HttpServer]:
    with running_server() as running:
        yield running


@pytest.fixture
def issued(server: HttpServer, tmp_path: Path) -> Issued:
    central = server.install(tmp_path / "central.db")
    data = tmp_path / "kiosk-data"
    client = enrolled_client(central, data)
    submitted = client.post_idempotent("/v1/applications", str(uuid.uuid4()), gt_setup_body())
    with central.database.transaction() as connection:
        uscc = approve(
            connection,
            submitted["application_no"],
            catalogue=load_catalogue(),
            registry=load_registry(),
            now=central.clock(),
        )
    assert uscc is not None
    job = client.post(
        f"/v1/licences/{uscc}/print-jobs",
        {"application_no": submitted["application_no"], "id_number": VALID_ID},
    )
    # The kiosk caches the central's keys, as its sync loop does when online.
    db = Database.open(data / "kiosk.sqlite3")
    try:
        identities = IdentityStore(data / "identity")
        assert SlipKeys(VerificationKeyStore(db), identities, SystemClock()).refresh(client) == 1
    finally:
        db.close()
    keys_body = requests.get(central.url + "/v1/keys", timeout=10).text
    identity = IdentityStore(data / "identity").load()
    assert identity is not None
    # The central that issued it is gone: everything from here on is offline.
    server.install(tmp_path / "another-central.db")
    return Issued(data, uscc, job["verification"], keys_body, identity.key_id)


def licence_slip_pdf(qr: str, uscc: str, target: Path) -> Path:
    """A minimal printed licence slip: a title, the credit code, and the QR code."""
    font = register_cjk_font()
    canvas = Canvas(str(target), pagesize=A4)
    canvas.setFont(font, 22)
    canvas.drawString(30 * mm, 260 * mm, "营业执照（副本）")
    canvas.setFont(font, 12)
    canvas.drawString(30 * mm, 248 * mm, f"统一社会信用代码 {uscc}")
    code = QrCode(qr, 45 * mm)
    code.drawOn(canvas, 140 * mm, 215 * mm)
    canvas.showPage()
    canvas.save()
    return target


def photographed(pdf: Path, folder: Path) -> Path:
    """The slip as a picture of it (rendered at 150 dpi, grey, like a phone's scan)."""
    assert shutil.which("pdftoppm"), "poppler-utils is needed"
    prefix = folder / "photo"
    subprocess.run(
        ["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", str(pdf), str(prefix)],
        check=True,
    )
    return folder / "photo.png"


def verify(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["verify", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_clerk_verifies_a_printed_licence_offline_with_the_kiosks_cached_keys(
    issued: Issued, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = licence_slip_pdf(issued.verification["qr"], issued.uscc, tmp_path / "licence.pdf")

    status, out, err = verify(capsys, str(pdf), "--data-dir", str(issued.data))

    assert status == 0, err
    central_key = issued.verification["key_id"]
    assert out.startswith(f"valid: licence signed by the central (key {central_key})\n")
    assert "what it says (confirmed by the signature):" in out
    assert f"Unified social credit code  {issued.uscc}" in out
    assert "金华市婺城区丽华百货店" in out
    assert "checked offline: 1 key(s) of the central (cached 20" in out


def test_a_photo_of_the_licence_verifies_and_json_names_the_fields(
    issued: Issued, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = licence_slip_pdf(issued.verification["qr"], issued.uscc, tmp_path / "licence.pdf")
    png = photographed(pdf, tmp_path)

    status, out, err = verify(capsys, str(png), "--data-dir", str(issued.data), "--json")

    assert status == 0, err
    answer = json.loads(out)
    assert answer["valid"] is True
    [slip] = answer["slips"]
    assert slip["result"] == "valid"
    assert slip["kind"] == "licence"
    assert slip["signer_kind"] == "central"
    assert slip["key_id"] == issued.verification["key_id"]
    assert slip["fields"]["uscc"] == issued.uscc
    assert slip["payload"] == issued.verification["payload"]
    assert answer["keys"]["central"] == 1


def test_a_licence_whose_text_was_changed_has_an_invalid_signature(
    issued: Issued, capsys: pytest.CaptureFixture[str]
) -> None:
    genuine = parse_signed_qr(issued.verification["qr"])
    changed = json.loads(genuine.text)
    changed["name"] = "金华市婺城区别家百货店"
    forged_payload = json.dumps(changed, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    forged = ".".join(
        ("KCV1", genuine.key_id, b64url(forged_payload.encode()), b64url(genuine.signature))
    )

    status, out, _ = verify(capsys, "--qr", forged, "--data-dir", str(issued.data))

    assert status == 1
    assert out.startswith("invalid signature: licence signed by the central")
    assert "what it says (NOT confirmed):" in out
    assert "别家百货店" in out


def test_with_a_saved_keys_body_a_computer_without_the_kiosk_verifies_it(
    issued: Issued, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = tmp_path / "keys.json"
    keys.write_text(issued.keys_body, encoding="utf-8")
    elsewhere = tmp_path / "a-bank-clerks-computer"
    pdf = licence_slip_pdf(issued.verification["qr"], issued.uscc, tmp_path / "licence.pdf")

    status, out, err = verify(capsys, str(pdf), "--keys", str(keys), "--data-dir", str(elsewhere))

    assert status == 0, err
    assert out.startswith("valid: licence")
    assert f"checked offline: 1 key(s) of the central (from {keys}), 0 of this kiosk" in out
    assert not elsewhere.exists()  # nothing made on the clerk's computer


def test_keys_that_do_not_know_the_signer_say_unknown_key(
    issued: Issued, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = json.loads(issued.keys_body)
    for key in body["keys"]:
        key["key_id"] = "central-other"
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps(body), encoding="utf-8")

    status, out, _ = verify(
        capsys, "--qr", issued.verification["qr"], "--keys", str(keys), "--data-dir", str(tmp_path)
    )

    assert status == 1
    assert out.startswith(
        f"unknown key: licence signed by unknown key {issued.verification['key_id']}"
    )


def test_a_key_that_had_expired_when_the_slip_was_printed_says_expired_key(
    issued: Issued, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = json.loads(issued.keys_body)
    for key in body["keys"]:
        key["not_after"] = "2020-01-01T00:00:00Z"
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps(body), encoding="utf-8")

    status, out, _ = verify(
        capsys, "--qr", issued.verification["qr"], "--keys", str(keys), "--json"
    )

    assert status == 1
    [slip] = json.loads(out)["slips"]
    assert slip["result"] == "expired key"
    assert "2020-01-01" in slip["detail"]


def test_a_receipt_printed_offline_verifies_as_signed_by_this_kiosk(
    issued: Issued, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database.open(issued.data / "kiosk.sqlite3")
    try:
        clock = SystemClock()
        desk = PrintingReceiptDesk(
            SimulatedPrinter(tmp_path / "printed"),
            tmp_path / "receipts",
            PrintJournal(db),
            clock,
            qr_signer=ReceiptSigner(
                IdentityStore(issued.data / "identity"), VerificationKeyStore(db), clock
            ).sign,
        )
        # Queued: the central could not be reached, so no application number yet.
        assert desk.print_receipt(sample_receipt("K0001-000123")).ok
    finally:
        db.close()
    [pdf] = (tmp_path / "receipts").glob("*.pdf")

    status, out, err = verify(capsys, str(pdf), "--data-dir", str(issued.data))
    assert status == 0, err
    assert out.startswith(f"valid: receipt signed by this kiosk {KIOSK_ID} (key {issued.key_id})")
    assert re.search(r"\n +Number +K0001-000123\n", out)
    assert re.search(r"\n +Kiosk +K-330702-0001\n", out)

    status, out, _ = verify(capsys, str(pdf), "--data-dir", str(issued.data), "--json")
    [slip] = json.loads(out)["slips"]
    assert (slip["result"], slip["this_kiosk"], slip["signer_kiosk_id"]) == (
        "valid",
        True,
        KIOSK_ID,
    )
    assert slip["fields"]["number"] == "K0001-000123"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give the slip as FILE"),
        (["slip.pdf", "--qr", "KCV1.x.y.z"], "give the slip as FILE"),
        (["no-such-slip.pdf"], "no file"),
        (["--qr", "KCV1.a.b.c", "--keys", "keys.json"], "is not a saved body of GET /v1/keys"),
    ],
)
def test_usage_errors_exit_2_with_a_clear_message(
    args: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keys.json").write_text('{"not": "keys"}', encoding="utf-8")
    status, _, err = verify(capsys, *args, "--data-dir", str(tmp_path / "data"))
    assert status == 2
    assert message in err


def test_a_picture_without_a_slip_code_is_not_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blank = tmp_path / "blank.pdf"
    canvas = Canvas(str(blank), pagesize=A4)
    canvas.drawString(100, 700, "no code here")
    canvas.save()
    status, out, _ = verify(capsys, str(photographed(blank, tmp_path)), "--data-dir", str(tmp_path))
    assert status == 1
    assert out.startswith("no signed slip's QR code found")


def test_the_kiosk_keeps_its_keys_while_the_central_is_away_and_follows_its_answer(
    server: HttpServer, tmp_path: Path
) -> None:
    central = server.install(tmp_path / "central.db")
    data = tmp_path / "kiosk-data"
    client = enrolled_client(central, data)
    db = Database.open(data / "kiosk.sqlite3")
    try:
        clock = SystemClock()
        keys = SlipKeys(VerificationKeyStore(db), IdentityStore(data / "identity"), clock)
        reachable = [client]
        desk = SlipDesk(keys, clock, lambda: reachable[0])
        assert desk.refresh_keys() == 1
        published = json.loads(requests.get(central.url + "/v1/keys", timeout=10).text)
        [key] = published["keys"]

        # A licence signed with that key (as the sandbox's print job signs it).
        with central.database.transaction() as connection:
            signing = current_signing_key(connection, central.clock())
        payload = b'{"uscc":"92330702MA2ABCDE0J","printed_at":"2026-11-20T10:00:00+08:00"}'
        licence = format_signed_qr(LICENCE, signing.key_id, payload, signing.sign(payload))
        assert signing.key_id == key["key_id"]

        # The central cannot be reached: the cached keys still check the slip.
        reachable[0] = CentralClient("http://127.0.0.1:9", timeout_s=2)
        assert desk.refresh_keys() is None
        offline = desk.check(licence)
        assert isinstance(offline, SlipCheck)
        assert offline.verdict is Verdict.VALID

        # Another central (new keys) answers: its list replaces the cache, so a key it
        # no longer publishes is no longer trusted.
        other = server.install(tmp_path / "other.db")
        reachable[0] = CentralClient(other.url)
        assert desk.refresh_keys() == 1
        after = desk.check(licence)
        assert isinstance(after, SlipCheck)
        assert after.verdict is Verdict.UNKNOWN_KEY
        assert isinstance(desk.check("not a slip"), NotChecked)
    finally:
        db.close()
