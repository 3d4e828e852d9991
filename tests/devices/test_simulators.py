"""Every simulator control changes what the simulator reports, as the real device would."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from PIL import Image

from devices.emrtd.mrz import MrzFormat, MrzKey, parse_mrz
from devices.errors import DeviceConfigError, DeviceError
from devices.factory import (
    CODE_SCANNER_DRIVERS,
    DeviceKind,
    build_code_scanner,
    build_device,
    build_receipt_printer,
    device_kind,
)
from devices.identity import DocumentType, Verdict
from devices.protocols import (
    CodeScanner,
    IdentityReader,
    MrzKeyReader,
    PrintOutcome,
    ReadOutcome,
    ReceiptPrinter,
    ScannedCode,
    Ticket,
    TicketLine,
)
from devices.scanners import SerialCodeScanner
from devices.simulated import (
    SimulatedIdReader,
    SimulatedReceiptPrinter,
    SimulatedScanner,
    passport_mrz_lines,
    render_ticket,
    synthetic_passport,
)
from devices.status import DeviceState

PASSPORT_KEY = MrzKey("EA1234567", "850314", "310720")
TICKET = Ticket(
    lines=(
        TicketLine("金华市婺城区市民服务中心", bold=True, align="center"),
        TicketLine("A 017", double_size=True, align="center"),
        TicketLine("Please wait for your number", align="right"),
    ),
    qr="https://example.invalid/q/A017",
)

# -- identity reader: the passport and its MRZ key -------------------------------------


@pytest.fixture
def reader() -> SimulatedIdReader:
    reader = SimulatedIdReader(name="id_reader")
    reader.insert_passport()
    return reader


def test_the_simulated_reader_implements_the_reader_and_the_mrz_key_protocols() -> None:
    reader = SimulatedIdReader()

    assert isinstance(reader, IdentityReader)
    assert isinstance(reader, MrzKeyReader)


def test_a_passport_without_an_mrz_key_asks_for_the_key(reader: SimulatedIdReader) -> None:
    result = reader.read()

    assert result.outcome is ReadOutcome.KEY_NEEDED
    assert result.document is None
    assert result.detail == "no MRZ key set for BAC"


@pytest.mark.parametrize(
    "wrong",
    [
        MrzKey("EA1234568", "850314", "310720"),
        MrzKey("EA1234567", "850315", "310720"),
        MrzKey("EA1234567", "850314", "310721"),
    ],
)
def test_a_passport_with_a_key_that_does_not_match_is_access_denied(
    reader: SimulatedIdReader, wrong: MrzKey
) -> None:
    reader.set_mrz_key(wrong)

    result = reader.read()

    assert result.outcome is ReadOutcome.ACCESS_DENIED
    assert result.detail == "BAC failed: the MRZ key does not match"


def test_a_passport_with_its_key_reads_with_a_jpeg_face_photo(reader: SimulatedIdReader) -> None:
    reader.set_mrz_key(PASSPORT_KEY)

    result = reader.read()

    assert result.ok
    document = result.document
    assert document is not None
    assert document.document_type is DocumentType.PASSPORT
    assert document.document_number == "EA1234567"
    assert (document.surname, document.given_names, document.name_cn) == ("LI", "WEIMING", "李卫明")
    assert (document.nationality, document.issuing_state) == ("CHN", "CHN")
    assert document.provenance.reader == "id_reader"
    assert document.authenticity.verdict is Verdict.NOT_CHECKED
    assert document.authenticity.detail == "simulated reader"
    assert document.photo_media_type == "image/jpeg"
    with Image.open(io.BytesIO(document.photo)) as photo:
        assert photo.format == "JPEG"
        assert min(photo.size) > 0


def test_forgetting_the_key_closes_the_passport_again(reader: SimulatedIdReader) -> None:
    reader.set_mrz_key(PASSPORT_KEY)
    assert reader.read().ok

    reader.set_mrz_key(None)

    assert reader.read().outcome is ReadOutcome.KEY_NEEDED


def test_a_resident_card_ignores_the_mrz_key(reader: SimulatedIdReader) -> None:
    reader.insert()
    assert reader.read().ok

    reader.set_mrz_key(MrzKey("X0000000", "000101", "000101"))
    result = reader.read()

    assert result.ok
    assert result.document is not None
    assert result.document.document_type is DocumentType.CN_RESIDENT_ID


def test_the_passport_mrz_parses_as_td3_and_gives_the_passports_key() -> None:
    line1, line2 = passport_mrz_lines()

    assert (len(line1), len(line2)) == (44, 44)
    mrz = parse_mrz("\n".join((line1, line2)))
    assert mrz.format is MrzFormat.TD3
    assert mrz.key == PASSPORT_KEY
    assert (mrz.surname, mrz.given_names, mrz.sex) == ("LI", "WEIMING", "M")
    assert (mrz.nationality, mrz.issuing_state) == ("CHN", "CHN")
    passport = synthetic_passport()
    assert (mrz.birth_date, mrz.expiry_date) == (passport.birth_date, passport.expiry_date)


def test_the_key_scanned_from_the_mrz_opens_the_passport(reader: SimulatedIdReader) -> None:
    reader.set_mrz_key(parse_mrz(passport_mrz_lines()).key)

    assert reader.read().ok


def test_another_passport_gets_its_own_consistent_mrz() -> None:
    other = synthetic_passport(
        document_number="E12345678", surname="WANG", given_names="LI HUA", sex="F"
    )

    mrz = parse_mrz(passport_mrz_lines(other))

    assert (mrz.document_number, mrz.given_names, mrz.sex) == ("E12345678", "LI HUA", "F")
    reader = SimulatedIdReader()
    reader.insert_passport(other)
    reader.set_mrz_key(mrz.key)
    assert reader.read().ok


# -- identity reader: card on, off, pulled, unplugged --------------------------------


def test_taking_the_card_off_leaves_no_document_and_putting_it_back_reads_again() -> None:
    reader = SimulatedIdReader()

    reader.remove()
    assert reader.read().outcome is ReadOutcome.NO_DOCUMENT
    assert reader.status().media == "notPresent"

    reader.insert()
    assert reader.status().media == "present"
    assert reader.read().ok


def test_a_card_pulled_mid_read_is_removed_and_the_next_insertion_reads() -> None:
    reader = SimulatedIdReader()
    reader.pull_during_next_read()

    assert reader.read().outcome is ReadOutcome.REMOVED
    assert reader.card is None
    assert reader.read().outcome is ReadOutcome.NO_DOCUMENT

    reader.insert()
    assert reader.read().ok


def test_a_pull_armed_while_the_reader_is_empty_strikes_the_next_card() -> None:
    reader = SimulatedIdReader()
    reader.remove()
    reader.pull_during_next_read()

    assert reader.read().outcome is ReadOutcome.NO_DOCUMENT
    reader.insert()
    assert reader.read().outcome is ReadOutcome.REMOVED


def test_an_unplugged_reader_has_no_device_and_reads_nothing_until_plugged_in() -> None:
    reader = SimulatedIdReader()

    reader.set_attached(False)
    assert reader.status().state is DeviceState.NO_DEVICE
    assert reader.read().outcome is ReadOutcome.NO_READER

    reader.set_attached(True)
    assert reader.status().state is DeviceState.ONLINE
    assert reader.read().ok


def test_reads_on_worker_threads_and_controls_on_another_thread_do_not_break_the_reader() -> None:
    reader = SimulatedIdReader()
    outcomes: list[ReadOutcome] = []
    stop = threading.Event()

    def read_loop() -> None:
        while not stop.is_set():
            outcomes.append(reader.read().outcome)

    workers = [threading.Thread(target=read_loop) for _ in range(3)]
    for worker in workers:
        worker.start()
    for _ in range(200):
        reader.insert_passport()
        reader.set_mrz_key(PASSPORT_KEY)
        reader.remove()
        reader.insert()
        reader.set_mrz_key(None)
    stop.set()
    for worker in workers:
        worker.join(timeout=5)

    assert outcomes
    assert set(outcomes) <= {ReadOutcome.OK, ReadOutcome.NO_DOCUMENT, ReadOutcome.KEY_NEEDED}


# -- receipt printer -----------------------------------------------------------------


def test_a_receipt_printer_with_paper_prints_and_keeps_the_ticket(tmp_path: Path) -> None:
    printer = SimulatedReceiptPrinter(name="receipt_printer", output_dir=tmp_path / "tickets")

    assert isinstance(printer, ReceiptPrinter)
    result = printer.print_ticket(TICKET)

    assert result.ok
    assert printer.tickets == [TICKET]
    written = (tmp_path / "tickets" / "ticket-1.txt").read_text(encoding="utf-8")
    assert written == render_ticket(TICKET)
    assert "A 017" in written
    assert "[QR] https://example.invalid/q/A017" in written
    assert result.job_id == str(tmp_path / "tickets" / "ticket-1.txt")


def test_a_receipt_printer_out_of_paper_refuses_and_keeps_nothing() -> None:
    printer = SimulatedReceiptPrinter()

    printer.set_paper("out")
    result = printer.print_ticket(TICKET)

    assert result.outcome is PrintOutcome.PAPER_OUT
    assert result.detail == "paper out"
    assert printer.tickets == []
    status = printer.status()
    assert (status.state, status.reason, status.media) == (
        DeviceState.USER_ERROR,
        "paper out",
        "out",
    )


def test_low_paper_still_prints_and_reports_low() -> None:
    printer = SimulatedReceiptPrinter()

    printer.set_paper("low")

    assert printer.status().state is DeviceState.ONLINE
    assert printer.status().media == "low"
    assert printer.print_ticket(TICKET).ok


def test_an_open_cover_and_an_offline_printer_refuse_until_put_right() -> None:
    printer = SimulatedReceiptPrinter()

    printer.set_cover_open(True)
    assert printer.print_ticket(TICKET).outcome is PrintOutcome.FAILED
    assert printer.status().reason == "cover open"
    printer.set_cover_open(False)

    printer.set_online(False)
    assert printer.print_ticket(TICKET).outcome is PrintOutcome.OFFLINE
    assert printer.status().state is DeviceState.OFFLINE
    printer.set_online(True)

    assert printer.print_ticket(TICKET).ok
    assert printer.status().media == "ok"
    assert len(printer.tickets) == 1


def test_an_unknown_paper_state_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown paper state"):
        SimulatedReceiptPrinter().set_paper("half")


# -- scanner -------------------------------------------------------------------------


def test_the_scanner_delivers_codes_only_while_started() -> None:
    scanner = SimulatedScanner(name="scanner")
    received: list[ScannedCode] = []

    assert isinstance(scanner, CodeScanner)
    assert scanner.scan("before") is False
    assert scanner.status().state is DeviceState.OFFLINE

    scanner.start(received.append)
    assert scanner.status().state is DeviceState.ONLINE
    assert scanner.scan("330702196205050824") is True

    scanner.stop()
    assert scanner.scan("after") is False
    assert received == [ScannedCode(data="330702196205050824", source="scanner")]


def test_an_unplugged_scanner_delivers_nothing_and_says_so() -> None:
    scanner = SimulatedScanner()
    received: list[ScannedCode] = []
    scanner.start(received.append)

    scanner.set_attached(False)
    assert scanner.status().state is DeviceState.NO_DEVICE
    assert scanner.scan("lost") is False

    scanner.set_attached(True)
    assert scanner.scan("found") is True
    assert [code.data for code in received] == ["found"]


def test_starting_a_started_scanner_is_a_mistake() -> None:
    scanner = SimulatedScanner()
    scanner.start(lambda code: None)

    with pytest.raises(DeviceError, match="already started"):
        scanner.start(lambda code: None)


def test_the_scanner_delivers_on_the_calling_thread_and_allows_stop_from_the_callback() -> None:
    scanner = SimulatedScanner()
    threads: list[threading.Thread] = []

    def on_code(code: ScannedCode) -> None:
        threads.append(threading.current_thread())
        scanner.stop()

    scanner.start(on_code)
    scanner.scan("once")

    assert threads == [threading.current_thread()]
    assert not scanner.started


# -- factory -------------------------------------------------------------------------


def test_the_factory_builds_every_simulated_kind_from_the_default_names(tmp_path: Path) -> None:
    config = {
        "id_reader": {},
        "printer": {},
        "receipt_printer": {"output_dir": str(tmp_path / "tickets")},
        "scanner": {},
    }

    built = {
        name: build_device(name, "simulated", options, tmp_path) for name, options in config.items()
    }

    assert isinstance(built["id_reader"], SimulatedIdReader)
    receipt_printer = built["receipt_printer"]
    assert isinstance(receipt_printer, SimulatedReceiptPrinter)
    assert receipt_printer.output_dir == tmp_path / "tickets"
    assert isinstance(built["scanner"], SimulatedScanner)
    assert all(device.name == name for name, device in built.items())


@pytest.mark.parametrize(
    ("name", "options", "kind"),
    [
        ("receipt_printer", {}, DeviceKind.RECEIPT_PRINTER),
        ("ticket_printer", {}, DeviceKind.RECEIPT_PRINTER),
        ("scanner", {}, DeviceKind.CODE_SCANNER),
        ("qr_scanner", {}, DeviceKind.CODE_SCANNER),
        ("printer", {}, DeviceKind.DOCUMENT_PRINTER),
        ("id_reader", {}, DeviceKind.IDENTITY_READER),
        ("lobby", {"kind": "code_scanner"}, DeviceKind.CODE_SCANNER),
        ("lobby", {"kind": "receipt_printer"}, DeviceKind.RECEIPT_PRINTER),
    ],
)
def test_the_kind_of_a_simulated_device_follows_its_name_or_kind_option(
    name: str, options: dict[str, str], kind: DeviceKind
) -> None:
    assert device_kind(name, "simulated", options) is kind


def test_a_serial_driver_is_a_code_scanner_built_on_its_port() -> None:
    assert device_kind("front_door", "serial", {}) is DeviceKind.CODE_SCANNER

    scanner = build_code_scanner(
        "front_door", "serial", {"port": "/dev/ttyACM7", "baudrate": 115200, "source": "qr"}
    )

    assert isinstance(scanner, SerialCodeScanner)
    assert (scanner.name, scanner.port, scanner.baudrate, scanner.source) == (
        "front_door",
        "/dev/ttyACM7",
        115200,
        "qr",
    )
    assert scanner.status().state is DeviceState.NO_DEVICE


def test_a_simulated_receipt_printer_without_output_dir_keeps_tickets_in_memory() -> None:
    printer = build_receipt_printer("receipt_printer", "simulated", {})

    assert isinstance(printer, SimulatedReceiptPrinter)
    assert printer.output_dir is None
    assert printer.print_ticket(TICKET).job_id == "1"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({}, "'port' is required"),
        ({"port": "/dev/ttyACM0", "baudrate": "fast"}, "baudrate must be an integer"),
        ({"port": "/dev/ttyACM0", "encoding": "klingon-8"}, "unknown encoding"),
    ],
)
def test_a_misconfigured_serial_scanner_is_a_configuration_error_naming_it(
    options: dict[str, str], message: str
) -> None:
    with pytest.raises(DeviceConfigError, match=message) as caught:
        build_code_scanner("front_door", "serial", options)

    assert "'front_door'" in str(caught.value)


def test_an_unknown_scanner_driver_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(DeviceConfigError) as caught:
        build_code_scanner("scanner", "laser-gun", {})

    assert f"known: {', '.join(CODE_SCANNER_DRIVERS)}" in str(caught.value)
    assert "'scanner'" in str(caught.value)
