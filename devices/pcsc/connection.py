"""A thin, typed wrapper over pyscard's raw ``smartcard.scard`` calls.

We use the raw SCard* layer rather than pyscard's object API because it hands
us the PC/SC result codes themselves, which `devices.pcsc.errors` maps to our
exceptions in one place; pyscard's own exceptions lose some of them (an empty
APDU response, for one, is a successful ``SCardTransmit`` at this level).

Thread use: a `PcscContext` and the connections made from it belong to one
thread at a time. pcsc-lite serialises calls on one context, and a blocking
``SCardGetStatusChange`` would hold up a transmit on the same context, so the
presence monitor owns a context of its own.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

from smartcard import scard

from devices.pcsc.errors import (
    CardRemovedError,
    PcscError,
    ReaderUnavailableError,
    check,
)

_NO_READERS = scard.SCARD_E_NO_READERS_AVAILABLE & 0xFFFFFFFF


def _call(operation: str, fn: Callable[..., Any], *args: Any) -> Any:
    """Call a pyscard function, turning its own exceptions into `PcscError`."""
    try:
        return fn(*args)
    except PcscError:
        raise
    except Exception as exc:  # pyscard raises SystemError/TypeError/scard.error
        raise PcscError(f"{operation}: {exc}") from exc


class PcscContext:
    """An established PC/SC context (``SCardEstablishContext``)."""

    def __init__(self) -> None:
        result = _call("SCardEstablishContext", scard.SCardEstablishContext, scard.SCARD_SCOPE_USER)
        hresult, handle = result
        check(hresult, "SCardEstablishContext")
        self.handle: int = handle
        self._released = False

    def list_readers(self) -> list[str]:
        """Names of the readers pcscd knows now (empty when there are none)."""
        hresult, names = _call("SCardListReaders", scard.SCardListReaders, self.handle, [])
        if hresult & 0xFFFFFFFF == _NO_READERS:
            return []
        check(hresult, "SCardListReaders")
        return [str(n) for n in names]

    def is_valid(self) -> bool:
        """False once pcscd has gone away (then establish a new context)."""
        if self._released:
            return False
        try:
            hresult = _call("SCardIsValidContext", scard.SCardIsValidContext, self.handle)
        except PcscError:
            return False
        return bool(hresult & 0xFFFFFFFF == 0)

    def cancel(self) -> None:
        """Wake a blocked ``SCardGetStatusChange`` on this context (any thread)."""
        if not self._released:
            with contextlib.suppress(PcscError):
                _call("SCardCancel", scard.SCardCancel, self.handle)

    def release(self) -> None:
        """Release the context; harmless if pcscd is already gone."""
        if self._released:
            return
        self._released = True
        with contextlib.suppress(PcscError):
            _call("SCardReleaseContext", scard.SCardReleaseContext, self.handle)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def find_reader(context: PcscContext, substring: str | None) -> str:
    """The first reader whose name contains ``substring`` (any reader if None)."""
    names = context.list_readers()
    matches = [n for n in names if substring is None or substring in n]
    if not matches:
        wanted = f"containing {substring!r}" if substring is not None else "at all"
        raise ReaderUnavailableError(f"no PC/SC reader {wanted} (readers: {names or 'none'})")
    return matches[0]


def list_readers() -> list[str]:
    """Names of the PC/SC readers now (a short-lived context of its own)."""
    with PcscContext() as context:
        return context.list_readers()


class CardConnection:
    """An exclusive connection to the card in one reader.

    ``transmit`` returns the whole response APDU (data + SW1 SW2) or raises one
    of the `devices.pcsc.errors` exceptions; an empty response (the card was
    pulled while it was answering) is `CardRemovedError`.
    """

    def __init__(self, context: PcscContext, reader: str, *, exclusive: bool = True) -> None:
        share = scard.SCARD_SHARE_EXCLUSIVE if exclusive else scard.SCARD_SHARE_SHARED
        hresult, handle, protocol = _call(
            "SCardConnect",
            scard.SCardConnect,
            context.handle,
            reader,
            share,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        check(hresult, f"SCardConnect({reader})")
        self.reader = reader
        self._handle: int = handle
        self._protocol: int = protocol
        self._open = True
        self._card_gone = False

    def transmit(self, apdu: bytes) -> bytes:
        """Send one command APDU, return the response APDU (at least SW1 SW2)."""
        if not self._open:
            raise PcscError("transmit on a closed connection")
        try:
            hresult, response = _call(
                "SCardTransmit", scard.SCardTransmit, self._handle, self._protocol, list(apdu)
            )
            check(hresult, "SCardTransmit")
        except CardRemovedError:
            self._card_gone = True
            raise
        if len(response) < 2:
            # vpcd (and some real readers) turn a card that vanished mid-APDU
            # into a *successful* transmit with no bytes at all.
            self._card_gone = True
            raise CardRemovedError("SCardTransmit: empty response (card pulled mid-APDU)")
        return bytes(response)

    @property
    def card_gone(self) -> bool:
        """True once a call on this connection saw the card removed."""
        return self._card_gone

    def close(self) -> None:
        """Disconnect; never raises.

        A healthy card is reset so the next session starts from power-up state
        (no secure-messaging keys left on the chip). A card that was seen gone is
        *left*: pcsc-lite 1.9.9 can mark a reader empty for good when a stale
        handle is disconnected with UNPOWER/RESET while a new card arrives
        between two of its 400 ms polls (devstack README, gotchas).
        """
        if not self._open:
            return
        self._open = False
        disposition = scard.SCARD_LEAVE_CARD if self._card_gone else scard.SCARD_RESET_CARD
        # A failing disconnect means the handle already went with the card or
        # with pcscd: there is nothing left to release, so its code is ignored.
        with contextlib.suppress(PcscError):
            _call("SCardDisconnect", scard.SCardDisconnect, self._handle, disposition)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
