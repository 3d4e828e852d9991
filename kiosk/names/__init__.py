"""Enterprise names (企业名称): composing them, checking them locally, declaring them.

registration.md §2: `compose_full_name` (§2.1), `local_problems` (§2.5, with the
word lists of §2.2 as data in ``words.json``) and `NameDeclaration`, which asks
the central only once the local checks pass. Qt-free.
"""

from kiosk.names.composition import compose_full_name, place_names
from kiosk.names.declaration import (
    CANNOT_RESERVE_NOW,
    CannotReserveNow,
    Checked,
    NameDeclaration,
    NameOutcome,
    NameService,
    Refused,
)
from kiosk.names.local_checks import Entity, NameLimits, local_problems
from kiosk.names.words import NameWords, default_words

__all__ = [
    "CANNOT_RESERVE_NOW",
    "CannotReserveNow",
    "Checked",
    "Entity",
    "NameDeclaration",
    "NameLimits",
    "NameOutcome",
    "NameService",
    "NameWords",
    "Refused",
    "compose_full_name",
    "default_words",
    "local_problems",
    "place_names",
]
