"""ICAO Doc 9303-11 Appendix D worked example: BAC keys, SSC, protected APDUs.

All numbers are the standard's (D.2 key derivation, D.3 mutual authentication,
D.4 secure messaging). The chip is played by a script of the standard's
exchanges, so BAC runs through the same code path as on a real card.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from devices.emrtd.access import BacAccess
from devices.emrtd.apdu import CommandApdu
from devices.emrtd.crypto import bac_keys
from devices.emrtd.errors import SecureMessagingError
from devices.emrtd.mrz import MrzKey
from devices.emrtd.secure_messaging import SecureMessaging

H = bytes.fromhex
KEY = MrzKey("L898902C", "690806", "940623")
RND_IC = H("4608F91988702212")
RND_IFD = H("781723860C06C226")
K_IFD = H("0B795240CB7049B01C19B33E32804F0B")
MUTUAL_AUTH_DATA = H(
    "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7"
)
CHIP_ANSWER = H("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449")


class ScriptedChip:
    """Answers the two BAC commands with the standard's values."""

    def __init__(self) -> None:
        self.commands: list[bytes] = []

    def transmit(self, apdu: bytes) -> bytes:
        self.commands.append(apdu)
        if apdu == H("0084000008"):
            return RND_IC + b"\x90\x00"
        if apdu[:5] == H("0082000028") and apdu[5:45] == MUTUAL_AUTH_DATA:
            return CHIP_ANSWER + b"\x90\x00"
        return H("6300")


def _randoms() -> Iterator[bytes]:
    yield RND_IFD
    yield K_IFD


def _bac_session() -> tuple[SecureMessaging, ScriptedChip]:
    chip = ScriptedChip()
    randoms = _randoms()
    channel = BacAccess(KEY, random=lambda n: next(randoms)).establish(chip)
    assert isinstance(channel, SecureMessaging)
    return channel, chip


def test_mrz_information_and_bac_keys_match_appendix_d2() -> None:
    assert KEY.mrz_information == "L898902C<369080619406236"
    k_seed, k_enc, k_mac = bac_keys(KEY)
    assert k_seed == H("239AB9CB282DAF66231DC5A4DF6BFBAE")
    assert k_enc == H("AB94FDECF2674FDFB9B391F85D7F76F2")
    assert k_mac == H("7962D9ECE03D1ACD4C76089DCE131543")


def test_mutual_authentication_yields_the_session_keys_and_ssc_of_appendix_d3() -> None:
    channel, chip = _bac_session()

    assert chip.commands[1] == H("0082000028") + MUTUAL_AUTH_DATA + H("28")
    assert channel.ks_enc == H("979EC13B1CBFE9DCD01AB0FED307EAE5")
    assert channel.ks_mac == H("F1CB1F1FB5ADF208806B89DC579DC1F8")
    assert channel.ssc == H("887022120C06C226")


def test_select_and_read_ef_com_are_protected_exactly_as_in_appendix_d4() -> None:
    channel, _ = _bac_session()

    select = channel.protect(CommandApdu(0x00, 0xA4, 0x02, 0x0C, H("011E")), extended=False)
    assert select == H("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800")
    answer = channel.unprotect(H("990290008E08FA855A5D4C50A8ED9000"))
    assert (answer.data, answer.sw) == (b"", 0x9000)

    read4 = channel.protect(CommandApdu(0x00, 0xB0, 0x00, 0x00, ne=4), extended=False)
    assert read4 == H("0CB000000D9701048E08ED6705417E96BA5500")
    header = channel.unprotect(H("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000"))
    assert header.data == H("60145F01")

    read18 = channel.protect(CommandApdu(0x00, 0xB0, 0x00, 0x04, ne=0x12), extended=False)
    assert read18 == H("0CB000040D9701128E082EA28A70F3C7B53500")
    rest = channel.unprotect(
        H("871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000")
    )
    assert rest.data == H("04303130365F36063034303030305C026175")
    assert channel.ssc == H("887022120C06C22C")


def test_a_response_with_one_flipped_mac_bit_is_refused() -> None:
    channel, _ = _bac_session()
    channel.protect(CommandApdu(0x00, 0xA4, 0x02, 0x0C, H("011E")), extended=False)

    with pytest.raises(SecureMessagingError, match="MAC"):
        channel.unprotect(
            H("990290008E08FA855A5D4C50A8ED9100"[:-4] + "9000").replace(b"\xed", b"\xec")
        )
