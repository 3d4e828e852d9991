"""One complete read of an eMRTD chip: the raw files, decoded.

Order: SELECT the application, access control (BAC), EF.COM, DG1, DG2, DG11 if
EF.COM lists it, EF.SOD. DG3/DG4 (fingerprints, iris) need Extended Access
Control and are not read; DG14/DG15 (chip/active authentication) are not used
yet, so their hashes are not checked either.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.emrtd.access import AccessControl
from devices.emrtd.errors import ProtocolError
from devices.emrtd.lds import Dg11, EfCom, FaceImage, parse_dg1, parse_dg2, parse_dg11, parse_ef_com
from devices.emrtd.mrz import Mrz
from devices.emrtd.session import EF_COM, EF_SOD, ChipSession, data_group
from devices.emrtd.transport import ApduTransport

WANTED_GROUPS = (1, 2, 11)


@dataclass(frozen=True, slots=True)
class ChipContents:
    """What was read: decoded values plus the raw bytes passive authentication needs."""

    com: EfCom
    mrz: Mrz
    face: FaceImage | None
    dg11: Dg11 | None
    raw_groups: dict[int, bytes]
    sod: bytes | None
    extended_length: bool
    session_restarts: int


def read_chip(
    transport: ApduTransport, access: AccessControl, *, try_extended: bool = True
) -> ChipContents:
    """Read and decode the files the kiosk uses; raises on any chip or data problem."""
    session = ChipSession(transport, access, try_extended=try_extended)
    session.open()
    com_bytes = session.read_file(EF_COM)
    if com_bytes is None:
        raise ProtocolError("the chip has no EF.COM")
    com = parse_ef_com(com_bytes)
    raw: dict[int, bytes] = {}
    for number in WANTED_GROUPS:
        if number != 1 and number not in com.data_groups:
            continue
        content = session.read_file(data_group(number))
        if content is None:
            if number == 1:
                raise ProtocolError("the chip has no DG1 (MRZ)")
            continue
        raw[number] = content
    sod = session.read_file(EF_SOD)
    return ChipContents(
        com=com,
        mrz=parse_dg1(raw[1]),
        face=parse_dg2(raw[2]) if 2 in raw else None,
        dg11=parse_dg11(raw[11]) if 11 in raw else None,
        raw_groups=raw,
        sod=sod,
        extended_length=session.extended_ok is True,
        session_restarts=session.restarts,
    )
