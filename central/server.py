"""Running the app under uvicorn, with an optional port file for whoever started us.

The listening socket is bound before uvicorn starts, so ``--port 0`` gets an
ephemeral port we know. The port file is written (atomically: temporary file
then rename) only once uvicorn reports it has started and accepts
connections, and removed again on a clean exit. SIGTERM and SIGINT make
uvicorn shut down gracefully and the process exit with status 0.
"""

import asyncio
import contextlib
import logging
import os
import signal
import socket
from pathlib import Path
from types import FrameType

import uvicorn
from starlette.applications import Starlette

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
