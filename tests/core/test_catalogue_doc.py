"""A central that follows central-api.md to the letter: every service parsed, each offered or not with reasons."""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.catalogue import Material, Text, parse_catalogue
from kiosk.errors import CatalogueError
from kiosk.forms import kinds

DOC_CATALOGUE = Path(__file__).resolve().parents[1] / "data" / "catalogue_doc.json"


@pytest.fixture
def doc_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DOC_CATALOGUE.read_text(encoding="utf-8"))
    return data


#: What this kiosk ran when these tests were written; each test starts from it, so
#: that support registered since (a step's plan, a screen) does not change them.
BASELINE = {
    "_runnable_flows": {"application"},
    "_runnable_field_types": {"text", "number", "date", "choice"},
    "_runnable_requirements": {"id_document"},
    "_runnable_features": set(),
}


@pytest.fixture(autouse=True)
def baseline_support() -> Iterator[None]:
    saved = {name: set(getattr(kinds, name)) for name in BASELINE}
    for name, names in BASELINE.items():
        getattr(kinds, name).clear()
        getattr(kinds, name).update(names)
    yield
    for name, names in saved.items():
        getattr(kinds, name).clear()
        getattr(kinds, name).update(names)


@contextlib.contextmanager
def registered(field_types: tuple[str, ...] = (), flows: tuple[str, ...] = ()) -> Iterator[None]:
    """Support a screen would register, undone afterwards (the registry is process-wide)."""
    saved = (set(kinds._runnable_field_types), set(kinds._runnable_flows))
    try:
        for name in field_types:
            kinds.register_field_type(name)
        for name in flows:
            kinds.register_flow(name)
        yield
    finally:
        kinds._runnable_field_types.clear()
        kinds._runnable_field_types.update(saved[0])
        kinds._runnable_flows.clear()
        kinds._runnable_flows.update(saved[1])


def test_central_following_the_document_offers_what_this_kiosk_can_run_and_says_why_not_the_rest(
    doc_data: dict[str, Any],
) -> None:
    catalogue = parse_catalogue(doc_data)

    assert [s.code for s in catalogue.offered] == ["GT-CANCEL"]
    reasons = {s.code: s.not_offered for s in catalogue.services}
    assert reasons["GT-CANCEL"] == ()
    # Known to the engine, not yet drawn by a screen: not offered, and said so.
    assert (
        'form.pages[2].sections[0].fields[0].type: "people" is not yet supported on this kiosk'
        in reasons["GS-SETUP"]
    )
    assert 'flow: "name_check" is not yet supported on this kiosk' in reasons["NAME-DECL"]
    assert reasons["STATUS-LOOKUP"] == ('flow: "lookup" is not yet supported on this kiosk',)
    # Unknown to this kiosk: not offered, with the path of what it does not know.
    assert reasons["ROAD-FREIGHT"] == (
        'form.pages[0].sections[0].fields[1].type: unknown field type "vehicle"',
    )
    assert reasons["GS-CAPITAL"] == ('form.rules[0].kind: unknown rule kind "greater_than"',)


def test_everything_the_document_describes_is_read(doc_data: dict[str, Any]) -> None:
    catalogue = parse_catalogue(doc_data)
    company = catalogue.service("GS-SETUP")
    assert company.flow == "application"
    assert company.channels == ("kiosk", "web")
    assert company.materials[0] == Material(
        Text(
            "全体股东及法定代表人的有效身份证件",
            "Valid identity documents of every shareholder and the legal representative",
        ),
        "ID",
        True,
    )
    assert company.steps[0] == Text("企业名称自主申报", "Declare the company name")
    assert company.form is not None
    capital = company.form.field("registered_capital")
    assert (capital.type, capital.unit, capital.decimals, capital.minimum) == (
        "money",
        "万元",
        2,
        0.01,
    )
    shareholders = company.form.field("shareholders")
    assert (shareholders.min_age, shareholders.require_mobile, shareholders.max_items) == (
        18,
        False,
        50,
    )
    date_field = shareholders.sub_field("contribution_date")
    assert date_field is not None
    assert (date_field.minimum, date_field.maximum) == ("today", "+5y")
    term = company.form.field("term_years")
    assert term.visible_if is not None
    assert (term.visible_if.field, term.visible_if.kind, term.visible_if.equals) == (
        "business_term",
        "equals",
        "years",
    )
    assert company.form.pages[4].sections[0].statement is not None
    assert company.form.field("applicant_signature").attachment_kind == "signature"
    rule = company.form.rules[0]
    assert (rule.kind, rule.items, rule.item_field, rule.equals) == (
        "sum_equals",
        "shareholders",
        "subscribed_amount",
        "registered_capital",
    )
    # Plain-text materials and steps, {zh, en} objects, and {"title"} objects all read.
    declaration = catalogue.service("NAME-DECL")
    assert declaration.materials[0].title == Text("无需提交材料", "")
    assert declaration.steps[1] == Text("查看结果并保留名称", "")
    assert catalogue.service("GT-SETUP").materials[0].zh == "经营者本人有效身份证件"
    assert {r.code: r.level for r in catalogue.regions} == {
        "330000": "province",
        "330700": "city",
        "330702": "county",
        "330703": "county",
        "330782": "county",
        "330100": "city",
        "330106": "county",
    }
    licensed = {s.code: s.requires for s in catalogue.business_scope if s.licensed}
    assert licensed["S0104"] == "食品经营许可证"


def test_unknown_keys_are_ignored(doc_data: dict[str, Any]) -> None:
    data = copy.deepcopy(doc_data)
    data["publisher"] = {"name": "某省政务数据平台"}
    service = data["services"][4]
    service["icon"] = "close.svg"
    service["form"]["colour"] = "blue"
    service["form"]["pages"][0]["layout"] = "two-columns"
    service["form"]["pages"][0]["sections"][0]["collapsed"] = False
    service["form"]["pages"][0]["sections"][0]["fields"][0]["tooltip"] = {"zh": "提示"}
    service["form"]["pages"][0]["sections"][0]["fields"][3]["options"][0]["icon"] = "x"
    service["form"]["pages"][0]["sections"][0]["fields"][4]["visible_if"]["note"] = "y"
    data["regions"][0]["population"] = 65_000_000
    data["business_scope"][0]["gbt4754"] = "F5211"

    assert parse_catalogue(data) == parse_catalogue(doc_data)


def test_one_malformed_service_does_not_hide_the_others(doc_data: dict[str, Any]) -> None:
    data = copy.deepcopy(doc_data)
    data["services"][4]["form"]["pages"][0]["sections"][0]["fields"][2]["required"] = "yes"
    data["services"][1]["steps"] = 7
    data["services"].append(["not", "a", "service"])

    catalogue = parse_catalogue(data)

    broken = catalogue.service("GT-CANCEL")
    assert not broken.offered_on_kiosk
    assert broken.title.zh == "个体工商户简易注销"
    assert broken.not_offered[0].startswith(
        "form.pages[0].sections[0].fields[2].required: expected `bool`, got `str`"
    )
    assert catalogue.service("NAME-DECL").not_offered[0].startswith("steps: expected `array`")
    assert catalogue.service("services[7]").not_offered[0].startswith("(top)")
    assert catalogue.service("STATUS-LOOKUP").form is not None  # the others are whole
    assert len(catalogue.services) == 8


def test_a_service_can_be_named_only_once_even_when_broken(doc_data: dict[str, Any]) -> None:
    data = copy.deepcopy(doc_data)
    data["services"].append({"code": "GT-CANCEL", "title": 3})
    with pytest.raises(CatalogueError, match="duplicate service codes"):
        parse_catalogue(data)


def test_support_registered_by_a_screen_offers_the_service(doc_data: dict[str, Any]) -> None:
    catalogue = parse_catalogue(doc_data)
    assert not catalogue.service("GT-SETUP").offered_on_kiosk
    with registered(field_types=("person", "people", "region", "scope")):
        assert catalogue.service("GT-SETUP").offered_on_kiosk
        assert catalogue.service("ROAD-FREIGHT").not_offered  # still unknown
    with registered(flows=("lookup",)):
        assert catalogue.service("STATUS-LOOKUP").offered_on_kiosk
    assert not catalogue.service("GT-SETUP").offered_on_kiosk


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda s: s.__setitem__("flow", "teleport"), 'flow: unknown flow "teleport"'),
        (lambda s: s.__setitem__("channels", ["web"]), "channels:"),
        (lambda s: s.__setitem__("online_only", True), "online_only:"),
        (
            lambda s: s["requires"].append("bank_account"),
            'requires[1]: unknown requirement "bank_account"',
        ),
        (
            lambda s: _field(s, 4).__setitem__("visible_if", {"field": "nowhere", "equals": 1}),
            'form.pages[0].sections[0].fields[4].visible_if.field: no field "nowhere"',
        ),
        (
            lambda s: _field(s, 4).__setitem__("required_if", {"field": "reason", "above": 1}),
            "form.pages[0].sections[0].fields[4].required_if: unknown condition kind",
        ),
        (
            lambda s: _field(s, 2).__setitem__("max", "next week"),
            "form.pages[0].sections[0].fields[2].max: expected a date",
        ),
        (
            lambda s: _field(s, 3).__setitem__("options", []),
            "form.pages[0].sections[0].fields[3].options",
        ),
        (lambda s: _field(s, 5).pop("type"), "form.pages[0].sections[0].fields[5].type: missing"),
        (
            lambda s: _field(s, 5).__setitem__("name", "uscc"),
            "form: duplicate field names ['uscc']",
        ),
    ],
)
def test_what_the_kiosk_cannot_run_is_named_with_its_path(
    doc_data: dict[str, Any], mutate: Any, reason: str
) -> None:
    data = copy.deepcopy(doc_data)
    mutate(data["services"][4])
    service = parse_catalogue(data).service("GT-CANCEL")
    assert not service.offered_on_kiosk
    assert any(r.startswith(reason) for r in service.not_offered), service.not_offered


def _field(service: dict[str, Any], index: int) -> dict[str, Any]:
    field: dict[str, Any] = service["form"]["pages"][0]["sections"][0]["fields"][index]
    return field


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=30,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out += _paths(child, (*prefix, index))
    return out


DOC_PATHS = _paths(json.loads(DOC_CATALOGUE.read_text(encoding="utf-8")))[1:]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(DOC_PATHS), json_values)
def test_a_catalogue_mangled_anywhere_parses_or_raises_catalogue_error(
    path: tuple[Any, ...], replacement: Any
) -> None:
    data = json.loads(DOC_CATALOGUE.read_text(encoding="utf-8"))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = replacement
    try:
        catalogue = parse_catalogue(data)
    except CatalogueError:
        return
    for service in catalogue.services:  # and reading why not never raises either
        assert isinstance(service.not_offered, tuple)


def test_a_parsed_catalogue_survives_copy_and_pickle(doc_data: dict[str, Any]) -> None:
    import pickle

    catalogue = parse_catalogue(doc_data)
    assert copy.deepcopy(catalogue) == catalogue
    assert pickle.loads(pickle.dumps(catalogue)) == catalogue
    text = catalogue.service("GS-SETUP").title
    with pytest.raises(AttributeError, match="immutable"):
        text.zh = "改"
