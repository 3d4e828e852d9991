"""A kiosk's heartbeat side, built as `KioskServices` builds it, on a real SQLite file and
enrolled with a real central sandbox over HTTP (no Qt): the connection monitor hears
every call, commands are remembered in the store, logs kept in memory."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from central.heartbeats import queue_command
from devices.simulated import SimulatedIdReader, SimulatedPrinter, SimulatedScanner
from kiosk.catalogue_source import CatalogueSource
from kiosk.clock import Clock, SystemClock
from kiosk.device_health import DeviceWatch
from kiosk.maintenance import MaintenanceSwitch
from kiosk.recent_logs import RecentLogs
from kiosk.remote_desk import HeartbeatReport, KioskSnapshot, RemoteDesk
from kiosk.sync.client import CentralClient
from kiosk.sync.connection import ConnectionMonitor
from offline_cache.catalogue_cache import CatalogueCache
from offline_cache.db import Database
from offline_cache.kiosk_state import KioskStateStore
from offline_cache.outbox import Outbox
from offline_cache.remote_commands import CommandLog
from tests.central.support import Central
from tests.sync.enrolled import KIOSK_ID, enrolled_client

DEVICE_KINDS = {
    "id_reader": "identity_reader",
    "printer": "document_printer",
    "scanner": "code_scanner",
}


@dataclass
class RemoteKiosk:
    db: Database
    outbox: Outbox
    connection: ConnectionMonitor
    maintenance: MaintenanceSwitch
    logs: RecentLogs
    desk: RemoteDesk
    client: CentralClient
    reader: SimulatedIdReader
    printer: SimulatedPrinter
    scanner: SimulatedScanner
    watch: DeviceWatch
    in_session: bool = False

    def heartbeat(self) -> HeartbeatReport:
        """What the shell does each interval: poll the devices, then send."""
        report = self.watch.poll()
        return self.desk.heartbeat(
            KioskSnapshot(report.statuses, report.notices, True, self.in_session)
        )


@contextmanager
def remote_kiosk(
    central: Central,
    folder: Path,
    *,
    clock: Clock | None = None,
    session: requests.Session | None = None,
    url: str | None = None,
) -> Iterator[RemoteKiosk]:
    clock = clock or SystemClock()
    db = Database.open(folder / "kiosk" / "kiosk.sqlite3")
    store = KioskStateStore(db)
    connection = ConnectionMonitor(clock, store)
    client = enrolled_client(
        central, folder, clock=clock, observer=connection, session=session, url=url
    )
    outbox = Outbox(db)
    maintenance = MaintenanceSwitch(store, clock)
    logs = RecentLogs()
    reader = SimulatedIdReader("id_reader")
    printer = SimulatedPrinter(folder / "printed")
    scanner = SimulatedScanner("scanner")
    desk = RemoteDesk(
        client=lambda: client,
        outbox=outbox,
        connection=connection,
        commands=CommandLog(db),
        maintenance=maintenance,
        catalogues=CatalogueSource(CatalogueCache(db), lambda: client, clock),
        logs=logs,
        clock=clock,
        device_kinds=DEVICE_KINDS,
    )
    watch = DeviceWatch({"id_reader": reader, "printer": printer, "scanner": scanner})
    logs.install()
    try:
        yield RemoteKiosk(
            db, outbox, connection, maintenance, logs, desk, client, reader, printer, scanner, watch
        )
    finally:
        logs.uninstall()
        db.close()


def queue(central: Central, kind: str, kiosk_id: str = KIOSK_ID) -> str:
    """An operator queues a remote command for the kiosk (as `kiosk-central command`)."""
    with central.database.transaction() as connection:
        return queue_command(connection, kiosk_id, kind, central.clock())


def command_row(central: Central, command_id: str) -> dict[str, Any]:
    with central.database.reading() as connection:
        row = connection.execute("SELECT * FROM commands WHERE id = ?", (command_id,)).fetchone()
    return dict(row)


def last_heartbeat(central: Central) -> dict[str, Any]:
    with central.database.reading() as connection:
        row = connection.execute(
            "SELECT body_json FROM heartbeats ORDER BY id DESC LIMIT 1"
        ).fetchone()
    value: dict[str, Any] = json.loads(row["body_json"])
    return value
