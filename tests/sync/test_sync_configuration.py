"""The drain's batch and the stuck thresholds are the kiosk's [sync] configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import KioskConfig, load_config
from kiosk.errors import ConfigError
from kiosk.sync.engine import SyncPolicy


def test_a_technician_sets_the_batch_and_when_submissions_become_stuck(tmp_path: Path) -> None:
    toml = tmp_path / "kiosk.toml"
    toml.write_text(
        "[sync]\nbatch_size = 20\nstuck_after_failures = 5\nstuck_after_hours = 1.5\n",
        encoding="utf-8",
    )

    policy = SyncPolicy.from_config(load_config(toml))

    assert (policy.batch_size, policy.stuck_after_failures, policy.stuck_after_s) == (20, 5, 5400)


def test_with_no_configuration_the_kiosk_waits_ten_failures_or_a_day() -> None:
    assert SyncPolicy.from_config(KioskConfig()) == SyncPolicy()
    assert (SyncPolicy().stuck_after_failures, SyncPolicy().stuck_after_s) == (10, 24 * 3600)


@pytest.mark.parametrize(
    "line",
    [
        "batch_size = 0",
        "stuck_after_failures = 0",
        "stuck_after_hours = 0",
        "batch_size = true",
        "senders = 0",
        "senders = 11",
    ],
)
def test_a_threshold_that_would_never_or_always_hold_is_refused(tmp_path: Path, line: str) -> None:
    toml = tmp_path / "kiosk.toml"
    toml.write_text(f"[sync]\n{line}\n", encoding="utf-8")

    with pytest.raises(ConfigError):
        load_config(toml)


def test_a_technician_sets_how_many_requests_a_drain_keeps_in_flight(tmp_path: Path) -> None:
    toml = tmp_path / "kiosk.toml"
    toml.write_text("[sync]\nsenders = 1\n", encoding="utf-8")

    assert SyncPolicy.from_config(load_config(toml)).senders == 1
    assert SyncPolicy.from_config(KioskConfig()).senders == 4
