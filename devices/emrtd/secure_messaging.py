"""ICAO 9303-11 §9.8 secure messaging with 3DES (the channel BAC establishes).

Terminal side: `SecureMessaging.protect` wraps a plain command into DO87/DO85 +
DO97 + DO8E; `SecureMessaging.unprotect` checks DO8E over DO87/DO85 + DO99 and
decrypts. The send sequence counter (SSC) is incremented before each MAC, both
ways, so commands and responses must strictly alternate.

`SecureChannel` is the seam for PACE: PACE with AES yields a channel with a
16-byte block, AES-CMAC and an IV derived from the SSC; it implements the same
three members and the session code above it does not change.
"""

from __future__ import annotations

from typing import Protocol

from devices.emrtd import tlv
from devices.emrtd.apdu import CommandApdu, ResponseApdu
from devices.emrtd.crypto import decrypt, encrypt, pad, retail_mac, unpad
from devices.emrtd.errors import SecureMessagingError, SmSessionEndedError, TlvError

_DO85 = 0x85
_DO87 = 0x87
_DO8E = 0x8E
_DO97 = 0x97
_DO99 = 0x99
_MAC_DO_LEN = 10  # 8E 08 <8-byte MAC>
_SW_DO_LEN = 4  # 99 02 SW1 SW2
_MAX_SHORT_RESPONSE = 256


class SecureChannel(Protocol):
    """What the session needs from a secure-messaging channel (BAC now, PACE later)."""

    block_size: int

    def protect(self, command: CommandApdu, *, extended: bool) -> bytes: ...

    def unprotect(self, raw: bytes) -> ResponseApdu: ...


def max_plain_in_short_response(block_size: int, *, odd_ins: bool = False) -> int:
    """Most plain bytes whose protected response fits 256 bytes (231 for 3DES).

    The protected answer is DO87 (tag, length, 01 indicator, padded cryptogram;
    DO85 has no indicator) + DO99 + DO8E.
    """
    best = 0
    for n in range(_MAX_SHORT_RESPONSE):
        body = (n // block_size + 1) * block_size + (0 if odd_ins else 1)
        size = 1 + len(tlv.encode_length(body)) + body + _SW_DO_LEN + _MAC_DO_LEN
        if size <= _MAX_SHORT_RESPONSE:
            best = n
    return best


class SecureMessaging:
    """3DES secure messaging with the session keys and SSC from BAC."""

    block_size = 8

    def __init__(self, ks_enc: bytes, ks_mac: bytes, ssc: bytes) -> None:
        if len(ks_enc) != 16 or len(ks_mac) != 16 or len(ssc) != 8:
            raise ValueError("3DES SM needs two 16-byte keys and an 8-byte SSC")
        self.ks_enc = ks_enc
        self.ks_mac = ks_mac
        self._ssc = int.from_bytes(ssc, "big")

    @property
    def ssc(self) -> bytes:
        """The current send sequence counter."""
        return self._ssc.to_bytes(8, "big")

    def _mac(self, data: bytes) -> bytes:
        self._ssc = (self._ssc + 1) & 0xFFFFFFFFFFFFFFFF
        return retail_mac(self.ks_mac, pad(self.ssc + data))

    def protect(self, command: CommandApdu, *, extended: bool) -> bytes:
        """The protected APDU for ``command`` (CLA | 0C, Le 00 / 0000)."""
        cla = command.cla | 0x0C
        header = bytes([cla, command.ins, command.p1, command.p2])
        data_do = b""
        if command.data:
            cryptogram = encrypt(self.ks_enc, pad(command.data))
            if command.ins & 1:
                # odd INS: the data are BER-TLV already, so DO85 has no indicator
                data_do = tlv.encode(_DO85, cryptogram)
            else:
                data_do = tlv.encode(_DO87, b"\x01" + cryptogram)
        le_do = b""
        if command.ne is not None:
            if extended:
                le_do = tlv.encode(_DO97, (command.ne % 65536).to_bytes(2, "big"))
            else:
                if command.ne > 256:
                    raise ValueError("Ne above 256 needs an extended APDU")
                le_do = tlv.encode(_DO97, bytes([command.ne % 256]))
        mac = self._mac(pad(header) + data_do + le_do)
        body = data_do + le_do + tlv.encode(_DO8E, mac)
        outer = CommandApdu(
            cla, command.ins, command.p1, command.p2, body, 65536 if extended else 256
        )
        return outer.encode(extended=extended)

    def unprotect(self, raw: bytes) -> ResponseApdu:
        """Verify and decrypt a protected response.

        A response without data objects (a bare error SW such as 6987/6988, or
        6700 to an extended APDU the chip cannot take) means the chip dropped
        secure messaging: `SmSessionEndedError` carrying that SW.
        """
        response = ResponseApdu.from_bytes(raw)
        if not response.data:
            if response.sw == 0x9000:
                raise SecureMessagingError("protected response without data objects")
            raise SmSessionEndedError(
                "chip answered in plain and ended secure messaging", response.sw
            )
        try:
            objects = tlv.parse(response.data)
        except TlvError as exc:
            raise SecureMessagingError(f"protected response is not TLV: {exc}") from exc
        by_tag: dict[int, bytes] = {}
        raw_do: dict[int, bytes] = {}
        for item in objects:
            if item.tag in by_tag:
                raise SecureMessagingError(f"DO{item.tag:X} appears twice")
            by_tag[item.tag] = item.value
            raw_do[item.tag] = tlv.encode(item.tag, item.value)
        if _DO8E not in by_tag:
            raise SecureMessagingError("protected response has no MAC (DO8E)")
        if _DO99 not in by_tag or len(by_tag[_DO99]) != 2:
            raise SecureMessagingError("protected response has no status (DO99)")
        if _DO85 in by_tag and _DO87 in by_tag:
            raise SecureMessagingError("protected response has both DO85 and DO87")
        mac_input = raw_do.get(_DO87, b"") + raw_do.get(_DO85, b"") + raw_do[_DO99]
        expected = self._mac(mac_input)
        if by_tag[_DO8E] != expected:
            raise SecureMessagingError("MAC of the protected response is wrong")
        data = b""
        if _DO87 in by_tag:
            value = by_tag[_DO87]
            if not value or value[0] != 0x01:
                raise SecureMessagingError("DO87 padding-content indicator is not 01")
            data = unpad(decrypt(self.ks_enc, value[1:]))
        elif _DO85 in by_tag:
            data = unpad(decrypt(self.ks_enc, by_tag[_DO85]))
        return ResponseApdu(data, int.from_bytes(by_tag[_DO99], "big"))
