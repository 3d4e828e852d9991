"""MRZ parsing (TD1/TD2/TD3), check digits and the BAC key; fuzzed with hypothesis."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.emrtd.errors import MrzError
from devices.emrtd.mrz import MrzFormat, MrzKey, birth_date, check_digit, expiry_date, parse_mrz

TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)
MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


def test_check_digit_of_the_domain_example() -> None:
    assert check_digit("L898902C3") == "6"


def test_icao_specimen_passport_parses_with_every_field() -> None:
    mrz = parse_mrz(TD3)

    assert mrz.format is MrzFormat.TD3
    assert (mrz.document_code, mrz.issuing_state, mrz.nationality) == ("P", "UTO", "UTO")
    assert (mrz.surname, mrz.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert mrz.document_number == "L898902C3"
    assert mrz.sex == "F"
    assert mrz.birth_date == date(1974, 8, 12)
    assert mrz.expiry_date == date(2012, 4, 15)
    assert mrz.optional_data == "ZE184226B"
    assert mrz.key == MrzKey("L898902C3", "740812", "120415")


def test_dg1_style_concatenated_lines_parse_too() -> None:
    assert parse_mrz(["".join(TD3)]).document_number == "L898902C3"


def test_icao_specimen_id_card_td1_parses() -> None:
    mrz = parse_mrz("\n".join(TD1))

    assert mrz.format is MrzFormat.TD1
    assert mrz.document_number == "D23145890"
    assert (mrz.surname, mrz.given_names, mrz.sex) == ("ERIKSSON", "ANNA MARIA", "F")


def test_td1_long_document_number_continues_in_the_optional_data() -> None:
    line1 = "I<UTOD23145890<7349<<<<<<<<<<<"
    line2_body = "7408122F1204159UTO<<<<<<<<<<<"
    composite = line1[5:30] + line2_body[0:7] + line2_body[8:15] + line2_body[18:29]
    line2 = line2_body[:29] + check_digit(composite)

    mrz = parse_mrz([line1, line2, "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"])

    assert mrz.document_number == "D23145890734"


def test_td2_permit_parses_as_a_travel_document() -> None:
    line1 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<"
    body = "D231458907UTO7408122F1204159<<<<<<<"
    line2 = body + check_digit(body[0:10] + body[13:20] + body[21:35])

    mrz = parse_mrz([line1, line2])

    assert mrz.format is MrzFormat.TD2
    assert (mrz.document_code, mrz.document_number) == ("I", "D23145890")


@pytest.mark.parametrize(
    ("position", "why"),
    [(9, "document number"), (19, "date of birth"), (27, "date of expiry"), (43, "composite")],
)
def test_a_wrong_check_digit_is_named_in_the_error(position: int, why: str) -> None:
    line2 = TD3[1]
    wrong = str((int(line2[position]) + 1) % 10)
    tampered = line2[:position] + wrong + line2[position + 1 :]

    with pytest.raises(MrzError, match=why):
        parse_mrz([TD3[0], tampered])


def test_two_digit_years_pick_a_plausible_century() -> None:
    today = date(2026, 11, 23)
    assert birth_date("900101", today) == date(1990, 1, 1)
    assert birth_date("260101", today) == date(2026, 1, 1)
    assert birth_date("271231", today) == date(1927, 12, 31)
    assert expiry_date("300101", today) == date(2030, 1, 1)
    assert expiry_date("991231", today) == date(1999, 12, 31)
    assert birth_date("901301", today) is None


def test_mrz_key_normalises_typed_input_and_refuses_garbage() -> None:
    assert MrzKey("e1234 5678", "900101", "300101").document_number == "E12345678"
    assert MrzKey.from_dates("E12345678", date(1990, 1, 1), date(2030, 1, 1)).birth_date == "900101"
    with pytest.raises(MrzError):
        MrzKey("E12345678", "1990-01-01", "300101")
    with pytest.raises(MrzError):
        MrzKey("张三", "900101", "300101")


def _td3(number: str, birth: str, sex: str, expiry: str, optional: str, name: str) -> list[str]:
    line1 = ("P<CHN" + name).ljust(44, "<")[:44]
    number, optional = number.ljust(9, "<"), optional.ljust(14, "<")
    body = (
        number + check_digit(number) + "CHN" + birth + check_digit(birth) + sex
        + expiry + check_digit(expiry) + optional + check_digit(optional)
    )  # fmt: skip
    return [line1, body + check_digit(body[0:10] + body[13:20] + body[21:43])]


_digits6 = st.text("0123456789", min_size=6, max_size=6)


@given(
    number=st.text(MRZ_ALPHABET[:-1], min_size=1, max_size=9),
    birth=_digits6,
    sex=st.sampled_from("MF<"),
    expiry=_digits6,
    optional=st.text(MRZ_ALPHABET, max_size=14),
    surname=st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=15),
    given_name=st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=15),
)
def test_any_well_formed_td3_round_trips(
    number: str, birth: str, sex: str, expiry: str, optional: str, surname: str, given_name: str
) -> None:
    mrz = parse_mrz(_td3(number, birth, sex, expiry, optional, f"{surname}<<{given_name}"))

    assert mrz.document_number == number
    assert (mrz.birth_date_raw, mrz.expiry_date_raw) == (birth, expiry)
    assert mrz.sex == ("X" if sex == "<" else sex)
    assert (mrz.surname, mrz.given_names) == (surname, given_name)
    assert mrz.key.mrz_information[:9] == number.ljust(9, "<")


@given(st.one_of(st.text(max_size=120), st.lists(st.text(MRZ_ALPHABET, max_size=46), max_size=4)))
def test_arbitrary_text_is_parsed_or_refused_with_mrz_error_only(text: str | list[str]) -> None:
    with contextlib.suppress(MrzError):
        parse_mrz(text)


@given(st.sampled_from([0, 1]), st.integers(0, 43), st.sampled_from(MRZ_ALPHABET))
def test_a_single_changed_character_never_crashes_the_parser(line: int, pos: int, ch: str) -> None:
    lines = list(TD3)
    lines[line] = lines[line][:pos] + ch + lines[line][pos + 1 :]
    with contextlib.suppress(MrzError):
        parse_mrz(lines)
