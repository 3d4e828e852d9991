"""Reading the emulated passport through the real pcscd + vpcd stack."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from devices.emrtd import ApduTrace, EmrtdPcscReader, MrzKey
from devices.identity import DocumentType, Verdict
from devices.protocols import IdentityReader, ReadOutcome
from devices.status import DeviceState
from tests.devices.emrtd.conftest import PassportFactory
from tests.devices.emrtd.devstack import TEST_READER, card_present, wait_for

pytestmark = pytest.mark.pcsc

ZHANG_SAN = MrzKey("E12345678", "900101", "300101")


def _reader(trust: Path | None, traces: list[ApduTrace] | None = None) -> EmrtdPcscReader:
    hook = traces.append if traces is not None else None
    return EmrtdPcscReader(TEST_READER, ZHANG_SAN, trust, apdu_hook=hook)


def test_chinese_passport_reads_verified_with_chinese_name_and_jpeg_face(
    passport: PassportFactory, trusted_pki: Path, face_jpeg: Path, dg11_json: Path
) -> None:
    passport("--pki", trusted_pki, "--photo", face_jpeg, "--dg11", dg11_json)
    reader = _reader(trusted_pki)
    assert isinstance(reader, IdentityReader)

    result = reader.read()

    assert result.outcome is ReadOutcome.OK, result.detail
    doc = result.document
    assert doc is not None
    assert doc.authenticity.verdict is Verdict.VERIFIED, doc.authenticity.detail
    assert doc.document_type is DocumentType.PASSPORT
    assert (doc.document_number, doc.surname, doc.given_names) == ("E12345678", "ZHANG", "SAN")
    assert doc.name_cn == "张三"
    assert doc.sex == "M"
    assert doc.birth_date == date(1990, 1, 1)
    assert doc.expiry_date == date(2030, 1, 1)
    assert (doc.nationality, doc.issuing_state) == ("CHN", "CHN")
    assert doc.personal_number == "110101199001010015"
    assert doc.address == "北京市东城区示例胡同1号"
    assert doc.photo == face_jpeg.read_bytes()
    assert doc.photo_media_type == "image/jpeg"
    assert doc.provenance.reader == TEST_READER
    assert doc.provenance.protocol == "emrtd-bac"


def test_passport_signed_by_an_unknown_csca_reads_but_signer_not_trusted(
    passport: PassportFactory, trusted_pki: Path, other_pki: Path, face_jpeg: Path
) -> None:
    passport("--pki", trusted_pki, "--photo", face_jpeg)

    result = _reader(other_pki).read()

    assert result.ok, result.detail
    assert result.document is not None
    authenticity = result.document.authenticity
    assert authenticity.verdict is Verdict.SIGNER_NOT_TRUSTED
    assert "hashes match but signer not trusted" in authenticity.detail


def test_reader_without_trust_store_never_claims_verified(
    passport: PassportFactory, trusted_pki: Path, face_jpeg: Path
) -> None:
    passport("--pki", trusted_pki, "--photo", face_jpeg)

    result = _reader(None).read()

    assert result.document is not None
    assert result.document.authenticity.verdict is Verdict.SIGNER_NOT_TRUSTED


@pytest.mark.parametrize(
    ("fault", "why"),
    [
        ("dg-hash", "DG1 hash does not match EF.SOD"),
        ("signature", "signature does not verify"),
    ],
)
def test_tampered_security_object_fails_passive_authentication_with_the_reason(
    passport: PassportFactory, trusted_pki: Path, face_jpeg: Path, fault: str, why: str
) -> None:
    passport("--pki", trusted_pki, "--photo", face_jpeg, "--sod-fault", fault)

    result = _reader(trusted_pki).read()

    assert result.ok, result.detail
    assert result.document is not None
    authenticity = result.document.authenticity
    assert authenticity.verdict is Verdict.FAILED
    assert authenticity.detail.startswith("failed: ")
    assert why in authenticity.detail


def test_passport_signed_by_another_country_fails_even_with_a_trusted_chain(
    passport: PassportFactory, tmp_path: Path, face_jpeg: Path
) -> None:
    us_pki = tmp_path / "pki-us"
    passport("--pki", us_pki, "--pki-country", "US", "--photo", face_jpeg)

    result = _reader(us_pki).read()

    assert result.document is not None
    authenticity = result.document.authenticity
    assert authenticity.verdict is Verdict.FAILED
    assert "CHN (CN)" in authenticity.detail
    assert "US" in authenticity.detail


def test_wrong_mrz_key_is_access_denied_and_the_right_one_then_works(
    passport: PassportFactory, trusted_pki: Path
) -> None:
    passport("--pki", trusted_pki)
    reader = _reader(trusted_pki)

    denied = reader.read(MrzKey("E12345678", "900101", "300102"))
    reader.set_mrz_key(ZHANG_SAN)
    allowed = reader.read()

    assert denied.outcome is ReadOutcome.ACCESS_DENIED
    assert denied.document is None
    assert allowed.ok, allowed.detail


def test_reader_without_an_mrz_key_asks_for_it_instead_of_guessing() -> None:
    result = EmrtdPcscReader(TEST_READER, None, None).read()

    assert result.outcome is ReadOutcome.KEY_NEEDED
    assert "MRZ key" in result.detail


@pytest.mark.parametrize(
    "chip_limits",
    [("--no-extended",), ("--max-le", "100"), ("--no-extended", "--max-le", "57")],
    ids=["short-only", "max-le-100", "short-and-max-le-57"],
)
def test_chip_with_small_reads_still_yields_the_same_bytes(
    passport: PassportFactory,
    trusted_pki: Path,
    face_jpeg: Path,
    dg11_json: Path,
    chip_limits: tuple[str, ...],
) -> None:
    passport("--pki", trusted_pki, "--photo", face_jpeg, "--dg11", dg11_json, *chip_limits)
    traces: list[ApduTrace] = []

    result = _reader(trusted_pki, traces).read()

    assert result.ok, result.detail
    assert result.document is not None
    # VERIFIED means every DG hash matched EF.SOD: the chunks joined up exactly.
    assert result.document.authenticity.verdict is Verdict.VERIFIED
    assert result.document.photo == face_jpeg.read_bytes()
    assert result.document.name_cn == "张三"
    reads = [t for t in traces if t.command[1] in (0xB0, 0xB1)]
    assert len(reads) > 3 + len(face_jpeg.read_bytes()) // 231


def test_face_larger_than_32k_is_read_past_offset_32767_with_odd_read_binary(
    passport: PassportFactory, trusted_pki: Path, face_jpeg: Path, tmp_path: Path
) -> None:
    jpeg = face_jpeg.read_bytes()
    comment = b"K" * 40000
    big = jpeg[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + jpeg[2:]
    big_face = tmp_path / "big_face.jpg"
    big_face.write_bytes(big)
    passport("--pki", trusted_pki, "--photo", big_face, "--no-extended", "--max-le", "4000")
    traces: list[ApduTrace] = []

    result = _reader(trusted_pki, traces).read()

    assert result.ok, result.detail
    assert result.document is not None
    assert result.document.photo == big
    assert result.document.authenticity.verdict is Verdict.VERIFIED
    assert any(t.command[1] == 0xB1 for t in traces), "no READ BINARY B1 was sent"


def test_corrupt_response_mac_is_unreadable_and_the_next_read_is_clean(
    passport: PassportFactory, trusted_pki: Path, face_jpeg: Path
) -> None:
    passport("--pki", trusted_pki, "--photo", face_jpeg, "--corrupt-mac-after", "3")
    reader = _reader(trusted_pki)

    first = reader.read()
    second = reader.read()

    assert first.outcome is ReadOutcome.UNREADABLE
    assert "MAC" in first.detail
    assert second.ok, second.detail
    assert second.document is not None
    assert second.document.authenticity.verdict is Verdict.VERIFIED


def test_passport_pulled_mid_read_reports_removed_then_reads_cleanly(
    passport: PassportFactory, trusted_pki: Path, face_jpeg: Path, dg11_json: Path
) -> None:
    passport(
        "--pki", trusted_pki, "--photo", face_jpeg, "--dg11", dg11_json,
        "--no-extended", "--remove-after-apdus", "8", "--reinsert-after-ms", "700",
    )  # fmt: skip
    reader = _reader(trusted_pki)

    pulled = reader.read()
    # the emulator keeps the card out >= 0.5 s, then pcscd sees it at a 400 ms poll
    wait_for(lambda: card_present() is False, 5, "pcscd to see the card gone")
    wait_for(lambda: card_present() is True, 10, "the card to be back")
    again = reader.read()

    assert pulled.outcome is ReadOutcome.REMOVED, pulled.detail
    assert again.ok, again.detail
    assert again.document is not None
    assert again.document.authenticity.verdict is Verdict.VERIFIED
    assert again.document.photo == face_jpeg.read_bytes()


def test_pulling_the_card_between_reads_is_no_document_until_it_returns(
    passport: PassportFactory, trusted_pki: Path
) -> None:
    card = passport("--pki", trusted_pki)
    reader = _reader(trusted_pki)

    card.pull()
    wait_for(lambda: card_present() is False, 5, "pcscd to see the card gone")
    absent = reader.read()
    absent_status = reader.status()
    card.insert()
    wait_for(lambda: card_present() is True, 10, "the card to be back")
    present_status = reader.status()

    assert absent.outcome is ReadOutcome.NO_DOCUMENT
    assert (absent_status.state, absent_status.media) == (DeviceState.ONLINE, "notPresent")
    assert (present_status.state, present_status.media) == (DeviceState.ONLINE, "present")
    assert reader.read().ok


def test_unknown_reader_is_no_reader_and_status_says_no_device(pcsc_stack: object) -> None:
    reader = EmrtdPcscReader("No Such Reader 42", ZHANG_SAN, None)

    assert reader.read().outcome is ReadOutcome.NO_READER
    assert reader.status().state is DeviceState.NO_DEVICE
