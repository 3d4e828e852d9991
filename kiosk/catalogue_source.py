"""Where the kiosk's catalogue comes from: the central when reachable, else the cache.

A catalogue that fails to parse never replaces a good one: the kiosk keeps
offering what it had and logs what was wrong.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from kiosk.catalogue import Catalogue, parse_catalogue
from kiosk.clock import Clock, rfc3339
from kiosk.errors import CatalogueError
from kiosk.sync.client import CentralClient
from kiosk.sync.errors import CentralBusy, NotEnrolled, SyncError
from offline_cache.catalogue_cache import CatalogueCache
from offline_cache.db import StorageError

log = logging.getLogger(__name__)


class CatalogueSource:
    def __init__(
        self, cache: CatalogueCache, client: Callable[[], CentralClient | None], clock: Clock
    ) -> None:
        self._cache = cache
        self._client = client
        self._clock = clock

    def cached(self) -> Catalogue | None:
        """The catalogue kept from the last successful fetch, if it still parses."""
        try:
            stored = self._cache.load()
        except StorageError:
            log.exception("could not read the catalogue cache")
            return None
        if stored is None:
            return None
        try:
            return parse_catalogue(stored.body)
        except CatalogueError:
            log.exception("the cached catalogue is malformed")
            return None

    def refresh(self) -> Catalogue | None:
        """Fetch a newer catalogue; None when unchanged, unreachable or malformed."""
        client = self._client()
        if client is None:
            return None
        try:
            stored = self._cache.load()
        except StorageError:
            stored = None
        try:
            body, etag = client.catalogue(stored.etag if stored else None)
        except SyncError as exc:
            log.warning("catalogue not refreshed: %s", exc)
            return None
        if body is None:
            return None
        try:
            catalogue = parse_catalogue(body)
        except CatalogueError as exc:
            log.error("the central sent a malformed catalogue, keeping the old one: %s", exc)
            return None
        try:
            self._cache.save(catalogue.version, etag, body, rfc3339(self._clock.now()))
        except StorageError:
            log.exception("could not cache the catalogue")
        return catalogue

    def fetch_whole(self) -> Catalogue:
        """Fetch the whole catalogue now, without the cached ETag (the central's
        ``refresh_catalogue`` command), and cache it.

        Raises:
            SyncError: not enrolled (`NotEnrolled`), or the central did not send it.
            CatalogueError: what it sent is not a catalogue (the old one stays).
        """
        client = self._client()
        if client is None:
            raise NotEnrolled(401, {"detail": "the kiosk is not enrolled with the central"})
        body, etag = client.catalogue(None)
        if body is None:
            raise CentralBusy("the central answered 304 to a request without If-None-Match")
        catalogue = parse_catalogue(body)
        try:
            self._cache.save(catalogue.version, etag, body, rfc3339(self._clock.now()))
        except StorageError:
            log.exception("could not cache the catalogue")
        return catalogue
