"""The vendor-SDK adapter against a stand-in library built by gcc from sdk_standin.c."""

from __future__ import annotations

import ctypes
import ctypes.util
from datetime import date
from pathlib import Path

import pytest

from devices.errors import DeviceConfigError
from devices.identity import Verdict
from devices.protocols import IdentityReader, ReadOutcome
from devices.resident_id import SdkResidentIdReader
from devices.status import DeviceState

FAULT_NO_CARD = 1
FAULT_READ_ERROR = 2
FAULT_PORT = 3
FAULT_TIMEOUT_ONCE = 4
FAULT_TIMEOUT_ALWAYS = 5
FAULT_SAM_REJECTS = 6
FAULT_NO_APPENDED = 7


class StandIn:
    """Test controls of the stand-in library (the same dlopen handle the adapter uses)."""

    def __init__(self, path: Path) -> None:
        self._lib = ctypes.CDLL(str(path))
        self._lib.standin_calls.argtypes = [ctypes.c_char_p]

    def fault(self, fault: int) -> None:
        self._lib.standin_set_fault(fault)

    def present_card(self) -> None:
        self._lib.standin_present_card()

    def calls(self, function: str) -> int:
        return int(self._lib.standin_calls(function.encode()))


@pytest.fixture
def standin(standin_library: Path) -> StandIn:
    return StandIn(standin_library)


@pytest.fixture
def reader(standin_library: Path, standin: StandIn) -> SdkResidentIdReader:
    return SdkResidentIdReader(standin_library, port=1001, name="counter 3")


def test_sdk_reads_the_stand_in_card_with_every_field(reader: SdkResidentIdReader) -> None:
    result = reader.read()

    assert result.outcome is ReadOutcome.OK, result.detail
    doc = result.document
    assert doc is not None
    assert (doc.name_cn, doc.sex, doc.ethnicity) == ("李小红", "F", "回")
    assert doc.birth_date == date(1985, 12, 31)
    assert doc.id_number == doc.document_number == "330782198512312469"
    assert doc.issuing_authority == "义乌市公安局"
    assert (doc.valid_from, doc.expiry_date) == (date(2015, 6, 1), date(2035, 6, 1))
    assert doc.address == "浙江省金华市示例路2号"  # the appended address wins
    assert doc.extra["printed_address"] == "浙江省义乌市稠州北路100号"
    assert doc.photo == bytes((i * 7 + 3) & 0xFF for i in range(1024))
    assert doc.photo_media_type == "application/x-wlt"
    assert (doc.provenance.reader, doc.provenance.protocol) == ("counter 3", "sam-sdk")
    assert doc.authenticity.verdict is Verdict.NOT_CHECKED


def test_sdk_reader_is_an_identity_reader(reader: SdkResidentIdReader) -> None:
    assert isinstance(reader, IdentityReader)


def test_sdk_without_a_card_reports_no_document(
    reader: SdkResidentIdReader, standin: StandIn
) -> None:
    standin.fault(FAULT_NO_CARD)
    assert reader.read().outcome is ReadOutcome.NO_DOCUMENT
    assert reader.status().media == "notPresent"


def test_sdk_read_error_means_the_card_was_lifted(
    reader: SdkResidentIdReader, standin: StandIn
) -> None:
    standin.fault(FAULT_READ_ERROR)
    result = reader.read()
    assert result.outcome is ReadOutcome.REMOVED


def test_sdk_card_must_be_re_presented_between_reads(
    reader: SdkResidentIdReader, standin: StandIn
) -> None:
    assert reader.read().outcome is ReadOutcome.OK
    assert reader.read().outcome is ReadOutcome.ALREADY_READ
    standin.present_card()
    assert reader.read().outcome is ReadOutcome.OK


def test_sdk_timeout_is_retried_once(reader: SdkResidentIdReader, standin: StandIn) -> None:
    standin.fault(FAULT_TIMEOUT_ONCE)
    assert reader.read().outcome is ReadOutcome.OK
    assert standin.calls("SDT_ReadBaseMsg") == 2
    assert standin.calls("SDT_StartFindIDCard") == 1


def test_sdk_reader_that_keeps_timing_out_reports_timeout(
    reader: SdkResidentIdReader, standin: StandIn
) -> None:
    standin.fault(FAULT_TIMEOUT_ALWAYS)
    result = reader.read()
    assert result.outcome is ReadOutcome.TIMEOUT
    assert "read text + photo" in result.detail


def test_sdk_card_the_sam_rejects_reports_access_denied(
    reader: SdkResidentIdReader, standin: StandIn
) -> None:
    standin.fault(FAULT_SAM_REJECTS)
    assert reader.read().outcome is ReadOutcome.ACCESS_DENIED


def test_sdk_card_without_appended_address_keeps_the_printed_one(
    reader: SdkResidentIdReader, standin: StandIn
) -> None:
    standin.fault(FAULT_NO_APPENDED)
    result = reader.read()
    assert result.document is not None
    assert result.document.address == "浙江省义乌市稠州北路100号"
    assert result.document.extra["appended_address_status"] == "none"


def test_sdk_port_that_will_not_open_reports_no_reader(
    reader: SdkResidentIdReader, standin: StandIn
) -> None:
    standin.fault(FAULT_PORT)
    result = reader.read()
    assert result.outcome is ReadOutcome.NO_READER
    assert "port 1001" in result.detail
    assert reader.status().state is DeviceState.NO_DEVICE


def test_sdk_port_lost_mid_session_reports_no_reader_then_recovers(
    reader: SdkResidentIdReader, standin: StandIn
) -> None:
    assert reader.status().usable
    standin.fault(FAULT_PORT)
    assert reader.read().outcome is ReadOutcome.NO_READER
    standin.fault(0)
    assert reader.read().outcome is ReadOutcome.OK
    # Opened for status(); closed when the loss showed; opened afresh by the recovery.
    assert standin.calls("SDT_OpenPort") == 2
    assert standin.calls("SDT_ClosePort") == 1


def test_sdk_close_releases_the_port(reader: SdkResidentIdReader, standin: StandIn) -> None:
    reader.read()
    reader.close()
    reader.close()
    assert standin.calls("SDT_ClosePort") == 1


def test_missing_sdk_library_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(DeviceConfigError, match="cannot load"):
        SdkResidentIdReader(tmp_path / "libtermb.so")


def test_library_without_the_sdt_functions_is_a_configuration_error() -> None:
    libc = ctypes.util.find_library("c")
    assert libc is not None
    with pytest.raises(DeviceConfigError, match="lacks SDT_"):
        SdkResidentIdReader(libc)
