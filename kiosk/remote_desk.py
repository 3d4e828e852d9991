"""The heartbeat cycle as the kiosk runs it, and what the central's commands do here.

`RemoteDesk.heartbeat` (on a worker) sends the kiosk's state with what the UI
thread saw when it started (`KioskSnapshot`: device statuses, whether a catalogue
is loaded, whether a citizen is in a session), then carries out the commands
the answer holds (`kiosk.sync.commands.CommandRunner`: each once) and returns a
`HeartbeatReport` whose effects the shell applies on the UI thread: the
maintenance switch, a freshly fetched catalogue.

* ``refresh_catalogue``: the whole catalogue is fetched again (no ETag) and
  offered from the next session;
* ``enter_maintenance`` / ``leave_maintenance``: the stored switch
  (`kiosk.maintenance`); the screens go out of service between citizens;
* ``upload_logs``: the recent log lines, scrubbed (`kiosk.sync.log_upload`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from devices.factory import device_kind
from devices.status import DeviceStatus
from kiosk.catalogue import Catalogue
from kiosk.catalogue_source import CatalogueSource
from kiosk.clock import Clock
from kiosk.config import KioskConfig
from kiosk.device_health import READER_UNAVAILABLE
from kiosk.errors import CatalogueError
from kiosk.maintenance import MaintenanceSwitch
from kiosk.recent_logs import RecentLogs
from kiosk.sync.client import CentralClient
from kiosk.sync.commands import CommandOutcome, CommandReport, CommandRunner, Handler
from kiosk.sync.connection import ConnectionMonitor
from kiosk.sync.errors import SyncError
from kiosk.sync.heartbeat import (
    IN_SERVICE,
    MAINTENANCE,
    OUT_OF_SERVICE,
    Command,
    device_lines,
    heartbeat_body,
    send_heartbeat,
)
from kiosk.sync.log_upload import LogsNotAccepted, upload_logs
from offline_cache.outbox import Outbox
from offline_cache.remote_commands import CommandLog

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class KioskSnapshot:
    """What the UI thread knew when the heartbeat started."""

    statuses: Mapping[str, DeviceStatus] = field(default_factory=dict)
    notices: tuple[str, ...] = ()
    has_catalogue: bool = True
    in_session: bool = False


@dataclass(frozen=True, slots=True)
class HeartbeatReport:
    sent: bool
    """False: not enrolled, or the central did not take it (`problem` says why)."""
    maintenance: bool
    """The maintenance switch after the commands: the screens follow it."""
    commands: tuple[CommandReport, ...] = ()
    catalogue: Catalogue | None = None
    """A catalogue ``refresh_catalogue`` fetched, for the next session."""
    problem: str = ""


def kiosk_state(maintenance: bool, snapshot: KioskSnapshot) -> str:
    """The heartbeat's word for the kiosk: maintenance, out of service, or in service.

    Out of service when no citizen could be served: no catalogue to offer, or the
    identity reader (every application starts there) cannot read.
    """
    if maintenance:
        return MAINTENANCE
    if not snapshot.has_catalogue or READER_UNAVAILABLE in snapshot.notices:
        return OUT_OF_SERVICE
    return IN_SERVICE


def device_kinds(config: KioskConfig) -> dict[str, str]:
    """Each configured device's kind (identity_reader, document_printer, …) by its name."""
    return {
        name: device_kind(name, device.driver, device.options).value
        for name, device in config.devices.items()
    }


class RemoteDesk:
    def __init__(
        self,
        *,
        client: Callable[[], CentralClient | None],
        outbox: Outbox,
        connection: ConnectionMonitor,
        commands: CommandLog,
        maintenance: MaintenanceSwitch,
        catalogues: CatalogueSource,
        logs: RecentLogs,
        clock: Clock,
        device_kinds: Mapping[str, str],
    ) -> None:
        self._client = client
        self._outbox = outbox
        self._connection = connection
        self._maintenance = maintenance
        self._catalogues = catalogues
        self._logs = logs
        self._clock = clock
        self._device_kinds = dict(device_kinds)
        self._runner = CommandRunner(commands, self._handlers(), clock)
        self._fetched: Catalogue | None = None
        self._in_session = False
        self._one_at_a_time = threading.Lock()

    def heartbeat(self, snapshot: KioskSnapshot) -> HeartbeatReport:
        """Send one heartbeat and carry out its commands (worker thread; one at a time).

        The central not answering is a report (``sent`` False), not an exception.
        """
        with self._one_at_a_time:
            return self._heartbeat(snapshot)

    def _heartbeat(self, snapshot: KioskSnapshot) -> HeartbeatReport:
        maintenance = self._maintenance.is_on()
        client = self._client()
        if client is None:
            return HeartbeatReport(False, maintenance, problem="not enrolled")
        depth, oldest = self._outbox.depth(), self._outbox.oldest_unsent_at()
        self._connection.backlog(depth, oldest)
        body = heartbeat_body(
            at=self._clock.now(),
            state=kiosk_state(maintenance, snapshot),
            devices=device_lines(snapshot.statuses, self._device_kinds),
            outbox_depth=depth,
            oldest_unsent_at=oldest,
        )
        try:
            answer = send_heartbeat(client, body)
        except SyncError as exc:
            log.info("heartbeat not taken: %s", exc)
            return HeartbeatReport(False, maintenance, problem=str(exc))
        self._connection.server_time(answer.server_time)
        self._fetched = None
        self._in_session = snapshot.in_session
        reports = self._runner.run(client, answer.commands)
        return HeartbeatReport(True, self._maintenance.is_on(), tuple(reports), self._fetched)

    # -- the commands -----------------------------------------------------------------
    def _handlers(self) -> dict[str, Handler]:
        return {
            "refresh_catalogue": self._refresh_catalogue,
            "enter_maintenance": self._enter_maintenance,
            "leave_maintenance": self._leave_maintenance,
            "upload_logs": self._upload_logs,
        }

    def _refresh_catalogue(self, command: Command) -> CommandOutcome:
        try:
            catalogue = self._catalogues.fetch_whole()
        except SyncError as exc:
            return CommandOutcome.failed(f"the catalogue could not be fetched: {exc}")
        except CatalogueError as exc:
            return CommandOutcome.failed(
                f"the catalogue sent is malformed, the old one stays: {exc}"
            )
        self._fetched = catalogue
        return CommandOutcome.done(
            f"catalogue {catalogue.version} fetched ({len(catalogue.services)} services),"
            " offered from the next session"
        )

    def _enter_maintenance(self, command: Command) -> CommandOutcome:
        self._maintenance.switch(True, command.id)
        if self._in_session:
            return CommandOutcome.done(
                "out of service once the citizen now using the kiosk has finished"
            )
        return CommandOutcome.done("out of service now")

    def _leave_maintenance(self, command: Command) -> CommandOutcome:
        self._maintenance.switch(False, command.id)
        return CommandOutcome.done("in service again")

    def _upload_logs(self, command: Command) -> CommandOutcome:
        client = self._client()
        if client is None:
            return CommandOutcome.failed("not enrolled")
        try:
            sent = upload_logs(
                client, self._logs.lines(), at=self._clock.now(), command_id=command.id
            )
        except LogsNotAccepted as exc:
            return CommandOutcome.failed(str(exc))
        except SyncError as exc:
            return CommandOutcome.failed(f"the logs could not be sent: {exc}")
        return CommandOutcome.done(f"{sent} log lines sent, personal data removed")
