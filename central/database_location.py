"""Which database ``kiosk-central`` works on when the operator does not say.

In order: ``--database URL``; ``$KIOSK_CENTRAL_DATABASE``; the embedded sandbox
of the kiosk run by the same user, if it exists (what an operator on a kiosk
machine means); else a default named for this sandbox in the user's data
directory. Only commands that set a sandbox up (``serve``, ``enrolment-code``)
may create a database; the others refuse a missing one rather than report on
an empty database made on the spot.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from central.app import DATABASE_ENV
from central.database import database_exists


def kiosk_sandbox_database() -> Path:
    """The database of the sandbox that the kiosk of this user starts.

    The same rule as the kiosk's (its default data directory in kiosk/config.py,
    ``central-sandbox/central.db`` in kiosk/embedded_central.py), written again
    here because the sandbox must not import the kiosk (an import-linter
    contract): keep the two in step.
    """
    return Path(platformdirs.user_data_dir("business-kiosk")) / "central-sandbox" / "central.db"


def standalone_database() -> Path:
    """The default of a sandbox run on its own: named for it, not for the directory."""
    return Path(platformdirs.user_data_dir("kiosk-central")) / "central.db"


@dataclass(frozen=True)
class DatabaseChoice:
    url: str
    source: str
    """Where the choice came from, in the operator's words."""

    @property
    def exists(self) -> bool:
        """SQLite: the file is there; PostgreSQL: the central's tables are."""
        return database_exists(self.url)


def choose_database(given: str | None, environ: Mapping[str, str]) -> DatabaseChoice:
    """The database named by ``--database`` (``given``), the environment or the defaults."""
    if given:
        return DatabaseChoice(given, "--database")
    if environ.get(DATABASE_ENV):
        return DatabaseChoice(environ[DATABASE_ENV], f"${DATABASE_ENV}")
    kiosk = kiosk_sandbox_database()
    if kiosk.is_file():
        return DatabaseChoice(f"sqlite:///{kiosk}", "the kiosk's embedded sandbox")
    return DatabaseChoice(f"sqlite:///{standalone_database()}", "the default")
