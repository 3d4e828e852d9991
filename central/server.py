"""Running the app under uvicorn, with an optional port file for whoever started us.

The listening socket is bound before uvicorn starts, so ``--port 0`` gets an
ephemeral port we know. The port file is written (atomically: temporary file
then rename) only once uvicorn reports it has started and accepts
connections, and removed again on a clean exit. SIGTERM and SIGINT make
uvicorn shut down gracefully and the process exit with status 0.

With several workers (:func:`serve_workers`) uvicorn's supervisor starts them
as processes sharing the socket, each building the app from the environment
(``central.app:app_from_environment``) with its own connection pool; the port
file is written once a worker has answered a request, and SIGTERM stops them all.
"""

import asyncio
import contextlib
import copy
import http.client
import logging
import os
import signal
import socket
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn
from starlette.applications import Starlette
from uvicorn.config import LOGGING_CONFIG
from uvicorn.supervisors import Multiprocess

logger = logging.getLogger("central")


def bind_socket(host: str, port: int) -> socket.socket:
    """Bind and listen on ``host:port`` (``port`` 0: an ephemeral port)."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this: without it, keep-alive clients wait
    # out a delayed ACK (~40 ms) on every request.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(address)
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def write_port_file(path: Path, port: int) -> None:
    """Write the port number so a reader never sees a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(f"{port}\n", encoding="ascii")
    os.replace(temporary, path)


def _remove_port_file(path: Path, port: int) -> None:
    with contextlib.suppress(OSError):
        if path.read_text(encoding="ascii").strip() == str(port):
            path.unlink()


async def _serve(
    server: uvicorn.Server, sock: socket.socket, port: int, port_file: Path | None
) -> None:
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            await task
            raise RuntimeError("the server stopped before it started")
        await asyncio.sleep(0.01)
    if port_file is not None:
        write_port_file(port_file, port)
    logger.info("kiosk-central listening on port %d", port)
    try:
        await task
    finally:
        if port_file is not None:
            _remove_port_file(port_file, port)


def _note_signal(signum: int, frame: FrameType | None) -> None:
    # uvicorn handles SIGTERM/SIGINT itself while serving and re-raises the
    # signal after shutting down; this handler receives that re-raise, so the
    # process then exits normally instead of dying from the signal.
    logger.info("stopped by signal %d", signum)


def serve(
    app: Starlette, *, host: str, port: int, port_file: Path | None, log_level: str = "info"
) -> int:
    """Serve ``app`` until SIGTERM/SIGINT; returns the exit status."""
    sock = bind_socket(host, port)
    bound_port = int(sock.getsockname()[1])
    config = uvicorn.Config(
        app, host=host, port=bound_port, log_level=log_level, timeout_graceful_shutdown=5
    )
    server = uvicorn.Server(config)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _note_signal)
    try:
        asyncio.run(_serve(server, sock, bound_port, port_file))
    finally:
        sock.close()
    return 0


APP_FACTORY = "central.app:app_from_environment"
READY_BOUND_S = 60.0
"""How long the workers may take to answer their first request before we give up."""


def _log_config(log_level: str) -> dict[str, Any]:
    """uvicorn's logging, plus the central's own logger (workers set up logging afresh)."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["central"] = {
        "handlers": ["default"],
        "level": log_level.upper(),
        "propagate": False,
    }
    return config


def _answers(host: str, port: int) -> bool:
    """Whether a worker answers ``GET /v1/keys`` (the unsigned, always-available route)."""
    if host in ("0.0.0.0", ""):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    connection = http.client.HTTPConnection(host, port, timeout=5)
    try:
        connection.request("GET", "/v1/keys")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _announce(host: str, port: int, port_file: Path | None, stop: threading.Event) -> bool:
    deadline = time.monotonic() + READY_BOUND_S
    while not stop.is_set() and time.monotonic() < deadline:
        if _answers(host, port):
            if port_file is not None:
                write_port_file(port_file, port)
            logger.info("kiosk-central listening on port %d", port)
            return True
        stop.wait(0.05)
    return False


def serve_workers(
    *, workers: int, host: str, port: int, port_file: Path | None, log_level: str = "info"
) -> int:
    """Serve the app from the environment in ``workers`` processes until SIGTERM/SIGINT.

    The caller puts the database URL (and any other setting) in ``os.environ``
    first: the workers are new processes (spawned, not forked) that read it.
    Returns 0 after a clean stop, 1 if no worker came up.
    """
    sock = bind_socket(host, port)
    bound_port = int(sock.getsockname()[1])
    config = uvicorn.Config(
        APP_FACTORY,
        factory=True,
        host=host,
        port=bound_port,
        workers=workers,
        log_level=log_level,
        log_config=_log_config(log_level),
        timeout_graceful_shutdown=5,
    )
    supervisor = Multiprocess(config, sockets=[sock])
    announced = threading.Event()

    def announce() -> None:
        if _announce(host, bound_port, port_file, supervisor.should_exit):
            announced.set()
        elif not supervisor.should_exit.is_set():
            logger.error("no worker answered within %.0f s; stopping", READY_BOUND_S)
            supervisor.should_exit.set()

    watcher = threading.Thread(target=announce, name="announce", daemon=True)
    watcher.start()
    try:
        supervisor.run()
    finally:
        supervisor.should_exit.set()
        watcher.join(timeout=10)
        sock.close()
        if port_file is not None and announced.is_set():
            _remove_port_file(port_file, bound_port)
    return 0 if announced.is_set() else 1
