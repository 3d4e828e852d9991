"""Appointment check-in (extension): ``POST /v1/appointments/check-ins``."""

from starlette.responses import Response
from starlette.routing import Route

from central.api.call import Call, Environment, endpoint, json_response
from central.appointments import check_in


def check_ins(env: Environment, call: Call) -> Response:
    """``POST /v1/appointments/check-ins``: today's appointment of an identity number, and
    its ticket (``201`` the first time, ``200`` with the same ticket after)."""
    document = call.json()
    with env.database.transaction() as connection:
        status, body = check_in(
            connection, document, catalogue=env.catalogue, kiosk_id=call.kiosk_id, now=call.now
        )
    return json_response(body, status)


def routes(env: Environment) -> list[Route]:
    """The routes of this module."""
    return [Route("/v1/appointments/check-ins", endpoint(env, check_ins), methods=["POST"])]
