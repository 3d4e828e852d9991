"""PC/SC result codes mapped to the few conditions the kiosk cares about.

This is the one place where pcsc-lite's ``SCARD_*`` codes (as pyscard returns
them) become our exceptions. Everything above this package sees only:

* `CardRemovedError`: the card is not (or no longer) there. pcsc-lite 1.9.9 +
  vpcd report a pull in four different ways depending on *when* it happens
  relative to pcscd's 400 ms reader poll (see the devstack README §1): an empty
  response to an APDU in flight, ``SCARD_E_NOT_TRANSACTED`` until the next poll,
  then ``SCARD_W_REMOVED_CARD`` / ``SCARD_E_NO_SMARTCARD``. All of them, plus the
  "card was reset/unpowered behind our back" warnings, mean the same to a reader
  driver: the session with that card is over.
* `ReaderUnavailableError`: the reader is unknown or gone (unplugged, driver
  died).
* `ServiceUnavailableError`: pcscd is not running or was restarted; the context
  must be established again.
* `CardBusyError`: another client holds the card exclusively.
* `PcscError`: anything else, with the code and pcsc-lite's message.
"""

from __future__ import annotations

from smartcard import scard

from devices.errors import ReaderError


def _u32(code: int) -> int:
    # pyscard hands back HRESULTs as non-negative ints on Linux but signed
    # ones on some builds; compare them as unsigned 32-bit values.
    return code & 0xFFFFFFFF


CARD_GONE_CODES: frozenset[int] = frozenset(
    _u32(c)
    for c in (
        scard.SCARD_E_NOT_TRANSACTED,
        scard.SCARD_W_REMOVED_CARD,
        scard.SCARD_E_NO_SMARTCARD,
        scard.SCARD_W_RESET_CARD,
        scard.SCARD_W_UNPOWERED_CARD,
        scard.SCARD_W_UNRESPONSIVE_CARD,
        scard.SCARD_E_COMM_DATA_LOST,
        scard.SCARD_W_UNSUPPORTED_CARD,
    )
)
READER_GONE_CODES: frozenset[int] = frozenset(
    _u32(c)
    for c in (
        scard.SCARD_E_UNKNOWN_READER,
        scard.SCARD_E_READER_UNAVAILABLE,
        scard.SCARD_E_NO_READERS_AVAILABLE,
    )
)
SERVICE_GONE_CODES: frozenset[int] = frozenset(
    _u32(c)
    for c in (
        scard.SCARD_E_NO_SERVICE,
        scard.SCARD_E_SERVICE_STOPPED,
        scard.SCARD_E_INVALID_HANDLE,
        scard.SCARD_F_COMM_ERROR,
    )
)
BUSY_CODES: frozenset[int] = frozenset({_u32(scard.SCARD_E_SHARING_VIOLATION)})


class PcscError(ReaderError):
    """A PC/SC call failed; ``code`` is the unsigned SCARD_* value (0 if none)."""

    def __init__(self, message: str, code: int = 0) -> None:
        super().__init__(message)
        self.code = code


class CardRemovedError(PcscError):
    """The card is not in the reader any more (or never was)."""


class ReaderUnavailableError(PcscError):
    """The named reader is not known to pcscd (unplugged, or no such reader)."""


class ServiceUnavailableError(PcscError):
    """pcscd is not reachable; the PC/SC context has to be established again."""


class CardBusyError(PcscError):
    """Another PC/SC client holds the card exclusively."""


def describe(code: int) -> str:
    """pcsc-lite's words for a code, with the code in hex."""
    try:
        text = str(scard.SCardGetErrorMessage(code))
    except Exception:  # pyscard raises its own types for unknown codes
        text = "unknown PC/SC code"
    return f"{text} (0x{_u32(code):08X})"


def error_for(code: int, operation: str) -> PcscError:
    """The exception for a failed PC/SC call ``operation`` that returned ``code``."""
    u = _u32(code)
    message = f"{operation}: {describe(u)}"
    if u in CARD_GONE_CODES:
        return CardRemovedError(message, u)
    if u in READER_GONE_CODES:
        return ReaderUnavailableError(message, u)
    if u in SERVICE_GONE_CODES:
        return ServiceUnavailableError(message, u)
    if u in BUSY_CODES:
        return CardBusyError(message, u)
    return PcscError(message, u)


def check(code: int, operation: str) -> None:
    """Raise the mapped exception unless ``code`` is SCARD_S_SUCCESS."""
    if _u32(code) != _u32(scard.SCARD_S_SUCCESS):
        raise error_for(code, operation)
