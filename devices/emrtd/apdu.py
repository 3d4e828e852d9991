"""ISO/IEC 7816-4 command and response APDUs (short and extended length).

Also the status words the eMRTD reader reacts to.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.errors import ProtocolError

SW_OK = 0x9000
SW_END_OF_FILE = 0x6282  # fewer bytes than Ne: end of file reached
SW_AUTH_FAILED = 0x6300  # BAC: terminal cryptogram wrong (wrong MRZ key)
SW_WRONG_LENGTH = 0x6700
SW_SECURITY_NOT_SATISFIED = 0x6982
SW_CONDITIONS_NOT_SATISFIED = 0x6985
SW_SM_DO_MISSING = 0x6987
SW_SM_DO_INCORRECT = 0x6988
SW_FILE_NOT_FOUND = 0x6A82
SW_WRONG_P1P2 = 0x6B00

SHORT_MAX_NE = 256
EXTENDED_MAX_NE = 65536


@dataclass(frozen=True, slots=True)
class CommandApdu:
    """A plain command. ``ne`` None = no response data expected."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    ne: int | None = None

    def needs_extended(self) -> bool:
        """True if the body does not fit a short APDU."""
        return len(self.data) > 255 or (self.ne is not None and self.ne > SHORT_MAX_NE)

    def encode(self, *, extended: bool = False) -> bytes:
        """Bytes on the wire; extended length if asked or needed."""
        header = bytes([self.cla, self.ins, self.p1, self.p2])
        if len(self.data) > 65535 or (self.ne is not None and not 0 < self.ne <= EXTENDED_MAX_NE):
            raise ValueError("APDU data or Ne out of range")
        if extended or self.needs_extended():
            body = b""
            if self.data:
                body = b"\x00" + len(self.data).to_bytes(2, "big") + self.data
            if self.ne is not None:
                le = (self.ne % EXTENDED_MAX_NE).to_bytes(2, "big")
                body += le if self.data else b"\x00" + le
            return header + body
        body = bytes([len(self.data)]) + self.data if self.data else b""
        if self.ne is not None:
            body += bytes([self.ne % SHORT_MAX_NE])
        return header + body


@dataclass(frozen=True, slots=True)
class ResponseApdu:
    """Response data and the status word."""

    data: bytes
    sw: int

    @classmethod
    def from_bytes(cls, raw: bytes) -> ResponseApdu:
        if len(raw) < 2:
            raise ProtocolError(f"response APDU of {len(raw)} bytes has no status word")
        return cls(bytes(raw[:-2]), int.from_bytes(raw[-2:], "big"))

    @property
    def ok(self) -> bool:
        return self.sw == SW_OK
