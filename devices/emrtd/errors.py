"""Exceptions inside the eMRTD driver; `devices.emrtd.reader` turns them into values.

They all derive from the device layer's `ReaderError`/`ProtocolError`, so even if
one escaped a caller that catches `DeviceError` would still handle it::

    ReaderError
    ├── AccessDeniedError       BAC refused (wrong MRZ key) or no key given
    ├── MrzError                MRZ text that is not a valid TD1/TD2/TD3 (also ValueError)
    └── ProtocolError
        ├── TlvError            malformed BER-TLV
        ├── SecureMessagingError wrong MAC, missing DOs, bad padding
        ├── ChipStatusError     an unexpected status word (``sw`` attribute)
        │   └── SmSessionEndedError  the chip answered in plain: SM is over
        └── SodError            EF.SOD that is not a parsable CMS SignedData
"""

from __future__ import annotations

from devices.errors import ProtocolError, ReaderError


class AccessDeniedError(ReaderError):
    """The chip refused access: wrong or missing MRZ key."""


class MrzError(ReaderError, ValueError):
    """An MRZ (typed, scanned or from DG1) that does not parse or check."""


class TlvError(ProtocolError):
    """Bytes that are not well-formed BER-TLV."""


class SecureMessagingError(ProtocolError):
    """A protected response that fails its MAC or is malformed."""


class ChipStatusError(ProtocolError):
    """The chip answered a status word the reader did not expect."""

    def __init__(self, message: str, sw: int) -> None:
        super().__init__(f"{message}: status {sw:04X}")
        self.sw = sw


class SmSessionEndedError(ChipStatusError):
    """The chip answered a protected command in plain, which ends the SM session."""


class SodError(ProtocolError):
    """EF.SOD cannot be parsed as an ICAO LDS security object."""


__all__ = [
    "AccessDeniedError",
    "ChipStatusError",
    "MrzError",
    "ProtocolError",
    "ReaderError",
    "SecureMessagingError",
    "SmSessionEndedError",
    "SodError",
    "TlvError",
]
