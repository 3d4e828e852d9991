"""A secure-messaging session with the eMRTD application and chunked file reads.

Reads use the largest chunks the chip allows, with the fewest APDUs:

* files are read by short file identifier (READ BINARY with P1 = 80|SFI), which
  selects the file implicitly and saves a SELECT per file;
* the first read of a file asks for the maximum at once (extended Le 0000 = "as
  much as you have"; short Le = 231, the most a 3DES-protected short response can
  carry), so small files cost one APDU and the TLV header gives the total length;
* the chip may return fewer bytes than asked (``--max-le`` chips, real chips with
  small buffers): the loop continues from the new offset;
* offsets above 32767 do not fit READ BINARY B0's 15-bit offset: those reads use
  B1 with the offset in DO54 and the data in DO53;
* extended length is tried first; a chip that cannot do it answers 6700 (often in
  plain, which also ends secure messaging: ICAO 9303-11), so the session falls
  back to short reads for good, authenticates again and goes on.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.emrtd import tlv
from devices.emrtd.access import AccessControl
from devices.emrtd.apdu import (
    SW_END_OF_FILE,
    SW_FILE_NOT_FOUND,
    SW_OK,
    SW_WRONG_LENGTH,
    CommandApdu,
    ResponseApdu,
)
from devices.emrtd.errors import ChipStatusError, ProtocolError, SmSessionEndedError, TlvError
from devices.emrtd.secure_messaging import SecureChannel, max_plain_in_short_response
from devices.emrtd.transport import ApduTransport

EMRTD_AID = bytes.fromhex("A0000002471001")

# The emulator (and pcsc-lite's 65,548-byte extended buffer with vpcd's 2-byte
# frame length) cap one protected response at 65,472 plain bytes; asking for
# "as much as you have" (Le 0000) lets a chip pick its own maximum.
EXTENDED_NE = 65536
_B0_MAX_OFFSET = 0x7FFF
_SFI_MAX_OFFSET = 0xFF
# Each SM session restart costs three APDUs; more than this per file means the
# chip is not going to cooperate.
_MAX_RESTARTS_PER_FILE = 2


@dataclass(frozen=True, slots=True)
class FileId:
    """An EF of the eMRTD application: short file identifier and file identifier."""

    sfi: int
    fid: int
    name: str


EF_COM = FileId(0x1E, 0x011E, "EF.COM")
EF_SOD = FileId(0x1D, 0x011D, "EF.SOD")


def data_group(number: int) -> FileId:
    """DGn: SFI n, FID 01nn."""
    if not 1 <= number <= 16:
        raise ValueError(f"no data group {number}")
    return FileId(number, 0x0100 + number, f"DG{number}")


class ChipSession:
    """Selects the eMRTD application, runs access control, reads files under SM."""

    def __init__(
        self,
        transport: ApduTransport,
        access: AccessControl,
        *,
        try_extended: bool = True,
    ) -> None:
        self._transport = transport
        self._access = access
        self._channel: SecureChannel | None = None
        self.extended_ok: bool | None = None if try_extended else False
        self.restarts = 0

    def open(self) -> None:
        """SELECT the eMRTD application (plain) and authenticate."""
        select = CommandApdu(0x00, 0xA4, 0x04, 0x0C, EMRTD_AID)
        answer = ResponseApdu.from_bytes(self._transport.transmit(select.encode()))
        if answer.sw != SW_OK:
            raise ChipStatusError("the chip has no eMRTD application (SELECT AID)", answer.sw)
        self._channel = self._access.establish(self._transport)

    def _restart(self) -> None:
        self.restarts += 1
        self._channel = None
        self.open()

    def _exchange(self, command: CommandApdu, *, extended: bool) -> ResponseApdu:
        if self._channel is None:
            self.open()
        assert self._channel is not None
        raw = self._transport.transmit(self._channel.protect(command, extended=extended))
        return self._channel.unprotect(raw)

    def _short_limit(self, odd_ins: bool) -> int:
        block = self._channel.block_size if self._channel is not None else 8
        return max_plain_in_short_response(block, odd_ins=odd_ins)

    def read_file(self, file: FileId) -> bytes | None:
        """The whole EF, or None if the chip does not have it."""
        content = bytearray()
        total: int | None = None
        selected = False  # whether the file is the chip's current EF
        restarts = 0
        while total is None or len(content) < total:
            offset = len(content)
            if not selected and offset > _SFI_MAX_OFFSET:
                self._select(file)  # only after a session restart mid-file
                selected = True
            extended = self.extended_ok is not False
            odd = offset > _B0_MAX_OFFSET
            remaining = EXTENDED_NE if total is None else total - offset
            if odd:
                # B1 answers carry the data inside DO53, and Ne counts its header
                remaining += 1 + len(tlv.encode_length(remaining))
            limit = EXTENDED_NE if extended else self._short_limit(odd)
            command = _read_command(file, offset, min(remaining, limit), by_sfi=not selected)
            try:
                answer = self._exchange(command, extended=extended)
            except SmSessionEndedError as exc:
                if restarts >= _MAX_RESTARTS_PER_FILE:
                    raise
                restarts += 1
                if exc.sw == SW_WRONG_LENGTH and extended:
                    self.extended_ok = False
                self._restart()
                selected = False
                continue
            if answer.sw == SW_WRONG_LENGTH and extended:
                self.extended_ok = False  # protected 6700: SM still up, just go short
                continue
            if answer.sw == SW_FILE_NOT_FOUND and offset == 0:
                return None
            if answer.sw not in (SW_OK, SW_END_OF_FILE):
                raise ChipStatusError(f"READ BINARY {file.name} at offset {offset}", answer.sw)
            if extended:
                self.extended_ok = True
            selected = True
            chunk = _unwrap_b1(answer.data) if odd else answer.data
            if not chunk:
                raise ProtocolError(f"{file.name}: the chip returned no data at offset {offset}")
            content += chunk
            if total is None:
                total = tlv.total_length(bytes(content))
                if total is None and answer.sw == SW_END_OF_FILE:
                    raise TlvError(f"{file.name} ends inside its TLV header")
            if total is not None and len(content) > total:
                del content[total:]  # a chip may pad the last block of a file
            if answer.sw == SW_END_OF_FILE and (total is None or len(content) < total):
                raise ProtocolError(
                    f"{file.name} ends at {len(content)} bytes, its header says {total}"
                )
        return bytes(content)

    def _select(self, file: FileId) -> None:
        command = CommandApdu(0x00, 0xA4, 0x02, 0x0C, file.fid.to_bytes(2, "big"))
        answer = self._exchange(command, extended=False)
        if answer.sw != SW_OK:
            raise ChipStatusError(f"SELECT {file.name}", answer.sw)


def _read_command(file: FileId, offset: int, ne: int, *, by_sfi: bool) -> CommandApdu:
    if by_sfi:
        return CommandApdu(0x00, 0xB0, 0x80 | file.sfi, offset, ne=ne)
    if offset <= _B0_MAX_OFFSET:
        return CommandApdu(0x00, 0xB0, offset >> 8, offset & 0xFF, ne=ne)
    # B1, P1-P2 = 0000: the current EF; offset in DO54 (minimal big-endian)
    do54 = tlv.encode(0x54, offset.to_bytes((offset.bit_length() + 7) // 8, "big"))
    return CommandApdu(0x00, 0xB1, 0x00, 0x00, do54, ne=ne)


def _unwrap_b1(data: bytes) -> bytes:
    """READ BINARY B1 answers the data inside DO53."""
    if not data:
        return b""
    return tlv.unwrap(data, 0x53)
