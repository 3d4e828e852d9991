"""eMRTD (ICAO 9303 passport / permit chip) reading: BAC, secure messaging, LDS, PA.

Public API:

* `EmrtdPcscReader(reader_substring, mrz_key, trust_store, ...)`: the kiosk's
  `devices.protocols.IdentityReader` over PC/SC; `set_mrz_key()` or
  ``read(mrz_key)`` per read; ``apdu_hook`` / ``last_apdu_count`` for tracing.
* `MrzKey`, `parse_mrz`, `Mrz`, `check_digit`: MRZ handling.
* `TrustStore`, `verify_document`: passive authentication on its own.
* `read_chip`, `BacAccess`, `ApduTransport`, `ApduTrace`: lower layers, for
  other transports and for adding PACE (see `devices.emrtd.access`).

Module map (one job each): ``tlv`` BER-TLV; ``mrz`` MRZ + BAC key; ``crypto``
3DES/MAC/KDF; ``apdu`` APDU encoding; ``secure_messaging`` SM channel;
``access`` BAC (PACE seam); ``session`` SELECT + chunked reads; ``lds`` file
decoders; ``sod`` EF.SOD parsing; ``trust_store`` CSCA certificates;
``countries`` alpha-3 -> alpha-2; ``passive_auth`` verdicts; ``chip`` one full
read; ``document`` normalisation; ``transport`` APDU seam + tracing;
``reader`` the PC/SC `IdentityReader`.

Only ``reader`` needs pyscard (the optional ``devices`` extra), so it is loaded
on first use of `EmrtdPcscReader`: the kiosk core uses MRZ handling from here
on machines without a smart-card stack.
"""

from typing import TYPE_CHECKING, Any

from devices.emrtd.access import AccessControl, BacAccess
from devices.emrtd.chip import ChipContents, read_chip
from devices.emrtd.mrz import Mrz, MrzFormat, MrzKey, check_digit, parse_mrz
from devices.emrtd.passive_auth import verify_document
from devices.emrtd.transport import ApduHook, ApduTrace, ApduTransport, TracingTransport
from devices.emrtd.trust_store import TrustStore

if TYPE_CHECKING:
    from devices.emrtd.reader import EmrtdPcscReader

__all__ = [
    "AccessControl",
    "ApduHook",
    "ApduTrace",
    "ApduTransport",
    "BacAccess",
    "ChipContents",
    "EmrtdPcscReader",
    "Mrz",
    "MrzFormat",
    "MrzKey",
    "TrustStore",
    "TracingTransport",
    "check_digit",
    "parse_mrz",
    "read_chip",
    "verify_document",
]


def __getattr__(name: str) -> Any:
    if name == "EmrtdPcscReader":
        from devices.emrtd import reader

        return reader.EmrtdPcscReader
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
