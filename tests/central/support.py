"""Test support for the central sandbox: a real uvicorn server, a movable clock, signing kiosks.

The kiosk side is reproduced the way the kiosk builds it: a ``requests``
prepared request signed by ``http_message_signatures.HTTPMessageSigner``
(ed25519, label ``sig1``, ``created`` + ``nonce``, covering ``@method``,
``@target-uri`` and, with a body, ``content-digest``).
"""

from __future__ import annotations

import base64
import secrets
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
import uvicorn
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from http_message_signatures import HTTPMessageSigner, HTTPSignatureKeyResolver, algorithms

from central.app import create_app
from central.clock import CHINA_STANDARD_TIME, system_clock
from central.database import Database
from central.enrolment import create_code
from central.identifiers import resident_id_check_character
from central.server import bind_socket

VALID_ID = "330702199003071233"
OTHER_VALID_ID = "330782199202020027"


class FakeClock:
    """The central's clock in tests: real time plus an offset the test can advance."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return system_clock() + self.offset

    def advance(self, **delta: float) -> None:
        self.offset += timedelta(**delta)


class _Key(HTTPSignatureKeyResolver):
    def __init__(self, key: Ed25519PrivateKey) -> None:
        self.key = key

    def resolve_private_key(self, key_id: str) -> Ed25519PrivateKey:
        return self.key

    def resolve_public_key(self, key_id: str) -> Any:
        return self.key.public_key()


def sign(
    prepared: requests.PreparedRequest,
    key: Ed25519PrivateKey,
    key_id: str,
    *,
    created: datetime,
    nonce: str | None,
    components: tuple[str, ...] | None = None,
    label: str = "sig1",
) -> None:
    """Sign like the kiosk: digest the body if there is one and cover it."""
    signer = HTTPMessageSigner(signature_algorithm=algorithms.ED25519, key_resolver=_Key(key))
    body = prepared.body
    raw = body.encode() if isinstance(body, str) else body
    if components is None:
        components = (
            ("@method", "@target-uri", "content-digest") if raw else ("@method", "@target-uri")
        )
    signer.sign(
        prepared,
        key_id=key_id,
        created=created,
        nonce=nonce,
        label=label,
        include_alg=True,
        covered_component_ids=components,
        body=raw or None,
    )


@dataclass
class Kiosk:
    """An enrolled kiosk talking to the central over HTTP."""

    central: Central
    kiosk_id: str
    key: Ed25519PrivateKey
    key_id: str
    session: requests.Session = field(default_factory=requests.Session)

    def prepare(
        self,
        method: str,
        path: str,
        json: Any = None,
        headers: dict[str, str] | None = None,
        data: bytes | None = None,
    ) -> requests.PreparedRequest:
        request = requests.Request(
            method, self.central.url + path, json=json, data=data, headers=headers or {}
        )
        return request.prepare()

    def send(self, prepared: requests.PreparedRequest) -> requests.Response:
        return self.session.send(prepared, timeout=10)

    def request(
        self,
        method: str,
        path: str,
        json: Any = None,
        *,
        headers: dict[str, str] | None = None,
        data: bytes | None = None,
        created: datetime | None = None,
        nonce: str | None = None,
        components: tuple[str, ...] | None = None,
    ) -> requests.Response:
        prepared = self.prepare(method, path, json=json, headers=headers, data=data)
        sign(
            prepared,
            self.key,
            self.key_id,
            created=created or self.central.clock(),
            nonce=nonce or secrets.token_urlsafe(16),
            components=components,
        )
        return self.send(prepared)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, json: Any = None, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, json, **kwargs)

    def submit(self, body: dict[str, Any], key: str | None = None) -> requests.Response:
        return self.post(
            "/v1/applications", body, headers={"Idempotency-Key": key or str(uuid.uuid4())}
        )


@dataclass
class Central:
    """A running central: its URL, database and clock."""

    url: str
    database_url: str
    clock: FakeClock
    _database: Database | None = field(default=None, repr=False)

    @property
    def database(self) -> Database:
        """The central's database, as the operators' command line would open it."""
        if self._database is None:
            self._database = Database(self.database_url)
        return self._database

    def close(self) -> None:
        """Let the connections the test opened go (the server's are its own)."""
        if self._database is not None:
            self._database.close()
            self._database = None

    def enrolment_code(self, kiosk_id: str, *, ttl: timedelta = timedelta(hours=24)) -> str:
        with self.database.transaction() as connection:
            return create_code(
                connection, kiosk_id=kiosk_id, site="Test hall", ttl=ttl, now=self.clock()
            )

    def enrol(self, kiosk_id: str | None = None) -> Kiosk:
        kiosk_id = kiosk_id or f"K-330702-{secrets.randbelow(10000):04d}"
        key = Ed25519PrivateKey.generate()
        response = requests.post(
            self.url + "/v1/enrolments",
            json=enrolment_body(self.enrolment_code(kiosk_id), kiosk_id, key),
            timeout=10,
        )
        assert response.status_code == 201, response.text
        return Kiosk(self, kiosk_id, key, response.json()["key_id"])


def public_key_b64(key: Ed25519PrivateKey) -> str:
    return base64.b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def enrolment_body(code: str, kiosk_id: str, key: Ed25519PrivateKey) -> dict[str, str]:
    return {
        "code": code,
        "kiosk_id": kiosk_id,
        "public_key": public_key_b64(key),
        "app_version": "0.1.0",
    }


class SwappableApp:
    """An ASGI app that forwards to whichever central the current test installed."""

    def __init__(self) -> None:
        self.app: Any = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        assert self.app is not None, "no central installed"
        await self.app(scope, receive, send)


@dataclass
class HttpServer:
    """A real uvicorn server on an ephemeral loopback port, shared by many tests."""

    url: str
    dispatcher: SwappableApp
    installed: Central | None = None

    def install(self, database: Path | str) -> Central:
        """Serve a fresh central (new database, new clock) from now on.

        ``database``: a SQLite file, or any database URL (an empty PostgreSQL schema).
        The previous central's connections are closed.
        """
        self.uninstall()
        clock = FakeClock()
        database_url = f"sqlite:///{database}" if isinstance(database, Path) else database
        self.dispatcher.app = create_app(database_url, clock=clock)
        self.installed = Central(url=self.url, database_url=database_url, clock=clock)
        return self.installed

    def uninstall(self) -> None:
        """Close the installed central's database connections (the server's and the test's)."""
        app, self.dispatcher.app = self.dispatcher.app, None
        if app is not None and hasattr(app, "state"):
            app.state.environment.database.close()
        if self.installed is not None:
            self.installed.close()
            self.installed = None


@contextmanager
def running_server(port: int = 0) -> Iterator[HttpServer]:
    """Run uvicorn in a thread until the block ends (on ``port``; 0: an ephemeral one)."""
    dispatcher = SwappableApp()
    sock = bind_socket("127.0.0.1", port)
    port = sock.getsockname()[1]
    config = uvicorn.Config(dispatcher, log_level="warning", ws="none", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive(), "the central's server thread died"
        assert time.monotonic() < deadline, "the central did not start within 10 s"
        time.sleep(0.005)
    http_server = HttpServer(url=f"http://127.0.0.1:{port}", dispatcher=dispatcher)
    try:
        yield http_server
    finally:
        http_server.uninstall()
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def gt_setup_body(id_number: str = VALID_ID, **form_changes: Any) -> dict[str, Any]:
    """A valid GT-SETUP (个体工商户) submission."""
    form = {
        "operator_name": "王丽华",
        "operator_id_number": id_number,
        "mobile": "13800138000",
        "trade_name": "金华市婺城区丽华百货店",
        "business_address": "浙江省金华市婺城区八一南街100号",
        "business_scope": "日用百货销售",
    }
    form.update(form_changes)
    return {
        "service": "GT-SETUP",
        "catalogue_version": "2026.11.1",
        "submitted_at": "2026-11-22T10:15:00+08:00",
        "applicant": {"name": "王丽华", "document_type": "cn_resident_id", "id_number": id_number},
        "form": {key: value for key, value in form.items() if value is not None},
        "attachments": [],
    }


SIGNATURE_PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64).decode()


THIRD_VALID_ID = "330702198506120020"


def resident_id(born: date, sequence: str = "001", region: str = "330702") -> str:
    """A valid resident identity number of someone born on ``born``."""
    body = f"{region}{born:%Y%m%d}{sequence}"
    return body + resident_id_check_character(body)


def china_today() -> date:
    """Today in China: the central's today for date bounds and ages."""
    return datetime.now(CHINA_STANDARD_TIME).date()


def person(name: str, id_number: str, mobile: str | None = None) -> dict[str, str]:
    """A person as the form sends one: resident identity card, and a mobile if given."""
    value = {"name": name, "document_type": "cn_resident_id", "id_number": id_number}
    if mobile is not None:
        value["mobile"] = mobile
    return value


def gs_setup_body(
    company_name: str, reservation: str | None, **form_changes: Any
) -> dict[str, Any]:
    """A valid GS-SETUP (limited company) submission with two shareholders, a single
    director, one supervisor, a financial officer and a registration liaison.

    A change of ``None`` leaves the field out of the form.
    """
    due = (datetime.now(UTC) + timedelta(days=730)).date().isoformat()
    form: dict[str, Any] = {
        "company_name": company_name,
        "region": "330702",
        "domicile": "浙江省金华市婺城区八一南街100号3楼301室",
        "contact_mobile": "13800138000",
        "registered_capital": "100",
        "scope": ["G0201", "L0101"],
        "shareholders": [
            {
                **person("王丽华", VALID_ID, "13800138000"),
                "subscribed_capital": "60",
                "contribution_date": due,
            },
            {
                **person("李明", OTHER_VALID_ID),
                "subscribed_capital": "40.0",
                "contribution_date": due,
            },
        ],
        "legal_representative": person("王丽华", VALID_ID, "13800138000"),
        "legal_representative_role": "director",
        "board_form": "single_director",
        "directors": [person("王丽华", VALID_ID)],
        "supervision": "supervisor",
        "supervisors": [person("李明", OTHER_VALID_ID)],
        "financial_officer": person("陈静", THIRD_VALID_ID, "13700137000"),
        "liaison": person("王丽华", VALID_ID, "13800138000"),
    }
    form.update(form_changes)
    body: dict[str, Any] = {
        "service": "GS-SETUP",
        "catalogue_version": "2026.11.1",
        "submitted_at": "2026-11-22T10:15:00+08:00",
        "applicant": {"name": "王丽华", "document_type": "cn_resident_id", "id_number": VALID_ID},
        "form": {key: value for key, value in form.items() if value is not None},
        "attachments": [{"kind": "signature", "media_type": "image/png", "data": SIGNATURE_PNG}],
    }
    if reservation is not None:
        body["name_reservation"] = reservation
    return body
