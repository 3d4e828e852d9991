"""`kiosk catalogue check` as a technician uses it: which services run here, and why not the others."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.central.support import running_server

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "tests" / "data" / "catalogue_doc.json"
SANDBOX = REPO / "central" / "data" / "catalogue.json"


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["catalogue", "check", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_check_of_the_document_catalogue_lists_each_service_with_its_reasons(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _err = check(capsys, str(DOC), "--json")

    assert status == 0
    report = json.loads(out)
    assert report["version"] == "2026.12.doc-1"
    offered = {s["code"]: s["offered"] for s in report["services"]}
    assert offered == {
        "GS-SETUP": True,  # person, people, scope, money, a sum_equals rule, a reservation
        "NAME-DECL": True,  # region by touch, text, choice; flow name_check
        "STATUS-LOOKUP": True,  # flow lookup: its own number pattern, no document required
        "GT-SETUP": True,
        "GT-CANCEL": True,
        "ROAD-FREIGHT": False,
        "GS-CAPITAL": False,
    }
    by_code = {s["code"]: s for s in report["services"]}
    assert by_code["NAME-DECL"]["flow"] == "name_check"
    assert by_code["GT-CANCEL"]["reasons"] == []
    assert by_code["ROAD-FREIGHT"]["reasons"] == [
        'form.pages[0].sections[0].fields[1].type: unknown field type "vehicle"'
    ]
    assert by_code["GS-CAPITAL"]["reasons"] == [
        'form.rules[0].kind: unknown rule kind "greater_than"'
    ]


def test_check_of_the_sandbox_catalogue_offers_both_registrations_and_the_name(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _err = check(capsys, str(SANDBOX))

    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "catalogue 2026.11.1: 8 services, 8 offered on this kiosk"
    assert "GT-SETUP       application    offered" in lines
    assert "GS-SETUP       application    offered" in lines
    assert "NAME-DECL      name_check     offered" in lines
    assert "STATUS-LOOKUP  lookup         offered" in lines
    assert "FEEDBACK       feedback       offered" in lines  # the rating (好差评)


def test_options_after_the_sub_command_still_count(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _err = check(
        capsys, str(SANDBOX), "--json", "--lang", "en", "--data-dir", str(tmp_path)
    )
    assert status == 0
    assert json.loads(out)["version"] == "2026.11.1"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("{not json", "is not JSON"),
        ('{"services": []}', "catalogue.version: missing"),
        ('{"version": "1", "services": {}}', "catalogue.services: expected `array`"),
    ],
)
def test_a_catalogue_that_does_not_parse_exits_2_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "catalogue.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    status, out, err = check(capsys, str(path))
    assert status == 2
    assert out == ""
    assert message in err


def test_a_catalogue_where_nothing_is_offered_still_exits_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(
        json.dumps({"version": "x", "services": [{"code": "A", "title": "甲", "flow": "teleport"}]})
    )
    status, out, _err = check(capsys, str(path))
    assert status == 0
    assert 'flow: unknown flow "teleport"' in out


def test_neither_file_nor_central_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = check(capsys)
    assert status == 2
    assert "give a catalogue FILE" in err


def test_the_central_gives_its_catalogue_to_an_enrolled_kiosk_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    with running_server() as server:
        central = server.install(tmp_path / "central.db")
        status, _out, err = check(capsys, "--central", central.url, "--data-dir", str(data))
        assert status == 2
        assert "enrolled kiosks only" in err

        code = central.enrolment_code("K-330702-0001")
        assert (
            main(["enrol", "--code", code, "--central", central.url, "--data-dir", str(data)]) == 0
        )
        capsys.readouterr()
        status, out, err = check(
            capsys, "--central", central.url, "--data-dir", str(data), "--json"
        )

    assert status == 0, err
    assert "GT-SETUP" in [s["code"] for s in json.loads(out)["services"] if s["offered"]]
