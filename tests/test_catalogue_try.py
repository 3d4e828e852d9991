"""`kiosk catalogue try`: a service run headless, step by step, on the interpreter the screens
use, against the embedded central sandbox."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from devices.simulated import synthetic_resident_card
from kiosk.cli import main
from kiosk.forms import kinds
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
    answers: Mapping[str, object],
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
    assert lines[:5] == [
        "step ReadingGuidance",
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
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A kiosk of a release without the licence step (the registry is process-wide).
    monkeypatch.setattr(kinds, "_runnable_flows", kinds.runnable_flows() - {"licence_print"})
    status, lines = run_try(tmp_path, capsys, "LICENCE-PRINT", {})
    assert status == 1
    assert lines[0] == "LICENCE-PRINT is not offered on this kiosk:"
    assert any("licence_print" in line for line in lines)


def test_an_approved_application_s_licence_is_printed_headless_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines = run_try(tmp_path, capsys, "GT-SETUP", GOOD)
    assert status == 0
    number = lines[-1]
    approved = subprocess.run(
        [sys.executable, "-m", "central", "approve", number],
        env=dict(
            os.environ,
            KIOSK_CENTRAL_DATABASE=f"sqlite:///{tmp_path / 'data' / 'central-sandbox' / 'central.db'}",
        ),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    uscc = approved.stdout.strip().splitlines()[-1]
    answers: dict[str, object] = {"uscc": uscc, "application_no": number}

    status, lines = run_try(tmp_path, capsys, "LICENCE-PRINT", answers)
    assert status == 0
    assert lines[-2:] == ["step PrintingLicence", "    printed"]

    status, lines = run_try(tmp_path, capsys, "LICENCE-PRINT", answers)
    assert status == 1
    assert lines[-1] == "    refused: already_printed"


COMPANY = {
    "company_name": "金华市婺城区恒泰科技有限公司",
    "region": "330702",
    "domicile": "浙江省金华市婺城区八一南街100号3楼301室",
    "contact_mobile": "13800138000",
    "registered_capital": "100",
    "scope": ["G0201", "G0202"],
    "shareholders": [
        {
            "name": "王丽华",
            "document_type": "cn_resident_id",
            "id_number": "330702196205050824",
            "subscribed_capital": "100",
            "contribution_date": "2029-06-30",
        }
    ],
    "legal_representative": {
        "name": "王丽华",
        "document_type": "cn_resident_id",
        "id_number": "330702196205050824",
        "mobile": "13800138000",
    },
    "legal_representative_role": "director",
    "board_form": "single_director",
    "directors": [
        {"name": "王丽华", "document_type": "cn_resident_id", "id_number": "330702196205050824"}
    ],
    "supervision": "none",
    "financial_officer": {
        "name": "王丽华",
        "document_type": "cn_resident_id",
        "id_number": "330702196205050824",
        "mobile": "13800138000",
    },
    "liaison": {
        "name": "王丽华",
        "document_type": "cn_resident_id",
        "id_number": "330702196205050824",
        "mobile": "13800138000",
    },
    "applicant_signature": "signature.png",
}


def test_catalogue_author_reserves_a_name_then_submits_the_company_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "signature.png").write_bytes(b"\x89PNG\r\n\x1a\n a signature")
    status, lines = run_try(tmp_path, capsys, "GS-SETUP", COMPANY)
    assert status == 1  # no name reserved yet: said, nothing sent
    assert "needs a reserved name (none)" in "\n".join(lines)

    name = {"region": "330702", "trade_name": "恒泰", "industry": "科技"}
    status, lines = run_try(
        tmp_path, capsys, "NAME-DECL", {**name, "organisation_form": "有限公司"}
    )
    assert status == 0
    token = lines[-1]
    status, lines = run_try(tmp_path, capsys, "GS-SETUP", COMPANY, "--reservation", token)
    assert status == 0, lines
    assert lines[:3] == [
        "step ReadingGuidance",
        "step IdentityCheck",
        "step Filling (page 1)",  # the name is in
    ]
    [application] = central_applications(tmp_path / "data")
    assert lines[-1] == application["application_no"]
    assert application["name_reservation"] == token


def test_an_application_is_looked_up_headless_and_an_unknown_number_is_not_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines = run_try(tmp_path, capsys, "GT-SETUP", GOOD)
    assert status == 0
    number = lines[-1]

    status, lines = run_try(tmp_path, capsys, "STATUS-LOOKUP", {"application_no": number})
    assert status == 0
    assert lines[:3] == ["step ReadingGuidance", "step IdentityCheck", "step EnteringLookup"]
    assert lines[-1] == "received"  # the card's holder applied: the status, last

    unknown: dict[str, object] = {"application_no": "KA20991231-999999"}
    status, lines = run_try(tmp_path, capsys, "STATUS-LOOKUP", unknown)
    assert (status, lines[-1]) == (1, "not_found")
    status, lines = run_try(tmp_path, capsys, "STATUS-LOOKUP", {"application_no": "12"})
    assert status == 1
    assert lines[-1].startswith("    problem: application_no: number_shape")


def test_a_priority_queue_ticket_is_taken_and_printed_headless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = {"business_type": "enquiry", "queue_mode": "priority"}

    status, lines = run_try(tmp_path, capsys, "QUEUE-TICKET", answers)

    assert status == 0, lines
    assert lines[-3:] == ["step ChoosingQueue", "step TakingTicket", "    printed PD001"]
    # No receipt printer here: the ticket came out on the document printer, as A5.
    assert len(list((tmp_path / "data" / "printed").glob("*.pdf"))) == 1
