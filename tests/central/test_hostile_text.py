"""Texts nobody can safely read are refused at the door, and never make the central fail.

A lone UTF-16 surrogate is no character: a ``400`` problem, like bad UTF-8.
Bidirectional overrides, control characters and other unprintables are refused
with ``422`` and an error at the text's path. Only ``application/json`` in UTF-8
is read. (Every endpoint, and any text: ``test_hostile_text_everywhere.py``.)
"""

from __future__ import annotations

import pytest

from central.cli import main
from central.text import escaped, refused_character
from tests.central.hostile import (
    RLO,
    assert_problem,
    body_bytes,
    character_errors,
    is_refused,
    post_bytes,
    post_json,
)
from tests.central.support import VALID_ID, Central, Kiosk, gs_setup_body, gt_setup_body


def test_a_lone_surrogate_in_an_application_is_a_400_not_a_500(kiosk: Kiosk) -> None:
    body = gt_setup_body(trade_name="金华\ud800百货店")

    as_escape = post_json(kiosk, "/v1/applications", body)
    as_raw_bytes = post_json(kiosk, "/v1/applications", body, escape=False)

    assert b"\\ud800" in body_bytes(body)
    problem = assert_problem(as_escape, 400)
    assert problem["type"].endswith("/malformed-request")
    assert "surrogate" in problem["detail"]
    assert "form.trade_name" in problem["detail"]
    assert assert_problem(as_raw_bytes, 400)["type"].endswith("/malformed-request")
    assert kiosk.submit(gt_setup_body()).status_code == 201  # and the central is fine


def test_a_lone_surrogate_in_a_member_name_is_a_400_that_does_not_echo_it(kiosk: Kiosk) -> None:
    heartbeat = {"at": "2026-11-22T10:15:00+08:00", "\ud800": 1}

    problem = assert_problem(post_json(kiosk, "/v1/heartbeats", heartbeat), 400)

    assert "\\ud800" in problem["detail"]


def test_a_surrogate_pair_written_as_two_escapes_is_one_character_and_welcome(
    kiosk: Kiosk,
) -> None:
    feedback = {"service": "FEEDBACK", "rating": 5, "comment": "\U0001f600 很好"}

    response = post_json(kiosk, "/v1/feedback", feedback)

    assert b"\\ud83d\\ude00" in body_bytes(feedback)
    assert response.status_code == 201, response.text


def test_a_right_to_left_override_in_a_shareholders_name_is_refused_at_its_path(
    kiosk: Kiosk,
) -> None:
    body = gs_setup_body("金华市丽华贸易有限公司", None)
    body["form"]["shareholders"][1]["name"] = f"李明{RLO}gpj.exe"

    response = post_json(kiosk, "/v1/applications", body, escape=False)

    assert character_errors(response) == ["form.shareholders[1].name"]
    [error] = response.json()["errors"]
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in error["message"]


def test_terminal_escapes_in_the_applicant_and_the_form_are_refused_each_at_its_path(
    kiosk: Kiosk,
) -> None:
    body = gt_setup_body(business_address="八一南街\x1b[2J100号")
    body["applicant"]["name"] = "王丽华\x9b31m"

    response = post_json(kiosk, "/v1/applications", body)

    assert character_errors(response) == ["applicant.name", "form.business_address"]


def test_a_refused_application_leaves_its_idempotency_key_free_for_the_corrected_one(
    kiosk: Kiosk,
) -> None:
    key = "6f1c8a52-2f7e-4b61-9a57-0d3f0c1e2b44"

    refused = kiosk.submit(gt_setup_body(trade_name=f"丽华{RLO}百货店"), key)
    corrected = kiosk.submit(gt_setup_body(), key)

    assert character_errors(refused) == ["form.trade_name"]
    assert corrected.status_code == 201


def test_a_line_break_is_taken_only_where_a_text_may_have_several_lines(kiosk: Kiosk) -> None:
    several_lines = gt_setup_body(business_scope="日用百货销售\n文具用品零售")
    one_line = gt_setup_body(trade_name="金华市婺城区\n丽华百货店")
    windows_line_end = gt_setup_body(business_scope="日用百货销售\r\n文具用品零售")
    feedback = {"service": "FEEDBACK", "rating": 4, "comment": "很好\n谢谢"}
    feedback_tag = {"service": "FEEDBACK", "rating": 4, "tags": ["quick\n"]}

    assert kiosk.submit(several_lines).status_code == 201
    assert character_errors(kiosk.submit(one_line)) == ["form.trade_name"]
    assert character_errors(kiosk.submit(windows_line_end)) == ["form.business_scope"]
    assert post_json(kiosk, "/v1/feedback", feedback).status_code == 201
    assert character_errors(post_json(kiosk, "/v1/feedback", feedback_tag)) == ["tags[0]"]


def test_joiners_and_ideographic_spaces_are_ordinary_text(kiosk: Kiosk) -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    feedback = {"service": "FEEDBACK", "rating": 5, "comment": f"全家{family}\u3000满意"}

    assert post_json(kiosk, "/v1/feedback", feedback, escape=False).status_code == 201


def test_unknown_members_and_member_names_are_checked_too(kiosk: Kiosk) -> None:
    heartbeat = {
        "at": "2026-11-22T10:15:00+08:00",
        "app_version": "0.1.0",
        "state": "in_service",
        "devices": [],
        "outbox_depth": 0,
        f"note{RLO}": "x",
        "extra": {"bell": "\x07"},
    }

    response = post_json(kiosk, "/v1/heartbeats", heartbeat)

    assert character_errors(response) == ["note\\u202e", "extra.bell"]
    assert RLO not in response.text


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json; charset=latin-1",
        "application/json; charset=utf-16",
        "application/problem+json",
        "application/vnd.kiosk+json",
        "application/json; profile=x",
        "text/plain",
    ],
)
def test_only_application_json_in_utf8_is_read(kiosk: Kiosk, content_type: str) -> None:
    feedback = body_bytes({"service": "FEEDBACK", "rating": 5})

    response = post_bytes(kiosk, "/v1/feedback", feedback, content_type)

    assert assert_problem(response, 415)["type"].endswith("/unsupported-media-type")


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "application/json; charset=utf-8", 'Application/JSON;charset="UTF-8"'],
)
def test_application_json_with_or_without_a_utf8_charset_is_read(
    kiosk: Kiosk, content_type: str
) -> None:
    feedback = body_bytes({"service": "FEEDBACK", "rating": 5})

    assert post_bytes(kiosk, "/v1/feedback", feedback, content_type).status_code == 201


def test_an_override_in_a_requested_path_is_not_echoed_as_is(kiosk: Kiosk) -> None:
    response = kiosk.get("/v1/no%E2%80%AEthing")

    problem = assert_problem(response, 404)
    assert RLO not in problem["detail"]
    assert "\\u202e" in problem["detail"]


def test_operators_notes_and_sites_hold_no_control_or_bidi_characters(
    central: Central, kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    number = kiosk.submit(gt_setup_body()).json()["application_no"]
    database = ["--database", central.database_url]

    escape = main([*database, "needs-correction", number, "--note", "请补充\x1b[2J门牌号"])
    said = capsys.readouterr().err
    override = main([*database, "reject", number, "--reason", f"经营场所{RLO}不符合"])
    # An undecodable byte on the command line reaches Python as a lone surrogate.
    site = ["--site", "\udcff"]
    undecodable = main([*database, "enrolment-code", "--kiosk-id", "K-330702-0123", *site])

    assert (escape, override, undecodable) == (1, 1, 1)
    assert "--note contains a control character (U+001B)" in said
    history = kiosk.post(f"/v1/applications/{number}/lookups", {"id_number": VALID_ID}).json()
    assert [entry["status"] for entry in history["history"]] == ["received"]


def test_the_rule_is_exactly_the_categories_it_names_for_every_code_point() -> None:
    every = [chr(code) for code in range(0x110000)]
    for multiline in (False, True):
        refused = [char for char in every if is_refused(char, multiline=multiline)]
        allowed = "".join(char for char in every if not is_refused(char, multiline=multiline))
        assert refused_character(allowed, multiline=multiline) is None
        # Each refused one is found after allowed text (all of them below U+20000, where
        # the categories change often; a sample above, mostly unassigned or private use).
        checked = [c for c in refused if ord(c) < 0x20000] + refused[::101]
        for char in checked:
            found = refused_character("正常\u3000" + char, multiline=multiline)
            assert found == char, hex(ord(char))
        assert refused_character(escaped("".join(checked))) is None


def test_a_long_text_is_judged_by_its_one_bad_character() -> None:
    text = "很好\u3000" * 10_000 + "\u200d"

    assert refused_character(text) is None
    assert refused_character(text + RLO + "\x07") == RLO
    assert refused_character(text + "\n", multiline=True) is None
    assert refused_character(text + "\n") == "\n"
