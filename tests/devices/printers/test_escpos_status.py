"""DLE EOT status bytes: table cases from the Epson reference and hypothesis properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.printers.escpos_status import (
    RealTimeStatus,
    decode,
    is_status_byte,
    query,
    to_device_status,
)
from devices.status import DeviceState

FIXED = 0x12


def encode(s: RealTimeStatus) -> tuple[int, int, int, int]:
    """The four bytes an Epson TM printer sends for ``s`` (bits written out from the manual)."""
    printer = FIXED | (0x08 if s.offline else 0) | (0x20 if s.waiting_recovery else 0)
    offline = (
        FIXED
        | (0x04 if s.cover_open else 0)
        | (0x08 if s.feed_button else 0)
        | (0x20 if s.stopped_paper_end else 0)
        | (0x40 if s.error else 0)
    )
    error = (
        FIXED
        | (0x08 if s.cutter_error else 0)
        | (0x20 if s.unrecoverable_error else 0)
        | (0x40 if s.auto_recoverable_error else 0)
    )
    paper = FIXED | (0x0C if s.paper_near_end else 0) | (0x60 if s.paper_end else 0)
    return printer, offline, error, paper


statuses = st.builds(RealTimeStatus, *[st.booleans()] * 11)
status_bytes = st.sampled_from([v for v in range(256) if is_status_byte(v)])


@pytest.mark.parametrize(
    ("answers", "state", "reason", "media"),
    [
        ((0x12, 0x12, 0x12, 0x12), DeviceState.ONLINE, "ready", "ok"),
        ((0x12, 0x12, 0x12, 0x1E), DeviceState.ONLINE, "paper near end", "low"),
        ((0x1A, 0x32, 0x12, 0x7E), DeviceState.USER_ERROR, "paper out", "out"),
        ((0x12, 0x12, 0x12, 0x72), DeviceState.USER_ERROR, "paper out", "out"),
        ((0x1A, 0x16, 0x12, 0x12), DeviceState.USER_ERROR, "cover open", "ok"),
        (
            (0x1A, 0x52, 0x1A, 0x12),
            DeviceState.HARDWARE_ERROR,
            "autocutter error (paper jam?)",
            None,
        ),
        (
            (0x1A, 0x52, 0x52, 0x12),
            DeviceState.DEVICE_BUSY,
            "print head too hot; waits to recover",
            None,
        ),
        ((0x1A, 0x12, 0x12, 0x12), DeviceState.OFFLINE, "printer offline", None),
    ],
)
def test_epson_status_bytes_map_to_kiosk_status(
    answers: tuple[int, int, int, int], state: DeviceState, reason: str, media: str | None
) -> None:
    status = to_device_status(decode(*answers))

    assert (status.state, status.reason, status.media) == (state, reason, media)


def test_queries_are_dle_eot_n() -> None:
    assert [query(n) for n in (1, 2, 3, 4)] == [
        b"\x10\x04\x01",
        b"\x10\x04\x02",
        b"\x10\x04\x03",
        b"\x10\x04\x04",
    ]
    with pytest.raises(ValueError, match="1..4"):
        query(5)


@given(statuses)
def test_decoding_the_bytes_of_a_status_gives_it_back(status: RealTimeStatus) -> None:
    assert decode(*encode(status)) == status


@given(status_bytes, status_bytes, status_bytes, status_bytes)
def test_any_well_formed_answer_maps_to_a_status_with_a_reason(
    a: int, b: int, c: int, d: int
) -> None:
    decoded = decode(a, b, c, d)
    status = to_device_status(decoded)

    assert status.reason
    assert (status.media == "out") == decoded.paper_out
    if status.usable:
        assert not decoded.paper_out
        assert not decoded.cover_open
        assert not decoded.offline
        assert not decoded.error


@given(st.integers(0, 255).filter(lambda v: not is_status_byte(v)), st.integers(0, 3))
def test_a_byte_without_the_fixed_bits_is_rejected(bad: int, position: int) -> None:
    answers = [0x12] * 4
    answers[position] = bad

    with pytest.raises(ValueError, match=f"0x{bad:02X} is not an answer to DLE EOT {position + 1}"):
        decode(*answers)
