"""A citizen finds business-scope items by Chinese, pinyin, initials, English or code,
and builds the list of what the business does, the first item being the main one."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.scope_search import (
    Match,
    ScopeChoice,
    ScopeIndex,
    ScopeItem,
    _word_syllables,
    scope_items,
    warm_up,
)


@pytest.fixture
def index(catalogue_data: dict[str, Any]) -> ScopeIndex[ScopeItem]:
    return ScopeIndex(scope_items(catalogue_data["business_scope"]))


def codes(index: ScopeIndex[ScopeItem], query: str) -> list[str]:
    return [hit.item.code for hit in index.search(query).hits]


def test_citizen_finds_a_scope_item_by_pinyin_initials(index: ScopeIndex[ScopeItem]) -> None:
    results = index.search("rybh")

    assert [hit.item.zh for hit in results.general] == ["日用百货销售"]
    assert results.general[0].match is Match.INITIALS
    assert codes(index, "RYBH") == codes(index, "ｒｙｂｈ") == ["G0101"]  # any case, full width


@pytest.mark.parametrize("query", ["riyongbaihuo", "ri yong bai huo", "Ri Yong Bai Huo", "riyongb"])
def test_citizen_finds_a_scope_item_by_full_pinyin_with_or_without_spaces(
    index: ScopeIndex[ScopeItem], query: str
) -> None:
    assert codes(index, query) == ["G0101"]


def test_pinyin_in_the_middle_matches_from_a_syllable(index: ScopeIndex[ScopeItem]) -> None:
    assert "G0101" in codes(index, "baihuo")
    assert "G0101" not in codes(index, "ongbai")  # never from inside a syllable


def test_citizen_finds_items_by_chinese_english_or_code(index: ScopeIndex[ScopeItem]) -> None:
    assert codes(index, "百货") == ["G0101"]
    # Catalogue order within a rank, general and licensed items alike.
    assert codes(index, "零售") == ["G0102", "L0301", "L0401", "L0501"]
    assert codes(index, "software") == ["G0201"]
    assert "G0103" in codes(index, "packaged")  # from a word start in "pre-packaged"
    assert codes(index, "g0201") == ["G0201"]
    assert codes(index, "") == codes(index, "   ") == []


def test_exact_then_prefix_then_initials_then_substring() -> None:
    # In the catalogue the other way round, so only the ranking can order them.
    index = ScopeIndex(
        [
            ScopeItem("X1", "预包装食品"),  # "sp" inside the initials ybzsp
            ScopeItem("X2", "食品销售"),  # initials spxs start with "sp"
            ScopeItem("X3", "食品零售"),  # the same rank: stays after X2
            ScopeItem("SP01", "批发"),  # the code starts with "sp"
            ScopeItem("SP", "零售"),  # the code is "sp"
        ]
    )

    hits = index.search("sp").hits

    assert [(hit.item.code, hit.match) for hit in hits] == [
        ("SP", Match.EXACT),
        ("SP01", Match.PREFIX),
        ("X2", Match.INITIALS),
        ("X3", Match.INITIALS),
        ("X1", Match.SUBSTRING),
    ]
    assert [hit.item.code for hit in index.search("sp", limit=2).hits] == ["SP", "SP01"]


def test_licensed_items_come_apart_with_what_they_require(index: ScopeIndex[ScopeItem]) -> None:
    results = index.search("shipin")

    assert [hit.item.code for hit in results.general] == ["G0103"]
    [licensed] = results.licensed
    assert licensed.item.code == "L0102"
    assert licensed.item.licensed
    assert licensed.item.requires == "food_business_licence"
    assert (licensed.item.requires_zh, licensed.item.requires_en) == (
        "食品经营许可证",
        "Food business licence",
    )
    assert not results.general[0].item.requires


def test_first_chosen_item_is_the_main_business(index: ScopeIndex[ScopeItem]) -> None:
    choice = ScopeChoice().add("G0201").add("L0101").add("G0202").add("G0201")

    assert choice.main == "G0201"
    assert choice.as_form_value() == ["G0201", "L0101", "G0202"]  # chosen twice, kept once

    choice = choice.make_main("L0101")
    assert choice.as_form_value() == ["L0101", "G0201", "G0202"]
    assert [item.code for item in index.licensed_in(choice)] == ["L0101"]

    choice = choice.remove("L0101")
    assert choice.main == "G0201"  # the next one becomes the main business
    assert ScopeChoice().main is None
    assert ScopeChoice.from_form_value(["G0101", "G0101", "G0102"]).codes == ("G0101", "G0102")


def test_catalogue_entries_the_kiosk_cannot_show_are_left_out() -> None:
    items = scope_items(
        [
            {"code": "G1", "text": {"zh": "软件开发", "en": "Software"}, "new_key": 1},
            {"code": "", "text": {"zh": "无编码"}},
            {"text": {"zh": "无编码"}},
            {"code": "G2", "text": {"en": "no Chinese"}},
            {"code": "G3", "text": "美发服务", "licensed": "yes"},  # only true is licensed
        ]
    )

    assert items == (
        ScopeItem("G1", "软件开发", "Software"),
        ScopeItem("G3", "美发服务"),
    )


CODES = ["A", "B", "C", "D", "E"]


@given(st.lists(st.tuples(st.sampled_from(["add", "remove", "main"]), st.sampled_from(CODES))))
def test_chosen_list_invariants_hold_under_any_operations(
    operations: list[tuple[str, str]],
) -> None:
    choice = ScopeChoice()
    model: list[str] = []
    for operation, code in operations:
        if operation == "add":
            choice = choice.add(code)
            model += [] if code in model else [code]
        elif operation == "remove":
            choice = choice.remove(code)
            model = [c for c in model if c != code]
        else:
            choice = choice.make_main(code)
            model = [code, *(c for c in model if c != code)]
        value = choice.as_form_value()
        assert value == model
        assert len(set(value)) == len(value)
        assert choice.main == (value[0] if value else None)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_search_never_raises_and_hits_are_ranked(query: str) -> None:
    index = _INDEX
    results = index.search(query)
    hits = results.hits
    assert [hit.match for hit in hits] == sorted(hit.match for hit in hits)
    assert len({hit.item.code for hit in hits}) == len(hits)
    assert all(hit.item.licensed for hit in results.licensed)
    assert not any(hit.item.licensed for hit in results.general)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=1), min_size=1, max_size=5), st.text())
def test_any_catalogue_text_can_be_indexed_and_searched(texts: list[str], query: str) -> None:
    index = ScopeIndex(ScopeItem(f"C{n}", text, text) for n, text in enumerate(texts))
    index.search(query)
    for text in texts:
        # The entry's own text always finds it (when the text has something to search by).
        if text.split():
            assert any(hit.item.zh == text for hit in index.search(text).hits)


_INDEX = ScopeIndex(
    [
        ScopeItem("G0101", "日用百货销售", "Retail of daily goods"),
        ScopeItem("G0103", "食品销售（仅销售预包装食品）", "Sale of pre-packaged food only"),
        ScopeItem("G9", "LED灯具3D打印", "LED lamps"),
        ScopeItem("L0101", "餐饮服务", "Catering", True, "food_business_licence"),
        ScopeItem("L0201", "道路货物运输（不含危险货物）", "Road freight", True, "road_transport"),
    ]
)


def _unseen_words(rng: random.Random) -> str:
    # Rare characters (CJK Extension A), so that no earlier test has read them.
    return "".join(chr(rng.randrange(0x3400, 0x4DB5)) for _ in range(6))


def test_a_catalogues_words_read_ahead_make_its_picker_from_the_cache() -> None:
    rng = random.Random()
    warmed, cold = _unseen_words(rng), _unseen_words(rng)

    warm_up([warmed])
    misses = _word_syllables.cache_info().misses
    ScopeIndex([ScopeItem("330702", warmed)])  # what the district picker makes
    assert _word_syllables.cache_info().misses == misses

    ScopeIndex([ScopeItem("330703", cold)])  # words nobody read ahead
    assert _word_syllables.cache_info().misses > misses
