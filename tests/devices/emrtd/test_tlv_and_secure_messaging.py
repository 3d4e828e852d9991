"""BER-TLV parsing and secure-messaging unwrapping against hostile bytes (hypothesis)."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.emrtd import tlv
from devices.emrtd.apdu import CommandApdu
from devices.emrtd.crypto import encrypt, pad, retail_mac
from devices.emrtd.errors import ProtocolError, SecureMessagingError, SmSessionEndedError, TlvError
from devices.emrtd.secure_messaging import SecureMessaging, max_plain_in_short_response

KS_ENC = bytes.fromhex("979EC13B1CBFE9DCD01AB0FED307EAE5")
KS_MAC = bytes.fromhex("F1CB1F1FB5ADF208806B89DC579DC1F8")
SSC = bytes.fromhex("887022120C06C226")


def chip_response(data: bytes, sw: int, ssc_after_command: int, *, odd: bool = False) -> bytes:
    """What a chip sends back: DO87/DO85 + DO99 + DO8E, outer 9000 (test-side code)."""
    data_do = b""
    if data:
        cryptogram = encrypt(KS_ENC, pad(data))
        data_do = tlv.encode(0x85, cryptogram) if odd else tlv.encode(0x87, b"\x01" + cryptogram)
    do99 = tlv.encode(0x99, sw.to_bytes(2, "big"))
    ssc = (ssc_after_command + 1).to_bytes(8, "big")
    mac = retail_mac(KS_MAC, pad(ssc + data_do + do99))
    return data_do + do99 + tlv.encode(0x8E, mac) + b"\x90\x00"


def _fresh() -> SecureMessaging:
    return SecureMessaging(KS_ENC, KS_MAC, SSC)


tags = st.one_of(
    st.integers(0x01, 0x1E).map(lambda t: t | 0x80),
    st.integers(0x1F, 0x7F).map(lambda t: 0x5F00 | t),
    st.integers(0x1F, 0x7F).map(lambda t: 0x7F00 | t),
)


@given(st.lists(st.tuples(tags, st.binary(max_size=300)), max_size=6))
def test_encoded_objects_parse_back_to_the_same_tags_and_values(
    objects: list[tuple[int, bytes]],
) -> None:
    data = b"".join(tlv.encode(tag, value) for tag, value in objects)

    assert [(o.tag, o.value) for o in tlv.parse(data)] == objects
    if objects:
        assert tlv.total_length(data) == len(tlv.encode(*objects[0]))


@given(st.binary(max_size=400))
def test_arbitrary_bytes_parse_or_raise_tlv_error_only(data: bytes) -> None:
    try:
        for item in tlv.parse(data):
            if item.constructed:
                item.children()
    except TlvError:
        pass
    with contextlib.suppress(TlvError):
        tlv.total_length(data)


def test_tlv_refuses_indefinite_lengths_and_values_past_the_end() -> None:
    with pytest.raises(TlvError, match="indefinite"):
        tlv.parse(bytes.fromhex("6180"))
    with pytest.raises(TlvError, match="past the end"):
        tlv.parse(bytes.fromhex("5F1F0541"))
    assert tlv.total_length(bytes.fromhex("7582")) is None
    assert tlv.total_length(bytes.fromhex("75820BAC")) == 4 + 0x0BAC


def test_largest_short_protected_answer_for_3des_is_231_bytes() -> None:
    assert max_plain_in_short_response(8) == 231


@pytest.mark.parametrize("size", [0, 1, 7, 8, 231, 4000, 65472])
@pytest.mark.parametrize("odd", [False, True])
def test_protected_responses_of_any_size_unwrap_to_the_plain_data(size: int, odd: bool) -> None:
    channel = _fresh()
    plain = bytes(i % 251 for i in range(size))
    channel.protect(CommandApdu(0x00, 0xB1 if odd else 0xB0, 0, 0, ne=65536), extended=True)

    answer = channel.unprotect(
        chip_response(plain, 0x9000, int.from_bytes(SSC, "big") + 1, odd=odd)
    )

    assert (answer.data, answer.sw) == (plain, 0x9000)


def test_extended_protected_command_carries_a_two_byte_le_and_extended_outer_length() -> None:
    apdu = _fresh().protect(CommandApdu(0x00, 0xB0, 0x81, 0x00, ne=65536), extended=True)

    assert apdu[:5] == bytes.fromhex("0CB0810000")
    assert apdu[7:11] == bytes.fromhex("97020000")
    assert apdu[-2:] == b"\x00\x00"


def test_a_bare_status_word_means_the_chip_ended_secure_messaging() -> None:
    with pytest.raises(SmSessionEndedError) as caught:
        _fresh().unprotect(bytes.fromhex("6700"))
    assert caught.value.sw == 0x6700


def test_a_response_from_a_stale_counter_is_refused() -> None:
    channel = _fresh()
    channel.protect(CommandApdu(0x00, 0xB0, 0, 0, ne=4), extended=False)

    with pytest.raises(SecureMessagingError, match="MAC"):
        channel.unprotect(chip_response(b"abcd", 0x9000, int.from_bytes(SSC, "big") + 5))


@given(st.binary(max_size=300))
def test_arbitrary_response_bytes_unwrap_or_raise_protocol_errors_only(raw: bytes) -> None:
    channel = _fresh()
    channel.protect(CommandApdu(0x00, 0xB0, 0, 0, ne=231), extended=False)
    with contextlib.suppress(ProtocolError):
        channel.unprotect(raw)


@given(st.binary(min_size=1, max_size=64), st.integers(0, 1000), st.integers(0, 7))
def test_any_flipped_bit_in_a_protected_response_is_caught(
    data: bytes, where: int, bit: int
) -> None:
    channel = _fresh()
    channel.protect(CommandApdu(0x00, 0xB0, 0, 0, ne=len(data)), extended=False)
    response = bytearray(chip_response(data, 0x9000, int.from_bytes(SSC, "big") + 1))
    position = where % (len(response) - 2)  # the outer SW is not protected by design
    response[position] ^= 1 << bit

    with pytest.raises(ProtocolError):
        channel.unprotect(bytes(response))
