"""The heartbeat on the wire: the body the kiosk sends, the answer it reads.

``POST /v1/heartbeats`` carries the kiosk's state (``in_service``,
``out_of_service`` or ``maintenance``), every device's status in the
interface's coarse words (``devices.status.DeviceStatus.heartbeat_word``), the
outbox depth and when its oldest unsent submission was queued. The answer
gives the central's time and the commands waiting for this kiosk; an answer
the kiosk cannot read is `CentralBusy`, a command it cannot read is skipped
(it comes again), and unknown keys are ignored. Qt-free.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from devices.status import DeviceStatus
from kiosk import __version__
from kiosk.clock import rfc3339
from kiosk.scrub import scrub
from kiosk.sync.client import CentralClient
from kiosk.sync.errors import CentralBusy

IN_SERVICE = "in_service"
OUT_OF_SERVICE = "out_of_service"
MAINTENANCE = "maintenance"
KIOSK_STATES = (IN_SERVICE, OUT_OF_SERVICE, MAINTENANCE)

_DETAIL_CHARS = 200


@dataclass(frozen=True, slots=True)
class Command:
    """A remote command the central sent: its id and kind (any text: unknown kinds fail)."""

    id: str
    kind: str


@dataclass(frozen=True, slots=True)
class HeartbeatAnswer:
    server_time: str | None
    commands: tuple[Command, ...]


def device_lines(
    statuses: Mapping[str, DeviceStatus], kinds: Mapping[str, str]
) -> list[dict[str, str]]:
    """Every configured device (``kinds``: name -> kind) with its last polled status.

    A device not polled yet is a "warning" that says so, not left out: the
    central must see every device the kiosk has.
    """
    lines = []
    for name, kind in kinds.items():
        status = statuses.get(name)
        if status is None:
            word, detail = "warning", "not checked yet"
        else:
            word, detail = status.heartbeat_word(), _device_detail(status)
        lines.append({"name": name, "kind": kind, "status": word, "detail": detail})
    return lines


def _device_detail(status: DeviceStatus) -> str:
    parts = [status.state.value]
    if status.reason:
        parts.append(status.reason)
    if status.media:
        parts.append(f"media {status.media}")
    # One line, short (the interface allows 500 characters), and nothing a driver
    # may have quoted of a citizen.
    return scrub(": ".join(parts).replace("\n", " "))[:_DETAIL_CHARS]


def heartbeat_body(
    *,
    at: datetime,
    state: str,
    devices: list[dict[str, str]],
    outbox_depth: int,
    oldest_unsent_at: str | None,
) -> dict[str, Any]:
    if state not in KIOSK_STATES:
        raise ValueError(f"unknown kiosk state {state!r}")
    return {
        "at": rfc3339(at),
        "app_version": __version__,
        "state": state,
        "devices": devices,
        "outbox_depth": outbox_depth,
        "oldest_unsent_at": oldest_unsent_at,
    }


def send_heartbeat(client: CentralClient, body: dict[str, Any]) -> HeartbeatAnswer:
    """POST the heartbeat; the central's time and its commands (raises `SyncError`)."""
    return parse_answer(client.post("/v1/heartbeats", body))


def parse_answer(body: dict[str, Any]) -> HeartbeatAnswer:
    commands = body.get("commands", [])
    if not isinstance(commands, list):
        raise CentralBusy("the central's heartbeat answer has no list of commands")
    server_time = body.get("server_time")
    return HeartbeatAnswer(
        server_time if isinstance(server_time, str) else None,
        tuple(
            Command(item["id"], str(item.get("kind") or ""))
            for item in commands
            if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]
        ),
    )


def report_result(client: CentralClient, command_id: str, result: str, detail: str) -> None:
    """``POST /v1/commands/{id}/result`` (raises `SyncError`)."""
    path = f"/v1/commands/{quote(command_id, safe='')}/result"
    client.post(path, {"result": result, "detail": detail})
