"""The factory turns configuration into devices; the manager turns status changes into events."""

from __future__ import annotations

from pathlib import Path

import pytest

from devices.errors import DeviceConfigError
from devices.factory import (
    DeviceKind,
    build_device,
    build_document_printer,
    build_identity_reader,
    build_receipt_printer,
    device_kind,
    parse_mrz_key_option,
)
from devices.manager import DeviceEvent, DeviceManager
from devices.protocols import ReadOutcome
from devices.simulated import SimulatedIdReader, SimulatedPrinter
from devices.status import DeviceState, DeviceStatus

# -- factory ------------------------------------------------------------------------


def test_the_simulated_drivers_build_a_reader_and_a_printer_with_the_configured_names(
    tmp_path: Path,
) -> None:
    reader = build_identity_reader("front_reader", "simulated", {})
    printer = build_document_printer("front_printer", "simulated", {}, tmp_path / "default")

    assert isinstance(reader, SimulatedIdReader)
    assert reader.name == "front_reader"
    assert reader.read().outcome is ReadOutcome.OK
    assert isinstance(printer, SimulatedPrinter)
    assert printer.name == "front_printer"
    assert printer.output_dir == tmp_path / "default"


def test_a_simulated_printer_writes_where_its_output_dir_option_says(tmp_path: Path) -> None:
    printer = build_document_printer(
        "printer", "simulated", {"output_dir": str(tmp_path / "out")}, tmp_path / "default"
    )

    assert isinstance(printer, SimulatedPrinter)
    assert printer.output_dir == tmp_path / "out"


def test_an_unknown_reader_driver_is_refused_naming_the_device_and_the_known_drivers() -> None:
    with pytest.raises(DeviceConfigError) as caught:
        build_identity_reader("id_reader", "magic-wand", {})

    message = str(caught.value)
    assert "'id_reader'" in message
    assert "'magic-wand'" in message
    for known in ("simulated", "emrtd-pcsc", "resident-serial", "resident-sdk"):
        assert known in message


def test_an_unknown_printer_driver_is_refused_naming_the_known_printer_drivers(
    tmp_path: Path,
) -> None:
    with pytest.raises(DeviceConfigError, match="known: simulated, cups"):
        build_document_printer("printer", "laser-9000", {}, tmp_path)
    with pytest.raises(DeviceConfigError, match="known: escpos, simulated"):
        build_receipt_printer("ticket", "thermal-9000", {})


def test_a_serial_resident_reader_without_a_port_is_a_configuration_error() -> None:
    with pytest.raises(DeviceConfigError, match="'port' is required"):
        build_identity_reader("id_reader", "resident-serial", {"baudrate": 115200})


def test_a_serial_resident_reader_with_a_text_baudrate_is_a_configuration_error() -> None:
    with pytest.raises(DeviceConfigError, match="baudrate must be an integer"):
        build_identity_reader(
            "id_reader", "resident-serial", {"port": "/dev/x", "baudrate": "fast"}
        )


def test_an_escpos_printer_needs_a_connection_table() -> None:
    with pytest.raises(DeviceConfigError, match="connection table"):
        build_receipt_printer("ticket", "escpos", {})


def test_an_escpos_printer_is_built_on_the_configured_network_connection() -> None:
    printer = build_receipt_printer(
        "ticket", "escpos", {"connection": {"type": "network", "host": "192.0.2.7"}}
    )

    assert printer.name == "ticket"


def test_an_emrtd_reader_takes_its_bac_key_from_the_mrz_key_option() -> None:
    key = parse_mrz_key_option("passport", "L898902C3, 740812, 120415")

    assert key is not None
    assert (key.document_number, key.birth_date, key.expiry_date) == (
        "L898902C3",
        "740812",
        "120415",
    )
    assert parse_mrz_key_option("passport", None) is None


@pytest.mark.parametrize("bad", ["L898902C3,740812", "L898902C3,1974-08-12,120415"])
def test_a_malformed_mrz_key_option_is_a_configuration_error(bad: str) -> None:
    with pytest.raises(DeviceConfigError, match="'passport'"):
        build_identity_reader("passport", "emrtd-pcsc", {"mrz_key": bad})


def test_the_kind_of_a_simulated_device_follows_its_name_unless_given(tmp_path: Path) -> None:
    assert device_kind("id_reader", "simulated", {}) is DeviceKind.IDENTITY_READER
    assert device_kind("printer", "simulated", {}) is DeviceKind.DOCUMENT_PRINTER
    assert device_kind("lobby", "simulated", {"kind": "document_printer"}) is (
        DeviceKind.DOCUMENT_PRINTER
    )
    assert device_kind("x", "cups", {}) is DeviceKind.DOCUMENT_PRINTER
    assert isinstance(build_device("printer", "simulated", {}, tmp_path), SimulatedPrinter)
    with pytest.raises(DeviceConfigError, match="unknown driver 'nope'"):
        device_kind("x", "nope", {})


# -- manager ------------------------------------------------------------------------


class Recorder:
    """Collects the manager's events."""

    def __init__(self) -> None:
        self.events: list[DeviceEvent] = []

    def __call__(self, event: DeviceEvent) -> None:
        self.events.append(event)

    def kinds(self) -> list[tuple[str, str]]:
        taken = [(event.device, event.kind) for event in self.events]
        self.events.clear()
        return taken


@pytest.fixture
def reader() -> SimulatedIdReader:
    return SimulatedIdReader(name="id_reader")


@pytest.fixture
def printer(tmp_path: Path) -> SimulatedPrinter:
    return SimulatedPrinter(tmp_path, name="printer")


def test_the_first_poll_announces_each_device_and_a_card_already_on_the_reader(
    reader: SimulatedIdReader, printer: SimulatedPrinter
) -> None:
    recorder = Recorder()
    manager = DeviceManager({"id_reader": reader, "printer": printer}, recorder)

    manager.poll_once()

    assert recorder.kinds() == [
        ("id_reader", "attached"),
        ("id_reader", "card_inserted"),
        ("printer", "attached"),
    ]
    assert manager.statuses()["printer"].media == "ok"


def test_nothing_is_emitted_while_nothing_changes(
    reader: SimulatedIdReader, printer: SimulatedPrinter
) -> None:
    recorder = Recorder()
    manager = DeviceManager({"id_reader": reader, "printer": printer}, recorder)
    manager.poll_once()
    recorder.kinds()

    assert manager.poll_once() == []
    assert recorder.events == []


def test_taking_the_card_off_and_putting_it_back_gives_card_removed_then_card_inserted(
    reader: SimulatedIdReader,
) -> None:
    recorder = Recorder()
    manager = DeviceManager({"id_reader": reader}, recorder)
    manager.poll_once()
    recorder.kinds()

    reader.remove()
    manager.poll_once()
    assert recorder.kinds() == [("id_reader", "card_removed")]
    assert manager.statuses()["id_reader"].media == "notPresent"

    reader.insert()
    manager.poll_once()
    assert recorder.kinds() == [("id_reader", "card_inserted")]


def test_paper_running_low_then_out_then_refilled_is_reported_step_by_step(
    printer: SimulatedPrinter,
) -> None:
    recorder = Recorder()
    manager = DeviceManager({"printer": printer}, recorder)
    manager.poll_once()
    recorder.kinds()

    printer.set_paper("low")
    manager.poll_once()
    assert recorder.kinds() == [("printer", "paper_low")]

    printer.set_paper("out")
    manager.poll_once()
    assert recorder.kinds() == [("printer", "status_changed"), ("printer", "paper_out")]
    assert manager.statuses()["printer"].state is DeviceState.USER_ERROR

    printer.set_paper("ok")
    manager.poll_once()
    assert recorder.kinds() == [("printer", "status_changed"), ("printer", "paper_ok")]


def test_an_unplugged_reader_is_detached_only_after_three_polls_and_attached_when_back(
    reader: SimulatedIdReader,
) -> None:
    recorder = Recorder()
    manager = DeviceManager({"id_reader": reader}, recorder, misses_to_gone=3)
    manager.poll_once()
    recorder.kinds()

    reader.set_attached(False)
    manager.poll_once()
    manager.poll_once()
    assert recorder.kinds() == []
    assert manager.statuses()["id_reader"].state is DeviceState.ONLINE  # last known, debounced

    manager.poll_once()
    assert recorder.kinds() == [("id_reader", "detached")]
    assert manager.statuses()["id_reader"].state is DeviceState.NO_DEVICE

    manager.poll_once()
    assert recorder.kinds() == []

    reader.set_attached(True)
    manager.poll_once()
    assert recorder.kinds() == [("id_reader", "attached"), ("id_reader", "card_inserted")]


def test_a_reader_that_drops_out_for_two_polls_is_never_reported_detached(
    reader: SimulatedIdReader,
) -> None:
    recorder = Recorder()
    manager = DeviceManager({"id_reader": reader}, recorder, misses_to_gone=3)
    manager.poll_once()
    recorder.kinds()

    for _ in range(3):
        reader.set_attached(False)
        manager.poll_once()
        manager.poll_once()
        reader.set_attached(True)
        manager.poll_once()

    assert recorder.kinds() == []


class BrokenDevice:
    """A driver whose status check has a bug."""

    name = "broken"

    def status(self) -> DeviceStatus:
        raise RuntimeError("driver bug: index out of range")


def test_a_device_whose_status_raises_is_a_hardware_error_and_the_others_still_get_polled(
    printer: SimulatedPrinter,
) -> None:
    recorder = Recorder()
    manager = DeviceManager({"broken": BrokenDevice(), "printer": printer}, recorder)

    manager.poll_once()

    status = manager.statuses()["broken"]
    assert status.state is DeviceState.HARDWARE_ERROR
    assert "driver bug: index out of range" in status.reason
    assert ("printer", "attached") in recorder.kinds()


def test_events_carry_the_status_before_and_after(reader: SimulatedIdReader) -> None:
    recorder = Recorder()
    manager = DeviceManager({"id_reader": reader}, recorder)
    manager.poll_once()
    recorder.events.clear()

    reader.remove()
    (event,) = manager.poll_once()

    assert event == recorder.events[0]
    assert event.previous is not None
    assert event.previous.media == "present"
    assert event.status.media == "notPresent"


def test_a_reader_absent_from_the_start_is_announced_only_once_plugged_in(
    reader: SimulatedIdReader,
) -> None:
    recorder = Recorder()
    manager = DeviceManager({"id_reader": reader}, recorder)
    reader.set_attached(False)

    manager.poll_once()
    assert recorder.kinds() == []
    assert manager.statuses()["id_reader"].state is DeviceState.NO_DEVICE

    reader.set_attached(True)
    manager.poll_once()
    assert recorder.kinds() == [("id_reader", "attached"), ("id_reader", "card_inserted")]


def test_a_printout_taken_from_the_slot_is_reported_once_as_media_taken(tmp_path: Path) -> None:
    printer = SimulatedPrinter(tmp_path / "out")
    events: list[DeviceEvent] = []
    manager = DeviceManager({"printer": printer}, events.append)
    manager.poll_once()
    pdf = tmp_path / "slip.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert printer.print_pdf(pdf, title="slip").ok
    manager.poll_once()
    events.clear()

    printer.take_printout()
    manager.poll_once()
    manager.poll_once()

    assert [event.kind for event in events] == ["media_taken"]
    assert events[0].previous is not None
    assert events[0].previous.presented is True
