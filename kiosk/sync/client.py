"""`CentralClient`: the central's HTTP interface as Python calls.

The `requests.Session` is injected (tests mount adapters on it, the app passes a
real one) and every `requests` exception is turned into `kiosk.sync.errors` at one
choke point, `_send`. An idempotent request (a GET, or a POST with an
Idempotency-Key) whose connection broke after it was made (reset, closed
before the answer, answer cut short) is sent once more at once: a kept-alive
connection the far end dropped is common and costs nothing to repeat, whereas
the sync engine would otherwise wait its back-off.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from urllib.parse import quote

import requests
from urllib3.exceptions import ProtocolError

from kiosk.sync.errors import CentralBusy, CentralRefused, CentralUnreachable, NotEnrolled
from kiosk.sync.signing import RequestSigner


class CallObserver(Protocol):
    """Hears the result of every call (`kiosk.sync.connection.ConnectionMonitor`)."""

    def answered(
        self, status: int, headers: Mapping[str, str], problem: Mapping[str, Any] | None
    ) -> None: ...

    def unreachable(self, detail: str) -> None: ...


class CentralClient:
    """Calls the central at ``base_url`` (which never names a default port).

    ``observer`` hears every answer and every call that got none, whatever the
    endpoint: the kiosk's connection state is made of them.
    """

    def __init__(
        self,
        base_url: str,
        *,
        session: requests.Session | None = None,
        signer: RequestSigner | None = None,
        timeout_s: float = 10.0,
        observer: CallObserver | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._session = session or central_session(self.base_url)
        self._signer = signer
        self._timeout_s = timeout_s
        self._observer = observer

    @property
    def enrolled(self) -> bool:
        return self._signer is not None

    # -- endpoints --------------------------------------------------------------
    def enrol(
        self, code: str, kiosk_id: str, public_key_b64: str, app_version: str
    ) -> dict[str, Any]:
        body = {
            "code": code,
            "kiosk_id": kiosk_id,
            "public_key": public_key_b64,
            "app_version": app_version,
        }
        return self._json(self._send("POST", "/v1/enrolments", body=body, sign=False))

    def catalogue(self, etag: str | None) -> tuple[dict[str, Any] | None, str | None]:
        """The catalogue and its ETag, or (None, etag) when it has not changed."""
        headers = {"If-None-Match": etag} if etag else {}
        response = self._send("GET", "/v1/catalogue", headers=headers, idempotent=True)
        if response.status_code == 304:
            return None, etag
        return self._json(response), response.headers.get("ETag")

    def keys(self) -> dict[str, Any]:
        """``GET /v1/keys`` (unsigned): the public keys slips are signed with."""
        return self._json(self._send("GET", "/v1/keys", sign=False, idempotent=True))

    def post_idempotent(self, path: str, key: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST with an Idempotency-Key: safe to repeat with the same key and body."""
        return self._json(
            self._send("POST", path, body=body, headers={"Idempotency-Key": key}, idempotent=True)
        )

    def lookup(self, application_no: str, id_number: str) -> dict[str, Any] | None:
        """The status and history of an application, or None when the central has none.

        The central answers the same ``404`` for an unknown number and for a wrong
        identity number (so numbers cannot be probed): both are None here.
        """
        path = f"/v1/applications/{quote(application_no.strip(), safe='')}/lookups"
        try:
            return self.post(path, {"id_number": id_number.strip()})
        except CentralRefused as exc:
            if exc.status == 404:
                return None
            raise

    def name_check(
        self, region: str, trade_name: str, industry: str, organisation_form: str
    ) -> NameCheckResult:
        """``POST /v1/name-checks``: is the name free, and if so its reservation.

        An answer that is not the interface's shape raises `CentralBusy` like any
        other answer the kiosk cannot use.
        """
        body = {
            "region": region,
            "trade_name": trade_name,
            "industry": industry,
            "organisation_form": organisation_form,
        }
        return NameCheckResult.from_json(self.post("/v1/name-checks", body))

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._json(self._send("POST", path, body=body))

    # -- plumbing ---------------------------------------------------------------
    def _send(
        self,
        method: str,
        path: str,
        *,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        sign: bool = True,
        idempotent: bool = False,
    ) -> requests.Response:
        all_headers = {"Accept": "application/json", **(headers or {})}
        data = None
        if body is not None:
            data = encode_body(method, path, body)
            all_headers["Content-Type"] = "application/json"
        auth = self._signer if sign else None
        tries = 2 if idempotent else 1
        for tried in range(1, tries + 1):
            try:
                # The signer signs each send afresh (a new nonce): a retry is no replay.
                response = self._session.request(
                    method,
                    self.base_url + path,
                    data=data,
                    headers=all_headers,
                    auth=auth,
                    timeout=self._timeout_s,
                )
                break
            except requests.exceptions.RequestException as exc:
                if tried < tries and _connection_broke(exc):
                    continue
                unreachable = CentralUnreachable(f"{method} {path}: {type(exc).__name__}: {exc}")
                if self._observer is not None:
                    self._observer.unreachable(str(unreachable))
                raise unreachable from exc
        problem = _problem(response) if 400 <= response.status_code < 500 else None
        if self._observer is not None:
            self._observer.answered(response.status_code, response.headers, problem)
        if response.status_code >= 500 or response.status_code == 429:
            raise CentralBusy(
                f"{method} {path}: {response.status_code}",
                _retry_after(response),
                response.status_code,
            )
        if problem is not None:
            if response.status_code == 401:
                raise NotEnrolled(401, problem)
            raise CentralRefused(response.status_code, problem)
        return response

    @staticmethod
    def _json(response: requests.Response) -> dict[str, Any]:
        try:
            value = response.json()
        except ValueError as exc:
            raise CentralBusy(f"the central answered {response.status_code} without JSON") from exc
        if not isinstance(value, dict):
            raise CentralBusy("the central answered JSON that is not an object")
        return value


def central_session(base_url: str) -> requests.Session:
    """A session for the central at ``base_url`` that reads the environment once.

    requests reads the proxy variables (and ``no_proxy``) and the CA bundle
    variables from the environment on every request, walking all of it twice:
    more work than signing the request. Every request goes to the one host, so
    this session takes what the environment says for it when it is made, as
    requests would have merged it, and then stops looking.
    """
    session = requests.Session()
    settings = session.merge_environment_settings(base_url + "/", {}, None, None, None)
    session.proxies.update(settings["proxies"])
    session.verify = settings["verify"]
    session.cert = settings["cert"]
    session.trust_env = False
    return session


class UnencodableBody(CentralRefused):
    """A body the kiosk cannot send: text holding a lone UTF-16 surrogate, which is no
    character and cannot be UTF-8 (or a value JSON cannot write). Raised before anything
    is sent; a `CentralRefused` with status 400 because the central refuses such a body
    with 400 too, so sending it again will not help."""

    def __init__(self, method: str, path: str, reason: str) -> None:
        super().__init__(
            400,
            {
                "title": "The kiosk could not encode the request",
                "status": 400,
                "detail": f"{method} {path}: {reason}",
            },
        )


def encode_body(method: str, path: str, body: dict[str, Any]) -> bytes:
    """The JSON body as sent: UTF-8, not ASCII-escaped.

    Raises:
        UnencodableBody: a text in it cannot be UTF-8, or a value is not JSON.
    """
    try:
        return json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        # Neither the text nor where it is named: it may be personal data.
        raise UnencodableBody(method, path, "a text holds a lone UTF-16 surrogate") from exc
    except (TypeError, ValueError) as exc:
        raise UnencodableBody(method, path, f"not JSON ({type(exc).__name__})") from exc


@dataclass(frozen=True, slots=True)
class NameConflict:
    """A registered or reserved name the proposed one collides with."""

    name: str
    similarity: str  # "identical" blocks the name; "similar" needs the applicant's commitment


@dataclass(frozen=True, slots=True)
class NameReservation:
    token: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class CentralNameProblem:
    """A rule the central found broken (``code``, e.g. ``prohibited_word``, and its words)."""

    code: str
    detail: str


@dataclass(frozen=True, slots=True)
class NameCheckResult:
    """The central's answer to a name check (central-api.md, "Enterprise name self-declaration")."""

    full_name: str
    available: bool
    conflicts: tuple[NameConflict, ...] = ()
    problems: tuple[CentralNameProblem, ...] = ()
    reservation: NameReservation | None = None

    @property
    def similar_names(self) -> tuple[str, ...]:
        """Names only similar to this one: the applicant must accept liability to go on (§2.4)."""
        return tuple(c.name for c in self.conflicts if c.similarity == "similar")

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> NameCheckResult:
        """Read the answer, ignoring keys it does not know; ``conflicts``/``problems`` may be absent."""
        full_name, available = body.get("full_name"), body.get("available")
        if not isinstance(full_name, str) or not isinstance(available, bool):
            raise CentralBusy("the central's name check answer has no full_name or available")
        conflicts = tuple(
            NameConflict(str(c["name"]), str(c.get("similarity", "similar")))
            for c in _objects(body.get("conflicts"))
            if isinstance(c.get("name"), str)
        )
        problems = tuple(
            CentralNameProblem(str(p["code"]), str(p.get("detail") or ""))
            for p in _objects(body.get("problems"))
            if isinstance(p.get("code"), str)
        )
        return cls(full_name, available, conflicts, problems, _reservation(body.get("reservation")))


def _objects(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _reservation(value: Any) -> NameReservation | None:
    if value is None:
        return None
    token = value.get("token") if isinstance(value, dict) else None
    expires_at = value.get("expires_at") if isinstance(value, dict) else None
    try:
        expires = datetime.fromisoformat(expires_at) if isinstance(expires_at, str) else None
    except ValueError:
        expires = None
    # A reservation without a usable token or an aware expiry cannot be relied on later.
    if not isinstance(token, str) or not token or expires is None or expires.tzinfo is None:
        raise CentralBusy("the central's name reservation has no token or expiry")
    return NameReservation(token, expires)


def _connection_broke(exc: requests.exceptions.RequestException) -> bool:
    """The connection was made, then broke: reset, closed before the answer, or the
    answer cut short. Not a refused connection, a timeout or a TLS failure."""
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return True
    return isinstance(exc, requests.exceptions.ConnectionError) and any(
        isinstance(arg, ProtocolError) for arg in exc.args
    )


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _problem(response: requests.Response) -> dict[str, Any]:
    try:
        value = response.json()
    except ValueError:
        value = None
    if isinstance(value, dict):
        return value
    return {
        "title": response.reason or "",
        "status": response.status_code,
        "detail": response.text[:200],
    }
