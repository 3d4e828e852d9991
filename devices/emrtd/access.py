"""Chip access control: Basic Access Control (ICAO 9303-11 §4.3, §9.7).

`AccessControl` is the seam where **PACE** goes later: a ``PaceAccess`` would
read EF.CardAccess (MF, plain, SFI 1C) to pick the PACE parameters, run the
four General Authenticate steps from the MRZ key or a CAN, and return a
`SecureChannel` (AES or 3DES). `devices.emrtd.session.ChipSession` first asks
the chip whether PACE is offered (EF.CardAccess present) only once such a class
exists; with BAC alone it goes straight to the eMRTD application.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Protocol

from devices.emrtd.apdu import SW_AUTH_FAILED, SW_OK, CommandApdu, ResponseApdu
from devices.emrtd.crypto import bac_keys, decrypt, encrypt, kdf, pad, retail_mac
from devices.emrtd.errors import AccessDeniedError, ChipStatusError, SecureMessagingError
from devices.emrtd.mrz import MrzKey
from devices.emrtd.secure_messaging import SecureChannel, SecureMessaging
from devices.emrtd.transport import ApduTransport


class AccessControl(Protocol):
    """Authenticates to the selected eMRTD application and opens an SM channel."""

    protocol_name: str

    def establish(self, transport: ApduTransport) -> SecureChannel: ...


class BacAccess:
    """BAC from an `MrzKey`. ``random`` is injectable for the ICAO worked example."""

    protocol_name = "emrtd-bac"

    def __init__(self, key: MrzKey, random: Callable[[int], bytes] = os.urandom) -> None:
        self._k_enc, self._k_mac = bac_keys(key)[1:]
        self._random = random

    def establish(self, transport: ApduTransport) -> SecureChannel:
        challenge = ResponseApdu.from_bytes(
            transport.transmit(CommandApdu(0x00, 0x84, 0x00, 0x00, ne=8).encode())
        )
        if challenge.sw != SW_OK or len(challenge.data) != 8:
            raise ChipStatusError("GET CHALLENGE failed", challenge.sw)
        rnd_ic = challenge.data
        rnd_ifd, k_ifd = self._random(8), self._random(16)
        e_ifd = encrypt(self._k_enc, rnd_ifd + rnd_ic + k_ifd)
        m_ifd = retail_mac(self._k_mac, pad(e_ifd))
        answer = ResponseApdu.from_bytes(
            transport.transmit(CommandApdu(0x00, 0x82, 0x00, 0x00, e_ifd + m_ifd, ne=40).encode())
        )
        if answer.sw == SW_AUTH_FAILED or (answer.sw & 0xFF00) == 0x6300:
            raise AccessDeniedError("the chip refused the MRZ key (BAC MUTUAL AUTHENTICATE 6300)")
        if answer.sw != SW_OK:
            raise ChipStatusError("MUTUAL AUTHENTICATE failed", answer.sw)
        return self.finish(answer.data, rnd_ic, rnd_ifd, k_ifd)

    def finish(self, data: bytes, rnd_ic: bytes, rnd_ifd: bytes, k_ifd: bytes) -> SecureMessaging:
        """Check the chip's cryptogram and derive the session keys and SSC."""
        if len(data) != 40:
            raise SecureMessagingError(f"MUTUAL AUTHENTICATE answer of {len(data)} bytes, not 40")
        e_ic, m_ic = data[:32], data[32:]
        if retail_mac(self._k_mac, pad(e_ic)) != m_ic:
            raise SecureMessagingError("the chip's BAC cryptogram MAC is wrong")
        plain = decrypt(self._k_enc, e_ic)
        if plain[:8] != rnd_ic or plain[8:16] != rnd_ifd:
            raise SecureMessagingError("the chip did not echo the BAC nonces")
        seed = bytes(a ^ b for a, b in zip(k_ifd, plain[16:32], strict=True))
        return SecureMessaging(kdf(seed, 1), kdf(seed, 2), rnd_ic[4:] + rnd_ifd[4:])
