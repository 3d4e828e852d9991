"""The word lists of the local name checks, read from ``words.json`` beside this module.

They are data (registration.md §2.2: a configurable blacklist, never a "complete"
list): a deployment can pass its own `NameWords` to the checks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class NameWords:
    """What the local checks look for in a proposed name."""

    #: A name may not begin with these without State Council approval (§2.2, Art. 12).
    restricted_prefixes: tuple[str, ...]
    #: Word -> reason (colonial, feudal, military, obscene, gambling ...) (§2.2, Art. 11).
    prohibited: dict[str, str]
    #: County-level-or-above division names, full (金华市, 武义县) (§2.1, Art. 8).
    divisions: tuple[str, ...]
    #: Words that are only industry wording and so no 字号 (§2.1, Art. 8).
    industry_words: tuple[str, ...]
    company_forms: tuple[str, ...]
    individual_forms: tuple[str, ...]
    individual_forbidden: tuple[str, ...]


@cache
def default_words() -> NameWords:
    """The lists shipped with the kiosk (read once)."""
    text = resources.files("kiosk.names").joinpath("words.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    forms = data["organisation_forms"]
    return NameWords(
        restricted_prefixes=tuple(data["restricted_prefixes"]["words"]),
        prohibited=dict(data["prohibited_words"]["words"]),
        divisions=tuple(data["divisions"]["names"]),
        industry_words=tuple(data["industry_words"]["words"]),
        company_forms=tuple(forms["company"]),
        individual_forms=tuple(forms["individual"]),
        individual_forbidden=tuple(forms["individual_forbidden"]),
    )
