"""Applications (exactly once), lookups, a kiosk's own submissions, and name checks."""

from starlette.responses import Response
from starlette.routing import Route

from central.api.call import Call, Environment, endpoint, json_response
from central.applications import lookup, own_application, submit
from central.idempotency import StoredResponse, parse_key, run_once
from central.names import check_name


def create_application(env: Environment, call: Call) -> Response:
    """``POST /v1/applications``: store a submission once per Idempotency-Key."""
    key = parse_key(call.headers.get("idempotency-key"))
    document = call.json()
    stored = run_once(
        env.database,
        kiosk_id=call.kiosk_id,
        endpoint="applications",
        key=key,
        document=document,
        now=call.now,
        work=lambda connection: StoredResponse(
            201,
            submit(
                connection,
                document,
                catalogue=env.catalogue,
                registry=env.registry,
                kiosk_id=call.kiosk_id,
                idempotency_key=key,
                now=call.now,
            ),
        ),
    )
    location = f"/v1/applications/{stored.body['application_no']}"
    return json_response(stored.body, stored.status, headers={"Location": location})


def read_application(env: Environment, call: Call) -> Response:
    """``GET /v1/applications/{no}`` (extension): the status of the kiosk's own submission."""
    with env.database.reading() as connection:
        body = own_application(connection, call.path_params["application_no"], call.kiosk_id)
    return json_response(body)


def lookups(env: Environment, call: Call) -> Response:
    """``POST /v1/applications/{no}/lookups``: status for whoever presents the applicant's id number."""
    document = call.json()
    with env.database.reading() as connection:
        body = lookup(connection, call.path_params["application_no"], document)
    return json_response(body)


def name_checks(env: Environment, call: Call) -> Response:
    """``POST /v1/name-checks``: check a proposed enterprise name and reserve it if available."""
    document = call.json()
    with env.database.transaction() as connection:
        body = check_name(
            connection,
            document,
            catalogue=env.catalogue,
            registry=env.registry,
            kiosk_id=call.kiosk_id,
            now=call.now,
        )
    return json_response(body)


def routes(env: Environment) -> list[Route]:
    """The routes of this module."""
    return [
        Route("/v1/applications", endpoint(env, create_application), methods=["POST"]),
        Route(
            "/v1/applications/{application_no}", endpoint(env, read_application), methods=["GET"]
        ),
        Route(
            "/v1/applications/{application_no}/lookups", endpoint(env, lookups), methods=["POST"]
        ),
        Route("/v1/name-checks", endpoint(env, name_checks), methods=["POST"]),
    ]
