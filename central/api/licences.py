"""Licence print jobs and their results."""

from starlette.responses import Response
from starlette.routing import Route

from central.api.call import Call, Environment, endpoint, json_response
from central.licences import create_print_job, record_result


def print_jobs(env: Environment, call: Call) -> Response:
    """``POST /v1/licences/{uscc}/print-jobs``: open (or resume) the licence's print job."""
    document = call.json()
    with env.database.transaction() as connection:
        status, body = create_print_job(
            connection, call.path_params["uscc"], document, kiosk_id=call.kiosk_id, now=call.now
        )
    return json_response(body, status)


def print_result(env: Environment, call: Call) -> Response:
    """``POST /v1/print-jobs/{id}/result``: close a print job as printed or failed."""
    document = call.json()
    with env.database.transaction() as connection:
        body = record_result(
            connection,
            call.path_params["print_job"],
            document,
            kiosk_id=call.kiosk_id,
            now=call.now,
        )
    return json_response(body)


def routes(env: Environment) -> list[Route]:
    """The routes of this module."""
    return [
        Route("/v1/licences/{uscc}/print-jobs", endpoint(env, print_jobs), methods=["POST"]),
        Route("/v1/print-jobs/{print_job}/result", endpoint(env, print_result), methods=["POST"]),
    ]
