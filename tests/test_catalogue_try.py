"""`kiosk catalogue try`: a service run headless, step by step, on the interpreter the screens
use, against the embedded central sandbox."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devices.simulated import synthetic_resident_card
from kiosk.cli import main
from tests.shell.conftest import central_applications

GOOD = {
    "mobile": "13800138000",
    "trade_name": "金华市婺城区丽华百货店",
    "business_address": "浙江省金华市婺城区将军路88号",
    "business_scope": "日用百货销售",
}


def run_try(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    service: str,
    answers: dict[str, object],
    *extra: str,
) -> tuple[int, list[str]]:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    status = main(
        [
            "catalogue",
            "try",
            service,
            "--answers",
            str(path),
            "--data-dir",
            str(tmp_path / "data"),
            *extra,
        ]
    )
    return status, capsys.readouterr().out.strip().splitlines()


def test_catalogue_author_submits_a_sole_proprietorship_and_gets_its_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines = run_try(tmp_path, capsys, "GT-SETUP", GOOD)
    assert status == 0
    assert lines[:4] == [
        "step IdentityCheck",
        "step Filling (page 1)",
        "step Filling (page 2)",
        "step Reviewing",
    ]
    [application] = central_applications(tmp_path / "data")
    assert lines[-1] == application["application_no"]  # the number alone, last
    assert application["form"]["mobile"] == "13800138000"
    assert application["applicant"]["name"] == "王丽华"  # the simulated reader's card


def test_a_wrong_answer_is_named_with_its_field_and_nothing_is_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines = run_try(tmp_path, capsys, "GT-SETUP", {**GOOD, "mobile": "2380013800"})
    assert status == 1
    assert any(line.strip().startswith("problem: mobile: cn_mobile") for line in lines)
    assert central_applications(tmp_path / "data") == []


def test_the_document_given_is_the_applicant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = synthetic_resident_card(name_cn="张三", id_number="11010519491231002X")
    document = tmp_path / "card.json"
    document.write_text(json.dumps(card.to_json(), ensure_ascii=False), encoding="utf-8")
    status, _ = run_try(tmp_path, capsys, "GT-SETUP", GOOD, "--document", str(document))
    assert status == 0
    [application] = central_applications(tmp_path / "data")
    assert application["applicant"]["id_number"] == "11010519491231002X"


def test_a_name_is_checked_and_reserved_headless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = {
        "region": "330702",
        "trade_name": "丽华",
        "industry": "科技",
        "organisation_form": "有限公司",
    }
    status, lines = run_try(tmp_path, capsys, "NAME-DECL", answers)
    assert status == 0
    assert "金华市婺城区丽华科技有限公司: reserved until" in "\n".join(lines)


def test_a_service_this_kiosk_cannot_run_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines = run_try(tmp_path, capsys, "GS-SETUP", {})
    assert status == 1
    assert lines[0] == "GS-SETUP is not offered on this kiosk:"
    assert any('"people" is not yet supported' in line for line in lines)
