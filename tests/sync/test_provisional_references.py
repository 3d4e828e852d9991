"""A citizen who applied offline holds a short reference they can read out, and it finds
their application once it has reached the central (real SQLite, the real sandbox)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import ManualClock, SystemClock
from kiosk.embedded_central import EmbeddedCentral
from kiosk.instance import KioskInstance
from kiosk.lookup import LookupOutcome, look_up
from kiosk.references import (
    application_no_for,
    kiosk_number,
    looks_like_reference,
    provisional_reference,
)
from kiosk.submissions import OutboxSubmissionDesk
from kiosk.sync.client import CentralClient
from kiosk.sync.engine import SyncEngine
from kiosk.sync.enrolment import enrol
from kiosk.sync.identity import IdentityStore
from kiosk.sync.signing import RequestSigner
from kiosk.workflow.ports import Submission
from offline_cache.db import Database
from offline_cache.outbox import Outbox, OutboxState
from tests.shell.conftest import central_applications

ID_NUMBER = "330702196205050824"
OTHER_ID_NUMBER = "330782199202020027"


def application() -> Submission:
    return Submission(
        service="GT-SETUP",
        catalogue_version="2026.11.1",
        applicant={"name": "王丽华", "document_type": "cn_resident_id", "id_number": ID_NUMBER},
        form={
            "operator_name": "王丽华",
            "operator_id_number": ID_NUMBER,
            "mobile": "13800138000",
            "trade_name": "金华市婺城区丽华百货店",
            "business_address": "浙江省金华市婺城区八一南街100号",
            "business_scope": "日用百货销售",
        },
    )


class Kiosk:
    """The kiosk's store and desk over ``data`` (its data directory), as KioskServices builds them."""

    def __init__(self, data: Path, kiosk_id: str = "K-330702-0001") -> None:
        self.data = data
        self.db = Database.open(data / "kiosk.sqlite3")
        self.outbox = Outbox(self.db)
        self.client: CentralClient | None = CentralClient("http://127.0.0.1:9", timeout_s=1)
        self.clock = ManualClock()
        self.engine = SyncEngine(self.outbox, lambda: self.client, self.clock)
        self.desk = OutboxSubmissionDesk(self.outbox, self.engine, self.clock, kiosk_id=kiosk_id)

    def submit(self) -> str:
        stored = self.desk.store(application())
        assert stored.reference is not None, stored.problem
        return stored.reference

    def connect(self, sandbox: EmbeddedCentral) -> None:
        assert sandbox.url is not None
        identity = enrol(
            CentralClient(sandbox.url),
            IdentityStore(self.data / "identity"),
            code=sandbox.enrolment_code("K-330702-0001", "测试大厅"),
            kiosk_id="K-330702-0001",
        )
        self.client = CentralClient(
            sandbox.url, signer=RequestSigner(identity.private_key, identity.key_id, SystemClock())
        )

    def sync(self) -> None:
        self.clock.advance(600)
        self.engine.run_once()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "kiosk-data"


@pytest.fixture
def kiosk(data: Path) -> Iterator[Kiosk]:
    made = Kiosk(data)
    yield made
    made.db.close()


@pytest.fixture
def sandbox(data: Path) -> Iterator[EmbeddedCentral]:
    # The kiosk's own embedded sandbox, on the database under its data directory.
    central = EmbeddedCentral(data)
    central.start()
    yield central
    central.stop()


def test_offline_application_gets_a_reference_a_citizen_can_read_out(
    kiosk: Kiosk, data: Path
) -> None:
    first = kiosk.submit()  # the network is down
    second = kiosk.submit()

    assert (first, second) == ("K0001-000001", "K0001-000002")
    assert kiosk.desk.deliver(first) is None  # still queued, found by its reference
    [one, two] = kiosk.outbox.items()
    assert (one.reference, one.state) == (first, OutboxState.PENDING)
    assert one.body["kiosk_reference"] == first  # the central receives it too
    assert len(one.idempotency_key) == 36
    assert one.idempotency_key != two.idempotency_key
    assert one.attempts == 1  # deliver() really tried, with the UUID

    # Durable and never handed out twice: not after a restart, not after a row is gone.
    kiosk.db.connection.execute("DELETE FROM outbox WHERE reference = ?", (second,))
    kiosk.db.close()
    again = Kiosk(data)
    try:
        assert again.submit() == "K0001-000003"
    finally:
        again.db.close()


def test_the_short_kiosk_number_comes_from_the_kiosk_id() -> None:
    assert kiosk_number("K-330702-0001") == "K0001"
    assert kiosk_number("K-330782-0017") == "K0017"
    assert kiosk_number("kiosk-7") == "K0007"
    assert kiosk_number("hall") == "KHALL"
    assert provisional_reference("K-330702-0007", 123) == "K0007-000123"
    assert looks_like_reference("k0007-000123")
    assert not looks_like_reference("KA20261122-000001")  # the central's number


def test_delivered_reference_keeps_the_application_number_the_central_gave_it(
    kiosk: Kiosk, data: Path, sandbox: EmbeddedCentral
) -> None:
    reference = kiosk.submit()
    kiosk.connect(sandbox)

    number = kiosk.desk.deliver(reference)

    assert number is not None
    assert number.startswith("KA")
    assert application_no_for(kiosk.outbox, reference) == number
    [received] = central_applications(data)  # the sandbox took the extension field
    assert received["application_no"] == number
    assert received["form"]["trade_name"] == "金华市婺城区丽华百货店"
    assert kiosk.desk.deliver(reference) == number  # asked again: no second application
    assert len(central_applications(data)) == 1


def test_lookup_by_provisional_reference_after_sync(
    kiosk: Kiosk, data: Path, sandbox: EmbeddedCentral, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = kiosk.submit()
    kiosk.connect(sandbox)
    running = KioskInstance.acquire(data)  # the kiosk is running, with its sandbox
    try:
        queued = main(["lookup", reference, "--id-number", ID_NUMBER, "--data-dir", str(data)])
        queued_out = capsys.readouterr().out

        kiosk.sync()
        found = main(
            ["lookup", reference, "--id-number", ID_NUMBER, "--json", "--data-dir", str(data)]
        )
        answer = json.loads(capsys.readouterr().out)
    finally:
        running.release()

    assert queued == 0
    assert queued_out == (
        f"{reference}: not sent yet: the kiosk sends it as soon as it reaches the central\n"
    )
    assert found == 0
    number = application_no_for(kiosk.outbox, reference)
    assert number is not None
    assert answer["outcome"] == "found"
    assert (answer["reference"], answer["application_no"]) == (reference, number)
    assert (answer["service"], answer["status"]) == ("GT-SETUP", "received")
    assert [entry["status"] for entry in answer["history"]] == ["received"]

    # The office decides; the kiosk is not running now: the command starts the sandbox itself.
    sandbox.stop()
    decided = subprocess.run(
        [sys.executable, "-m", "central", "needs-correction", number, "--note", "请补充门牌号"],
        env={
            **os.environ,
            "KIOSK_CENTRAL_DATABASE": f"sqlite:///{data / 'central-sandbox' / 'central.db'}",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert decided.returncode == 0, decided.stderr
    later = main(["lookup", number, "--id-number", ID_NUMBER, "--data-dir", str(data)])
    lines = capsys.readouterr().out.splitlines()
    assert later == 0
    assert lines[0] == f"{reference} = {number}  GT-SETUP  status needs_correction"
    assert lines[2].endswith("needs_correction  请补充门牌号")


def test_lookup_with_the_wrong_identity_number_says_not_found_like_an_unknown_reference(
    kiosk: Kiosk, data: Path, sandbox: EmbeddedCentral, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = kiosk.submit()
    kiosk.connect(sandbox)
    kiosk.sync()
    number = application_no_for(kiosk.outbox, reference)
    assert number is not None
    client = kiosk.client
    assert client is not None

    wrong = look_up(reference, OTHER_ID_NUMBER, kiosk.outbox, lambda: client)
    unknown = look_up("K0001-000999", ID_NUMBER, kiosk.outbox, lambda: client)
    elsewhere = look_up("KA20990101-000001", ID_NUMBER, kiosk.outbox, lambda: client)

    assert wrong.outcome is unknown.outcome is elsewhere.outcome is LookupOutcome.NOT_FOUND
    assert client.lookup(number, OTHER_ID_NUMBER) is None
    assert client.lookup("KA20990101-000001", ID_NUMBER) is None
    assert client.lookup(number, ID_NUMBER) is not None


def test_lookup_of_a_queued_submission_needs_its_identity_number_too(
    kiosk: Kiosk, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = kiosk.submit()

    code = main(
        ["--data-dir", str(data), "lookup", reference, "--id-number", OTHER_ID_NUMBER, "--json"]
    )

    answer = json.loads(capsys.readouterr().out)
    assert code == 1
    assert answer["outcome"] == "not_found"
    assert answer["reference"] is None  # nothing said about someone else's submission
