"""The serial driver against the independent SAM simulator on a pseudo-terminal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from devices.identity import DocumentType, Verdict
from devices.protocols import IdentityReader, ReadOutcome
from devices.resident_id import SerialResidentIdReader
from devices.status import DeviceState
from tests.devices.resident_id.sam_simulator import SAMPLE_CARD, SamSimulator

StartSimulator = Callable[..., SamSimulator]
OpenReader = Callable[..., SerialResidentIdReader]

PHOTO = bytes((i * 13 + 5) % 256 for i in range(1024))


def test_clean_read_decodes_and_validates_every_field(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    card = dict(SAMPLE_CARD, name="欧阳明月", sex="2", nation="05", birth="19851231",
                id_number="330782198512312469", address="浙江省义乌市稠州北路100号",
                authority="义乌市公安局", valid_from="20150601", valid_to="20350601")  # fmt: skip
    sim = start_simulator(card=card, photo=PHOTO)
    reader = open_reader(sim.port, name="kiosk-7 id reader")

    result = reader.read()

    assert result.outcome is ReadOutcome.OK, result.detail
    doc = result.document
    assert doc is not None
    assert doc.document_type is DocumentType.CN_RESIDENT_ID
    assert doc.name_cn == "欧阳明月"
    assert doc.display_name == "欧阳明月"
    assert doc.sex == "F"
    assert doc.ethnicity == "维吾尔"
    assert doc.extra["ethnicity_code"] == "05"
    assert doc.birth_date == date(1985, 12, 31)
    assert doc.address == "浙江省义乌市稠州北路100号"
    assert doc.id_number == doc.document_number == "330782198512312469"
    assert doc.issuing_authority == "义乌市公安局"
    assert doc.valid_from == date(2015, 6, 1)
    assert doc.expiry_date == date(2035, 6, 1)
    assert doc.nationality == "CHN"
    assert doc.photo == PHOTO
    assert doc.photo_media_type == "application/x-wlt"
    assert doc.provenance.reader == "kiosk-7 id reader"
    assert doc.provenance.protocol == "sam-serial"
    assert doc.authenticity.verdict is Verdict.NOT_CHECKED
    assert "SAM" in doc.authenticity.detail
    assert doc.extra["appended_address_status"] == "none"
    assert sim.commands() == ["find", "select", "read", "read-new-address"]


def test_card_valid_for_life_has_no_expiry_date(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator()  # the sample card says 长期
    result = open_reader(sim.port).read()
    assert result.document is not None
    assert result.document.expiry_date is None
    assert result.document.name_cn == "测试样例"
    assert result.document.sex == "M"
    assert result.document.ethnicity == "汉"


def test_serial_reader_is_an_identity_reader(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator()
    assert isinstance(open_reader(sim.port), IdentityReader)


def test_empty_reader_reports_no_document(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(extra_args=("--start-removed",))
    reader = open_reader(sim.port)

    result = reader.read()

    assert result.outcome is ReadOutcome.NO_DOCUMENT
    assert "no card" in result.detail
    status = reader.status()
    assert status.state is DeviceState.ONLINE
    assert status.media == "notPresent"


def test_status_says_a_card_is_present(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator()
    status = open_reader(sim.port).status()
    assert status.usable
    assert status.media == "present"


def test_bad_checksum_answer_is_retried_then_the_read_succeeds(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(faults=("bad-checksum:cmd=3001,nth=1",))

    result = open_reader(sim.port).read()

    assert result.outcome is ReadOutcome.OK, result.detail
    # The mangled read already counted on the card: the driver re-sent 30 01
    # instead of starting over with a find (which would answer 80).
    assert sim.commands()[:4] == ["find", "select", "read", "read"]


def test_reader_that_never_answers_the_read_reports_timeout(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(faults=("timeout:cmd=3001",))

    result = open_reader(sim.port, retries=2).read()

    assert result.outcome is ReadOutcome.TIMEOUT
    assert "read text + photo" in result.detail
    assert "3 attempts" in result.detail
    assert sim.commands().count("read") == 3


def test_one_lost_answer_is_retried_without_the_user_noticing(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(faults=("timeout:cmd=2001,nth=1",))
    assert open_reader(sim.port).read().outcome is ReadOutcome.OK


def test_garbage_instead_of_every_read_answer_reports_unreadable(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(faults=("garbage:cmd=3001",))
    reader = open_reader(sim.port)

    result = reader.read()

    assert result.outcome is ReadOutcome.UNREADABLE
    assert "garbled" in result.detail
    assert "form no frame" in result.detail
    # Each garbled read still counted on the card: the SAM now wants it re-presented.
    again = reader.read()
    assert again.outcome is ReadOutcome.ALREADY_READ


def test_one_burst_of_garbage_is_retried(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(faults=("garbage:cmd=2002,nth=1",))
    assert open_reader(sim.port).read().outcome is ReadOutcome.OK
    assert sim.commands()[:3] == ["find", "select", "select"]


def test_noise_before_every_good_answer_is_skipped(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(faults=("noise",))
    result = open_reader(sim.port).read()
    assert result.outcome is ReadOutcome.OK, result.detail
    assert sim.commands() == ["find", "select", "read", "read-new-address"]


def test_truncated_read_answer_is_fetched_again(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(faults=("truncate:cmd=3001,nth=1",))
    result = open_reader(sim.port).read()
    assert result.outcome is ReadOutcome.OK, result.detail
    assert sim.commands()[:4] == ["find", "select", "read", "read"]


def test_always_truncated_answers_report_unreadable_with_the_reason(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(faults=("truncate:cmd=2001",))
    result = open_reader(sim.port).read()
    assert result.outcome is ReadOutcome.UNREADABLE
    assert "find card" in result.detail
    assert "cut short" in result.detail


def test_card_lifted_during_read_reports_removed(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(faults=("no-card:cmd=3001",))
    result = open_reader(sim.port).read()
    assert result.outcome is ReadOutcome.REMOVED
    assert "during reading" in result.detail


def test_card_lifted_between_find_and_select_reports_removed(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(faults=("no-card:cmd=2002",))
    assert open_reader(sim.port).read().outcome is ReadOutcome.REMOVED


def test_card_must_leave_the_field_before_it_is_read_again(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator()
    reader = open_reader(sim.port)
    assert reader.read().outcome is ReadOutcome.OK

    second = reader.read()
    assert second.outcome is ReadOutcome.ALREADY_READ
    assert "lifted off" in second.detail
    waiting = reader.status()
    assert waiting.usable
    assert "lifted off" in waiting.reason

    sim.lift_card()
    assert reader.read().outcome is ReadOutcome.ALREADY_READ  # still lifted: 80 as before
    sim.put_card_back()
    assert reader.read().outcome is ReadOutcome.OK


def test_card_read_then_taken_away_reports_no_document_after_a_new_card_was_seen(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator()
    reader = open_reader(sim.port)
    assert reader.read().outcome is ReadOutcome.OK
    sim.lift_card()
    sim.put_card_back()
    assert reader.status().media == "present"  # a successful find ends the waiting
    sim.lift_card()
    assert reader.read().outcome is ReadOutcome.NO_DOCUMENT


def test_appended_address_replaces_the_printed_one(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(card=dict(SAMPLE_CARD, appended_address="浙江省金华市金东区新址路8号"))

    result = open_reader(sim.port).read()

    assert result.document is not None
    assert result.document.address == "浙江省金华市金东区新址路8号"
    assert result.document.extra["printed_address"] == SAMPLE_CARD["address"]
    assert result.document.extra["appended_address_status"] == "present"


def test_appended_address_not_asked_for_when_disabled(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(card=dict(SAMPLE_CARD, appended_address="浙江省金华市金东区新址路8号"))
    result = open_reader(sim.port, read_appended_address=False).read()
    assert result.document is not None
    assert result.document.address == SAMPLE_CARD["address"]
    assert "read-new-address" not in sim.commands()


def test_lost_appended_address_keeps_the_document_and_says_so(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(
        card=dict(SAMPLE_CARD, appended_address="浙江省金华市金东区新址路8号"),
        faults=("timeout:cmd=3003",),
    )
    result = open_reader(sim.port, retries=1).read()
    assert result.outcome is ReadOutcome.OK
    assert result.document is not None
    assert result.document.address == SAMPLE_CARD["address"]
    assert result.document.extra["appended_address_status"] == "unavailable"
    assert "appended address could not be read" in result.detail


def test_card_with_an_invalid_identity_number_is_unreadable_and_says_why(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(card=dict(SAMPLE_CARD, id_number="330702199005171239"))

    result = open_reader(sim.port).read()

    assert result.outcome is ReadOutcome.UNREADABLE
    assert result.document is None
    assert "id_number" in result.detail
    assert "check character" in result.detail
    assert "330702199005171239" not in result.detail  # details reach logs: no personal data


def test_card_whose_number_disagrees_with_its_birth_date_is_unreadable(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(card=dict(SAMPLE_CARD, birth="19900518"))
    result = open_reader(sim.port).read()
    assert result.outcome is ReadOutcome.UNREADABLE
    assert "birth date" in result.detail


def test_card_the_sam_cannot_authenticate_reports_access_denied(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator(faults=("status:cmd=3001,sw3=32",))
    result = open_reader(sim.port).read()
    assert result.outcome is ReadOutcome.ACCESS_DENIED
    assert "SW3 32" in result.detail


def test_port_disappearing_reports_no_reader(
    start_simulator: StartSimulator, open_reader: OpenReader
) -> None:
    sim = start_simulator()
    reader = open_reader(sim.port)
    assert reader.read().outcome is ReadOutcome.OK

    sim.stop()

    result = reader.read()
    assert result.outcome is ReadOutcome.NO_READER
    assert "serial port" in result.detail
    assert reader.status().state is DeviceState.NO_DEVICE


def test_port_that_does_not_exist_reports_no_reader(
    tmp_path: Path, open_reader: OpenReader
) -> None:
    reader = open_reader(str(tmp_path / "ttyUSB9"))
    result = reader.read()
    assert result.outcome is ReadOutcome.NO_READER
    assert "cannot open serial port" in result.detail
    assert reader.status().state is DeviceState.NO_DEVICE
