"""``POST /v1/enrolments`` and ``GET /v1/keys``: the two unsigned routes."""

from starlette.responses import Response
from starlette.routing import Route

from central.api.call import Call, Environment, endpoint, json_response
from central.central_keys import published_keys
from central.enrolment import enrol


def enrolments(env: Environment, call: Call) -> Response:
    """Enrol a kiosk's public key with a one-time code."""
    document = call.json()
    with env.database.transaction() as connection:
        body = enrol(connection, document, call.now)
    return json_response(body, 201)


def keys(env: Environment, call: Call) -> Response:
    """Publish the central's public keys (for offline licence verification)."""
    with env.database.transaction() as connection:
        body = {"keys": published_keys(connection, call.now)}
    return json_response(body, headers={"Cache-Control": "max-age=300"})


def routes(env: Environment) -> list[Route]:
    """The routes of this module."""
    return [
        Route("/v1/enrolments", endpoint(env, enrolments, signed=False), methods=["POST"]),
        Route(
            "/v1/keys", endpoint(env, keys, signed=False, always_available=True), methods=["GET"]
        ),
    ]
