"""The kiosk's privacy settings: `[privacy] keep_delivered_hours`, and how the kiosk is wired."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.clock import ManualClock
from kiosk.config import KioskConfig, load_config
from kiosk.errors import ConfigError
from kiosk.runtime import KioskServices
from offline_cache.db import Database
from offline_cache.outbox import Outbox

DELIVERED = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


def config_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_delivered_bodies_are_purged_at_once_unless_configured(tmp_path: Path) -> None:
    assert KioskConfig().keep_delivered_hours == 0
    assert load_config(config_file(tmp_path, "")).keep_delivered_hours == 0
    kept = load_config(config_file(tmp_path, "[privacy]\nkeep_delivered_hours = 48\n"))
    assert kept.keep_delivered_hours == 48.0
    with pytest.raises(ConfigError, match="keep_delivered_hours"):
        load_config(config_file(tmp_path, "[privacy]\nkeep_delivered_hours = -1\n"))


def delivered_row(data: Path) -> None:
    """A submission delivered and kept, as a tool without the kiosk's retention leaves it."""
    db = Database.open(data / "kiosk.sqlite3")
    try:
        outbox = Outbox(db)
        outbox.enqueue("key-1", "/v1/applications", {"applicant": {"id_number": "x"}}, "t")
        outbox.mark_delivered("key-1", {"application_no": "KA1"}, "KA1", DELIVERED.isoformat())
    finally:
        db.close()


@pytest.mark.parametrize(("hours", "purged"), [(0.0, True), (2.0, True), (24.0, False)])
def test_the_kiosk_purges_at_start_what_its_retention_no_longer_keeps(
    tmp_path: Path, hours: float, purged: bool
) -> None:
    data = tmp_path / "data"
    delivered_row(data)
    clock = ManualClock(DELIVERED + timedelta(hours=3))
    services = KioskServices(
        KioskConfig(data_dir=data, fullscreen=False, keep_delivered_hours=hours), clock
    )
    try:
        item = services.outbox.get("key-1")
        assert item is not None
        assert (item.purged, item.result_ref) == (purged, "KA1")
    finally:
        services.close()


def test_the_kiosk_makes_its_data_directory_private(tmp_path: Path) -> None:
    data = tmp_path / "kiosk" / "data"
    services = KioskServices(KioskConfig(data_dir=data, fullscreen=False))
    try:
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        assert stat.S_IMODE((data / "kiosk.sqlite3").stat().st_mode) == 0o600
    finally:
        services.close()
