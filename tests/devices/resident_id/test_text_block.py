"""The 256-byte text block decoder and the identity-number validation behind it."""

from __future__ import annotations

from datetime import date

import pytest

from devices.resident_id.errors import CardDataError
from devices.resident_id.id_number import validate_id_number
from devices.resident_id.text_block import decode_appended_address, decode_text_block
from tests.devices.resident_id.card_blocks import field_bytes, text_block


def test_good_block_decodes_every_field() -> None:
    card = decode_text_block(text_block())
    assert card.name == "王丽华"
    assert card.sex == "F"
    assert (card.ethnicity_code, card.ethnicity) == ("01", "汉")
    assert card.birth_date == date(1962, 5, 5)
    assert card.address == "浙江省金华市婺城区将军路88号"
    assert card.id_number == "330702196205050824"
    assert card.issuing_authority == "金华市公安局婺城分局"
    assert card.valid_from == date(2016, 3, 1)
    assert card.valid_to is None


def test_dated_validity_end_is_a_date() -> None:
    assert decode_text_block(text_block(valid_to="20360301")).valid_to == date(2036, 3, 1)


def test_nul_padding_from_vendor_buffers_is_stripped() -> None:
    block = bytearray(text_block())
    block[6:30] = bytes(24)  # name "王丽华" then NULs instead of spaces
    assert decode_text_block(bytes(block)).name == "王丽华"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"sex": "3"}, "sex"),
        ({"nation": "77"}, "nation"),
        ({"birth": "19620230"}, "birth"),
        ({"birth": "1962055"}, "birth"),
        ({"valid_from": "2016０301"}, "valid_from"),
        ({"valid_to": "20100101"}, "valid_to"),
        ({"valid_from": "19600101", "valid_to": "19700101"}, "valid_from"),
        ({"name": ""}, "name"),
        ({"address": "   "}, "address"),
        ({"authority": "公安局\x07"}, "authority"),
        ({"id_number": "33070219620505082Y"}, "id_number"),
        ({"reserved": " " * 14 + "J"}, "card_type"),
    ],
)
def test_defective_fields_are_refused_by_name(overrides: dict[str, str], field: str) -> None:
    with pytest.raises(CardDataError) as caught:
        decode_text_block(text_block(**overrides))
    assert caught.value.field == field


def test_block_of_the_wrong_size_is_refused() -> None:
    with pytest.raises(CardDataError, match="255 bytes"):
        decode_text_block(text_block()[:-1])


def test_lone_surrogate_is_not_text() -> None:
    block = bytearray(text_block())
    block[0:2] = b"\x00\xd8"
    with pytest.raises(CardDataError, match="UTF-16LE"):
        decode_text_block(bytes(block))


def test_appended_address_decodes_and_blank_means_none() -> None:
    assert decode_appended_address(field_bytes("浙江省金华市金东区新址路8号", 70)) == (
        "浙江省金华市金东区新址路8号"
    )
    assert decode_appended_address(field_bytes("", 70)) == ""
    with pytest.raises(CardDataError):
        decode_appended_address(b"\x20\x00" * 34)


@pytest.mark.parametrize(
    ("number", "birth", "sex"),
    [
        ("11010519491231002X", date(1949, 12, 31), "F"),
        ("440524188001010014", date(1880, 1, 1), "M"),
        ("330106200002290010", date(2000, 2, 29), "M"),
        ("810000199507010059", date(1995, 7, 1), "M"),  # HK residence permit: not in stdnum's table
        ("830000198808080121", date(1988, 8, 8), "F"),
        ("330702196205050824", date(1962, 5, 5), "X"),  # sex unspecified: no parity check
    ],
)
def test_valid_identity_numbers_pass(number: str, birth: date, sex: str) -> None:
    assert validate_id_number(number, birth_date=birth, sex=sex) == number


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("330702199005171239", "check character"),
        ("11010519491231002x", "ASCII digits"),
        ("33070219900517123", "17 characters"),
        ("３３０７０２１９９００５１７１２３８", "ASCII digits"),  # full-width digits
        ("990702199005171230", "no province"),
        ("330702199002301236", "not a real date"),
    ],
)
def test_invalid_identity_numbers_are_refused(number: str, reason: str) -> None:
    with pytest.raises(CardDataError, match=reason):
        validate_id_number(number, birth_date=date(1990, 5, 17), sex="M")


def test_identity_number_must_agree_with_the_card() -> None:
    with pytest.raises(CardDataError, match="birth date"):
        validate_id_number("330702199005171238", birth_date=date(1990, 5, 18), sex="M")
    with pytest.raises(CardDataError, match="sex digit"):
        validate_id_number("330702199005171238", birth_date=date(1990, 5, 17), sex="F")
