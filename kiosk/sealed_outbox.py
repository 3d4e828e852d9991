"""The kiosk's outbox, its queued bodies sealed under the data key.

Every part of the kiosk that reads or writes the outbox (the running kiosk, the
sync engine, ``kiosk sync run``, ``kiosk lookup``, ``kiosk outbox``, ``kiosk
prints``) builds it here, so none stores a body in clear or fails to open one:
the body key is the data key's ``outbox`` subkey (`kiosk.keys`), and the
retention of delivered bodies is ``[privacy] keep_delivered_hours``.
"""

from __future__ import annotations

from kiosk.config import KioskConfig
from kiosk.keys import OUTBOX_ENCRYPTION, DataKey, open_data_key
from offline_cache.db import Database
from offline_cache.outbox import Outbox


def outbox_key(data_key: DataKey) -> bytes:
    """The outbox's AES-256-GCM key, derived for that purpose only."""
    return data_key.subkey(OUTBOX_ENCRYPTION)


def sealed_outbox(
    db: Database, data_key: DataKey, *, keep_delivered_s: float | None = None
) -> Outbox:
    """The outbox over ``db`` with bodies sealed under ``data_key``."""
    return Outbox(db, keep_delivered_s=keep_delivered_s, body_key=outbox_key(data_key))


def open_kiosk_outbox(config: KioskConfig, db: Database, *, purging: bool = True) -> Outbox:
    """The kiosk's outbox for ``config`` (its data key from the configured store).

    ``purging``: delivered bodies are purged after the configured retention (the
    kiosk and the sync command); a read-only tool passes False and purges nothing.
    Raises `kiosk.keys.DataKeyError` (a ConfigError) when the key cannot be used.
    """
    key = open_data_key(config.data_dir, config.key_store)
    keep = config.keep_delivered_hours * 3600.0 if purging else None
    return sealed_outbox(db, key, keep_delivered_s=keep)
