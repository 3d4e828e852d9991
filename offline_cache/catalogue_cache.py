"""The last service catalogue the central sent, so the kiosk works offline."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from offline_cache.db import Database


@dataclass(frozen=True, slots=True)
class CachedCatalogue:
    version: str
    etag: str | None
    body: dict[str, Any]
    fetched_at: str


class CatalogueCache:
    def __init__(self, db: Database) -> None:
        self._db = db

    def load(self) -> CachedCatalogue | None:
        row = self._db.connection.execute("SELECT * FROM catalogue_cache WHERE id = 1").fetchone()
        if row is None:
            return None
        return CachedCatalogue(
            row["version"], row["etag"], json.loads(row["body"]), row["fetched_at"]
        )

    def save(self, version: str, etag: str | None, body: dict[str, Any], fetched_at: str) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO catalogue_cache (id, version, etag, body, fetched_at)"
                " VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version,"
                " etag = excluded.etag, body = excluded.body, fetched_at = excluded.fetched_at",
                (version, etag, json.dumps(body, ensure_ascii=False), fetched_at),
            )
