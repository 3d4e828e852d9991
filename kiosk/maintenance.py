"""Maintenance mode: out of service for citizens by the central's command, kept across restarts.

``enter_maintenance`` switches it on and ``leave_maintenance`` off; the switch
is stored (`offline_cache.kiosk_state`), so a kiosk restarted during a service
visit stays out of service. The screens apply it between citizens: one in the
middle of a session finishes first. Qt-free; call from worker threads.
"""

from __future__ import annotations

import threading
from typing import Any

from kiosk.clock import Clock, rfc3339
from offline_cache.kiosk_state import KioskStateStore

STORE_NAME = "maintenance"


class MaintenanceSwitch:
    def __init__(self, store: KioskStateStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._lock = threading.Lock()
        self._on: bool | None = None

    def is_on(self) -> bool:
        """True while the kiosk is out of service for maintenance (read once, then kept)."""
        with self._lock:
            if self._on is None:
                value: Any = self._store.get(STORE_NAME)
                self._on = isinstance(value, dict) and value.get("on") is True
            return self._on

    def switch(self, on: bool, command_id: str | None = None) -> None:
        """Switch on or off, stored before it takes effect (raises `StorageError`)."""
        with self._lock:
            now = rfc3339(self._clock.now())
            self._store.put(STORE_NAME, {"on": on, "since": now, "command": command_id}, now)
            self._on = on
