"""A small local control socket: technician commands reach the running kiosk's devices.

Simulated devices live inside the kiosk's process, so a command that built its
own simulator would print on paper the kiosk does not have. While it runs, the
kiosk listens on ``<data_dir>/control.sock`` (a Unix socket only its user may
open); each connection carries one JSON request line and gets one JSON answer
line. The commands are few and safe to repeat: a device's status, and resuming
or reprinting a journaled print job through the kiosk's own receipt desk (whose
journal still refuses anything that could print twice). Qt-free.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import socketserver
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from devices.factory import Device
from devices.protocols import PrintResult
from kiosk.receipts import PrintingReceiptDesk

log = logging.getLogger(__name__)

SOCKET = "control.sock"
_MAX_REQUEST = 64 * 1024

Handler = Callable[[dict[str, Any]], dict[str, Any]]


class ControlUnavailable(Exception):
    """No running kiosk answers on the data directory's control socket."""


class ControlServer:
    """Serves ``handlers`` (by request ``command``) on ``<data_dir>/control.sock``."""

    def __init__(self, data_dir: Path, handlers: Mapping[str, Handler]) -> None:
        self.path = data_dir / SOCKET
        self._handlers = dict(handlers)
        self._server: socketserver.ThreadingUnixStreamServer | None = None
        self._thread: threading.Thread | None = None

    def add(self, command: str, handler: Handler) -> None:
        """Serve one more command (e.g. the window's, once it exists), at once."""
        self._handlers[command] = handler

    def start(self) -> bool:
        """Listen; False (logged) when the socket cannot be made: commands then refuse.

        Call it only while holding the data directory (`kiosk.instance`): any
        socket file already there is a crashed kiosk's.
        """
        handlers = self._handlers

        class _Connection(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                answer = _answer(handlers, self.rfile.readline(_MAX_REQUEST))
                self.wfile.write(json.dumps(answer, ensure_ascii=False).encode() + b"\n")

        try:
            self.path.unlink(missing_ok=True)
            server = socketserver.ThreadingUnixStreamServer(str(self.path), _Connection)
            os.chmod(self.path, 0o600)
        except OSError as exc:
            # E.g. a data directory path too long for a Unix socket address.
            log.warning(
                "no control socket at %s (%s): technician commands will refuse", self.path, exc
            )
            return False
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, name="kiosk-control", daemon=True
        )
        self._thread.start()
        return True

    def close(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def _answer(handlers: Mapping[str, Handler], line: bytes) -> dict[str, Any]:
    try:
        request = json.loads(line)
        handler = handlers[str(request["command"])]
        return handler(request)
    except (ValueError, KeyError, TypeError) as exc:
        return {"error": f"bad request: {type(exc).__name__}: {exc}"}
    except Exception as exc:  # a device bug is an answer, not a dead control thread
        log.exception("control command failed")
        return {"error": f"{type(exc).__name__}: {exc}"}


def call(data_dir: Path, request: dict[str, Any], timeout_s: float = 120.0) -> dict[str, Any]:
    """Send ``request`` to the kiosk running on ``data_dir``; its answer.

    Raises ControlUnavailable when no kiosk answers, or it answered an error.
    """
    path = data_dir / SOCKET
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout_s)
            conn.connect(str(path))
            conn.sendall(json.dumps(request).encode() + b"\n")
            with conn.makefile("rb") as answers:
                line = answers.readline()
    except OSError as exc:
        raise ControlUnavailable(f"the kiosk does not answer on {path}: {exc}") from exc
    try:
        answer = json.loads(line)
    except ValueError as exc:
        raise ControlUnavailable(f"the kiosk answered nothing readable on {path}") from exc
    if not isinstance(answer, dict) or "error" in answer:
        error = answer.get("error") if isinstance(answer, dict) else answer
        raise ControlUnavailable(f"the kiosk could not do it: {error}")
    return answer


# -- the kiosk's commands ---------------------------------------------------------------
def kiosk_handlers(
    receipts: PrintingReceiptDesk, devices: Callable[[], Mapping[str, Device]]
) -> dict[str, Handler]:
    """The commands a running kiosk serves, over its own desk and devices."""

    def status(request: dict[str, Any]) -> dict[str, Any]:
        device = devices()[str(request["name"])]
        found = device.status()
        return {
            "state": found.state.value,
            "reason": found.reason,
            "media": found.media,
            "presented": found.presented,
        }

    def print_job(request: dict[str, Any]) -> dict[str, Any]:
        job = int(request["job"])
        action = str(request["action"])
        if action not in ("resume", "reprint"):
            raise ValueError(f"unknown print action {action!r}")
        result = receipts.resume(job) if action == "resume" else receipts.reprint(job)
        return print_result_json(result)

    return {"device_status": status, "print": print_job}


def print_result_json(result: PrintResult) -> dict[str, Any]:
    return {"outcome": result.outcome.value, "job_id": result.job_id, "detail": result.detail}
