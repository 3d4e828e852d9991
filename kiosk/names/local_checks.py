"""What the kiosk can check in a proposed enterprise name before asking the central.

registration.md §2.5: script and length, the organisation form, the division,
a 字号 that is a place name or only an industry word, and the blacklist of
restricted and prohibited words (§2.2). Identical and similar names are the
central's (§2.3, §2.4). Each problem is a `FieldProblem` (field, code, params)
that a screen puts into words; codes:

- region: ``required``, ``region_bare_district``;
- trade_name / industry: ``required``, ``name_script`` (characters),
  ``too_short`` (min), ``too_long`` (max), ``prohibited_word`` (word, reason);
- trade_name also: ``restricted_word`` (word, position start|middle),
  ``trade_name_is_place`` (place), ``trade_name_is_industry`` (word),
  ``has_organisation_form`` (word);
- industry also: ``industry_is_place`` (place), ``has_organisation_form`` (word);
- organisation_form: ``required``, ``not_an_option`` (options), for a
  个体工商户 ``organisation_form_not_allowed`` (word).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from kiosk.forms.validation import FieldProblem
from kiosk.names.composition import is_bare_district, place_names
from kiosk.names.words import NameWords, default_words

Entity = Literal["company", "individual"]


@dataclass(frozen=True, slots=True)
class NameLimits:
    """Lengths in characters. The minimum 字号 is the law's (§2.1, Art. 8); the rest are
    the catalogue's NAME-DECL form (trade_name 2-10, industry 2-12), which a screen may
    pass from its own field constraints."""

    trade_name_min: int = 2
    trade_name_max: int = 10
    industry_min: int = 2
    industry_max: int = 12
    #: A 个体工商户's form is free wording (§2.6); 10 is ample for 工作室 and the like.
    organisation_form_max: int = 10


#: How many offending characters a ``name_script`` problem names.
_SHOWN_CHARACTERS = 5


def local_problems(
    region_name: str,
    trade_name: str,
    industry: str,
    organisation_form: str,
    *,
    entity: Entity = "company",
    region_names: Iterable[str] = (),
    words: NameWords | None = None,
    limits: NameLimits | None = None,
) -> tuple[FieldProblem, ...]:
    """Every problem the kiosk can see in the name's parts, in field order; () if none.

    ``region_names`` are the catalogue's regions (their Chinese names); they join the
    built-in divisions as place names a 字号 may not be.
    """
    words = words or default_words()
    limits = limits or NameLimits()
    region_name, trade_name = region_name.strip(), trade_name.strip()
    industry, organisation_form = industry.strip(), organisation_form.strip()
    places = place_names((*words.divisions, *region_names, region_name))
    forms = words.company_forms if entity == "company" else words.individual_forms
    # Words of the organisation form that do not belong in the other parts.
    form_words = (*words.company_forms, *words.individual_forbidden)

    problems: list[FieldProblem] = []
    if not region_name:
        problems.append(FieldProblem("region", "required"))
    elif is_bare_district(region_name):
        problems.append(FieldProblem("region", "region_bare_district", {"region": region_name}))
    problems += _trade_name(trade_name, industry, words, limits, places, form_words)
    problems += _industry(industry, words, limits, places, form_words)
    problems += _organisation_form(organisation_form, entity, forms, words, limits)
    return tuple(problems)


def _trade_name(
    trade_name: str,
    industry: str,
    words: NameWords,
    limits: NameLimits,
    places: frozenset[str],
    form_words: tuple[str, ...],
) -> list[FieldProblem]:
    field = "trade_name"
    if not trade_name:
        return [FieldProblem(field, "required")]
    problems = _script_and_length(field, trade_name, limits.trade_name_min, limits.trade_name_max)
    for word in words.restricted_prefixes:
        if word in trade_name:
            # The 字号 follows the division, so a restricted word anywhere in it is at
            # the start of the name or in the middle without qualifying the industry (§2.2).
            position = "start" if trade_name.startswith(word) else "middle"
            problems.append(
                FieldProblem(field, "restricted_word", {"word": word, "position": position})
            )
    # A prohibited word split across the 字号 and the industry ("八" + "一...") is the 字号's.
    joined = trade_name + industry
    problems += [
        FieldProblem(field, "prohibited_word", {"word": word, "reason": reason})
        for word, reason in words.prohibited.items()
        if word in trade_name or (word in joined and word not in industry)
    ]
    if trade_name in places:
        problems.append(FieldProblem(field, "trade_name_is_place", {"place": trade_name}))
    if trade_name in words.industry_words or trade_name == industry:
        problems.append(FieldProblem(field, "trade_name_is_industry", {"word": trade_name}))
    problems += _form_word(field, trade_name, form_words)
    return problems


def _industry(
    industry: str,
    words: NameWords,
    limits: NameLimits,
    places: frozenset[str],
    form_words: tuple[str, ...],
) -> list[FieldProblem]:
    field = "industry"
    if not industry:
        return [FieldProblem(field, "required")]
    problems = _script_and_length(field, industry, limits.industry_min, limits.industry_max)
    problems += [
        FieldProblem(field, "prohibited_word", {"word": word, "reason": reason})
        for word, reason in words.prohibited.items()
        if word in industry
    ]
    if industry in places:
        problems.append(FieldProblem(field, "industry_is_place", {"place": industry}))
    problems += _form_word(field, industry, form_words)
    return problems


def _organisation_form(
    organisation_form: str,
    entity: Entity,
    forms: tuple[str, ...],
    words: NameWords,
    limits: NameLimits,
) -> list[FieldProblem]:
    field = "organisation_form"
    if not organisation_form:
        return [FieldProblem(field, "required")]
    if entity == "company":
        # An LLC's name must contain 有限责任公司 or 有限公司 (公司法 Art. 7): a choice.
        if organisation_form not in forms:
            return [FieldProblem(field, "not_an_option", {"options": "|".join(forms)})]
        return []
    # A 个体工商户 may use 厂, 店, 工作室 "and similar" (§2.6): only the forbidden are refused.
    problems = [
        FieldProblem(field, "organisation_form_not_allowed", {"word": word})
        for word in words.individual_forbidden
        if word in organisation_form
    ]
    return problems + _script_and_length(field, organisation_form, 1, limits.organisation_form_max)


def _script_and_length(field: str, value: str, least: int, most: int) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    # 规范汉字 only (§2.1 Art. 5, §2.5): no letters, pinyin, digits, punctuation or emoji.
    wrong = "".join(dict.fromkeys(ch for ch in value if not _is_hanzi(ch)))
    if wrong:
        problems.append(
            FieldProblem(field, "name_script", {"characters": wrong[:_SHOWN_CHARACTERS]})
        )
    if len(value) < least:
        problems.append(FieldProblem(field, "too_short", {"min": least}))
    elif len(value) > most:
        problems.append(FieldProblem(field, "too_long", {"max": most}))
    return problems


def _form_word(field: str, value: str, form_words: tuple[str, ...]) -> list[FieldProblem]:
    # 公司 inside the 字号 or the industry would repeat or contradict the organisation form.
    found = [word for word in form_words if word in value]
    if not found:
        return []
    return [FieldProblem(field, "has_organisation_form", {"word": max(found, key=len)})]


def _is_hanzi(ch: str) -> bool:
    # Every CJK Unified Ideographs block (basic and extensions; 通用规范汉字 has a few
    # outside the basic block), but not compatibility ideographs, which are not 规范汉字.
    return unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH-")
