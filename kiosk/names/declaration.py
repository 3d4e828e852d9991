"""Declaring an enterprise name: the kiosk's own checks first, then the central's.

registration.md §9 item 2: apply §2.5 locally, then the central name check. The
central is asked only for a name with no local problem, and every way it can
fail comes back as a value a screen shows (never an exception): offline, busy
or not enrolled all say plainly that the name cannot be reserved now.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from kiosk.forms.validation import FieldProblem
from kiosk.names.composition import compose_full_name
from kiosk.names.local_checks import Entity, NameLimits, local_problems
from kiosk.names.words import NameWords
from kiosk.sync.client import NameCheckResult
from kiosk.sync.errors import CentralBusy, CentralRefused, CentralUnreachable, NotEnrolled


class NameService(Protocol):
    """The central's name check (`kiosk.sync.client.CentralClient` is one)."""

    def name_check(
        self, region: str, trade_name: str, industry: str, organisation_form: str
    ) -> NameCheckResult: ...


@dataclass(frozen=True, slots=True)
class Refused:
    """The name has problems to put right; ``checked_by`` says who found them."""

    full_name: str
    problems: tuple[FieldProblem, ...]
    checked_by: Literal["kiosk", "central"]


@dataclass(frozen=True, slots=True)
class Checked:
    """The central's verdict: reserved when available, else its conflicts and problems."""

    result: NameCheckResult

    @property
    def full_name(self) -> str:
        return self.result.full_name

    @property
    def reserved(self) -> bool:
        return self.result.available and self.result.reservation is not None

    @property
    def needs_commitment(self) -> bool:
        """Similar names exist: the applicant must accept liability before going on (§2.4)."""
        return self.result.available and bool(self.result.similar_names)


#: The one message for every "not now": the citizen can do nothing about which it was.
CANNOT_RESERVE_NOW = "name_cannot_be_reserved_now"


@dataclass(frozen=True, slots=True)
class CannotReserveNow:
    """The central cannot check or reserve the name now; the local checks passed.

    ``reason`` is for the log and the technician (offline, busy, not_enrolled,
    refused); the citizen is told `CANNOT_RESERVE_NOW` whatever it is.
    """

    full_name: str
    reason: Literal["offline", "busy", "not_enrolled", "refused"]
    retry_after_s: float | None = None
    message: str = CANNOT_RESERVE_NOW


NameOutcome = Refused | Checked | CannotReserveNow


class NameDeclaration:
    """Checks a proposed name locally, then (only if it passes) with the central.

    ``service`` returns the central's client, or None while the kiosk is not
    enrolled (as `kiosk.sync.engine.SyncEngine` takes it).
    """

    def __init__(
        self,
        service: Callable[[], NameService | None],
        *,
        entity: Entity = "company",
        region_names: Iterable[str] = (),
        words: NameWords | None = None,
        limits: NameLimits | None = None,
    ) -> None:
        self._service = service
        self._entity: Entity = entity
        self._region_names = tuple(region_names)
        self._words = words
        self._limits = limits

    def local_problems(
        self, region_name: str, trade_name: str, industry: str, organisation_form: str
    ) -> tuple[FieldProblem, ...]:
        """The local checks alone (for showing problems as the citizen types)."""
        return local_problems(
            region_name,
            trade_name,
            industry,
            organisation_form,
            entity=self._entity,
            region_names=self._region_names,
            words=self._words,
            limits=self._limits,
        )

    def declare(
        self,
        region: str,
        region_name: str,
        trade_name: str,
        industry: str,
        organisation_form: str,
    ) -> NameOutcome:
        """Check the name; reserve it if the central finds it available.

        ``region`` is the six-digit code the central expects, ``region_name`` its
        Chinese name as the catalogue gives it (the first part of the full name).
        """
        parts = (trade_name.strip(), industry.strip(), organisation_form.strip())
        full_name = compose_full_name(region_name, *parts)
        problems = self.local_problems(region_name, *parts)
        if problems:
            return Refused(full_name, problems, "kiosk")
        service = self._service()
        if service is None:
            return CannotReserveNow(full_name, "not_enrolled")
        try:
            return Checked(service.name_check(region.strip(), *parts))
        except CentralUnreachable:
            return CannotReserveNow(full_name, "offline")
        except CentralBusy as exc:
            return CannotReserveNow(full_name, "busy", exc.retry_after_s)
        except NotEnrolled:
            return CannotReserveNow(full_name, "not_enrolled")
        except CentralRefused as exc:
            if exc.status == 422 and (central := _field_problems(exc.problem)):
                return Refused(full_name, central, "central")
            # 403/404/409 ...: nothing the citizen can put right.
            return CannotReserveNow(full_name, "refused")


def _field_problems(problem: dict[str, Any]) -> tuple[FieldProblem, ...]:
    """A 422's ``errors`` as field problems (central-api.md: field, code, message)."""
    errors = problem.get("errors")
    if not isinstance(errors, list):
        return ()
    return tuple(
        FieldProblem(
            str(error.get("field", "")).removeprefix("form."),
            str(error.get("code", "invalid")),
            {"message": str(error.get("message", ""))},
        )
        for error in errors
        if isinstance(error, dict)
    )
