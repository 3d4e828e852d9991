"""Kiosk enrolment: one-time codes, kiosk keys, and revocation.

An operator makes a code bound to a kiosk id (``kiosk-central
enrolment-code``). The kiosk presents it once with its new Ed25519 public key
(``POST /v1/enrolments``) and gets a ``key_id`` to sign every later request
with. A code works once and expires; a failed attempt does not consume it;
repeating the same enrolment returns the same answer; enrolling again with a
new code revokes the kiosk's previous key.
"""

import base64
import binascii
import json
import re
import secrets
from datetime import datetime, timedelta
from typing import Any

from central.central_keys import published_keys
from central.clock import stamp, unstamp
from central.database import Connection, Row
from central.payload import JsonObject, Reader, dumps
from central.problems import (
    ENROLMENT_CODE_EXPIRED,
    ENROLMENT_CODE_INVALID,
    ENROLMENT_CODE_USED,
    Problem,
)

KIOSK_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_CODE_GROUPS = 4
DEFAULT_CODE_TTL = timedelta(hours=24)


def normalise_code(code: str) -> str:
    """Codes are typed by people: ignore case, spaces and dashes."""
    return re.sub(r"[\s-]", "", code).upper()


def format_code(code: str) -> str:
    """Show a code in groups of four (``7KQ2-M9XH-4PZT-W3RD``)."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def region_of_kiosk(kiosk_id: str) -> str | None:
    """The six-digit division code inside a kiosk id like ``K-330701-0001``, if any."""
    match = re.search(r"(?<!\d)(\d{6})(?!\d)", kiosk_id)
    return match.group(1) if match else None


def create_code(
    connection: Connection,
    *,
    kiosk_id: str,
    site: str,
    ttl: timedelta,
    now: datetime,
    region: str | None = None,
) -> str:
    """Make a one-time enrolment code for ``kiosk_id``; returns it formatted for display."""
    if KIOSK_ID_PATTERN.fullmatch(kiosk_id) is None:
        raise ValueError(
            f"kiosk id {kiosk_id!r} must be letters, digits, '.', '_' or '-' (at most 64)"
        )
    if ttl <= timedelta(0):
        raise ValueError("the code's lifetime must be positive")
    site_info: dict[str, Any] = {"name": site}
    site_region = region or region_of_kiosk(kiosk_id)
    if site_region is not None:
        site_info["region"] = site_region
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(4 * _CODE_GROUPS))
    connection.execute(
        "INSERT INTO enrolment_codes (code, kiosk_id, site_json, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        (code, kiosk_id, dumps(site_info), stamp(now), stamp(now + ttl)),
    )
    return format_code(code)


def _public_key(reader: Reader) -> str | None:
    text = reader.get_str("public_key", max_length=100)
    if text is None:
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        reader.error(
            "public_key",
            "format",
            "public_key must be the raw 32-byte Ed25519 public key in base64.",
        )
        return None
    return base64.b64encode(raw).decode("ascii")


def _response(connection: Connection, row: Row, key_id: str, now: datetime) -> JsonObject:
    return {
        "kiosk_id": row["kiosk_id"],
        "key_id": key_id,
        "site": json.loads(row["site_json"]),
        "central_public_keys": [
            {"key_id": key["key_id"], "public_key": key["public_key"]}
            for key in published_keys(connection, now)
        ],
    }


def enrol(connection: Connection, document: JsonObject, now: datetime) -> JsonObject:
    """Handle ``POST /v1/enrolments`` inside a write transaction; returns the 201 body."""
    reader = Reader(document, what="enrolment")
    code_text = reader.get_str("code", max_length=64)
    kiosk_id = reader.get_str("kiosk_id", max_length=64)
    public_key = _public_key(reader)
    app_version = reader.get_str("app_version", max_length=64)
    reader.raise_if_invalid()
    assert code_text is not None
    assert kiosk_id is not None
    assert public_key is not None
    assert app_version is not None

    invalid = Problem(
        ENROLMENT_CODE_INVALID,
        "This enrolment code is unknown or was issued for another kiosk id. Check the code and the "
        "kiosk id, or ask the central's operators for a new code.",
    )
    row = connection.execute(
        "SELECT * FROM enrolment_codes WHERE code = ?", (normalise_code(code_text),)
    ).fetchone()
    if row is None or row["kiosk_id"] != kiosk_id:
        raise invalid
    if row["used_at"] is not None:
        key = connection.execute(
            "SELECT public_key, revoked_at FROM kiosk_keys WHERE key_id = ?", (row["key_id"],)
        ).fetchone()
        if key is not None and key["public_key"] == public_key and key["revoked_at"] is None:
            return _response(connection, row, row["key_id"], now)
        raise Problem(
            ENROLMENT_CODE_USED,
            "This enrolment code was already used. Ask the central's operators for a new code.",
        )
    if unstamp(row["expires_at"]) <= now:
        raise Problem(
            ENROLMENT_CODE_EXPIRED,
            "This enrolment code has expired. Ask the central's operators for a new code.",
        )
    connection.execute(
        "UPDATE kiosk_keys SET revoked_at = ? WHERE kiosk_id = ? AND revoked_at IS NULL",
        (stamp(now), kiosk_id),
    )
    key_id = "kk-" + secrets.token_hex(8)
    connection.execute(
        "INSERT INTO kiosk_keys (key_id, kiosk_id, public_key, app_version, code, enrolled_at) VALUES (?, ?, ?, ?, ?, ?)",
        (key_id, kiosk_id, public_key, app_version, row["code"], stamp(now)),
    )
    connection.execute(
        "UPDATE enrolment_codes SET used_at = ?, key_id = ? WHERE code = ?",
        (stamp(now), key_id, row["code"]),
    )
    return _response(connection, row, key_id, now)


def revoke_kiosk(connection: Connection, kiosk_id: str, now: datetime) -> int:
    """Revoke every active key of a kiosk; returns how many were revoked."""
    cursor = connection.execute(
        "UPDATE kiosk_keys SET revoked_at = ? WHERE kiosk_id = ? AND revoked_at IS NULL",
        (stamp(now), kiosk_id),
    )
    return cursor.rowcount
