"""Whatever text reaches the kiosk, it never escapes as an exception: typed text loses the
characters nobody can see on input, a lone surrogate shows as �, a submission that still
cannot be encoded is refused whole at the desk, and a body that cannot be UTF-8 is
refused by the client before it is sent."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from central.text import refused_character
from kiosk.catalogue import Field, parse_catalogue
from kiosk.clock import ManualClock, SystemClock
from kiosk.forms.engine import FormSession
from kiosk.forms.person import person_fields
from kiosk.names import CannotReserveNow, NameDeclaration, Refused
from kiosk.references import provisional_reference
from kiosk.submissions import UNENCODABLE_TEXT, OutboxSubmissionDesk
from kiosk.sync.client import UnencodableBody, encode_body
from kiosk.sync.engine import SyncEngine
from kiosk.sync.errors import CentralRefused
from kiosk.sync.identity import IdentityStore
from kiosk.sync.signing import RequestSigner
from kiosk.workflow.ports import Submission
from offline_cache.db import Database
from offline_cache.outbox import Outbox
from tests.central.hostile import HOSTILE, RLO
from tests.central.support import Central, HttpServer, running_server
from tests.sync.enrolled import enrolled_client

CATALOGUE_JSON = Path(__file__).resolve().parents[2] / "central" / "data" / "catalogue.json"
CATALOGUE = parse_catalogue(json.loads(CATALOGUE_JSON.read_text(encoding="utf-8")))
TODAY = date(2026, 12, 4)
KIOSK_ID = "K-330702-0001"
ID_NUMBER = "330702196205050824"


def form(code: str) -> FormSession:
    schema = CATALOGUE.service(code).form
    assert schema is not None
    return FormSession(schema, catalogue=CATALOGUE, today=lambda: TODAY)


def typed_paths(session: FormSession) -> list[tuple[str, Field]]:
    """Every place a citizen can type into, with its field: the fields, and each
    person's entries (the first of a list)."""
    paths: list[tuple[str, Field]] = []
    for spec in session.schema.fields:
        if spec.type == "person":
            paths += [(f"{spec.name}.{sub.name}", sub) for sub in person_fields(spec)]
        elif spec.type == "people":
            paths += [(f"{spec.name}[0].{sub.name}", sub) for sub in person_fields(spec)]
        elif spec.type != "signature":
            paths.append((spec.name, spec))
    return paths


def texts_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield name
            yield from texts_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts_in(item)


# -- typed text ---------------------------------------------------------------------------


def test_an_override_and_a_terminal_escape_typed_into_a_name_are_removed_on_input() -> None:
    session = form("GT-SETUP")

    session.set_value("operator_name", f"王丽华{RLO}\x1b[2J")
    session.set_value("trade_name", "金华市\u200b婺城区\u2066丽华\u2069百货店\ufeff")

    assert session.value("operator_name") == "王丽华[2J"
    assert session.payload()["trade_name"] == "金华市婺城区丽华百货店"


def test_a_lone_surrogate_typed_into_a_field_becomes_a_replacement_character_the_citizen_sees() -> (
    None
):
    session = form("GT-SETUP")

    session.set_value("operator_name", "王\ud800丽华")

    assert session.value("operator_name") == "王\ufffd丽华"
    json.dumps(session.payload(), ensure_ascii=False).encode("utf-8")


def test_a_surrogate_pair_typed_in_two_halves_is_joined_into_its_character() -> None:
    session = form("FEEDBACK")

    session.set_value("comment", "很好\ud83d\ude00")

    assert session.value("comment") == "很好\U0001f600"


def test_a_multiline_field_keeps_its_lines_and_writes_every_line_end_as_a_newline() -> None:
    session = form("GS-SETUP")

    session.set_value("domicile", "八一南街100号\r\n3楼\u2028301室\t东侧\x07")

    assert session.value("domicile") == "八一南街100号\n3楼\n301室 东侧"


def test_a_one_line_field_turns_line_breaks_and_tabs_into_single_spaces() -> None:
    session = form("GT-SETUP")

    session.set_value("business_address", "八一南街\r\n100号\t\u2029东侧")

    assert session.value("business_address") == "八一南街 100号 东侧"


def test_joiners_and_ideographic_spaces_typed_are_kept() -> None:
    session = form("FEEDBACK")
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"

    session.set_value("comment", f"全家{family}\u3000满意")

    assert session.value("comment") == f"全家{family}\u3000满意"


def test_a_persons_typed_name_and_number_are_cleaned_too() -> None:
    session = form("GS-SETUP")

    session.set_value("shareholders[0].name", f"李明{RLO}")
    session.set_value("shareholders[0].id_number", f"\u200e{ID_NUMBER}\ud800")

    assert session.json_value("shareholders[0].name") == "李明"
    assert session.json_value("shareholders[0].id_number") == ID_NUMBER + "\ufffd"


any_text = st.text(
    st.characters(codec=None, exclude_categories=()) | st.sampled_from(HOSTILE), max_size=30
)


@settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_text_typed_into_any_field_can_be_sent_and_holds_nothing_the_central_refuses(
    data: st.DataObject,
) -> None:
    code = data.draw(st.sampled_from([s.code for s in CATALOGUE.services if s.form is not None]))
    session = form(code)
    paths = typed_paths(session)
    for _ in range(data.draw(st.integers(1, 4))):
        path, spec = data.draw(st.sampled_from(paths))
        session.set_value(path, data.draw(any_text))

    payload = session.payload()
    session.problems()

    json.dumps(payload, ensure_ascii=False).encode("utf-8")
    for text in texts_in(payload):
        assert refused_character(text, multiline=True) is None, ascii(text)
    for path, spec in paths:
        if not (spec.type == "text" and spec.multiline):
            assert "\n" not in session.value(path), (path, ascii(session.value(path)))


# -- the submission desk --------------------------------------------------------------------


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    db = Database.open(tmp_path / "kiosk.sqlite3")
    yield Outbox(db)
    db.close()


def application(name: str = "王丽华") -> Submission:
    return Submission(
        service="GT-SETUP",
        catalogue_version="2026.11.1",
        applicant={"name": name, "document_type": "cn_resident_id", "id_number": ID_NUMBER},
        form={"operator_name": name, "operator_id_number": ID_NUMBER, "mobile": "13800138000"},
    )


def test_a_submission_with_a_lone_surrogate_is_refused_at_store_and_nothing_of_it_is_kept(
    outbox: Outbox, caplog: pytest.LogCaptureFixture
) -> None:
    clock = ManualClock()
    desk = OutboxSubmissionDesk(
        outbox, SyncEngine(outbox, lambda: None, clock), clock, kiosk_id=KIOSK_ID
    )

    refused = desk.store(application(name="王\udc80丽华"))  # as a faulty chip might decode it
    stored = desk.store(application())

    assert refused.reference is None
    assert refused.problem == UNENCODABLE_TEXT
    assert "applicant.name cannot be sent" in caplog.text
    assert "丽华" not in caplog.text  # the path is logged, never the personal text
    assert outbox.depth() == 1
    assert stored.reference == provisional_reference(KIOSK_ID, 1)  # no number was used up


# -- the client -----------------------------------------------------------------------------


def test_a_body_that_cannot_be_utf8_is_refused_by_the_client_as_a_400_it_never_sends() -> None:
    with pytest.raises(UnencodableBody) as refused:
        encode_body("POST", "/v1/feedback", {"comment": "很好\ud800"})

    assert isinstance(refused.value, CentralRefused)
    assert refused.value.status == 400
    assert "surrogate" in refused.value.problem["detail"]
    assert "很好" not in str(refused.value)
    assert (
        encode_body("POST", "/v1/feedback", {"comment": "很好"}) == '{"comment": "很好"}'.encode()
    )


@pytest.fixture(scope="module")
def http_server() -> Iterator[HttpServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def central(http_server: HttpServer, tmp_path: Path) -> Central:
    return http_server.install(tmp_path / "central.db")


def test_a_name_check_with_a_lone_surrogate_is_refused_before_it_is_sent_never_raised_raw(
    central: Central, tmp_path: Path
) -> None:
    client = enrolled_client(central, tmp_path)

    with pytest.raises(CentralRefused) as refused:
        client.name_check("330702", "丽\ud800华", "科技", "有限公司")
    outcome = NameDeclaration(lambda: client).declare(
        "330702", "金华市婺城区", "丽\ud800华", "科技", "有限公司"
    )

    assert refused.value.status == 400
    assert isinstance(outcome, CannotReserveNow | Refused)  # a plain outcome, no exception
    assert client.name_check("330702", "丽华", "科技", "有限公司").available


def test_a_text_body_is_signed_as_the_utf8_bytes_it_is_sent_as(
    central: Central, tmp_path: Path
) -> None:
    enrolled_client(central, tmp_path)
    identity = IdentityStore(tmp_path / "identity").load()
    assert identity is not None
    signer = RequestSigner(identity.private_key, identity.key_id, SystemClock())
    body = '{"service": "FEEDBACK", "rating": 5, "comment": "很好"}'

    def post(text: str) -> requests.Response:  # a text body, not bytes
        headers = {"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())}
        url = central.url + "/v1/feedback"
        return requests.post(url, data=text, headers=headers, auth=signer, timeout=10)

    sent = post(body)

    assert sent.status_code == 201, sent.text
