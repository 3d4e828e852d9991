"""Log lines leave the kiosk (``upload_logs``) without the personal data they may quote:
identity numbers, mobiles, names, passport numbers, MRZ lines, e-mail addresses."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.scrub import scrub

VALID_IDS = ("330702196205050824", "330702198503121239", "330702199001010023", "11010519491231002X")
MOBILES = ("13800138000", "19912345678", "15057981234")
NAMES = ("王丽华", "李明", "欧阳娜娜", "买买提·艾力")

# Whatever a log line may hold around the data: words, digits, punctuation, Chinese.
surroundings = st.text(
    alphabet=st.sampled_from(list("abcXYZ 0123456789:=,;'\"{}[]()-_/.@<中文名字")), max_size=30
)


def test_a_careless_log_line_keeps_its_sense_but_not_the_citizen() -> None:
    line = "read card of 王丽华, id 330702196205050824, mobile 13800138000; retrying in 5 s"

    assert scrub(line) == "read card of [text], id [id number], mobile [mobile]; retrying in 5 s"


def test_numbers_written_with_spaces_or_a_country_code_are_taken_out() -> None:
    assert scrub("id 330702 19620505 0824") == "id [id number]"
    assert scrub("call +86 138 0013 8000 now") == "call [mobile] now"


def test_labelled_values_go_whatever_their_script() -> None:
    assert scrub("holder_name='WANG LIHUA' ok") == "holder_name=[removed] ok"
    assert scrub('{"mobile": "13800138000", "service": "GT-SETUP"}') == (
        '{"mobile": [removed], "service": "GT-SETUP"}'
    )


def test_passport_numbers_mrz_lines_and_email_addresses_go() -> None:
    assert scrub("passport E12345678 refused") == "passport [document number] refused"
    assert scrub("passport EA1234567 refused") == "passport [document number] refused"
    assert scrub("mrz P<CHNWANG<<LIHUA<<<<<<<<<<<<< read") == "mrz [mrz] read"
    assert scrub("mail wang.lihua@example.com") == "mail [email]"


def test_control_and_bidi_characters_become_spaces() -> None:
    assert scrub("a\x1b[31mb\u202ec") == "a [31mb c"


def test_what_technicians_need_stays() -> None:
    line = (
        "2026-11-22 10:15:00,123 WARNING kiosk.sync.engine: delivered K0001-000123 as"
        " KA20261122-000001 (key 4f1c2e8a) at 127.0.0.1:8700"
    )

    assert scrub(line) == line


@settings(max_examples=300)
@given(
    before=surroundings,
    after=surroundings,
    id_number=st.sampled_from(VALID_IDS),
    mobile=st.sampled_from(MOBILES),
    name=st.sampled_from(NAMES),
)
def test_no_identity_number_mobile_or_name_survives_whatever_is_around_it(
    before: str, after: str, id_number: str, mobile: str, name: str
) -> None:
    cleaned = scrub(f"{before}{id_number}{after} {before}{mobile}{after} {before}{name}{after}")

    assert id_number not in cleaned
    assert id_number.lower() not in cleaned
    assert mobile not in cleaned
    assert not set(name) & set(cleaned.replace("[", "").replace("]", ""))
