"""The kiosk checks and reserves an enterprise name with the real central sandbox over
HTTP (enrolled and signing as it does in service), and says plainly when it cannot."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.clock import SystemClock
from kiosk.names import CANNOT_RESERVE_NOW, CannotReserveNow, Checked, NameDeclaration, Refused
from kiosk.sync.client import CentralClient, NameCheckResult, NameConflict, NameReservation
from kiosk.sync.errors import CentralBusy
from kiosk.sync.identity import new_key
from kiosk.sync.signing import RequestSigner
from tests.central.support import Central, HttpServer, running_server
from tests.sync.enrolled import enrolled_client

REGION, REGION_NAME = "330702", "金华市婺城区"


@pytest.fixture(scope="module")
def http_server() -> Iterator[HttpServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def central(http_server: HttpServer, tmp_path: Path) -> Central:
    return http_server.install(tmp_path / "central.db")


@pytest.fixture
def client(central: Central, tmp_path: Path) -> CentralClient:
    """A kiosk enrolled the way a technician enrols it, signing every request."""
    return enrolled_client(central, tmp_path)


def test_name_check_against_the_real_sandbox_reserves_an_available_name(
    client: CentralClient,
) -> None:
    declaration = NameDeclaration(lambda: client)

    outcome = declaration.declare(REGION, REGION_NAME, "丽华", "科技", "有限公司")

    assert isinstance(outcome, Checked)
    assert outcome.reserved
    assert not outcome.needs_commitment
    assert outcome.full_name == "金华市婺城区丽华科技有限公司"
    reservation = outcome.result.reservation
    assert reservation is not None
    assert reservation.token
    assert reservation.expires_at > datetime.now(UTC) + timedelta(days=30)

    # The reservation now counts as an identical name for everyone else.
    again = declaration.declare(REGION, REGION_NAME, "丽华", "科技", "有限公司")
    assert isinstance(again, Checked)
    assert not again.result.available
    assert again.result.reservation is None
    assert NameConflict("金华市婺城区丽华科技有限公司", "identical") in again.result.conflicts


def test_a_similar_registered_name_is_reserved_but_needs_a_commitment(
    client: CentralClient,
) -> None:
    # The sandbox's register holds 金华市婺城区红光科技有限公司: 红光达 contains 红光.
    outcome = NameDeclaration(lambda: client).declare(
        REGION, REGION_NAME, "红光达", "科技", "有限公司"
    )

    assert isinstance(outcome, Checked)
    assert outcome.reserved
    assert outcome.needs_commitment
    assert outcome.result.similar_names == ("金华市婺城区红光科技有限公司",)


def test_the_centrals_refusal_of_a_region_comes_back_as_a_field_problem(
    client: CentralClient,
) -> None:
    outcome = NameDeclaration(lambda: client).declare(
        "110101", "北京市东城区", "丽华", "科技", "有限公司"
    )

    assert isinstance(outcome, Refused)
    assert outcome.checked_by == "central"
    assert [problem.field for problem in outcome.problems] == ["region"]


def test_offline_name_check_says_it_cannot_reserve_now() -> None:
    # Nothing listens on the discard port: the network is as good as down.
    offline = CentralClient("http://127.0.0.1:9", timeout_s=1)
    declaration = NameDeclaration(lambda: offline)

    outcome = declaration.declare(REGION, REGION_NAME, "丽华", "科技", "有限公司")

    assert outcome == CannotReserveNow("金华市婺城区丽华科技有限公司", "offline")
    assert outcome.message == CANNOT_RESERVE_NOW
    # A name with a local problem is still refused offline: local checks come first.
    local = declaration.declare(REGION, REGION_NAME, "义乌", "科技", "有限公司")
    assert isinstance(local, Refused)
    assert local.checked_by == "kiosk"


def test_a_kiosk_whose_key_the_central_does_not_know_cannot_reserve_now(
    central: Central,
) -> None:
    stranger = CentralClient(
        central.url, signer=RequestSigner(new_key(), "unknown-key", SystemClock())
    )

    outcome = NameDeclaration(lambda: stranger).declare(
        REGION, REGION_NAME, "丽华", "科技", "有限公司"
    )

    assert isinstance(outcome, CannotReserveNow)
    assert outcome.reason == "not_enrolled"


def test_answer_is_read_leniently_but_not_blindly() -> None:
    minimal = NameCheckResult.from_json(
        {"full_name": "金华市婺城区丽华科技有限公司", "available": False, "extra": {"x": 1}}
    )
    assert minimal == NameCheckResult("金华市婺城区丽华科技有限公司", False)

    full = NameCheckResult.from_json(
        {
            "full_name": "N",
            "available": True,
            "conflicts": [{"name": "M", "similarity": "similar", "score": 0.9}, "junk"],
            "problems": [{"code": "prohibited_word"}],
            "reservation": {"token": "NR-1", "expires_at": "2027-01-30T10:00:00+08:00"},
        }
    )
    assert full.conflicts == (NameConflict("M", "similar"),)
    assert full.problems[0].code == "prohibited_word"
    assert full.reservation == NameReservation(
        "NR-1", datetime.fromisoformat("2027-01-30T10:00:00+08:00")
    )

    for broken in (
        {"available": True},
        {"full_name": "N", "available": "yes"},
        {"full_name": "N", "available": True, "reservation": {"token": "NR-1"}},
    ):
        with pytest.raises(CentralBusy):
            NameCheckResult.from_json(broken)
