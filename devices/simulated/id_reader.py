"""A simulated identity-document reader holding a synthetic resident ID card.

A developer panel or a test drives it: put a card on, take it off, make the next
read fail as if the card were pulled mid-read. It is thread-safe because reads
run on worker threads while the panel acts on the UI thread.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

from devices.identity import (
    Authenticity,
    DocumentType,
    IdentityDocument,
    Provenance,
    Verdict,
)
from devices.protocols import ReadOutcome, ReadResult
from devices.status import DeviceState, DeviceStatus

_PHOTO_MEDIA_TYPE = "application/x-wlt"


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
    """An identity reader whose card and faults are set by code."""

    def __init__(self, name: str = "id-reader", card: IdentityDocument | None = None) -> None:
        self.name = name
        self._lock = threading.Lock()
        self._card: IdentityDocument | None = (
            card if card is not None else synthetic_resident_card()
        )
        self._attached = True
        self._pull_next_read = False
        self.reads = 0

    # -- controls (any thread) -------------------------------------------------
    def insert(self, card: IdentityDocument | None = None) -> None:
        """Put a card on the reader (the synthetic one if none is given)."""
        with self._lock:
            self._card = card if card is not None else synthetic_resident_card()

    def remove(self) -> None:
        """Take the card off the reader."""
        with self._lock:
            self._card = None

    def pull_during_next_read(self) -> None:
        """Make the next read fail as if the card were pulled mid-read."""
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
            if self._pull_next_read:
                self._pull_next_read = False
                self._card = None
                return ReadResult(ReadOutcome.REMOVED, detail="card removed during reading")
            if self._card is None:
                return ReadResult(ReadOutcome.NO_DOCUMENT, detail="no card on the reader")
            document = replace(
                self._card, provenance=Provenance(reader=self.name, protocol="simulated")
            )
            return ReadResult(ReadOutcome.OK, document=document)

    def close(self) -> None:
        """Nothing to release."""
