"""A business licence is printed once at the kiosk and the central is told exactly once, with
the real central sandbox over HTTP, a real SQLite file and the simulated document printer:
printed, no paper, a printer that loses track, a network cut, and a crash before the report."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pypdf import PdfReader

from central.catalogue import load_catalogue
from central.licences import approve
from central.registry import load_registry
from devices.simulated import SimulatedPrinter
from kiosk.clock import SystemClock
from kiosk.licences import (
    LICENCE,
    LicenceDesk,
    LicencePrintOutcome,
    LicenceRefused,
    LicenceRequest,
    OpenedLicence,
    Refusal,
)
from kiosk.sync.client import CentralClient
from kiosk.sync.enrolment import enrol
from kiosk.sync.identity import IdentityStore
from kiosk.sync.signing import RequestSigner
from offline_cache.db import Database
from offline_cache.print_journal import PrintJournal, PrintState
from tests.central.support import (
    OTHER_VALID_ID,
    VALID_ID,
    Central,
    HttpServer,
    gt_setup_body,
    running_server,
)
from tests.conftest import DriverBugAfterThePage
from tests.core.test_receipt_document import decode_qr_codes


class Killed(BaseException):
    """The kiosk's process dies at this point (nothing after it runs)."""


class KioskSession(requests.Session):
    """The kiosk's HTTP session, counting the print results that reached the central;
    ``die_when_reporting``: the process dies as it is about to send one."""

    def __init__(self, *, die_when_reporting: bool = False) -> None:
        super().__init__()
        self.die_when_reporting = die_when_reporting
        self.results_sent = 0

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        reporting = str(url).endswith("/result")
        if reporting and self.die_when_reporting:
            raise Killed()
        response = super().request(method, url, *args, **kwargs)
        if reporting and response.status_code == 200:
            self.results_sent += 1
        return response


class Kiosk:
    """One enrolled kiosk: its signing key, and clients made with it."""

    def __init__(self, central: Central, folder: Path, kiosk_id: str) -> None:
        self.central = central
        identity = enrol(
            CentralClient(central.url),
            IdentityStore(folder / "identity"),
            code=central.enrolment_code(kiosk_id),
            kiosk_id=kiosk_id,
        )
        self.signer = RequestSigner(identity.private_key, identity.key_id, SystemClock())
        self.session = KioskSession()
        self.client = self.client_with(self.session)

    def client_with(self, session: requests.Session, url: str | None = None) -> CentralClient:
        return CentralClient(
            url or self.central.url, session=session, signer=self.signer, timeout_s=10
        )


@pytest.fixture(scope="module")
def http_server() -> Iterator[HttpServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def central(http_server: HttpServer, tmp_path: Path) -> Central:
    return http_server.install(tmp_path / "central.db")


@pytest.fixture
def kiosk(central: Central, tmp_path: Path) -> Kiosk:
    return Kiosk(central, tmp_path / "kiosk-1", "K-330702-0001")


@pytest.fixture
def printer(tmp_path: Path) -> SimulatedPrinter:
    return SimulatedPrinter(tmp_path / "printed")


def desk(db: Database, client: CentralClient | None, printer: Any, tmp_path: Path) -> LicenceDesk:
    return LicenceDesk(lambda: client, printer, tmp_path / "licences", db, SystemClock())


def approved(central: Central, client: CentralClient, id_number: str = VALID_ID) -> LicenceRequest:
    """An individual business registered at a kiosk, approved with its licence issued."""
    body = gt_setup_body(id_number)
    number = client.post_idempotent("/v1/applications", str(uuid.uuid4()), body)["application_no"]
    with central.database.transaction() as connection:
        uscc = approve(
            connection,
            number,
            catalogue=load_catalogue(),
            registry=load_registry(),
            now=central.clock(),
        )
    assert uscc is not None
    return LicenceRequest(uscc, number, id_number)


def printable(client: CentralClient, request: LicenceRequest) -> bool:
    found = client.lookup(request.application_no, request.id_number)
    assert found is not None
    return bool(found["licence"]["printable"])


def central_job_state(central: Central, print_job: str) -> str:
    with central.database.transaction() as connection:
        row = connection.execute(
            "SELECT state FROM print_jobs WHERE print_job = ?", (print_job,)
        ).fetchone()
    return str(row["state"])


def opened(result: OpenedLicence | LicenceRefused) -> OpenedLicence:
    assert isinstance(result, OpenedLicence), result
    return result


def test_citizen_prints_licence_once_and_a_second_original_is_refused(
    central: Central, kiosk: Kiosk, db: Database, printer: SimulatedPrinter, tmp_path: Path
) -> None:
    request = approved(central, kiosk.client)
    licences = desk(db, kiosk.client, printer, tmp_path)

    job = opened(licences.open_job(request))
    outcome = licences.print_licence(job)

    assert outcome == LicencePrintOutcome("printed", "printed", reported=True)
    assert central_job_state(central, job.print_job) == "printed"
    assert printable(kiosk.client, request) is False
    [paper] = list(printer.output_dir.glob("*.pdf"))
    text = "".join(page.extract_text() for page in PdfReader(paper).pages)
    for shown in (request.uscc, "金华市婺城区丽华百货店", "经营者", "王丽华", "经营场所"):
        assert shown in text
    assert VALID_ID not in text
    assert list((tmp_path / "licences").glob("*.pdf")) == []  # no copy kept once printed

    again = licences.open_job(request)
    assert again == LicenceRefused(Refusal.ALREADY_PRINTED, again.detail)  # type: ignore[union-attr]
    assert len(list(printer.output_dir.glob("*.pdf"))) == 1
    assert kiosk.session.results_sent == 1


def test_the_slips_qr_carries_the_centrals_signed_verification(
    central: Central, kiosk: Kiosk, db: Database, printer: SimulatedPrinter, tmp_path: Path
) -> None:
    request = approved(central, kiosk.client)
    licences = desk(db, kiosk.client, printer, tmp_path)
    job = opened(licences.open_job(request))
    licences.print_licence(job)

    [paper] = list(printer.output_dir.glob("*.pdf"))
    [code] = decode_qr_codes(paper, tmp_path)
    assert code == job.slip.qr
    prefix, key_id, payload, signature = code.split(".")
    assert prefix == "KCV1"
    keys = requests.get(central.url + "/v1/keys", timeout=10).json()["keys"]
    [key] = [k for k in keys if k["key_id"] == key_id]
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(key["public_key"]))
    signed = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    public.verify(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)), signed)
    assert json.loads(signed)["uscc"] == request.uscc


def test_no_paper_reports_failed_and_trying_again_prints_under_a_new_job(
    central: Central, kiosk: Kiosk, db: Database, printer: SimulatedPrinter, tmp_path: Path
) -> None:
    request = approved(central, kiosk.client)
    licences = desk(db, kiosk.client, printer, tmp_path)
    printer.set_paper("out")

    first = opened(licences.open_job(request))
    outcome = licences.print_licence(first)

    assert outcome == LicencePrintOutcome("failed", "paper out", reported=True)
    assert central_job_state(central, first.print_job) == "failed"
    assert printable(kiosk.client, request) is True
    assert list(printer.output_dir.glob("*.pdf")) == []
    assert list((tmp_path / "licences").glob("*.pdf")) == []  # decided: the slip is gone

    printer.set_paper("ok")
    second = opened(licences.open_job(request))
    assert second.print_job != first.print_job
    assert licences.print_licence(second).outcome == "printed"
    assert central_job_state(central, second.print_job) == "printed"
    assert central_job_state(central, first.print_job) == "failed"  # never told otherwise


def test_a_print_the_printer_lost_track_of_is_left_for_staff_and_nothing_is_reported(
    central: Central, kiosk: Kiosk, db: Database, tmp_path: Path
) -> None:
    request = approved(central, kiosk.client)
    licences = desk(db, kiosk.client, DriverBugAfterThePage(tmp_path / "printed"), tmp_path)

    job = opened(licences.open_job(request))
    outcome = licences.print_licence(job)

    assert outcome.outcome == "unconfirmed"
    assert kiosk.session.results_sent == 0
    assert central_job_state(central, job.print_job) == "open"
    assert printable(kiosk.client, request) is True
    journaled = PrintJournal(db).find(LICENCE, job.print_job)
    assert journaled is not None
    assert journaled.state is PrintState.UNCONFIRMED
    assert journaled.pdf_path
    assert Path(journaled.pdf_path).is_file()
    # The citizen asks again: never a second print while the first is unaccounted for.
    assert licences.open_job(request) == LicenceRefused(
        Refusal.LEFT_FOR_STAFF, journaled.last_detail
    )
    assert licences.report_pending() == 0

    # Staff find the licence in the tray and confirm it: the next sync reports it printed.
    PrintJournal(db).confirm_printed(
        journaled.id, "confirmed by staff", "2026-11-22T10:00:00+08:00"
    )
    assert licences.report_pending() == 1
    assert central_job_state(central, job.print_job) == "printed"
    assert printable(kiosk.client, request) is False
    assert not Path(journaled.pdf_path).exists()
    assert licences.report_pending() == 0
    assert kiosk.session.results_sent == 1


def test_staff_find_nothing_came_out_and_the_citizen_prints_it_after_all(
    central: Central, kiosk: Kiosk, db: Database, tmp_path: Path
) -> None:
    request = approved(central, kiosk.client)
    lost = desk(db, kiosk.client, DriverBugAfterThePage(tmp_path / "lost"), tmp_path)
    job = opened(lost.open_job(request))
    assert lost.print_licence(job).outcome == "unconfirmed"
    journal = PrintJournal(db)
    journaled = journal.find(LICENCE, job.print_job)
    assert journaled is not None

    assert journal.confirm_not_printed(journaled.id, "staff: tray empty", "2026-11-22T10:00Z")
    assert lost.report_pending() == 1
    assert central_job_state(central, job.print_job) == "failed"

    working = desk(db, kiosk.client, SimulatedPrinter(tmp_path / "printed"), tmp_path)
    again = opened(working.open_job(request))
    assert again.print_job != job.print_job
    assert working.print_licence(again).outcome == "printed"


def test_a_crash_after_the_printer_confirmed_is_reported_once_at_the_next_start(
    central: Central, kiosk: Kiosk, printer: SimulatedPrinter, tmp_path: Path
) -> None:
    request = approved(central, kiosk.client)
    path = tmp_path / "data" / "kiosk.sqlite3"
    db = Database.open(path)
    dying = kiosk.client_with(KioskSession(die_when_reporting=True))
    licences = desk(db, dying, printer, tmp_path)
    job = opened(licences.open_job(request))

    with pytest.raises(Killed):
        licences.print_licence(job)
    db.close()
    assert len(list(printer.output_dir.glob("*.pdf"))) == 1  # it came out
    assert central_job_state(central, job.print_job) == "open"

    # The kiosk starts again, on the same database.
    restarted_db = Database.open(path)
    try:
        restarted = desk(restarted_db, kiosk.client, printer, tmp_path)
        assert restarted.recover() == []  # decided already: printed, nothing to fail
        assert restarted.report_pending() == 1
        assert restarted.report_pending() == 0
        assert kiosk.session.results_sent == 1
        assert central_job_state(central, job.print_job) == "printed"
        assert printable(kiosk.client, request) is False
        assert len(list(printer.output_dir.glob("*.pdf"))) == 1
    finally:
        restarted_db.close()


def test_a_crash_before_the_licence_reached_the_printer_fails_its_job_at_the_next_start(
    central: Central, kiosk: Kiosk, printer: SimulatedPrinter, tmp_path: Path
) -> None:
    request = approved(central, kiosk.client)
    path = tmp_path / "data" / "kiosk.sqlite3"
    db = Database.open(path)
    job = opened(desk(db, kiosk.client, printer, tmp_path).open_job(request))
    db.close()  # the kiosk stops before printing

    restarted_db = Database.open(path)
    try:
        restarted = desk(restarted_db, kiosk.client, printer, tmp_path)
        assert restarted.recover() == [job.print_job]
        assert restarted.report_pending() == 1
        assert central_job_state(central, job.print_job) == "failed"
        again = opened(restarted.open_job(request))
        assert again.print_job != job.print_job
        assert restarted.print_licence(again).outcome == "printed"
    finally:
        restarted_db.close()


def test_a_report_lost_to_a_network_cut_is_sent_at_the_next_sync(
    central: Central, kiosk: Kiosk, db: Database, printer: SimulatedPrinter, tmp_path: Path
) -> None:
    request = approved(central, kiosk.client)
    cut = kiosk.client_with(CutAfterTheJob(), None)
    licences = desk(db, cut, printer, tmp_path)
    job = opened(licences.open_job(request))

    outcome = licences.print_licence(job)

    assert outcome == LicencePrintOutcome("printed", "printed", reported=False)
    assert central_job_state(central, job.print_job) == "open"
    # Asking again before the result is through prints nothing and says why.
    waiting = licences.open_job(request)
    assert isinstance(waiting, LicenceRefused)
    assert waiting.reason is Refusal.UNREACHABLE

    back = desk(db, kiosk.client, printer, tmp_path)  # the network is back
    assert back.report_pending() == 1
    assert central_job_state(central, job.print_job) == "printed"
    assert back.report_pending() == 0


class CutAfterTheJob(requests.Session):
    """The network goes down once the print job is open: results never arrive."""

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        if str(url).endswith("/result"):
            raise requests.exceptions.ConnectionError("network unreachable")
        return super().request(method, url, *args, **kwargs)


def test_wrong_numbers_and_an_unapproved_application_print_nothing(
    central: Central, kiosk: Kiosk, db: Database, printer: SimulatedPrinter, tmp_path: Path
) -> None:
    request = approved(central, kiosk.client)
    licences = desk(db, kiosk.client, printer, tmp_path)

    wrong_person = LicenceRequest(request.uscc, request.application_no, OTHER_VALID_ID)
    assert licences.open_job(wrong_person) == LicenceRefused(Refusal.NOT_FOUND)
    unknown = LicenceRequest(request.uscc, "KA20200101-000001", VALID_ID)
    assert licences.open_job(unknown) == LicenceRefused(Refusal.NOT_FOUND)
    body = gt_setup_body()
    pending = kiosk.client.post_idempotent("/v1/applications", str(uuid.uuid4()), body)
    no_code = LicenceRequest("", pending["application_no"], VALID_ID)
    assert licences.open_job(no_code) == LicenceRefused(Refusal.NO_LICENCE, "received")
    assert list(printer.output_dir.glob("*.pdf")) == []


def test_without_the_credit_code_the_kiosk_finds_it_by_the_applications_lookup(
    central: Central, kiosk: Kiosk, db: Database, printer: SimulatedPrinter, tmp_path: Path
) -> None:
    request = approved(central, kiosk.client)
    licences = desk(db, kiosk.client, printer, tmp_path)

    job = opened(licences.open_job(LicenceRequest("", request.application_no, VALID_ID)))

    assert job.slip.uscc == request.uscc
    assert licences.print_licence(job).outcome == "printed"


def test_a_licence_open_at_another_kiosk_is_refused_here(
    central: Central, kiosk: Kiosk, db: Database, printer: SimulatedPrinter, tmp_path: Path
) -> None:
    request = approved(central, kiosk.client)
    other = Kiosk(central, tmp_path / "kiosk-2", "K-330782-0002")
    other_db = Database.in_memory("other-kiosk")
    try:
        opened(desk(other_db, other.client, printer, tmp_path / "other").open_job(request))
    finally:
        other_db.close()

    refused = desk(db, kiosk.client, printer, tmp_path).open_job(request)

    assert isinstance(refused, LicenceRefused)
    assert refused.reason is Refusal.OPEN_ELSEWHERE


def test_not_connected_prints_nothing(
    db: Database, printer: SimulatedPrinter, tmp_path: Path
) -> None:
    refused = desk(db, None, printer, tmp_path).open_job(
        LicenceRequest("92330702MA2ABCDE0J", "KA20261122-000001", VALID_ID)
    )
    assert isinstance(refused, LicenceRefused)
    assert refused.reason is Refusal.UNREACHABLE
