"""The ASGI application: :func:`create_app` wires the database, catalogue, registry and routes.

Run it with ``kiosk-central serve`` (see :mod:`central.cli`) or any ASGI
server: ``uvicorn --factory`` needs a zero-argument factory, so use
``central.app:app_from_environment``, which reads ``KIOSK_CENTRAL_DATABASE``.
"""

import os
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response

from central.api import applications, appointments, catalogue, enrolments, licences, operations
from central.api.call import Environment
from central.api.request_id import HEADER, RequestIdMiddleware, choose_request_id
from central.catalogue import load_catalogue
from central.clock import Clock, system_clock
from central.database import Database
from central.problems import (
    INTERNAL_ERROR,
    METHOD_NOT_ALLOWED,
    NOT_FOUND,
    Problem,
    ProblemType,
    problem_response,
)
from central.registry import load_registry
from central.text import escaped

DEFAULT_DATABASE_URL = "sqlite:///central.db"
DATABASE_ENV = "KIOSK_CENTRAL_DATABASE"
WITHOUT_ENV = "KIOSK_CENTRAL_WITHOUT"
"""Extensions to leave out (comma-separated names of `EXTENSIONS`), e.g. to stand in for
a central that follows central-api.md alone."""
EXTENSIONS = {
    "queue-tickets": "/v1/queue-tickets",
    "appointments": "/v1/appointments/check-ins",
    "logs": "/v1/logs",
}
"""The sandbox's extension endpoints that can be left out, by name."""


def extensions_left_out(value: str) -> frozenset[str]:
    """The extension names in a comma-separated list; ValueError for an unknown one."""
    names = frozenset(name.strip() for name in value.split(",") if name.strip())
    unknown = sorted(names - set(EXTENSIONS))
    if unknown:
        raise ValueError(
            f"unknown extension {', '.join(unknown)}; known: {', '.join(sorted(EXTENSIONS))}"
        )
    return names


async def _http_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    kind: ProblemType
    if exc.status_code == 404:
        kind, detail = NOT_FOUND, f"There is no resource at {escaped(request.url.path)}."
    elif exc.status_code == 405:
        path = escaped(request.url.path)
        kind, detail = METHOD_NOT_ALLOWED, f"{request.method} is not allowed on {path}."
    else:
        kind = ProblemType("http-error", "HTTP error", exc.status_code)
        detail = str(exc.detail)
    return problem_response(Problem(kind, detail, headers=dict(exc.headers or {})))


async def _server_error(request: Request, exc: Exception) -> Response:
    # Runs outside the middleware stack, so it adds the request id itself.
    response = problem_response(
        Problem(INTERNAL_ERROR, "The central failed while handling this request.")
    )
    state = request.scope.get("state") or {}
    response.headers[HEADER] = str(state.get("request_id") or choose_request_id(None))
    return response


HANDLER_THREADS = 8
"""Threads running handlers in one server process (anyio's default is 40). Handlers are
short database work, and with fewer threads competing for Python's lock each gets it
back sooner after a round trip to the database: 200 kiosks got 13-22% more requests
through, with lower latencies (bench/bench_central_load.py)."""


def _lifespan(database: Database) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    """Sizes the handlers' thread pool; lets the database's connections go at the end."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = HANDLER_THREADS
        try:
            yield
        finally:
            database.close()

    return lifespan


def create_app(
    database_url: str,
    *,
    clock: Clock | None = None,
    catalogue_path: Path | None = None,
    without: frozenset[str] = frozenset(),
) -> Starlette:
    """Build the central's ASGI application.

    Args:
        database_url: ``sqlite:///relative``, ``sqlite:////absolute``, a plain path or
            ``postgresql://…``; created (SQLite) and upgraded if needed, and its
            connections closed when the server stops.
        clock: where the central gets the time (tests move it); the system clock by default.
        catalogue_path: another catalogue file instead of the packaged one.
        without: names of `EXTENSIONS` not to serve (their paths answer ``404``).
    """
    env = Environment(
        database=Database(database_url),
        catalogue=load_catalogue(catalogue_path),
        registry=load_registry(),
        clock=clock or system_clock,
    )
    routes = [
        *enrolments.routes(env),
        *catalogue.routes(env),
        *applications.routes(env),
        *licences.routes(env),
        *operations.routes(env),
        *appointments.routes(env),
    ]
    left_out = {EXTENSIONS[name] for name in without}
    routes = [route for route in routes if route.path not in left_out]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(RequestIdMiddleware)],
        exception_handlers={HTTPException: _http_problem, Exception: _server_error},
        lifespan=_lifespan(env.database),
    )
    app.state.environment = env
    return app


def app_from_environment() -> Starlette:
    """Zero-argument factory for ASGI servers: the database comes from ``KIOSK_CENTRAL_DATABASE``."""
    return create_app(
        os.environ.get(DATABASE_ENV, DEFAULT_DATABASE_URL),
        without=extensions_left_out(os.environ.get(WITHOUT_ENV, "")),
    )
