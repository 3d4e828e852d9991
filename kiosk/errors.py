"""Exceptions of the kiosk core, for bugs, broken configuration and broken data::

    KioskError
    ├── ConfigError          the TOML configuration is unreadable or has a bad value
    ├── CatalogueError       the service catalogue is malformed (names the path of the fault)
    └── SyncError            talking to the central failed (see kiosk.sync.errors)

Expected conditions (a card not present, a printer out of paper, the central
unreachable) are values, not exceptions.
"""


class KioskError(Exception):
    """Base class of the kiosk core's exceptions."""


class ConfigError(KioskError):
    """The configuration file is unreadable or holds an invalid value."""


class CatalogueError(KioskError):
    """The service catalogue is malformed; the message names where."""
