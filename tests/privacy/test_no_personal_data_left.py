"""No personal data left in clear on the kiosk after a citizen's application (issue 9, point 4).

A full flow on the core `Desk` (the citizen's session on real parts) over a
file-backed database (WAL and all), with the privacy settings the kiosk runs
with (`KioskServices`: delivered bodies purged at once, printed receipts
deleted), against the real central sandbox: the citizen reads their card,
fills the form, submits; the application is delivered and the receipt printed.
Then every file under the kiosk's data directory (the SQLite file, its -wal and
-shm, the receipts folder, the log) and the temporary directory the kiosk used
is searched for the citizen's identity number, mobile number and name, in
UTF-8, UTF-16-LE and UTF-16-BE: none may be there.

The same holds while the central cannot be reached: the submission (and the
citizen's rating, comment and all) waits in the outbox sealed under the kiosk's
data key, and the search still finds nothing.

The citizen is one no other test uses, so nothing another test left can be
mistaken for this one's data. The printer's output (the simulated paper) and
the central's database are not the kiosk's storage: the central's is searched
too, as a check that the search finds what is there.
"""

from __future__ import annotations

import functools
import logging
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import tests.core.test_workflow as core
from devices.simulated import SimulatedIdReader, SimulatedPrinter
from devices.simulated.id_reader import synthetic_resident_card
from kiosk.catalogue import Catalogue
from kiosk.clock import SystemClock
from kiosk.embedded_central import EmbeddedCentral
from kiosk.keys import open_data_key
from kiosk.lookup import LookupOutcome, look_up
from kiosk.outbox_cli import item_json
from kiosk.receipts import PrintingReceiptDesk
from kiosk.references import application_no_for
from kiosk.sealed_outbox import outbox_key
from kiosk.sync.client import CentralClient
from kiosk.sync.enrolment import enrol
from kiosk.sync.identity import IdentityStore
from kiosk.sync.signing import RequestSigner
from kiosk.workflow import events as ev
from kiosk.workflow.states import Finished, SendingFeedback
from offline_cache.db import Database
from offline_cache.outbox import Outbox, OutboxState
from offline_cache.print_journal import PrintJournal, PrintState
from tests.shell.conftest import central_applications

NAME = "欧阳明轩"
MOBILE = "13957162483"
BIRTH = date(1988, 7, 16)


def id_number(stem: str) -> str:
    """A resident ID number with its GB 11643 check character."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(digit) * weight for digit, weight in zip(stem, weights, strict=True))
    return stem + "10X98765432"[total % 11]


ID_NUMBER = id_number(f"330702{BIRTH:%Y%m%d}037")
OTHER_ID_NUMBER = id_number(f"330702{BIRTH:%Y%m%d}051")
NEEDLES = {"identity number": ID_NUMBER, "mobile": MOBILE, "name": NAME}
CODECS = ("utf-8", "utf-16-le", "utf-16-be")


def findings(folder: Path) -> list[str]:
    """Every (file, what, encoding) under ``folder`` that holds a needle."""
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for what, text in NEEDLES.items():
            for codec in CODECS:
                if text.encode(codec) in data:
                    found.append(f"{path.relative_to(folder)}: {what} in {codec}")
    return found


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[EmbeddedCentral]:
    central = EmbeddedCentral(tmp_path / "central")
    central.start()
    yield central
    central.stop()


@pytest.fixture
def kiosk_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary directory the kiosk's code uses during the flow (its own)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """Everything the kiosk logs, down to DEBUG, into a log file in its data directory."""
    path = tmp_path / "data" / "logs" / "kiosk.log"
    path.parent.mkdir(parents=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield path
    root.removeHandler(handler)
    root.setLevel(level)
    handler.close()


def wire_as_the_kiosk(monkeypatch: pytest.MonkeyPatch, data: Path) -> None:
    """The Desk's parts, wired as KioskServices wires them: bodies sealed under the data
    key, delivered rows purged at once, receipt PDFs deleted once printed."""
    key = outbox_key(open_data_key(data))
    monkeypatch.setattr(core, "Outbox", functools.partial(Outbox, keep_delivered_s=0, body_key=key))
    monkeypatch.setattr(
        core,
        "PrintingReceiptDesk",
        functools.partial(PrintingReceiptDesk, delete_when_printed=True),
    )


def register_with_the_card(desk: core.Desk, monkeypatch: pytest.MonkeyPatch) -> Finished:
    """The citizen's card is read, and they register a stationery shop and submit."""
    card = synthetic_resident_card(name_cn=NAME, id_number=ID_NUMBER, birth_date=BIRTH)
    monkeypatch.setattr(
        desk.reader, "insert", lambda card_=None: SimulatedIdReader.insert(desk.reader, card)
    )
    wf = desk.workflow
    desk.begin()
    wf.set_value("mobile", MOBILE)
    wf.dispatch(ev.NextPressed())
    wf.set_value("trade_name", "金华市婺城区明轩文具店")
    wf.set_value("business_scope", "文具用品零售")
    wf.dispatch(ev.NextPressed())
    wf.dispatch(ev.SubmitPressed())
    state = wf.state
    assert isinstance(state, Finished), state
    return state


def test_a_delivered_application_with_its_receipt_printed_leaves_no_personal_data(
    tmp_path: Path,
    catalogue: Catalogue,
    sandbox: EmbeddedCentral,
    kiosk_temp: Path,
    log_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = tmp_path / "data"
    assert sandbox.url is not None
    identity = enrol(
        CentralClient(sandbox.url),
        IdentityStore(data / "identity"),
        code=sandbox.enrolment_code("K-330702-0001", "测试大厅"),
        kiosk_id="K-330702-0001",
    )
    client = CentralClient(
        sandbox.url, signer=RequestSigner(identity.private_key, identity.key_id, SystemClock())
    )
    wire_as_the_kiosk(monkeypatch, data)
    db = Database.open(data / "kiosk.sqlite3")
    try:
        # The paper leaves the kiosk with the citizen: it is not the kiosk's storage.
        paper = SimulatedPrinter(tmp_path / "paper")
        desk = core.Desk(data, db, catalogue, client=lambda: client, printer=paper)
        state = register_with_the_card(desk, monkeypatch)
        wf = desk.workflow
        assert state.application_no is not None
        assert state.receipt == "printed"
        item = desk.outbox.find(state.reference)
        assert item is not None
        assert item.state is OutboxState.DELIVERED
        assert item.purged
        assert item.body_sha256 is not None
        [job] = PrintJournal(db).jobs()
        assert job.state is PrintState.PRINTED
        wf.dispatch(ev.DonePressed())

        # What still reads the delivered row works without its body: the names,
        # exactly-once, and the citizen's status look-up (the central checks the number).
        number = state.application_no
        assert application_no_for(desk.outbox, state.reference) == number
        assert desk.engine.deliver(state.reference) == number
        assert item_json(item)["body_sha256"] == item.body_sha256
        found = look_up(state.reference, ID_NUMBER, desk.outbox, lambda: client)
        assert (found.outcome, found.reference, found.application_no) == (
            LookupOutcome.FOUND,
            state.reference,
            number,
        )
        wrong = look_up(state.reference, OTHER_ID_NUMBER, desk.outbox, lambda: client)
        assert (wrong.outcome, wrong.reference) == (LookupOutcome.NOT_FOUND, None)
        assert [a["application_no"] for a in central_applications(tmp_path / "central")] == [number]

        # The search finds what is there: the central holds the application.
        assert any("identity number in utf-8" in line for line in findings(tmp_path / "central"))
        assert list((tmp_path / "paper").glob("*.pdf"))  # the citizen's receipt came out
        assert list((data / "receipts").iterdir()) == []  # and its PDF is gone

        assert findings(data) == []  # while the kiosk runs: the -wal and -shm are there
        assert findings(kiosk_temp) == []
    finally:
        db.close()
    assert findings(data) == []
    assert findings(kiosk_temp) == []


def test_an_application_queued_while_the_central_is_down_leaves_no_personal_data(
    tmp_path: Path,
    catalogue: Catalogue,
    kiosk_temp: Path,
    log_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The central cannot be reached: the submission waits in the outbox, sealed under the
    kiosk's data key, and still no file holds the citizen's number, mobile or name."""
    data = tmp_path / "data"
    # The network is down: every send fails to connect.
    unreachable = CentralClient("http://127.0.0.1:9", timeout_s=1)
    wire_as_the_kiosk(monkeypatch, data)
    db = Database.open(data / "kiosk.sqlite3")
    try:
        paper = SimulatedPrinter(tmp_path / "paper")
        desk = core.Desk(data, db, catalogue, client=lambda: unreachable, printer=paper)
        state = register_with_the_card(desk, monkeypatch)
        wf = desk.workflow
        assert state.application_no is None  # queued: the central was not reached
        assert state.receipt == "printed"
        item = desk.outbox.find(state.reference)
        assert item is not None
        assert item.state is OutboxState.PENDING
        assert item.last_error.startswith("POST /v1/applications: ConnectionError")  # really sent
        # The kiosk itself opens it: the sync engine sends it, the look-up compares the number.
        assert item.body["applicant"]["id_number"] == ID_NUMBER
        queued = look_up(state.reference, ID_NUMBER, desk.outbox, lambda: unreachable)
        assert queued.outcome is LookupOutcome.NOT_SENT
        wrong = look_up(state.reference, OTHER_ID_NUMBER, desk.outbox, lambda: unreachable)
        assert wrong.outcome is LookupOutcome.NOT_FOUND

        # The citizen rates the visit and, as people do, leaves their number in the comment:
        # the rating waits in the outbox too, sealed like the application.
        wf.rate_service()
        wf.set_json("rating", "1")
        wf.set_value("comment", f"打印机没纸，请{NAME}回电 {MOBILE}")
        wf.dispatch(ev.NextPressed())
        assert wf.state == SendingFeedback("FEEDBACK", stored=True)
        [rating] = [i for i in desk.outbox.items() if i.endpoint == "/v1/feedback"]
        assert rating.state is OutboxState.PENDING
        assert MOBILE in rating.body["comment"]
        wf.dispatch(ev.DonePressed())

        assert findings(data) == []  # while the kiosk runs: the -wal and -shm are there
        assert findings(kiosk_temp) == []
    finally:
        db.close()
    assert findings(data) == []
    assert findings(kiosk_temp) == []
    # The search finds what is there: the same body queued in clear holds all three.
    clear = Database.open(tmp_path / "clear" / "kiosk.sqlite3")
    try:
        Outbox(clear).enqueue("k", "/v1/applications", item.body, "2026-11-22T10:00:00+08:00")
    finally:
        clear.close()
    assert len(findings(tmp_path / "clear")) >= 3
