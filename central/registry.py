"""The sandbox registration authority's own rules and records.

Loaded from ``central/data/registry.json``; never sent to kiosks. It says,
per service, which form field holds the entity's name and whether a name
reservation is needed, the cross-field rules the authority applies, and how
the licence is laid out; and, for name checks, the restricted and prohibited
words, recognised legal forms, industry words and synonyms, and a few
already-registered names to collide with.
"""

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Registry:
    """The parsed registry document."""

    document: dict[str, Any]

    def service_rules(self, code: str) -> dict[str, Any]:
        """The authority's rules for a service (empty if it has none)."""
        rules: dict[str, Any] = self.document["services"].get(code, {})
        return rules

    @property
    def reservation_days(self) -> int:
        """How long a reserved name stays reserved."""
        return int(self.document["name_reservation_days"])

    @property
    def default_region(self) -> str:
        """The registration authority's region when neither form nor kiosk names one."""
        return str(self.document["default_region"])

    def words(self, key: str) -> list[str]:
        """One of the word lists (``prohibited_words``, ``organisation_forms`` ...)."""
        return [str(word) for word in self.document[key]]

    def industry_group(self, industry: str) -> frozenset[str]:
        """The industry word with its synonyms (``地产`` → 地产, 房地产, 置业)."""
        for group in self.document["industry_synonyms"]:
            if industry in group:
                return frozenset(group)
        return frozenset({industry})

    def registered_names(self) -> list[dict[str, str]]:
        """Names already registered elsewhere (seed data for conflicts)."""
        return [dict(entry) for entry in self.document["registered_names"]]


def load_registry() -> Registry:
    """Load the packaged registry."""
    raw = resources.files("central.data").joinpath("registry.json").read_bytes()
    return Registry(document=json.loads(raw))
