"""How the kiosk stands with the central, from every call's result, against the real
sandbox over HTTP: every 401 told apart for the technician (revoked key, clock skew
with the measured offset, replayed nonce), offline when the central is down and
online again when it is back; `kiosk status` shows it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.cli import main
from kiosk.clock import CHINA_TZ, ManualClock
from kiosk.config import KioskConfig
from kiosk.status_cli import describe, gather
from kiosk.sync.connection import ConnectionState, Link
from kiosk.sync.refusals import RefusalKind
from offline_cache.db import Database
from tests.central.support import Central, HttpServer, running_server
from tests.sync.enrolled import KIOSK_ID
from tests.sync.remote_kiosk import remote_kiosk


@pytest.fixture(scope="module")
def http_server() -> Iterator[HttpServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def central(http_server: HttpServer, tmp_path: Path) -> Central:
    return http_server.install(tmp_path / "central.db")


class ReplayingNetwork(requests.Session):
    """Something between the kiosk and the central that sends every request twice."""

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        super().send(request, **kwargs)
        return super().send(request, **kwargs)


def status_report(folder: Path) -> tuple[dict[str, Any], str]:
    """What `kiosk status` reads from the kiosk's store, and the lines it prints."""
    config = KioskConfig(data_dir=folder / "kiosk")
    db = Database.open(config.data_dir / "kiosk.sqlite3")
    try:
        report = gather(config, db)
    finally:
        db.close()
    return report, "\n".join(describe(report))


def test_a_revoked_key_is_told_apart_and_shown_to_the_technician(
    central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with remote_kiosk(central, tmp_path) as kiosk:
        assert kiosk.heartbeat().sent
        assert kiosk.connection.state.link is Link.ONLINE
        # The central's operators revoke the kiosk's key.
        subprocess.run(
            [sys.executable, "-m", "central", "revoke-kiosk", KIOSK_ID],
            env=dict(os.environ, KIOSK_CENTRAL_DATABASE=central.database_url),
            check=True,
            capture_output=True,
            timeout=60,
        )

        report = kiosk.heartbeat()

        assert not report.sent
        state = kiosk.connection.state
        assert state.link is Link.REFUSED
        assert state.citizen_offline
        assert state.refusal is not None
        assert state.refusal.kind is RefusalKind.REVOKED_KEY
        assert "revoked" in state.refusal.detail

    assert main(["status", "--data-dir", str(tmp_path / "kiosk")]) == 1
    shown = capsys.readouterr().out
    assert "the central refuses us since" in shown
    assert "revoked_key" in shown
    assert "enrol again" in shown


def test_a_clock_off_by_400_s_is_told_apart_with_the_measured_offset(
    central: Central, tmp_path: Path
) -> None:
    clock = ManualClock(datetime.now(CHINA_TZ) + timedelta(seconds=400))
    with remote_kiosk(central, tmp_path, clock=clock) as kiosk:
        assert not kiosk.heartbeat().sent

        refusal = kiosk.connection.state.refusal
        assert refusal is not None
        assert refusal.kind is RefusalKind.CLOCK_SKEW
        assert refusal.clock_offset_s is not None
        assert abs(refusal.clock_offset_s + 400) <= 2

        # The technician sets the clock right: the kiosk is accepted again, and the
        # last refusal stays for the record.
        clock.advance(-400)
        assert kiosk.heartbeat().sent
        state = kiosk.connection.state
        assert state.link is Link.ONLINE
        assert state.refusal is None
        assert state.last_refusal == refusal

    _, shown = status_report(tmp_path)
    assert "connection    online since" in shown
    assert "clock_skew" in shown
    assert re.search(r"the kiosk's clock is (399|400|401) s ahead of the central's", shown)


def test_a_replayed_request_is_told_apart(central: Central, tmp_path: Path) -> None:
    with remote_kiosk(central, tmp_path, session=ReplayingNetwork()) as kiosk:
        assert not kiosk.heartbeat().sent

        refusal = kiosk.connection.state.refusal
        assert refusal is not None
        assert refusal.kind is RefusalKind.REPLAYED_NONCE
        assert "nonce" in refusal.detail
    # The first copy was taken; the replay was refused.
    with central.database.reading() as connection:
        assert connection.execute("SELECT COUNT(*) FROM heartbeats").fetchone()[0] == 1


def test_offline_while_the_central_is_down_and_online_again_when_it_is_back(
    tmp_path: Path,
) -> None:
    changes: list[ConnectionState] = []
    first_server = ExitStack()
    try:
        first = first_server.enter_context(running_server())
        central = first.install(tmp_path / "central.db")
        port = int(central.url.rsplit(":", 1)[1])
        with remote_kiosk(central, tmp_path) as kiosk:
            kiosk.connection.subscribe(changes.append)
            kiosk.outbox.enqueue("key-1", "/v1/applications", {}, "2026-11-22T09:00:00+08:00")
            assert kiosk.heartbeat().sent

            first_server.close()  # the central goes down: nothing listens on its port
            assert not kiosk.heartbeat().sent

            down = kiosk.connection.state
            assert down.link is Link.OFFLINE
            assert down.citizen_offline
            assert down.since is not None
            assert down.waiting == 1
            assert "ConnectionError" in down.detail
            _, shown = status_report(tmp_path)
            assert "connection    offline since" in shown
            assert "1 waiting" in shown

            with running_server(port) as back:  # and comes back on the same address
                back.install(tmp_path / "central.db")
                assert kiosk.heartbeat().sent
                assert kiosk.connection.state.link is Link.ONLINE
    finally:
        first_server.close()

    links = [state.link for state in changes]
    assert [link for i, link in enumerate(links) if i == 0 or links[i - 1] is not link] == [
        Link.UNKNOWN,
        Link.ONLINE,
        Link.OFFLINE,
        Link.ONLINE,
    ]
    _, shown = status_report(tmp_path)
    assert "connection    online since" in shown
