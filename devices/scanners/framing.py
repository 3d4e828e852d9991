"""Cuts a serial scanner's byte stream into codes at CR, LF or CR LF.

Scanners in serial (or USB-CDC) mode send each code followed by a suffix,
factory-set to CR on most models and CR LF on others; both, and LF alone, end a
code here, and the empty "code" between CR and LF is skipped.
"""

from __future__ import annotations

_ENDS = frozenset(b"\r\n")


class LineFramer:
    """Accumulates bytes and returns whole codes.

    Args:
        encoding: how the scanner encodes text (UTF-8 for most; some Chinese
            scanners send GB18030 for Chinese QR content).
        max_length: a line longer than this is noise (wrong baud rate, a device
            that is not a scanner) and is dropped, never delivered in pieces.
    """

    def __init__(self, encoding: str = "utf-8", max_length: int = 4096) -> None:
        if max_length < 1:
            raise ValueError("max_length must be at least 1")
        "".encode(encoding)  # fail now on an unknown encoding, not at the first scan
        self.encoding = encoding
        self.max_length = max_length
        self._buffer = bytearray()
        self._overflow = False
        self.dropped = 0  # over-long lines thrown away, for diagnostics

    def feed(self, data: bytes) -> list[str]:
        """Take ``data``; return the codes it completed, in order."""
        codes: list[str] = []
        for byte in data:
            if byte in _ENDS:
                if self._overflow:
                    self.dropped += 1
                elif self._buffer:
                    codes.append(self._buffer.decode(self.encoding, errors="replace"))
                self._buffer.clear()
                self._overflow = False
            elif not self._overflow:
                self._buffer.append(byte)
                if len(self._buffer) > self.max_length:
                    self._buffer.clear()
                    self._overflow = True
        return codes

    def clear(self) -> None:
        """Forget a partial code, e.g. when the port was lost in the middle of it."""
        self._buffer.clear()
        self._overflow = False
