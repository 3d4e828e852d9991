"""The frame codec: documented frames byte for byte, and every way a frame can be wrong."""

from __future__ import annotations

import pytest

from devices.resident_id.errors import FrameError
from devices.resident_id.frames import (
    BaseMessage,
    Response,
    bytes_still_needed,
    decode_frame,
    decode_response,
    encode_command,
    encode_frame,
    split_base_message,
    split_frame,
)
from devices.resident_id.status_words import Command, describe

FIND_OK = bytes.fromhex("AAAAAA9669000800009F0000000097")
SELECT_OK = bytes.fromhex("AAAAAA9669000C00009000000000000000009C")


@pytest.mark.parametrize(
    ("command", "frame"),
    [
        (Command.RESET_SAM, "AAAAAA9669000310FFEC"),
        (Command.SAM_STATUS, "AAAAAA9669000311FFED"),
        (Command.SAM_ID, "AAAAAA9669000312FFEE"),
        (Command.FIND_CARD, "AAAAAA96690003200122"),
        (Command.SELECT_CARD, "AAAAAA96690003200221"),
        (Command.READ_TEXT_PHOTO, "AAAAAA96690003300132"),
        (Command.READ_APPENDED_ADDRESS, "AAAAAA96690003300330"),
        (Command.READ_TEXT_PHOTO_FINGERPRINT, "AAAAAA96690003301023"),
    ],
)
def test_commands_encode_to_the_documented_frames(command: Command, frame: str) -> None:
    assert encode_command(command) == bytes.fromhex(frame)


def test_documented_answers_decode_to_their_status() -> None:
    assert decode_response(FIND_OK) == Response(0, 0, 0x9F, bytes(4))
    assert decode_response(SELECT_OK) == Response(0, 0, 0x90, bytes(8))
    assert decode_response(bytes.fromhex("AAAAAA9669000400008084")).sw3 == 0x80
    assert decode_response(bytes.fromhex("AAAAAA9669000400004145")).sw3 == 0x41


@pytest.mark.parametrize(
    ("frame", "complaint"),
    [
        ("AAAAAA96690003200123", "checksum"),
        ("AAAAAA96680003200122", "preamble"),
        ("AAAAAA966900032001", "length"),
        ("AAAAAA9669000800009F00000097", "length"),
        ("AAAAAA9669", "short"),
    ],
)
def test_broken_frames_are_rejected_naming_the_rule(frame: str, complaint: str) -> None:
    with pytest.raises(FrameError, match=complaint):
        decode_frame(bytes.fromhex(frame))


def test_response_without_status_bytes_is_rejected() -> None:
    with pytest.raises(FrameError, match="SW1 SW2 SW3"):
        decode_response(encode_frame(b"\x00\x00"))


def test_noise_before_a_preamble_is_skipped() -> None:
    skip, frame = split_frame(b"\x01\x02\x96\x69" + FIND_OK + b"\xff")
    assert skip == 4
    assert frame == FIND_OK


def test_a_preamble_split_across_reads_is_kept() -> None:
    skip, frame = split_frame(b"\x00\x13\xaa\xaa")
    assert (skip, frame) == (2, None)


def test_an_incomplete_frame_waits_for_more_bytes() -> None:
    assert split_frame(FIND_OK[:-1]) == (0, None)
    assert bytes_still_needed(FIND_OK[:-1]) == 1
    assert bytes_still_needed(FIND_OK[:3]) == 4


def test_an_impossible_length_is_refused_at_once() -> None:
    with pytest.raises(FrameError, match="impossible length"):
        split_frame(bytes.fromhex("AAAAAA9669FFFF"))
    with pytest.raises(FrameError, match="impossible length"):
        split_frame(bytes.fromhex("AAAAAA96690002"))


def test_read_answer_splits_into_text_and_photo() -> None:
    data = b"\x01\x00\x04\x00" + b"t" * 256 + b"p" * 1024
    assert split_base_message(data) == BaseMessage(text=b"t" * 256, photo=b"p" * 1024)


def test_read_answer_whose_lengths_lie_is_refused() -> None:
    with pytest.raises(FrameError, match="announces"):
        split_base_message(b"\x01\x00\x04\x00" + b"t" * 256)


def test_status_words_are_described_in_plain_words() -> None:
    assert describe(0x41) == "SW3 41 (reading the card failed)"
    assert describe(0x55) == "SW3 55 (undocumented status)"
