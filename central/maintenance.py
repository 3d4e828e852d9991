"""Maintenance mode: operators can make the central answer ``503`` with ``Retry-After``.

``kiosk-central maintenance on --retry-after 60`` stores the switch in the
database, so a running server picks it up on the next request; kiosks then
see the interface's overload/maintenance answer and must keep their
submissions queued. ``GET /v1/keys`` stays available (it is static and
needed for offline verification).
"""

from central.database import Connection
from central.problems import SERVICE_UNAVAILABLE, Problem

_SETTING = "maintenance_retry_after"


def set_maintenance(connection: Connection, retry_after_s: int | None) -> None:
    """Switch maintenance on (``Retry-After`` seconds) or off (``None``)."""
    if retry_after_s is None:
        connection.execute("DELETE FROM settings WHERE name = ?", (_SETTING,))
        return
    if retry_after_s < 1:
        raise ValueError("Retry-After must be at least one second")
    connection.execute(
        "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (_SETTING, str(retry_after_s)),
    )


def maintenance_retry_after(connection: Connection) -> int | None:
    """Seconds a client should wait if maintenance is on, else ``None``."""
    row = connection.execute("SELECT value FROM settings WHERE name = ?", (_SETTING,)).fetchone()
    return int(row["value"]) if row else None


def refuse_if_in_maintenance(connection: Connection) -> None:
    """Raise the ``503`` problem while maintenance is on."""
    retry_after = maintenance_retry_after(connection)
    if retry_after is not None:
        raise Problem(
            SERVICE_UNAVAILABLE,
            f"The central is down for maintenance; try again in {retry_after} s. Keep submissions queued.",
            headers={"Retry-After": str(retry_after)},
        )
