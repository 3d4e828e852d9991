"""The service catalogue from the central, parsed into typed, immutable values.

Services are data: a new service appears on the kiosk by changing the catalogue
alone. The schema is declared in `kiosk.catalogue_types` (msgspec Structs), the
decoding in `kiosk.catalogue_parse`, the meaning checks in
`kiosk.catalogue_checks`, and what this kiosk can run in `kiosk.forms.kinds`.
This module gathers the names the rest of the kiosk uses.
"""

from __future__ import annotations

from kiosk.catalogue_parse import parse_catalogue, parse_service
from kiosk.catalogue_types import (
    EMPTY_TEXT,
    Catalogue,
    Condition,
    Field,
    FormSchema,
    Material,
    Option,
    Page,
    Region,
    Rule,
    ScopeItem,
    Section,
    Service,
    Text,
    level_of_code,
)

__all__ = [
    "EMPTY_TEXT",
    "Catalogue",
    "Condition",
    "Field",
    "FormSchema",
    "Material",
    "Option",
    "Page",
    "Region",
    "Rule",
    "ScopeItem",
    "Section",
    "Service",
    "Text",
    "level_of_code",
    "parse_catalogue",
    "parse_service",
]
