"""Sandbox of the central government-service system the kiosk talks to.

A separate ASGI deployable implementing ``central-api.md`` version 1: kiosk
enrolment, RFC 9421 request signatures, the service catalogue, enterprise
name checks, exactly-once applications, licence printing, heartbeats with
remote commands, and feedback. Operators drive it with ``kiosk-central``
(see ``central/README.md``). It shares no code with the kiosk.
"""

from central.app import create_app

__all__ = ["create_app"]
