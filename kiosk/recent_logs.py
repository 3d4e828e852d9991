"""The kiosk's recent log lines, kept in memory (never on disk) for the central's
``upload_logs`` command, each scrubbed of personal data as it is logged.

A bounded buffer: the oldest lines go first. Personal data is taken out when a
line is kept (`kiosk.scrub.scrub`), so none of it waits in memory for an upload.
"""

from __future__ import annotations

import logging
import threading
from collections import deque

from kiosk.scrub import scrub

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LINE_CHARS = 1000


class RecentLogs(logging.Handler):
    """A logging handler keeping the last ``capacity`` records as scrubbed text."""

    def __init__(self, capacity: int = 5000, level: int = logging.INFO) -> None:
        super().__init__(level)
        self.setFormatter(logging.Formatter(FORMAT))
        self._lines: deque[str] = deque(maxlen=capacity)
        self._guard = threading.Lock()
        self._logger: logging.Logger | None = None

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = scrub(self.format(record))
        except Exception:  # noqa: BLE001 - logging must never raise into the caller
            self.handleError(record)
            return
        with self._guard:
            for line in text.splitlines() or [""]:
                self._lines.append(line[:LINE_CHARS])

    def lines(self) -> list[str]:
        """The kept lines, oldest first."""
        with self._guard:
            return list(self._lines)

    def install(self, logger: logging.Logger | None = None) -> None:
        """Start keeping what ``logger`` (default: the root logger) logs."""
        self._logger = logger or logging.getLogger()
        self._logger.addHandler(self)

    def uninstall(self) -> None:
        if self._logger is not None:
            self._logger.removeHandler(self)
            self._logger = None
