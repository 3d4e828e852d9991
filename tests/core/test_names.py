"""A citizen declaring an enterprise name hears at once what the kiosk itself can see is
wrong (registration.md §2.5), and the central is asked only about a name that passes."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.forms.validation import FieldProblem
from kiosk.names import (
    CANNOT_RESERVE_NOW,
    CannotReserveNow,
    Checked,
    NameDeclaration,
    NameLimits,
    Refused,
    compose_full_name,
    default_words,
    local_problems,
    place_names,
)
from kiosk.sync.client import NameCheckResult, NameConflict
from kiosk.sync.errors import CentralBusy, CentralRefused

REGION = "金华市婺城区"


@pytest.fixture
def region_names(catalogue_data: dict[str, Any]) -> list[str]:
    return [region["name"]["zh"] for region in catalogue_data["regions"]]


def codes(problems: tuple[FieldProblem, ...]) -> list[tuple[str, str]]:
    return [(problem.field, problem.code) for problem in problems]


def test_full_name_follows_division_trade_name_industry_form() -> None:
    assert compose_full_name(REGION, " 丽华 ", "科技", "有限公司") == "金华市婺城区丽华科技有限公司"


def test_an_acceptable_name_has_no_local_problem(region_names: list[str]) -> None:
    assert local_problems(REGION, "丽华", "科技", "有限公司", region_names=region_names) == ()
    assert local_problems(REGION, "丽华", "百货", "店", entity="individual") == ()


@pytest.mark.parametrize("place", ["义乌", "义乌市", "金华", "婺城", "浙江", "浙江省", "北京"])
def test_trade_name_that_is_a_place_name_is_refused_locally(
    region_names: list[str], place: str
) -> None:
    problems = local_problems(REGION, place, "科技", "有限公司", region_names=region_names)

    assert problems == (FieldProblem("trade_name", "trade_name_is_place", {"place": place}),)


def test_catalogue_regions_are_place_names_too(region_names: list[str]) -> None:
    # 西湖 is a district of Hangzhou in the catalogue, not in the built-in list.
    assert "西湖" not in place_names(default_words().divisions)
    assert codes(local_problems(REGION, "西湖", "科技", "有限公司", region_names=region_names)) == [
        ("trade_name", "trade_name_is_place")
    ]
    # Containing a place name is not being one (规定 Art. 8 is about the 字号 itself).
    assert local_problems(REGION, "义乌红光", "科技", "有限公司", region_names=region_names) == ()


def test_prohibited_word_is_named() -> None:
    problems = local_problems(REGION, "解放军", "科技", "有限公司")

    assert problems == (
        FieldProblem("trade_name", "prohibited_word", {"word": "解放军", "reason": "military"}),
    )
    [in_industry] = local_problems(REGION, "丽华", "赌博游戏", "有限公司")
    assert in_industry == FieldProblem(
        "industry", "prohibited_word", {"word": "赌博", "reason": "gambling"}
    )
    # Split across the 字号 and the industry, the word is still found (and is the 字号's).
    [split] = local_problems(REGION, "红八", "一科技", "有限公司")
    assert (split.field, split.params["word"]) == ("trade_name", "八一")


def test_restricted_word_needs_approval_the_kiosk_cannot_give() -> None:
    [start] = local_problems(REGION, "中华红光", "科技", "有限公司")
    [middle] = local_problems(REGION, "红光全国", "科技", "有限公司")

    assert start == FieldProblem(
        "trade_name", "restricted_word", {"word": "中华", "position": "start"}
    )
    assert middle.params == {"word": "全国", "position": "middle"}
    # In the industry a restricted word may qualify it (§2.2): the central decides.
    assert local_problems(REGION, "丽华", "中华料理", "有限公司") == ()


@pytest.mark.parametrize(
    ("trade_name", "expected"),
    [
        ("LiHua", [("name_script", {"characters": "LiHua"})]),
        ("丽华1号", [("name_script", {"characters": "1"})]),
        ("丽华😀", [("name_script", {"characters": "😀"})]),
        ("丽", [("too_short", {"min": 2})]),
        ("丽" * 11, [("too_long", {"max": 10})]),
        ("丽 华", [("name_script", {"characters": " "})]),
    ],
)
def test_trade_name_is_two_to_ten_chinese_characters(
    trade_name: str, expected: list[tuple[str, dict[str, object]]]
) -> None:
    problems = local_problems(REGION, trade_name, "科技", "有限公司")

    assert [(p.code, p.params) for p in problems if p.field == "trade_name"] == expected


def test_limits_can_come_from_the_form() -> None:
    limits = NameLimits(trade_name_max=4)
    assert codes(local_problems(REGION, "丽华丽华丽", "科技", "有限公司", limits=limits)) == [
        ("trade_name", "too_long")
    ]


def test_industry_wording_and_organisation_form() -> None:
    assert codes(local_problems(REGION, "丽华", "科技有限公司", "有限公司")) == [
        ("industry", "has_organisation_form")
    ]
    assert codes(local_problems(REGION, "科技", "科技", "有限公司")) == [
        ("trade_name", "trade_name_is_industry")
    ]
    assert codes(local_problems(REGION, "丽华", "义乌", "有限公司")) == [
        ("industry", "industry_is_place")
    ]
    assert codes(local_problems(REGION, "丽华", "科技", "股份公司")) == [
        ("organisation_form", "not_an_option")
    ]
    assert codes(local_problems(REGION, "丽华", "百货", "公司", entity="individual")) == [
        ("organisation_form", "organisation_form_not_allowed")
    ]
    assert codes(local_problems("", "", "", "")) == [
        ("region", "required"),
        ("trade_name", "required"),
        ("industry", "required"),
        ("organisation_form", "required"),
    ]


def test_a_district_needs_its_city() -> None:
    assert codes(local_problems("婺城区", "丽华", "科技", "有限公司")) == [
        ("region", "region_bare_district")
    ]
    assert local_problems("武义县", "丽华", "科技", "有限公司") == ()


FIELDS = {"region", "trade_name", "industry", "organisation_form"}


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text(), st.text(), st.text(), st.sampled_from(["company", "individual"]))
def test_local_checks_never_raise_on_any_text(
    region: str, trade_name: str, industry: str, form: str, entity: Any
) -> None:
    problems = local_problems(region, trade_name, industry, form, entity=entity)

    for problem in problems:
        assert problem.field in FIELDS
        assert all(isinstance(value, str | int) for value in problem.params.values())


# -- the declaration: local first, then the central -------------------------------------


class FakeCentral:
    def __init__(self, answer: NameCheckResult | Exception) -> None:
        self.answer = answer
        self.calls: list[tuple[str, str, str, str]] = []

    def name_check(
        self, region: str, trade_name: str, industry: str, organisation_form: str
    ) -> NameCheckResult:
        self.calls.append((region, trade_name, industry, organisation_form))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


AVAILABLE = NameCheckResult(
    "金华市婺城区红光达科技有限公司",
    True,
    (NameConflict("金华市婺城区红光科技有限公司", "similar"),),
)


def test_a_name_with_local_problems_never_reaches_the_central() -> None:
    central = FakeCentral(AVAILABLE)

    outcome = NameDeclaration(lambda: central).declare("330702", REGION, "义乌", "科技", "有限公司")

    assert isinstance(outcome, Refused)
    assert outcome.checked_by == "kiosk"
    assert outcome.full_name == "金华市婺城区义乌科技有限公司"
    assert central.calls == []


def test_a_similar_name_needs_the_applicants_commitment() -> None:
    central = FakeCentral(AVAILABLE)

    outcome = NameDeclaration(lambda: central).declare(
        "330702", REGION, " 红光达 ", "科技", "有限公司"
    )

    assert central.calls == [("330702", "红光达", "科技", "有限公司")]
    assert isinstance(outcome, Checked)
    assert outcome.needs_commitment
    assert outcome.result.similar_names == ("金华市婺城区红光科技有限公司",)


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (CentralBusy("503", retry_after_s=30), "busy"),
        (CentralRefused(403, {"title": "Forbidden"}), "refused"),
        (None, "not_enrolled"),
    ],
)
def test_when_the_central_cannot_answer_the_name_cannot_be_reserved_now(
    failure: Exception | None, reason: str
) -> None:
    declaration = NameDeclaration(lambda: None if failure is None else FakeCentral(failure))

    outcome = declaration.declare("330702", REGION, "丽华", "科技", "有限公司")

    assert isinstance(outcome, CannotReserveNow)
    assert (outcome.reason, outcome.message) == (reason, CANNOT_RESERVE_NOW)
    assert outcome.full_name == "金华市婺城区丽华科技有限公司"
    if reason == "busy":
        assert outcome.retry_after_s == 30


def test_the_centrals_validation_errors_come_back_as_field_problems() -> None:
    problem = {
        "status": 422,
        "errors": [{"field": "region", "code": "option", "message": "not served here"}],
    }
    declaration = NameDeclaration(lambda: FakeCentral(CentralRefused(422, problem)))

    outcome = declaration.declare("999999", REGION, "丽华", "科技", "有限公司")

    assert outcome == Refused(
        "金华市婺城区丽华科技有限公司",
        (FieldProblem("region", "option", {"message": "not served here"}),),
        "central",
    )
