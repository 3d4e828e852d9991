"""The SAM's commands and its SW3 status byte (GA/T 467; id_numbers.md §4.3 and §4.4).

Plain constants and the reader-software texts for each status, shared by the
serial driver and the vendor-SDK adapter (whose SDT_* functions return the same
SW3 values as their result).
"""

from __future__ import annotations

from enum import Enum


class Command(Enum):
    """A SAM command as its (CMD, Para) pair, with a short name for details and logs."""

    RESET_SAM = (0x10, 0xFF)
    SAM_STATUS = (0x11, 0xFF)
    SAM_ID = (0x12, 0xFF)
    FIND_CARD = (0x20, 0x01)
    SELECT_CARD = (0x20, 0x02)
    READ_TEXT_PHOTO = (0x30, 0x01)
    READ_APPENDED_ADDRESS = (0x30, 0x03)
    READ_TEXT_PHOTO_FINGERPRINT = (0x30, 0x10)

    @property
    def cmd(self) -> int:
        return self.value[0]

    @property
    def para(self) -> int:
        return self.value[1]

    @property
    def label(self) -> str:
        """Lower-case words for a detail string: "find card", "read text + photo"."""
        return _LABELS[self]


_LABELS = {
    Command.RESET_SAM: "reset SAM",
    Command.SAM_STATUS: "SAM status",
    Command.SAM_ID: "SAM ID",
    Command.FIND_CARD: "find card",
    Command.SELECT_CARD: "select card",
    Command.READ_TEXT_PHOTO: "read text + photo",
    Command.READ_APPENDED_ADDRESS: "read appended address",
    Command.READ_TEXT_PHOTO_FINGERPRINT: "read text + photo + fingerprint",
}

SW_OK = 0x90
SW_NO_CONTENT = 0x91
SW_FIND_OK = 0x9F
SW_CHECKSUM = 0x10
SW_LENGTH = 0x11
SW_UNKNOWN_COMMAND = 0x21
SW_NOT_PERMITTED = 0x23
SW_UNRECOGNISED = 0x24
SW_CARD_REJECTED_SAM = 0x31
SW_SAM_REJECTED_CARD = 0x32
SW_VERIFICATION = 0x33
SW_UNKNOWN_CARD_TYPE = 0x40
SW_READ_FAILED = 0x41
SW_RANDOM_FAILED = 0x47
SW_SAM_SELF_TEST = 0x60
SW_SAM_UNAUTHORISED = 0x66
SW_FIND_FAILED = 0x80
SW_SELECT_FAILED = 0x81

# The SAM's complaint that *our* command arrived damaged: re-sending is safe.
RETRYABLE_STATUS = frozenset({SW_CHECKSUM, SW_LENGTH})

_TEXTS = {
    SW_OK: "success",
    SW_NO_CONTENT: "no content on the card for this item",
    SW_FIND_OK: "card found",
    SW_CHECKSUM: "checksum error in the frame the SAM received",
    SW_LENGTH: "length error in the frame the SAM received",
    SW_UNKNOWN_COMMAND: "the SAM does not know the command",
    SW_NOT_PERMITTED: "operation not permitted",
    SW_UNRECOGNISED: "unrecognised error",
    SW_CARD_REJECTED_SAM: "the card failed to authenticate the SAM",
    SW_SAM_REJECTED_CARD: "the SAM failed to authenticate the card",
    SW_VERIFICATION: "information verification error",
    SW_UNKNOWN_CARD_TYPE: "unknown card type",
    SW_READ_FAILED: "reading the card failed",
    SW_RANDOM_FAILED: "getting a random number failed",
    SW_SAM_SELF_TEST: "SAM self-test failed",
    SW_SAM_UNAUTHORISED: "SAM not authorised",
    SW_FIND_FAILED: "no card found",
    SW_SELECT_FAILED: "selecting the card failed",
}


def describe(sw3: int) -> str:
    """The status in plain words with its hex code, e.g. "SW3 41 (reading the card failed)"."""
    return f"SW3 {sw3:02X} ({_TEXTS.get(sw3, 'undocumented status')})"
