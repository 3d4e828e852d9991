"""The read sequence a SAM needs, shared by the serial driver and the SDK adapter.

find (20 01, expect 9F) -> select (20 02, expect 90) -> read text + photo
(30 01, expect 90) -> optionally the appended address (30 03, 90 or 91).

Both back ends speak through `SamSession`, which returns the SAM's SW3 byte
and raises the package's transport errors; this module owns what those mean
for the kiosk (`ReadOutcome` + detail), and the one piece of state the SAM
forces on us: after a read the card must leave the field, and until it does
every find answers 80 exactly as if no card were there. We remember that a
read reached the card so that 80 can be told apart as ALREADY_READ.
"""

from __future__ import annotations

from typing import Protocol

from devices.errors import ReaderError
from devices.protocols import ReadOutcome, ReadResult
from devices.resident_id import status_words as sw
from devices.resident_id.document import build_document
from devices.resident_id.errors import (
    AnswerTimeout,
    CardDataError,
    FrameError,
    PortUnavailable,
)
from devices.resident_id.frames import BaseMessage
from devices.resident_id.status_words import Command, describe
from devices.resident_id.text_block import decode_appended_address, decode_text_block
from devices.status import DeviceState, DeviceStatus

ALREADY_READ_DETAIL = (
    "this card has already been read (or a read of it was cut short); the reader "
    "will not read it again until it is lifted off and presented again"
)
NO_CARD_DETAIL = "no card found on the reader"


class SamSession(Protocol):
    """One SAM behind some transport. Each call is one command; returns SW3.

    Implementations retry what is safe to retry and raise `AnswerTimeout`,
    `FrameError` or `PortUnavailable` when that did not help.
    """

    def sam_status(self) -> int:
        """11 FF: is the SAM itself healthy?"""
        ...

    def find_card(self) -> int:
        """20 01."""
        ...

    def select_card(self) -> int:
        """20 02."""
        ...

    def read_base_message(self) -> tuple[int, BaseMessage | None]:
        """30 01: SW3 and, on 90, the text block and WLT photo."""
        ...

    def read_appended_address(self) -> tuple[int, bytes]:
        """30 03: SW3 and, on 90, the 70-byte appended address."""
        ...


class CardReadSequence:
    """Runs one read over a `SamSession` and keeps the card-must-leave state between reads."""

    def __init__(self, *, reader: str, protocol: str, read_appended_address: bool) -> None:
        self._reader = reader
        self._protocol = protocol
        self._read_appended_address = read_appended_address
        # True from the moment a 30 01 may have reached the card until a find
        # succeeds again (the card was lifted and re-presented).
        self.awaiting_removal = False

    def read(self, session: SamSession) -> ReadResult:
        """One full read; every transport error becomes a `ReadResult`."""
        try:
            return self._read(session)
        except PortUnavailable as exc:
            return ReadResult(ReadOutcome.NO_READER, detail=str(exc))
        except AnswerTimeout as exc:
            return ReadResult(ReadOutcome.TIMEOUT, detail=str(exc))
        except FrameError as exc:
            return ReadResult(ReadOutcome.UNREADABLE, detail=f"garbled answer: {exc}")

    def status(self, session: SamSession) -> DeviceStatus:
        """Health of the SAM and whether a card is present, as a `DeviceStatus`."""
        try:
            health = session.sam_status()
            if health != sw.SW_OK:
                return DeviceStatus(DeviceState.HARDWARE_ERROR, f"SAM reports {describe(health)}")
            found = session.find_card()
        except PortUnavailable as exc:
            return DeviceStatus(DeviceState.NO_DEVICE, str(exc))
        except AnswerTimeout as exc:
            return DeviceStatus(DeviceState.OFFLINE, str(exc))
        except FrameError as exc:
            return DeviceStatus(DeviceState.HARDWARE_ERROR, f"garbled answer: {exc}")
        if found == sw.SW_FIND_OK:
            self.awaiting_removal = False
            return DeviceStatus(DeviceState.ONLINE, "card present", media="present")
        if found == sw.SW_FIND_FAILED and self.awaiting_removal:
            # 80 cannot tell "still lying there" from "gone": say so rather than guess.
            return DeviceStatus(DeviceState.ONLINE, "card read; waiting for it to be lifted off")
        if found == sw.SW_FIND_FAILED:
            return DeviceStatus(DeviceState.ONLINE, "no card", media="notPresent")
        return DeviceStatus(DeviceState.HARDWARE_ERROR, f"find card: {describe(found)}")

    def _read(self, session: SamSession) -> ReadResult:
        found = session.find_card()
        if found == sw.SW_FIND_FAILED:
            if self.awaiting_removal:
                return ReadResult(ReadOutcome.ALREADY_READ, detail=ALREADY_READ_DETAIL)
            return ReadResult(ReadOutcome.NO_DOCUMENT, detail=NO_CARD_DETAIL)
        if found != sw.SW_FIND_OK:
            return _status_result(found, Command.FIND_CARD)
        self.awaiting_removal = False

        selected = session.select_card()
        if selected == sw.SW_SELECT_FAILED:
            return ReadResult(ReadOutcome.REMOVED, detail="card left the reader before selection")
        if selected != sw.SW_OK:
            return _status_result(selected, Command.SELECT_CARD)

        # From here the SAM may count the read even if its answer never reaches
        # us (a mangled 30 01 still marks the card), so assume it did.
        self.awaiting_removal = True
        status, base = session.read_base_message()
        if status == sw.SW_READ_FAILED:
            self.awaiting_removal = False  # the card left the field: nothing to wait for
            return ReadResult(ReadOutcome.REMOVED, detail="card lifted off during reading")
        if status != sw.SW_OK or base is None:
            return _status_result(status, Command.READ_TEXT_PHOTO)
        try:
            text = decode_text_block(base.text)
        except CardDataError as exc:
            return ReadResult(
                ReadOutcome.UNREADABLE,
                detail=f"card data failed validation: {exc.field}: {exc.reason}",
            )
        if not base.photo:
            return ReadResult(ReadOutcome.UNREADABLE, detail="card answered without a photo")

        appended, state, note = self._appended_address(session)
        document = build_document(
            text,
            photo=base.photo,
            appended_address=appended,
            reader=self._reader,
            protocol=self._protocol,
            extra={"appended_address_status": state},
        )
        return ReadResult(ReadOutcome.OK, document=document, detail=note)

    def _appended_address(self, session: SamSession) -> tuple[str, str, str]:
        """(address, status word for extra, note for the result detail).

        The base read has already counted on the card, so a failure here must
        not throw the whole read away (the card would have to be re-presented);
        the document goes out with ``appended_address_status`` = "unavailable"
        and a detail saying why, and the caller decides whether that is enough.
        """
        if not self._read_appended_address:
            return "", "not requested", ""
        try:
            status, data = session.read_appended_address()
            if status == sw.SW_NO_CONTENT:
                return "", "none", ""
            if status != sw.SW_OK:
                raise FrameError(describe(status))
            address = decode_appended_address(data)
        except ReaderError as exc:  # CardDataError included
            return "", "unavailable", f"appended address could not be read: {exc}"
        return address, ("present" if address else "none"), ""


def _status_result(status: int, command: Command) -> ReadResult:
    """The outcome for an SW3 that is not the step's expected answer."""
    what = f"{command.label}: {describe(status)}"
    if status in (sw.SW_CARD_REJECTED_SAM, sw.SW_SAM_REJECTED_CARD, sw.SW_VERIFICATION):
        return ReadResult(
            ReadOutcome.ACCESS_DENIED,
            detail=f"card and SAM did not authenticate each other; the card may not be genuine ({what})",
        )
    if status in (sw.SW_SAM_SELF_TEST, sw.SW_SAM_UNAUTHORISED):
        return ReadResult(ReadOutcome.NO_READER, detail=f"the reader's SAM is unusable ({what})")
    if status == sw.SW_READ_FAILED:
        return ReadResult(ReadOutcome.REMOVED, detail=f"card lifted off during reading ({what})")
    if status == sw.SW_UNKNOWN_CARD_TYPE:
        return ReadResult(
            ReadOutcome.UNREADABLE, detail=f"not a card this reader can read ({what})"
        )
    return ReadResult(ReadOutcome.UNREADABLE, detail=f"unexpected answer ({what})")
