"""Identity numbers, credit codes and mobile numbers, checked as the standards say."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from central.identifiers import (
    USCC_ALPHABET,
    issue_uscc,
    mask_id_number,
    mobile_problem,
    resident_id_check_character,
    resident_id_problem,
    uscc_problem,
)


@pytest.mark.parametrize(
    "number",
    ["11010519491231002X", "440524188001010014", "330702199003071233", "11010519491231002x"],
)
def test_standard_examples_of_identity_numbers_are_valid(number: str) -> None:
    assert resident_id_problem(number, today=date(2026, 11, 22)) is None


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("1101051949123100", "18 characters"),
        ("1101051949123100AX", "17 digits"),
        ("99010519491231002X", "province"),
        ("110105194902300021", "date of birth"),
        ("110105203001010010", "future"),
        ("110105194912310021", "check character"),
    ],
)
def test_broken_identity_numbers_say_what_is_wrong(number: str, words: str) -> None:
    problem = resident_id_problem(number, today=date(2026, 11, 22))
    assert problem is not None
    assert words in problem


@given(position=st.integers(0, 16), digit=st.integers(0, 9))
def test_any_single_typing_error_in_an_identity_number_is_caught(position: int, digit: int) -> None:
    valid = "330702199003071233"
    typed = valid[:position] + str(digit) + valid[position + 1 :]
    if typed != valid:
        body = typed[:17]
        assert resident_id_check_character(body) != valid[17]


def test_credit_code_example_from_the_standard_is_valid_and_one_changed_character_is_not() -> None:
    assert uscc_problem("91350100M000100Y43") is None
    assert uscc_problem("91350100M000100Y44") is not None
    assert uscc_problem("91350100M000I00Y43") is not None  # I is not in the alphabet


@given(
    type_code=st.sampled_from(["91", "92"]),
    division=st.sampled_from(["330702", "330782", "331102"]),
)
def test_every_issued_credit_code_is_valid(type_code: str, division: str) -> None:
    code = issue_uscc(type_code, division)
    assert code.startswith(type_code + division)
    assert uscc_problem(code) is None
    assert set(code) <= set(USCC_ALPHABET)


def test_mobile_numbers_and_masking() -> None:
    assert mobile_problem("13800138000") is None
    assert mobile_problem("12800138000") is not None
    assert mobile_problem("1380013800") is not None
    assert mask_id_number("330702199003071233") == "3307**********1233"
