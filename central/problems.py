"""RFC 9457 problem details: the one error model of the central's HTTP interface.

Handlers raise :class:`Problem`; the endpoint wrapper turns it into an
``application/problem+json`` response with ``type``, ``title``, ``status`` and
``detail`` (plus ``errors`` for validation problems). Each kind of problem has
its own ``type`` URI, listed here and in ``central/README.md``, so the kiosk
can branch on the type and show the detail.
"""

import json
from dataclasses import dataclass, field
from typing import Any

from starlette.responses import Response

PROBLEM_BASE = "https://kiosk-central.invalid/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"


@dataclass(frozen=True)
class ProblemType:
    """One kind of problem: its URI slug, fixed title and HTTP status."""

    slug: str
    title: str
    status: int

    @property
    def uri(self) -> str:
        """The problem type URI sent as ``type``."""
        return PROBLEM_BASE + self.slug


MALFORMED_REQUEST = ProblemType("malformed-request", "The request could not be read", 400)
IDEMPOTENCY_KEY_MISSING = ProblemType(
    "idempotency-key-missing", "A valid Idempotency-Key header is required", 400
)
UNAUTHORISED = ProblemType("invalid-signature", "The request signature was not accepted", 401)
ENROLMENT_CODE_INVALID = ProblemType(
    "enrolment-code-invalid", "The enrolment code is not valid for this kiosk", 403
)
FORBIDDEN = ProblemType("forbidden", "This kiosk may not do that", 403)
NOT_FOUND = ProblemType("not-found", "Not found", 404)
METHOD_NOT_ALLOWED = ProblemType("method-not-allowed", "Method not allowed", 405)
ENROLMENT_CODE_USED = ProblemType(
    "enrolment-code-used", "The enrolment code has already been used", 409
)
REQUEST_IN_PROGRESS = ProblemType(
    "request-in-progress", "A request with this Idempotency-Key is still being processed", 409
)
PRINT_JOB_OPEN = ProblemType("print-job-open", "Another kiosk is printing this licence", 409)
LICENCE_ALREADY_PRINTED = ProblemType(
    "licence-already-printed", "The licence has already been printed", 409
)
RESULT_CONFLICT = ProblemType("result-conflict", "A different result was already recorded", 409)
STATE_CONFLICT = ProblemType("state-conflict", "The request conflicts with the current state", 409)
ENROLMENT_CODE_EXPIRED = ProblemType(
    "enrolment-code-expired", "The enrolment code has expired", 410
)
PAYLOAD_TOO_LARGE = ProblemType("payload-too-large", "The request body is too large", 413)
UNSUPPORTED_MEDIA_TYPE = ProblemType(
    "unsupported-media-type", "The request body must be application/json", 415
)
VALIDATION_FAILED = ProblemType("validation-failed", "The request contains invalid data", 422)
IDEMPOTENCY_KEY_REUSED = ProblemType(
    "idempotency-key-reused", "The Idempotency-Key was already used for a different request", 422
)
INTERNAL_ERROR = ProblemType("internal-error", "The central failed to handle the request", 500)
SERVICE_UNAVAILABLE = ProblemType("service-unavailable", "The central is down for maintenance", 503)

ALL_PROBLEM_TYPES = (
    MALFORMED_REQUEST,
    IDEMPOTENCY_KEY_MISSING,
    UNAUTHORISED,
    ENROLMENT_CODE_INVALID,
    FORBIDDEN,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    ENROLMENT_CODE_USED,
    REQUEST_IN_PROGRESS,
    PRINT_JOB_OPEN,
    LICENCE_ALREADY_PRINTED,
    RESULT_CONFLICT,
    STATE_CONFLICT,
    ENROLMENT_CODE_EXPIRED,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    VALIDATION_FAILED,
    IDEMPOTENCY_KEY_REUSED,
    INTERNAL_ERROR,
    SERVICE_UNAVAILABLE,
)


@dataclass(frozen=True)
class FieldError:
    """One invalid value in a request: where (``form.mobile``), a code and a message."""

    field: str
    code: str
    message: str

    def as_json(self) -> dict[str, str]:
        """The ``errors`` member representation."""
        return {"field": self.field, "code": self.code, "message": self.message}


@dataclass
class Problem(Exception):
    """An expected failure of a request, answered as problem details."""

    kind: ProblemType
    detail: str
    errors: list[FieldError] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.kind.status} {self.kind.slug}: {self.detail}"

    def as_json(self) -> dict[str, Any]:
        """The problem details document."""
        document: dict[str, Any] = {
            "type": self.kind.uri,
            "title": self.kind.title,
            "status": self.kind.status,
            "detail": self.detail,
        }
        if self.errors:
            document["errors"] = [error.as_json() for error in self.errors]
        return document


def problem_response(problem: Problem) -> Response:
    """Render a :class:`Problem` as an ``application/problem+json`` response."""
    body = json.dumps(problem.as_json(), ensure_ascii=False).encode("utf-8")
    return Response(
        body,
        status_code=problem.kind.status,
        headers=problem.headers,
        media_type=PROBLEM_MEDIA_TYPE,
    )


def validation_problem(errors: list[FieldError], what: str = "request") -> Problem:
    """A 422 problem listing every invalid field of the ``what``."""
    count = len(errors)
    noun = "problem" if count == 1 else "problems"
    fields = ", ".join(sorted({error.field for error in errors}))
    return Problem(
        VALIDATION_FAILED,
        f"The {what} has {count} {noun} ({fields}); see errors for each field.",
        errors=list(errors),
    )
