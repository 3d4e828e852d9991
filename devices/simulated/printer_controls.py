"""What a person (or a fault) does to any simulated printer: paper, power, the output slot.

Both simulated printers share these controls; the developer panel and tests use
them from the UI or test thread while prints run on worker threads, hence the lock.
"""

from __future__ import annotations

import threading

PAPER_STATES = ("ok", "low", "out")


class PrinterControls:
    """Paper level, online/offline and whether a printout waits in the slot."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paper = "ok"
        self._online = True
        self._presented = False

    def set_paper(self, paper: str) -> None:
        """Set the paper state: "ok", "low" or "out"."""
        if paper not in PAPER_STATES:
            raise ValueError(f"unknown paper state {paper!r}")
        with self._lock:
            self._paper = paper

    def set_online(self, online: bool) -> None:
        with self._lock:
            self._online = online

    def take_printout(self) -> None:
        """The citizen takes what waits in the output slot."""
        with self._lock:
            self._presented = False

    def leave_printout(self) -> None:
        """A printout waits in the output slot (as one nobody took), without printing."""
        with self._lock:
            self._presented = True
