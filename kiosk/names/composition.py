"""How an enterprise name is put together, and which words are place names.

registration.md §2.1 (规定 Art. 6): 行政区划 + 字号 + 行业或经营特点 + 组织形式,
e.g. 金华市 · 某某 · 科技 · 有限公司. The kiosk offers only this order (the
omissions and the bracketed division are reviewed centrally, §2.1).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Suffixes of county-level-or-above divisions (GB/T 2260 names). No bare 州: 杭州 is
#: a city's name, not 杭 + 州; only 自治州 is a suffix.
_DIVISION = re.compile(r".+?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|盟|区|县|旗)")
_SUFFIX = re.compile(
    r"(?:壮族|回族|维吾尔)?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|盟|区|县|旗)$"
)


def compose_full_name(
    region_name: str, trade_name: str, industry: str, organisation_form: str
) -> str:
    """The full name in the order of §2.1, each part trimmed (金华市婺城区丽华科技有限公司)."""
    return "".join(part.strip() for part in (region_name, trade_name, industry, organisation_form))


def place_names(divisions: Iterable[str]) -> frozenset[str]:
    """Every way a 字号 could spell these divisions.

    From 金华市婺城区: 金华市婺城区, 金华市, 金华, 婺城区, 婺城. A short form is
    kept only when two characters or more remain (沙县 stays 沙县).
    """
    names: set[str] = set()
    for division in divisions:
        whole = "".join(division.split())
        if not whole:
            continue
        names.add(whole)
        for part in _DIVISION.findall(whole):
            names.add(part)
            short = _SUFFIX.sub("", part)
            if len(short) >= 2:
                names.add(short)
    return frozenset(names)


def is_bare_district(region_name: str) -> bool:
    """A district (区) named without its city before it: 婺城区 instead of 金华市婺城区 (§2.1)."""
    parts = _DIVISION.findall("".join(region_name.split()))
    return len(parts) == 1 and parts[0].endswith("区") and not parts[0].endswith("自治区")
