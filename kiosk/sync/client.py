"""`CentralClient`: the central's HTTP interface as Python calls.

The `requests.Session` is injected (tests mount adapters on it, the app passes a
real one) and every `requests` exception is turned into `kiosk.sync.errors` at one
choke point, `_send`.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import requests

from kiosk.sync.errors import CentralBusy, CentralRefused, CentralUnreachable, NotEnrolled
from kiosk.sync.signing import RequestSigner


class CentralClient:
    """Calls the central at ``base_url`` (which never names a default port)."""

    def __init__(
        self,
        base_url: str,
        *,
        session: requests.Session | None = None,
        signer: RequestSigner | None = None,
        timeout_s: float = 10.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._session = session or requests.Session()
        self._signer = signer
        self._timeout_s = timeout_s

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
        response = self._send("GET", "/v1/catalogue", headers=headers)
        if response.status_code == 304:
            return None, etag
        return self._json(response), response.headers.get("ETag")

    def post_idempotent(self, path: str, key: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST with an Idempotency-Key: safe to repeat with the same key and body."""
        return self._json(self._send("POST", path, body=body, headers={"Idempotency-Key": key}))

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
    ) -> requests.Response:
        all_headers = {"Accept": "application/json", **(headers or {})}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            all_headers["Content-Type"] = "application/json"
        auth = self._signer if sign else None
        try:
            response = self._session.request(
                method,
                self.base_url + path,
                data=data,
                headers=all_headers,
                auth=auth,
                timeout=self._timeout_s,
            )
        except requests.exceptions.RequestException as exc:
            raise CentralUnreachable(f"{method} {path}: {type(exc).__name__}: {exc}") from exc
        if response.status_code >= 500 or response.status_code == 429:
            raise CentralBusy(f"{method} {path}: {response.status_code}", _retry_after(response))
        if 400 <= response.status_code < 500:
            problem = _problem(response)
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
