"""Kiosk operations: heartbeats, remote command results, log uploads, feedback, and queue tickets."""

from starlette.responses import Response
from starlette.routing import Route

from central.api.call import Call, Environment, endpoint, json_response
from central.feedback import record_feedback
from central.heartbeats import record_command_result, record_heartbeat
from central.idempotency import StoredResponse, parse_key, run_once
from central.logs import record_logs
from central.queue import issue_ticket


def heartbeats(env: Environment, call: Call) -> Response:
    """``POST /v1/heartbeats``: record the kiosk's state and hand it its pending commands."""
    document = call.json()
    # Appends a row and reads the kiosk's commands: needs no turn among the writers.
    with env.database.transaction(serialized=False) as connection:
        body = record_heartbeat(connection, document, kiosk_id=call.kiosk_id, now=call.now)
    return json_response(body)


def command_result(env: Environment, call: Call) -> Response:
    """``POST /v1/commands/{id}/result``: the kiosk reports how a command went."""
    document = call.json()
    with env.database.transaction() as connection:
        body = record_command_result(
            connection,
            call.path_params["command_id"],
            document,
            kiosk_id=call.kiosk_id,
            now=call.now,
        )
    return json_response(body)


def logs(env: Environment, call: Call) -> Response:
    """``POST /v1/logs`` (extension): log lines for ``upload_logs``, free of personal data."""
    document = call.json()
    with env.database.transaction() as connection:
        body = record_logs(connection, document, kiosk_id=call.kiosk_id, now=call.now)
    return json_response(body, 201)


def feedback(env: Environment, call: Call) -> Response:
    """``POST /v1/feedback``: a citizen's rating, once per Idempotency-Key."""
    key = parse_key(call.headers.get("idempotency-key"))
    document = call.json()
    stored = run_once(
        env.database,
        kiosk_id=call.kiosk_id,
        endpoint="feedback",
        key=key,
        document=document,
        now=call.now,
        work=lambda connection: StoredResponse(
            201,
            record_feedback(
                connection, document, catalogue=env.catalogue, kiosk_id=call.kiosk_id, now=call.now
            ),
        ),
    )
    return json_response(stored.body, stored.status)


def queue_tickets(env: Environment, call: Call) -> Response:
    """``POST /v1/queue-tickets`` (extension): a numbered ticket for the hall's counters."""
    document = call.json()
    with env.database.transaction() as connection:
        body = issue_ticket(
            connection, document, catalogue=env.catalogue, kiosk_id=call.kiosk_id, now=call.now
        )
    return json_response(body, 201)


def routes(env: Environment) -> list[Route]:
    """The routes of this module."""
    return [
        Route("/v1/heartbeats", endpoint(env, heartbeats), methods=["POST"]),
        Route("/v1/commands/{command_id}/result", endpoint(env, command_result), methods=["POST"]),
        Route("/v1/logs", endpoint(env, logs), methods=["POST"]),
        Route("/v1/feedback", endpoint(env, feedback), methods=["POST"]),
        Route("/v1/queue-tickets", endpoint(env, queue_tickets), methods=["POST"]),
    ]
