"""``GET /v1/catalogue`` with ``ETag`` and ``If-None-Match`` → ``304``."""

from starlette.responses import Response
from starlette.routing import Route

from central.api.call import Call, Environment, endpoint


def etag_matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110 weak comparison of an ``If-None-Match`` list against our ETag."""
    candidates = [candidate.strip() for candidate in if_none_match.split(",")]
    if "*" in candidates:
        return True
    return any(candidate.removeprefix("W/") == etag for candidate in candidates)


def catalogue(env: Environment, call: Call) -> Response:
    """The service catalogue, or ``304`` if the kiosk's copy is current."""
    headers = {"ETag": env.catalogue.etag, "Cache-Control": "no-cache"}
    if_none_match = call.headers.get("if-none-match")
    if if_none_match is not None and etag_matches(if_none_match, env.catalogue.etag):
        return Response(status_code=304, headers=headers)
    return Response(env.catalogue.body, media_type="application/json", headers=headers)


def routes(env: Environment) -> list[Route]:
    """The routes of this module."""
    return [Route("/v1/catalogue", endpoint(env, catalogue), methods=["GET"])]
