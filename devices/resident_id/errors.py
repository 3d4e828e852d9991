"""Exceptions of the resident-ID-card drivers, all below `devices.errors.ReaderError`.

They never leave the package: the drivers turn each of them into a `ReadResult`
(a garbled answer is UNREADABLE, silence is TIMEOUT, a vanished port is
NO_READER). They exist so that the frame codec, the text decoder and the
transports can say precisely what went wrong, and tests can check it.
"""

from __future__ import annotations

from devices.errors import ProtocolError, ReaderError


class FrameError(ProtocolError):
    """Bytes from the SAM that do not form a valid frame (length, checksum, truncation)."""


class CardDataError(ProtocolError):
    """A well-framed answer whose card data is malformed or fails validation.

    ``field`` names the text-block field at fault ("id_number", "birth", ...), so
    the driver can tell the technician which part of the card is wrong without
    echoing the personal data itself.
    """

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class AnswerTimeout(ReaderError):
    """The reader sent nothing back within the time allowed, even after retries."""


class PortUnavailable(ReaderError):
    """The port or vendor library cannot reach the reader (unplugged, wrong path, closed)."""
