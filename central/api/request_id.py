"""ASGI middleware giving every response an ``X-Request-Id``.

The request's own ``X-Request-Id`` is echoed when it is a sensible token
(1-200 visible ASCII characters); otherwise a new UUID is made. The id is
also put in ``scope["state"]["request_id"]`` for logging and error handlers.
"""

import uuid

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "X-Request-Id"


def choose_request_id(sent: str | None) -> str:
    """Echo a sensible client id, else make one."""
    if (
        sent is not None
        and 0 < len(sent) <= 200
        and all(0x21 <= ord(char) <= 0x7E for char in sent)
    ):
        return sent
    return str(uuid.uuid4())


class RequestIdMiddleware:
    """Adds ``X-Request-Id`` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = None
        for name, value in scope["headers"]:
            if name.lower() == b"x-request-id":
                sent = value.decode("latin-1")
                break
        request_id = choose_request_id(sent)
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[HEADER] = request_id
            await send(message)

        await self.app(scope, receive, send_with_id)
