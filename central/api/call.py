"""The endpoint wrapper every route goes through.

:func:`endpoint` reads the body (with a size limit), then, in a worker thread
so the database never blocks the event loop: refuses with ``503`` in
maintenance mode, verifies the RFC 9421 signature (unless the route is one of
the two unsigned ones; both in one unit of work), checks the media type
(``application/json``, UTF-8), runs the handler, and turns
:class:`~central.problems.Problem` (or an unexpected error) into problem details. Refusals are logged at INFO so operators can see
why a kiosk was turned away (the path with refused characters escaped).
"""

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from central.catalogue import Catalogue
from central.clock import Clock
from central.database import Database
from central.maintenance import refuse_if_in_maintenance
from central.payload import JsonObject, parse_json_object
from central.problems import (
    INTERNAL_ERROR,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    Problem,
    problem_response,
)
from central.registry import Registry
from central.signatures import KioskIdentity, target_uri, unauthorised, verify_request
from central.text import escaped

logger = logging.getLogger("central")

MAX_BODY_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Environment:
    """What handlers work with: the database, the catalogue, the registry and the clock."""

    database: Database
    catalogue: Catalogue
    registry: Registry
    clock: Clock


@dataclass(frozen=True)
class Call:
    """One request as a handler sees it (already authenticated if the route is signed)."""

    method: str
    path_params: Mapping[str, str]
    headers: Headers
    body: bytes
    now: datetime
    kiosk: KioskIdentity | None

    @property
    def kiosk_id(self) -> str:
        """The verified kiosk (signed routes only)."""
        assert self.kiosk is not None, "kiosk_id is only available on signed routes"
        return self.kiosk.kiosk_id

    def json(self) -> JsonObject:
        """The body as a JSON object (``400`` if it is not one)."""
        return parse_json_object(self.body)


Handler = Callable[[Environment, Call], Response]


def json_response(
    body: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """A JSON response (UTF-8, not ASCII-escaped)."""
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise Problem(PAYLOAD_TOO_LARGE, f"Request bodies may be at most {MAX_BODY_BYTES} bytes.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise Problem(
                PAYLOAD_TOO_LARGE, f"Request bodies may be at most {MAX_BODY_BYTES} bytes."
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _check_media_type(headers: Headers, body: bytes) -> None:
    """Only ``application/json``, with ``charset=utf-8`` or no parameter at all.

    No other charset (the body is read as UTF-8 whatever it says, so a body
    labelled latin-1 would be misread), no ``+json`` type (the interface has one
    media type), and no other parameter (``application/json`` defines none).
    """
    if not body:
        return
    declared = headers.get("content-type", "")
    media_type, *parameters = (part.strip() for part in declared.split(";"))
    problem: str | None = None
    for parameter in filter(None, parameters):
        name, _, value = parameter.partition("=")
        if name.strip().lower() != "charset":
            problem = f"with no parameter but charset, not '{escaped(parameter)}'"
        elif value.strip().strip('"').lower() != "utf-8":
            problem = f"in UTF-8, not '{escaped(value.strip())}'"
    if media_type.lower() != "application/json":
        problem = f"not {escaped(media_type) or 'an unlabelled body'}"
    if problem is not None:
        raise Problem(
            UNSUPPORTED_MEDIA_TYPE,
            "Request bodies must be sent as application/json (UTF-8; charset=utf-8 or no"
            f" charset), {problem}.",
        )


def _authenticate(
    env: Environment, request: Request, body: bytes, now: datetime, *, always_available: bool
) -> KioskIdentity:
    host = request.headers.get("host")
    if not host:
        raise unauthorised("The request has no Host header, so its @target-uri cannot be rebuilt.")
    url = target_uri(
        request.url.scheme,
        host,
        request.scope.get("raw_path") or request.url.path.encode(),
        request.scope.get("query_string", b""),
    )
    headers = [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, value in request.scope["headers"]
    ]
    # One unit of work for the maintenance switch and the nonce; not serialized:
    # the nonce's unique key is all it needs, so requests do not queue here.
    with env.database.transaction(serialized=False) as connection:
        if not always_available:
            refuse_if_in_maintenance(connection)
        return verify_request(
            connection, method=request.method, url=url, headers=headers, body=body, now=now
        )


def _dispatch(
    env: Environment,
    handler: Handler,
    signed: bool,
    always_available: bool,
    request: Request,
    body: bytes,
) -> Response:
    now = env.clock()
    try:
        kiosk = None
        if signed:
            kiosk = _authenticate(env, request, body, now, always_available=always_available)
        elif not always_available:
            with env.database.reading() as connection:
                refuse_if_in_maintenance(connection)
        _check_media_type(request.headers, body)
        call = Call(
            method=request.method,
            path_params=dict(request.path_params),
            headers=request.headers,
            body=body,
            now=now,
            kiosk=kiosk,
        )
        return handler(env, call)
    except Problem as problem:
        # Operators debugging a kiosk want to see why a request was refused.
        logger.info("%s %s refused: %s", request.method, escaped(request.url.path), problem)
        return problem_response(problem)
    except Exception:
        logger.exception("unhandled error in %s %s", request.method, escaped(request.url.path))
        return problem_response(
            Problem(
                INTERNAL_ERROR,
                "The central failed while handling this request; it has been logged.",
            )
        )


def endpoint(
    env: Environment, handler: Handler, *, signed: bool = True, always_available: bool = False
) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a synchronous handler as a Starlette endpoint.

    Args:
        signed: verify the RFC 9421 signature (all routes but two).
        always_available: keep serving in maintenance mode.
    """

    async def run(request: Request) -> Response:
        try:
            body = await _read_body(request)
        except Problem as problem:
            return problem_response(problem)
        return await run_in_threadpool(
            _dispatch, env, handler, signed, always_available, request, body
        )

    run.__name__ = handler.__name__
    return run
