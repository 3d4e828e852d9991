"""Local SQLite stores that keep the kiosk working offline.

The outbox holds every submission until the central has acknowledged it; the
catalogue cache keeps the last catalogue the central sent. Nothing here imports
Qt or the kiosk core.
"""

from offline_cache.catalogue_cache import CachedCatalogue, CatalogueCache
from offline_cache.db import Database, StorageError, StorageFullError
from offline_cache.outbox import Outbox, OutboxItem, OutboxState

__all__ = [
    "CachedCatalogue",
    "CatalogueCache",
    "Database",
    "Outbox",
    "OutboxItem",
    "OutboxState",
    "StorageError",
    "StorageFullError",
]
