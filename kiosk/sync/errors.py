"""What can go wrong talking to the central, as one small tree::

SyncError
├── CentralUnreachable     no answer: connection refused or reset, DNS, timeout, TLS
├── CentralBusy            503/429 or any 5xx: try again later (retry_after_s, status)
└── CentralRefused         a 4xx with its problem details: resending will not help
    └── NotEnrolled        401: the kiosk's key is unknown or revoked
"""

from __future__ import annotations

from typing import Any

from kiosk.errors import KioskError


class SyncError(KioskError):
    """Base of every error talking to the central."""


class CentralUnreachable(SyncError):
    """The central did not answer (network down, refused, timed out)."""


class CentralBusy(SyncError):
    """The central answered 5xx or 429 (``status``), or an answer the kiosk cannot use
    (``status`` None); ``retry_after_s`` if it said when to try again."""

    def __init__(
        self, message: str, retry_after_s: float | None = None, status: int | None = None
    ) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s
        self.status = status


class CentralRefused(SyncError):
    """The central refused the request (4xx); ``problem`` is its problem details."""

    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        super().__init__(f"{status} {problem.get('title', '')}: {problem.get('detail', '')}")
        self.status = status
        self.problem = problem


class NotEnrolled(CentralRefused):
    """401: the kiosk must be enrolled again by a technician."""
