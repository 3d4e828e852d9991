"""The form engine validates as citizens expect and prefills from the identity document."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.catalogue import Catalogue, Field, Text
from kiosk.forms.engine import FormSession
from kiosk.forms.validation import normalise, validate_field

ID_FIELD = Field(
    "id", "text", Text("号码", "Number"), required=True, validators=("cn_resident_id",)
)
MOBILE = Field(
    "mobile",
    "text",
    Text("手机", "Mobile"),
    required=True,
    validators=("cn_mobile",),
    example_value="13800138000",
)
NAME = Field(
    "trade_name",
    "text",
    Text("名称", "Name"),
    required=True,
    min_length=4,
    max_length=10,
    pattern="^[\\u4e00-\\u9fff]+$",
)


@pytest.mark.parametrize(
    ("spec", "raw", "expected"),
    [
        (ID_FIELD, "330702196205050824", None),
        (ID_FIELD, "11010519491231002x", None),  # a lower-case check character is what people type
        (ID_FIELD, "330702196205050812", "cn_resident_id"),
        (ID_FIELD, "", "required"),
        (MOBILE, "138 0013 8000", None),
        (MOBILE, "１３８００１３８０００", None),  # full-width digits from a Chinese input method
        (MOBILE, "23800138000", "cn_mobile"),
        (MOBILE, "1380013800", "cn_mobile"),
        (NAME, "丽华百货", None),
        (NAME, "丽华", "too_short"),
        (NAME, "丽华百货店丽华百货店丽", "too_long"),
        (NAME, "Lihua百货", "pattern"),
    ],
)
def test_field_validation_reports_what_citizens_get_wrong(
    spec: Field, raw: str, expected: str | None
) -> None:
    problem = validate_field(spec, normalise(spec, raw))
    assert (problem.code if problem else None) == expected


def test_form_is_prefilled_from_the_card_and_locked_fields_cannot_be_typed_over(
    catalogue: Catalogue,
) -> None:
    schema = catalogue.service("GT-SETUP").form
    assert schema is not None
    form = FormSession(
        schema,
        {
            "name": "王丽华",
            "id_number": "330702196205050824",
            "address": "浙江省金华市婺城区将军路88号",
        },
    )
    assert form.value("operator_name") == "王丽华"
    assert form.value("business_address") == "浙江省金华市婺城区将军路88号"
    form.set_value("operator_name", "冒名顶替")
    assert form.value("operator_name") == "王丽华"
    form.set_value("business_address", "浙江省金华市婺城区八一南街100号")
    assert form.value("business_address") == "浙江省金华市婺城区八一南街100号"


def test_page_problems_then_payload_with_only_given_values(catalogue: Catalogue) -> None:
    schema = catalogue.service("GT-SETUP").form
    assert schema is not None
    form = FormSession(schema, {"name": "王丽华", "id_number": "330702196205050824"})
    assert [p.code for p in form.page_problems(0)] == ["required"]
    form.set_value("mobile", "13800138000")
    assert form.page_problems(0) == ()
    assert form.first_page_with_problems() == 1
    form.set_value("trade_name", "金华市婺城区丽华百货店")
    form.set_value("business_address", "浙江省金华市婺城区八一南街100号")
    form.set_value("business_scope", "日用百货销售")
    assert form.problems() == ()
    assert form.payload() == {
        "operator_name": "王丽华",
        "operator_id_number": "330702196205050824",
        "mobile": "13800138000",
        "trade_name": "金华市婺城区丽华百货店",
        "business_address": "浙江省金华市婺城区八一南街100号",
        "business_scope": "日用百货销售",
        "licence_delivery": "kiosk_print",  # preselected by the catalogue's default
    }
    form.clear()
    assert set(form.values().values()) <= {"", None}


@given(st.text(max_size=40))
def test_any_typed_text_gives_a_problem_code_or_none(raw: str) -> None:
    for spec in (ID_FIELD, MOBILE, NAME):
        problem = validate_field(spec, normalise(spec, raw))
        assert problem is None or problem.field == spec.name


def _domain_vectors() -> list[tuple[str, bool]]:
    """The identity-number vectors of ../shared/domain/test_vectors.py, when present."""
    import importlib.util

    from tests.conftest import REPO

    path = REPO.parent / "shared" / "domain" / "test_vectors.py"
    if not path.is_file():
        return []
    spec = importlib.util.spec_from_file_location("domain_vectors", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    valid = [(v[0], True) for v in module.VALID_ID_NUMBERS]
    invalid = [(v[0], False) for v in module.INVALID_ID_NUMBERS]
    return valid + invalid


@pytest.mark.parametrize(("number", "valid"), _domain_vectors() or [("11010519491231002X", True)])
def test_identity_numbers_follow_the_domain_vectors(number: str, valid: bool) -> None:
    # As read from a chip: no keyboard normalisation (which would upper-case an "x").
    assert (validate_field(ID_FIELD, number) is None) is valid


def test_person_born_before_their_county_existed_is_accepted() -> None:
    # 婺城区 (330702) dates from 1985; a woman born in 1962 got her number there later.
    assert validate_field(ID_FIELD, "330702196205050824") is None
