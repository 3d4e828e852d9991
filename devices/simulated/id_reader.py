"""A simulated identity-document reader holding a synthetic resident ID card or passport.

A developer panel or a test drives it: put a card or the passport on, take it
off, make the next read fail as if the document were pulled mid-read, unplug
the reader. A passport opens only with its MRZ key, as BAC demands of a real
chip. It is thread-safe because reads run on worker threads while the panel
acts on the UI thread.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from devices.identity import (
    Authenticity,
    DocumentType,
    IdentityDocument,
    Provenance,
    Verdict,
)
from devices.protocols import ReadOutcome, ReadResult
from devices.simulated.passport import mrz_date, synthetic_passport
from devices.status import DeviceState, DeviceStatus

if TYPE_CHECKING:  # the eMRTD package loads the PC/SC driver: not at run time
    from devices.emrtd.mrz import MrzKey

_PHOTO_MEDIA_TYPE = "application/x-wlt"
_CHIP_DOCUMENTS = frozenset({DocumentType.PASSPORT, DocumentType.TRAVEL_PERMIT})


def synthetic_resident_card(
    *,
    name_cn: str = "王丽华",
    id_number: str = "330702196205050824",
    sex: str = "F",
    birth_date: date = date(1962, 5, 5),
    address: str = "浙江省金华市婺城区将军路88号",
) -> IdentityDocument:
    """A synthetic second-generation resident ID card (never a real person)."""
    return IdentityDocument(
        document_type=DocumentType.CN_RESIDENT_ID,
        document_number=id_number,
        surname="",
        given_names="",
        name_cn=name_cn,
        sex=sex,
        birth_date=birth_date,
        expiry_date=None,
        valid_from=date(2016, 3, 1),
        nationality="CHN",
        id_number=id_number,
        address=address,
        ethnicity="汉",
        issuing_authority="金华市公安局婺城分局",
        provenance=Provenance(reader="simulated", protocol="simulated"),
        authenticity=Authenticity(Verdict.NOT_CHECKED, "simulated reader"),
        photo=b"",
        photo_media_type=_PHOTO_MEDIA_TYPE,
    )


class SimulatedIdReader:
    """An identity reader whose document, MRZ key and faults are set by code.

    It implements `devices.protocols.IdentityReader` and `MrzKeyReader`.
    """

    def __init__(self, name: str = "id-reader", card: IdentityDocument | None = None) -> None:
        self.name = name
        self._lock = threading.Lock()
        self._card: IdentityDocument | None = (
            card if card is not None else synthetic_resident_card()
        )
        self._attached = True
        self._pull_next_read = False
        self._mrz_key: MrzKey | None = None
        self.reads = 0

    # -- controls (any thread) -------------------------------------------------
    def insert(self, card: IdentityDocument | None = None) -> None:
        """Put a card on the reader (the synthetic one if none is given)."""
        with self._lock:
            self._card = card if card is not None else synthetic_resident_card()

    def insert_passport(self, passport: IdentityDocument | None = None) -> None:
        """Put a passport on the reader (the synthetic one if none is given)."""
        with self._lock:
            self._card = passport if passport is not None else synthetic_passport()

    def remove(self) -> None:
        """Take the card off the reader."""
        with self._lock:
            self._card = None

    def pull_during_next_read(self) -> None:
        """Make the next read of a card fail as if the card were pulled mid-read."""
        with self._lock:
            self._pull_next_read = True

    def set_attached(self, attached: bool) -> None:
        """Plug or unplug the whole reader."""
        with self._lock:
            self._attached = attached

    @property
    def card(self) -> IdentityDocument | None:
        with self._lock:
            return self._card

    # -- MrzKeyReader ----------------------------------------------------------
    def set_mrz_key(self, key: MrzKey | None) -> None:
        """Use ``key`` to open passports from now on; None forgets it."""
        with self._lock:
            self._mrz_key = key

    # -- IdentityReader -------------------------------------------------------
    def status(self) -> DeviceStatus:
        with self._lock:
            if not self._attached:
                return DeviceStatus(DeviceState.NO_DEVICE, "reader unplugged")
            media = "present" if self._card is not None else "notPresent"
            return DeviceStatus(DeviceState.ONLINE, "simulated reader", media=media)

    def read(self) -> ReadResult:
        with self._lock:
            self.reads += 1
            if not self._attached:
                return ReadResult(ReadOutcome.NO_READER, detail="reader unplugged")
            if self._card is None:
                # A pull needs something to pull: the fault stays armed for the next card.
                return ReadResult(ReadOutcome.NO_DOCUMENT, detail="no card on the reader")
            if self._pull_next_read:
                self._pull_next_read = False
                self._card = None
                return ReadResult(ReadOutcome.REMOVED, detail="card removed during reading")
            if self._card.document_type in _CHIP_DOCUMENTS:
                refused = self._basic_access_refusal(self._card)
                if refused is not None:
                    return refused
            document = replace(
                self._card, provenance=Provenance(reader=self.name, protocol="simulated")
            )
            return ReadResult(ReadOutcome.OK, document=document)

    def close(self) -> None:
        """Nothing to release."""

    def _basic_access_refusal(self, chip: IdentityDocument) -> ReadResult | None:
        """Why BAC would not open ``chip`` with the key set now; None when it would."""
        key = self._mrz_key
        if key is None:
            return ReadResult(ReadOutcome.KEY_NEEDED, detail="no MRZ key set for BAC")
        chip_key = (
            chip.document_number.upper(),
            mrz_date(chip.birth_date),
            mrz_date(chip.expiry_date),
        )
        if (key.document_number, key.birth_date, key.expiry_date) != chip_key:
            return ReadResult(
                ReadOutcome.ACCESS_DENIED, detail="BAC failed: the MRZ key does not match"
            )
        return None
