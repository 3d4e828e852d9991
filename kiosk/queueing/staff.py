"""Staff give a ticket from the running kiosk: a priority one (绿色通道) for a citizen
they see needs it, or any type, printed on the kiosk's own printer.

The kiosk owns its printers, so `kiosk queue ticket` asks the running kiosk
over its control socket (`kiosk.control`) and the ticket is got and printed by
its queue desk, through the print journal, as a citizen's would be.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.catalogue import Catalogue, Service
from kiosk.queueing.desk import QueueDesk, queue_types

Handler = Callable[[dict[str, Any]], dict[str, Any]]


def queue_service(catalogue: Catalogue | None) -> Service | None:
    """The catalogue's queue_ticket service, if it has one."""
    for service in catalogue.services if catalogue is not None else ():
        if service.flow == "queue_ticket":
            return service
    return None


def queue_handlers(
    desk: QueueDesk, catalogue: Callable[[], Catalogue | None]
) -> dict[str, Handler]:
    """The control socket's ``queue_ticket`` command: ``{"type": ..., "priority": bool}``."""

    def ticket(request: dict[str, Any]) -> dict[str, Any]:
        types = queue_types(queue_service(catalogue()))
        wanted = str(request["type"])
        if wanted not in {kind.value for kind in types}:
            known = ", ".join(kind.value for kind in types) or "none (no queue service)"
            raise ValueError(f"unknown business type {wanted!r}; known: {known}")
        taken = desk.take(types, wanted, priority=bool(request.get("priority")))
        printed = desk.print(taken)
        return {
            "number": taken.number,
            "priority": taken.priority,
            "local": taken.local,
            "waiting": taken.waiting,
            "outcome": printed.outcome.value,
            "detail": printed.detail,
        }

    return {"queue_ticket": ticket}
