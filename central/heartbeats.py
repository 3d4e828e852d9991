"""Kiosk heartbeats and the remote commands they carry back.

A heartbeat reports the kiosk's state, devices and outbox; the answer lists
every command queued for that kiosk (``kiosk-central command``) that has no
result yet, so a command is repeated until the kiosk reports its result.
"""

import secrets
from datetime import datetime

from central.clock import parse_rfc3339, rfc3339, stamp
from central.database import Connection
from central.payload import JsonObject, Reader, dumps
from central.problems import NOT_FOUND, RESULT_CONFLICT, Problem

COMMAND_KINDS = ("refresh_catalogue", "enter_maintenance", "leave_maintenance", "upload_logs")
KIOSK_STATES = ("in_service", "out_of_service", "maintenance")
DEVICE_STATUSES = ("ok", "warning", "error", "absent")


def _check_time(reader: Reader, name: str, *, required: bool) -> None:
    text = reader.get_str(name, required=required, max_length=40)
    if text is not None and parse_rfc3339(text) is None:
        reader.error(name, "format", f"{name} must be an RFC 3339 time with an offset.")


def record_heartbeat(
    connection: Connection, document: JsonObject, *, kiosk_id: str, now: datetime
) -> JsonObject:
    """Handle ``POST /v1/heartbeats`` (write transaction); returns the 200 body."""
    reader = Reader(document, what="heartbeat")
    _check_time(reader, "at", required=True)
    reader.get_str("app_version", max_length=64)
    state = reader.get_choice("state", KIOSK_STATES)
    devices = reader.get_list("devices", max_items=50)
    for index, device in enumerate(devices or []):
        if not isinstance(device, dict):
            reader.error(f"devices[{index}]", "type", "Each device must be an object.")
            continue
        inner = Reader(device, prefix=f"devices[{index}].")
        inner.get_str("name", max_length=100)
        inner.get_str("kind", max_length=100)
        inner.get_choice("status", DEVICE_STATUSES)
        inner.get_str("detail", required=False, max_length=500, allow_empty=True, multiline=True)
        reader.errors.extend(inner.errors)
    reader.get_int("outbox_depth", minimum=0)
    _check_time(reader, "oldest_unsent_at", required=False)
    reader.raise_if_invalid()
    connection.execute(
        "INSERT INTO heartbeats (kiosk_id, received_at, state, body_json) VALUES (?, ?, ?, ?)",
        (kiosk_id, stamp(now), state, dumps(document)),
    )
    commands = connection.execute(
        "SELECT id, kind FROM commands WHERE kiosk_id = ? AND result IS NULL ORDER BY created_at, id",
        (kiosk_id,),
    ).fetchall()
    return {
        "server_time": rfc3339(now),
        "commands": [{"id": row["id"], "kind": row["kind"]} for row in commands],
    }


def queue_command(connection: Connection, kiosk_id: str, kind: str, now: datetime) -> str:
    """Queue a remote command for a kiosk; returns its id."""
    if kind not in COMMAND_KINDS:
        raise ValueError(f"unknown command {kind!r}; choose one of {', '.join(COMMAND_KINDS)}")
    command_id = "CMD-" + secrets.token_hex(6)
    connection.execute(
        "INSERT INTO commands (id, kiosk_id, kind, created_at) VALUES (?, ?, ?, ?)",
        (command_id, kiosk_id, kind, stamp(now)),
    )
    return command_id


def record_command_result(
    connection: Connection,
    command_id: str,
    document: JsonObject,
    *,
    kiosk_id: str,
    now: datetime,
) -> JsonObject:
    """Handle ``POST /v1/commands/{id}/result``; returns the 200 body."""
    reader = Reader(document, what="command result")
    result = reader.get_choice("result", ("done", "failed"))
    detail = reader.get_str(
        "detail", required=False, max_length=1000, allow_empty=True, multiline=True
    )
    reader.raise_if_invalid()
    row = connection.execute(
        "SELECT * FROM commands WHERE id = ? AND kiosk_id = ?", (command_id, kiosk_id)
    ).fetchone()
    if row is None:
        raise Problem(NOT_FOUND, "This kiosk has no command with this id.")
    if row["result"] is not None and row["result"] != result:
        raise Problem(
            RESULT_CONFLICT, f"Command {command_id} was already reported as {row['result']}."
        )
    if row["result"] is None:
        connection.execute(
            "UPDATE commands SET result = ?, detail = ?, completed_at = ? WHERE id = ?",
            (result, detail, stamp(now), command_id),
        )
    return {"id": command_id, "kind": row["kind"], "result": result}


def kiosk_overview(connection: Connection) -> list[JsonObject]:
    """Every kiosk with its active key and last heartbeat, for the operators."""
    rows = connection.execute(
        "SELECT k.kiosk_id, k.key_id, k.enrolled_at, k.app_version, "
        "(SELECT MAX(received_at) FROM heartbeats h WHERE h.kiosk_id = k.kiosk_id) AS last_seen, "
        "(SELECT state FROM heartbeats h WHERE h.kiosk_id = k.kiosk_id ORDER BY id DESC LIMIT 1) AS state "
        "FROM kiosk_keys k WHERE k.revoked_at IS NULL ORDER BY k.kiosk_id"
    ).fetchall()
    return [dict(row) for row in rows]
