"""Hypothesis fuzzing: whatever bytes arrive, only our own results and errors come out."""

from __future__ import annotations

import contextlib

from hypothesis import example, given, settings
from hypothesis import strategies as st

from devices.resident_id.errors import CardDataError, FrameError
from devices.resident_id.frames import (
    PREAMBLE,
    bytes_still_needed,
    decode_frame,
    decode_response,
    encode_frame,
    split_base_message,
    split_frame,
)
from devices.resident_id.text_block import (
    LAYOUT,
    CardText,
    decode_appended_address,
    decode_text_block,
)
from tests.devices.resident_id.card_blocks import text_block

FIELD_NAMES = {name for name, _, _ in LAYOUT} | {"text", "card_type"}

# Noise the simulator and real lines produce: anything without the preamble's first byte.
noise = st.binary(max_size=64).map(lambda b: b.replace(b"\xaa", b"\x55"))
payloads = st.binary(min_size=3, max_size=300)


@given(st.binary(max_size=400))
@example(PREAMBLE + b"\x00\x04\x00\x00\x90\x94")
def test_any_bytes_either_decode_or_raise_frame_error(data: bytes) -> None:
    try:
        response = decode_response(data)
    except FrameError:
        return
    assert encode_frame(bytes([response.sw1, response.sw2, response.sw3]) + response.data) == data


@given(st.binary(max_size=400))
def test_splitting_any_stream_keeps_its_promises(data: bytes) -> None:
    try:
        skip, frame = split_frame(data)
    except FrameError:
        return
    assert 0 <= skip <= len(data)
    if frame is not None:
        assert data[skip:].startswith(frame)
        assert frame.startswith(PREAMBLE)
    else:
        assert bytes_still_needed(data[skip:]) >= 1


@given(noise, payloads, noise)
def test_a_frame_behind_noise_is_found_and_decoded(
    before: bytes, payload: bytes, after: bytes
) -> None:
    frame = encode_frame(payload)
    skip, found = split_frame(before + frame + after)
    assert skip == len(before)
    assert found == frame
    assert decode_frame(found) == payload


@given(payloads, st.integers(min_value=0), st.integers(min_value=1, max_value=255))
def test_any_single_corrupted_byte_is_caught(payload: bytes, where: int, flip: int) -> None:
    frame = bytearray(encode_frame(payload))
    index = len(PREAMBLE) + where % (len(frame) - len(PREAMBLE))
    frame[index] ^= flip
    try:
        decoded = decode_frame(bytes(frame))
    except FrameError:
        return
    raise AssertionError(f"corruption at {index} went unnoticed: {decoded!r}")


@given(st.binary(max_size=1400))
def test_any_read_answer_splits_or_raises_frame_error(data: bytes) -> None:
    try:
        message = split_base_message(data)
    except FrameError:
        return
    assert len(message.text) + len(message.photo) + 4 == len(data)


@settings(max_examples=300)
@given(st.one_of(st.binary(min_size=256, max_size=256), st.binary(max_size=300)))
def test_any_text_block_decodes_or_raises_card_data_error(block: bytes) -> None:
    outcome: CardText | CardDataError
    try:
        outcome = decode_text_block(block)
    except CardDataError as exc:
        outcome = exc
    if isinstance(outcome, CardDataError):
        assert outcome.field in FIELD_NAMES  # names a real field, never a stray message
    else:
        assert outcome.id_number[:17].isdigit()


@st.composite
def blocks_with_one_field_scrambled(draw: st.DrawFn) -> bytes:
    """A valid block with one field replaced by random bytes: near-miss inputs."""
    block = bytearray(text_block())
    _, offset, size = draw(st.sampled_from(LAYOUT))
    block[offset : offset + size] = draw(st.binary(min_size=size, max_size=size))
    return bytes(block)


@settings(max_examples=300)
@given(blocks_with_one_field_scrambled())
def test_near_miss_text_blocks_decode_or_raise_card_data_error(block: bytes) -> None:
    with contextlib.suppress(CardDataError):
        decode_text_block(block)


@st.composite
def blocks_with_random_text(draw: st.DrawFn) -> bytes:
    """A valid block with one field replaced by random (encodable) text of its width."""
    block = bytearray(text_block())
    _, offset, size = draw(st.sampled_from(LAYOUT))
    text = draw(
        st.text(alphabet=st.characters(codec="utf-16", max_codepoint=0xFFFF), max_size=size // 2)
    )
    raw = text.encode("utf-16-le")
    block[offset : offset + size] = raw + b" \x00" * ((size - len(raw)) // 2)
    return bytes(block)


@settings(max_examples=300)
@given(blocks_with_random_text())
def test_text_blocks_with_random_field_text_decode_or_raise_card_data_error(block: bytes) -> None:
    try:
        card = decode_text_block(block)
    except CardDataError:
        return
    assert card.sex in {"M", "F", "X"}


@given(st.binary(max_size=100))
def test_any_appended_address_decodes_or_raises_card_data_error(data: bytes) -> None:
    with contextlib.suppress(CardDataError):
        assert decode_appended_address(data) == decode_appended_address(data).rstrip(" ")
