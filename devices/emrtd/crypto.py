"""3DES primitives of ICAO 9303-11 BAC and secure messaging, on `cryptography`.

Key derivation (§9.7.1), two-key 3DES in CBC mode with a zero IV, ISO/IEC
9797-1 padding method 2 and MAC algorithm 3 ("retail MAC") with DES.
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, modes

from devices.emrtd.errors import SecureMessagingError
from devices.emrtd.mrz import MrzKey

_ZERO_IV = bytes(8)
KDF_ENC = 1
KDF_MAC = 2


def adjust_parity(key: bytes) -> bytes:
    """Set each byte's lowest bit for odd parity, as DES keys require."""
    out = bytearray()
    for byte in key:
        high = byte & 0xFE
        out.append(high | ((bin(high).count("1") + 1) & 1))
    return bytes(out)


def kdf(seed: bytes, counter: int) -> bytes:
    """ICAO 9303-11 §9.7.1 for 3DES: SHA-1(seed || counter)[:16], parity adjusted."""
    digest = hashlib.sha1(seed + counter.to_bytes(4, "big")).digest()
    return adjust_parity(digest[:16])


def bac_keys(key: MrzKey) -> tuple[bytes, bytes, bytes]:
    """(K_seed, K_enc, K_mac) from the MRZ information."""
    k_seed = hashlib.sha1(key.mrz_information.encode("ascii")).digest()[:16]
    return k_seed, kdf(k_seed, KDF_ENC), kdf(k_seed, KDF_MAC)


def pad(data: bytes, block: int = 8) -> bytes:
    """ISO/IEC 9797-1 padding method 2: 0x80 then zeros to a block boundary."""
    data = data + b"\x80"
    return data + bytes(-len(data) % block)


def unpad(data: bytes) -> bytes:
    """Remove method-2 padding; `SecureMessagingError` if there is none."""
    stripped = data.rstrip(b"\x00")
    if not stripped.endswith(b"\x80"):
        raise SecureMessagingError("bad ISO/IEC 9797-1 padding in decrypted data")
    return stripped[:-1]


def _tdes(key16: bytes) -> TripleDES:
    if len(key16) != 16:
        raise ValueError("3DES keys here are 16 bytes (two-key 3DES)")
    return TripleDES(key16 + key16[:8])


def encrypt(key16: bytes, data: bytes) -> bytes:
    """3DES-CBC, zero IV, data already a multiple of 8 bytes."""
    encryptor = Cipher(_tdes(key16), modes.CBC(_ZERO_IV)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def decrypt(key16: bytes, data: bytes) -> bytes:
    """3DES-CBC decryption, zero IV; `SecureMessagingError` if not block-aligned."""
    if len(data) % 8:
        raise SecureMessagingError(f"cryptogram of {len(data)} bytes is not block-aligned")
    decryptor = Cipher(_tdes(key16), modes.CBC(_ZERO_IV)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def retail_mac(key16: bytes, padded: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 with DES over already padded data."""
    if not padded or len(padded) % 8:
        raise ValueError("MAC input must be padded to 8-byte blocks")
    ka, kb = key16[:8], key16[8:16]
    state = _ZERO_IV
    if len(padded) > 8:
        # single DES CBC over all but the last block (3DES with K1=K2=K3 is DES)
        encryptor = Cipher(TripleDES(ka * 3), modes.CBC(_ZERO_IV)).encryptor()
        state = (encryptor.update(padded[:-8]) + encryptor.finalize())[-8:]
    last = bytes(a ^ b for a, b in zip(state, padded[-8:], strict=True))
    final = Cipher(TripleDES(ka + kb + ka), modes.ECB()).encryptor()
    return final.update(last) + final.finalize()
