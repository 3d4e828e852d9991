"""Passive authentication on EF.SOD files the devstack issuer builds (EC and RSA)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devices.emrtd.errors import SodError
from devices.emrtd.passive_auth import verify_document
from devices.emrtd.sod import parse_sod
from devices.emrtd.trust_store import TrustStore
from devices.identity import Verdict
from tests.devices.emrtd.conftest import build_card_files

DG1, DG2, DG11, SOD = 0x0101, 0x0102, 0x010B, 0x011D


@pytest.fixture(scope="module", params=["ec", "rsa"])
def issued(
    request: pytest.FixtureRequest, devstack_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[int, bytes], Path]:
    base = tmp_path_factory.mktemp(f"issued-{request.param}")
    samples = devstack_dir / "smartcard" / "samples"
    files = build_card_files(
        devstack_dir,
        base / "ef",
        "--pki", str(base / "pki"), "--pki-alg", request.param,
        "--photo", str(samples / "face_zhang_san.jpg"),
        "--dg11", str(samples / "dg11_zhang_san.json"),
    )  # fmt: skip
    return files, base / "pki"


def _groups(files: dict[int, bytes]) -> dict[int, bytes]:
    return {1: files[DG1], 2: files[DG2], 11: files[DG11]}


def test_genuine_document_verifies_with_ec_and_rsa_signers(
    issued: tuple[dict[int, bytes], Path],
) -> None:
    files, pki = issued

    result = verify_document(files[SOD], _groups(files), "CHN", TrustStore.load(pki))

    assert result.verdict is Verdict.VERIFIED, result.detail


def test_trust_store_may_be_the_csca_file_itself(issued: tuple[dict[int, bytes], Path]) -> None:
    files, pki = issued
    store = TrustStore.load(pki / "csca.pem")

    assert len(store.anchors) == 1
    assert verify_document(files[SOD], _groups(files), "CHN", store).verdict is Verdict.VERIFIED


def test_the_document_signer_in_the_trust_folder_is_not_a_trust_anchor(
    issued: tuple[dict[int, bytes], Path],
) -> None:
    _, pki = issued

    anchors = TrustStore.load(pki).anchors

    assert [a.subject.rfc4514_string() for a in anchors] == [
        "CN=CSCA CN TEST,O=Devstack Test Passport Authority,C=CN"
    ]


def test_a_changed_data_group_byte_fails_with_its_number(
    issued: tuple[dict[int, bytes], Path],
) -> None:
    files, pki = issued
    groups = _groups(files)
    groups[11] = groups[11][:-1] + b"X"

    result = verify_document(files[SOD], groups, "CHN", TrustStore.load(pki))

    assert result.verdict is Verdict.FAILED
    assert result.detail == "failed: DG11 hash does not match EF.SOD"


def test_a_data_group_missing_from_the_sod_fails(issued: tuple[dict[int, bytes], Path]) -> None:
    files, pki = issued
    groups = {**_groups(files), 3: b"\x63\x00"}

    result = verify_document(files[SOD], groups, "CHN", TrustStore.load(pki))

    assert result.detail == "failed: DG3 is not listed in EF.SOD"


def test_utopia_specimen_state_maps_to_ut_and_mismatches_cn(
    issued: tuple[dict[int, bytes], Path],
) -> None:
    files, pki = issued

    result = verify_document(files[SOD], _groups(files), "UTO", TrustStore.load(pki))

    assert result.verdict is Verdict.FAILED
    assert "UTO (UT)" in result.detail


def test_no_sod_at_all_fails() -> None:
    assert verify_document(None, {1: b"\x61\x00"}, "CHN", None).verdict is Verdict.FAILED


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_mutated_sod_never_raises_and_never_breaks_the_data_group_check(
    issued: tuple[dict[int, bytes], Path], data: st.DataObject
) -> None:
    files, pki = issued
    sod = bytearray(files[SOD])
    position = data.draw(st.integers(0, len(sod) - 1))
    sod[position] ^= data.draw(st.integers(1, 255))

    result = verify_document(bytes(sod), _groups(files), "CHN", TrustStore.load(pki))

    assert result.verdict in set(Verdict)
    if result.verdict is Verdict.FAILED:
        assert result.detail.startswith("failed: ")


@given(st.binary(max_size=600))
def test_arbitrary_bytes_as_sod_are_refused_with_sod_error_only(raw: bytes) -> None:
    with contextlib.suppress(SodError):
        parse_sod(b"\x77" + bytes([len(raw)]) + raw if len(raw) < 128 else raw)
    assert verify_document(raw, {1: b""}, "CHN", None).verdict is Verdict.FAILED
