"""A fault-injecting TCP proxy between the kiosk and the central, for the proof tests.

It listens on loopback and forwards to the central, reading just enough HTTP/1.1
to tell one request and one answer from the next (Content-Length, or chunked
answers), so that a fault is chosen for every request, kept-alive connections
included. A seeded `random.Random` chooses, under a lock, in the order the
requests come:

- per new connection: ``refuse`` (reset as soon as it is accepted);
- per request: ``pass``; ``reset_mid_request`` (a random part of the request read,
  sometimes forwarded to the central too, then reset); ``reset_after_answer`` (the
  central answered, the kiosk gets a reset instead); ``truncate_answer`` (a random
  prefix of the central's answer, then the connection closed); ``delay_request``
  (held past the kiosk's timeout, then forwarded all the same: the central
  processes it after the kiosk gave up); ``delay_answer`` (the central's answer
  held past the timeout); ``error_5xx`` (a burst of 500 or 503 answered by the
  proxy itself, not forwarded); ``error_after_answer`` (the central processed it,
  the kiosk gets a 500); ``listener_down`` (the connection reset and the listening
  socket closed for a moment: new connections are refused by the kernel).

A reset is an RST (``SO_LINGER`` on, zero timeout, then close). The proxy never
duplicates or alters a request: that would be an attack, not a network fault.
``counts`` says what was injected, how the central answered what reached it
(``central_201``, ``central_409``...), and how many of its 2xx answers the kiosk
never got (``lost_2xx``: each one must come back as a replay, not a second
application).
"""

from __future__ import annotations

import contextlib
import errno
import json
import random
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

PER_REQUEST = (
    "pass",
    "reset_mid_request",
    "reset_after_answer",
    "truncate_answer",
    "delay_request",
    "delay_answer",
    "error_5xx",
    "error_after_answer",
    "listener_down",
)

LOSE_THE_ANSWER = frozenset(
    {"reset_after_answer", "truncate_answer", "delay_request", "delay_answer", "error_after_answer"}
)
"""Faults after which the central has processed the request and the kiosk does not know."""


@dataclass(frozen=True)
class FaultPlan:
    """How often each fault happens: weights per request, a probability per connection."""

    weights: dict[str, float] = field(
        default_factory=lambda: {
            "pass": 62,
            "reset_mid_request": 6,
            "reset_after_answer": 7,
            "truncate_answer": 6,
            "delay_request": 2,
            "delay_answer": 2,
            "error_5xx": 6,
            "error_after_answer": 4,
            "listener_down": 2,
        }
    )
    refuse: float = 0.08
    """Probability that a new connection is reset as soon as it is accepted."""
    burst: tuple[int, int] = (2, 6)
    """How many requests in a row one ``error_5xx`` answers."""
    down_s: tuple[float, float] = (0.1, 0.4)
    """How long the listener stays down."""
    delay_s: tuple[float, float] = (0.2, 0.5)
    """How far past the kiosk's timeout a delayed request or answer is held."""


class FaultProxy:
    """Forwards ``127.0.0.1:<port>`` to ``upstream`` with faults; ``close`` ends it."""

    def __init__(
        self,
        upstream: tuple[str, int],
        rng: random.Random,
        *,
        client_timeout_s: float,
        plan: FaultPlan | None = None,
    ) -> None:
        self.upstream = upstream
        self.plan = plan or FaultPlan()
        self.counts: Counter[str] = Counter()
        self._rng = rng
        self._client_timeout_s = client_timeout_s
        self._lock = threading.Lock()
        self._burst: list[int] = []  # the status codes still to answer in the current burst
        self._stopping = threading.Event()
        self._down_until = 0.0
        self._listener_closed = threading.Event()
        self._open: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._listener: socket.socket | None = self._bind(0)
        self.port = int(self._listener.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._acceptor = threading.Thread(target=self._accept_loop, name="fault-proxy", daemon=True)
        self._acceptor.start()

    # -- the seeded choices -------------------------------------------------------
    def _refuse(self) -> bool:
        with self._lock:
            refused = self._rng.random() < self.plan.refuse
            if refused:
                self.counts["refuse"] += 1
            return refused

    def _choose(self) -> tuple[str, int]:
        """The fault for the next request, and a draw the fault may use (cut, status...)."""
        with self._lock:
            self.counts["requests"] += 1
            if self._burst:
                self.counts["error_5xx"] += 1
                return "error_5xx", self._burst.pop()
            kinds = list(self.plan.weights)
            kind = self._rng.choices(kinds, [self.plan.weights[k] for k in kinds])[0]
            draw = self._rng.randrange(1 << 30)
            if kind == "error_5xx":
                status = self._rng.choice((500, 503))
                self._burst = [status] * (self._rng.randint(*self.plan.burst) - 1)
                draw = status
                self.counts["bursts_5xx"] += 1
            self.counts[kind] += 1
            return kind, draw

    def _uniform(self, bounds: tuple[float, float]) -> float:
        with self._lock:
            return self._rng.uniform(*bounds)

    # -- listening ----------------------------------------------------------------
    @staticmethod
    def _bind(port: int) -> socket.socket:
        deadline = time.monotonic() + 5
        while True:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError as exc:
                sock.close()
                if exc.errno != errno.EADDRINUSE or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)
                continue
            sock.listen(128)
            sock.settimeout(0.02)
            return sock

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            if time.monotonic() < self._down_until:
                if self._listener is not None:
                    self._listener.close()  # the backlog is reset, new connections refused
                    self._listener = None
                self._listener_closed.set()
                time.sleep(0.01)
                continue
            if self._listener is None:
                self._listener = self._bind(self.port)
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                if self._stopping.is_set():
                    break
                continue
            if self._refuse():
                _reset(client)
                continue
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            client.settimeout(30)
            with self._lock:
                self._open.add(client)
                thread = threading.Thread(target=self._serve, args=(client,), daemon=True)
                self._threads.append(thread)
            thread.start()
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def _take_listener_down(self) -> None:
        """Close the listening socket for a moment; returns once it is closed."""
        self._listener_closed.clear()
        self._down_until = time.monotonic() + self._uniform(self.plan.down_s)
        self._listener_closed.wait(timeout=1)

    # -- one client connection ----------------------------------------------------
    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        pending = bytearray()
        try:
            while not self._stopping.is_set():
                request = _read_message(client, pending, answer=False)
                if request is None:
                    return  # the kiosk closed its connection
                kind, draw = self._choose()
                if kind == "error_5xx":
                    client.sendall(_error_answer(draw))
                    continue
                if kind == "listener_down":
                    self._take_listener_down()
                    _reset(client)
                    return
                if kind == "reset_mid_request":
                    if draw % 2:  # the central gets the first part too, then a reset
                        upstream = upstream or self._connect()
                        upstream.sendall(request[: 1 + draw % (len(request) - 1)])
                        _reset(upstream)
                    _reset(client)
                    return
                if kind == "delay_request":
                    self._stopping.wait(self._client_timeout_s + self._uniform(self.plan.delay_s))
                if upstream is None:
                    upstream = self._connect()
                upstream.sendall(request)
                answer = _read_message(upstream, bytearray(), answer=True)
                if answer is None:
                    _reset(client)  # the central hung up: the kiosk sees a reset
                    return
                self._central_answered(kind, answer)
                if kind == "delay_request":
                    return  # the kiosk gave up long ago; its socket is closed below
                if kind == "delay_answer":
                    self._stopping.wait(self._client_timeout_s + self._uniform(self.plan.delay_s))
                    return
                if kind == "reset_after_answer":
                    _reset(client)
                    return
                if kind == "truncate_answer":
                    client.sendall(answer[: 1 + draw % (len(answer) - 1)])
                    return
                if kind == "error_after_answer":
                    client.sendall(_error_answer(500))
                    continue
                client.sendall(answer)
                if b"\r\nconnection: close" in answer.split(b"\r\n\r\n", 1)[0].lower():
                    return
        except OSError:
            return  # the kiosk reset or timed out its side: nothing to forward
        finally:
            if upstream is not None:
                _drop(upstream, self._open, self._lock)
            _drop(client, self._open, self._lock)

    def _central_answered(self, kind: str, answer: bytes) -> None:
        """Count the central's answers by status, and its 2xx answers the kiosk never got."""
        status = answer[9:12].decode("ascii", "replace")
        with self._lock:
            self.counts[f"central_{status}"] += 1
            if status.startswith("2") and kind in LOSE_THE_ANSWER:
                self.counts["lost_2xx"] += 1

    def _connect(self) -> socket.socket:
        sock = socket.create_connection(self.upstream, timeout=30)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._lock:
            self._open.add(sock)
        return sock

    def close(self) -> None:
        self._stopping.set()
        self._acceptor.join(timeout=5)
        with self._lock:
            open_now, threads = list(self._open), list(self._threads)
        for sock in open_now:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for thread in threads:
            thread.join(timeout=5)

    def summary(self) -> str:
        return ", ".join(f"{kind} {count}" for kind, count in sorted(self.counts.items()))


def _reset(sock: socket.socket) -> None:
    """Abort the connection with an RST."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _drop(sock: socket.socket, open_set: set[socket.socket], lock: threading.Lock) -> None:
    with lock:
        open_set.discard(sock)
    sock.close()


def _error_answer(status: int) -> bytes:
    reason = {500: "Internal Server Error", 503: "Service Unavailable"}[status]
    body = json.dumps({"title": f"injected {status}", "status": status}).encode()
    return (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/problem+json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body


def _read_message(sock: socket.socket, pending: bytearray, *, answer: bool) -> bytes | None:
    """One whole HTTP/1.1 message from ``sock`` (``pending``: bytes read beyond the last
    one); None if the connection closed before a new message began."""
    while b"\r\n\r\n" not in pending:
        chunk = sock.recv(65536)
        if not chunk:
            if pending:
                raise ConnectionError("connection closed in the middle of a message")
            return None
        pending += chunk
    head_end = pending.index(b"\r\n\r\n") + 4
    headers = {
        name.strip().lower(): value.strip()
        for name, _, value in (
            line.partition(b":") for line in bytes(pending[:head_end]).split(b"\r\n")[1:] if line
        )
    }
    if answer and headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        while b"\r\n0\r\n\r\n" not in pending[head_end - 2 :]:
            _receive(sock, pending)
        end = pending.index(b"\r\n0\r\n\r\n", head_end - 2) + 7
    else:
        end = head_end + int(headers.get(b"content-length", b"0"))
        while len(pending) < end:
            _receive(sock, pending)
    message = bytes(pending[:end])
    del pending[:end]
    return message


def _receive(sock: socket.socket, pending: bytearray) -> None:
    chunk = sock.recv(65536)
    if not chunk:
        raise ConnectionError("connection closed in the middle of a message")
    pending += chunk
