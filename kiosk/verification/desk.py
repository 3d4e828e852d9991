"""The kiosk's slip desk: checks a scanned code, and keeps the central's keys fresh.

Both methods block (the key cache is on disk, the refresh on the network) and
run on workers; neither raises, so the screen always gets an answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.clock import Clock
from kiosk.sync.client import CentralClient
from kiosk.sync.errors import SyncError
from kiosk.verification.envelope import SlipQrError
from kiosk.verification.key_cache import SlipKeys
from kiosk.verification.keys import KeysBodyError
from kiosk.verification.verify import SlipCheck, verify_slip
from offline_cache.db import StorageError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class NotChecked:
    """The code could not be checked: ``reason`` is ``not_a_slip`` (another kind of code)
    or ``failed`` (the kiosk could not read its keys)."""

    reason: str
    detail: str = ""


SlipOutcome = SlipCheck | NotChecked


class SlipDesk:
    def __init__(
        self, keys: SlipKeys, clock: Clock, client: Callable[[], CentralClient | None]
    ) -> None:
        self._keys = keys
        self._clock = clock
        self._client = client

    def check(self, text: str) -> SlipOutcome:
        """Check a scanned code against the cached keys (offline)."""
        try:
            ring = self._keys.ring()
        except (StorageError, OSError, ValueError) as exc:
            log.exception("the keys for checking slips cannot be read")
            return NotChecked("failed", str(exc))
        try:
            return verify_slip(text, ring, self._clock.now())
        except SlipQrError as exc:
            return NotChecked("not_a_slip", str(exc))

    def refresh_keys(self) -> int | None:
        """Ask the central for its keys and cache them; None when it could not be asked."""
        client = self._client()
        if client is None:
            return None
        try:
            count = self._keys.refresh(client)
        except (SyncError, KeysBodyError, StorageError) as exc:
            log.warning("the central's keys were not refreshed: %s", exc)
            return None
        log.info("the central publishes %d usable key(s) for checking slips", count)
        return count
