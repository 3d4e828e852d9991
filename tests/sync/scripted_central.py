"""Real local HTTP servers for the sync tests: one that answers from a script, one
that breaks connections on cue (reset, closed before the answer, answer cut short)."""

from __future__ import annotations

import json
import socket
import struct
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class ScriptedCentral:
    """A real HTTP server answering from a script and recording what it received.

    ``on_request`` (if set) is called with each request as received, before the
    answer: a test uses it to look at the kiosk's store mid-drain, or to let time
    pass as if the central were slow.
    """

    def __init__(self) -> None:
        self.script: list[tuple[int, dict[str, str], Any]] = []
        self.received: list[dict[str, Any]] = []
        self.on_request: Callable[[dict[str, Any]], None] | None = None
        self.default: tuple[int, dict[str, str], Any] = (500, {}, {})
        central = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                length = int(self.headers.get("Content-Length", 0))
                request = {
                    "path": self.path,
                    "headers": dict(self.headers),
                    "body": json.loads(self.rfile.read(length)),
                }
                central.received.append(request)
                if central.on_request is not None:
                    central.on_request(request)
                status, headers, body = central.script.pop(0) if central.script else central.default
                if callable(body):
                    body = body(request)
                payload = json.dumps(body).encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def keys(self) -> list[str]:
        """The Idempotency-Key of every request received, in order."""
        return [r["headers"].get("Idempotency-Key", "") for r in self.received]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


RESET = "reset"
"""Read the request, then reset the connection (RST): no answer."""
CLOSE = "close"
"""Read the request, then close the connection without a word."""
CUT = "cut"
"""Read the request, then start a 201 answer and close halfway through its body."""


class BreakingCentral:
    """A raw TCP server speaking just enough HTTP/1.1, one request per connection.

    Each connection takes the next action of ``script``: RESET, CLOSE, CUT, or an
    answer ``(status, body)`` sent whole; with the script used up it answers 500.
    Every request read is recorded, whatever happened to its connection.
    """

    def __init__(self, script: list[str | tuple[int, dict[str, Any]]]) -> None:
        self.script = list(script)
        self.received: list[dict[str, Any]] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def keys(self) -> list[str]:
        return [r["headers"].get("idempotency-key", "") for r in self.received]

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return  # closed
            with conn:
                self._answer(conn)

    def _answer(self, conn: socket.socket) -> None:
        self.received.append(_read_request(conn))
        action = self.script.pop(0) if self.script else (500, {"title": "script used up"})
        if action == RESET:
            # Linger 0: close() sends RST instead of FIN.
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        elif action == CUT:
            conn.sendall(
                b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
                b'Content-Length: 100\r\nConnection: close\r\n\r\n{"application_no":'
            )
        elif isinstance(action, tuple):
            status, body = action
            payload = json.dumps(body).encode()
            conn.sendall(
                f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n".encode()
                + payload
            )

    def close(self) -> None:
        # close() alone does not wake a thread blocked in accept(); shutdown() does.
        self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        self._thread.join(timeout=5)


def _read_request(conn: socket.socket) -> dict[str, Any]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    request_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", 0))
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        rest += chunk
    method, path, _ = request_line.split(" ", 2)
    return {
        "method": method,
        "path": path,
        "headers": headers,
        "body": json.loads(rest) if rest else None,
    }
