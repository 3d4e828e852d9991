"""A limited company's establishment (GS-SETUP) as the central receives it from a kiosk.

Each story submits a whole application over HTTP: the officers of the 2024
Company Law, the conditions between fields (supervisors only when the company
has them), the catalogue's rule on the capital, the five-year contribution
limit, mobiles where the catalogue requires them, and ages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
import requests

from tests.central.support import (
    OTHER_VALID_ID,
    THIRD_VALID_ID,
    VALID_ID,
    Central,
    Kiosk,
    china_today,
    gs_setup_body,
    person,
    resident_id,
)

pytestmark = pytest.mark.both_databases

COMPANY = "金华市婺城区青禾科技有限公司"


def _reserve(kiosk: Kiosk) -> str:
    response = kiosk.post(
        "/v1/name-checks",
        {
            "region": "330702",
            "trade_name": "青禾",
            "industry": "科技",
            "organisation_form": "有限公司",
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["full_name"] == COMPANY
    token: str = response.json()["reservation"]["token"]
    return token


def _submit(kiosk: Kiosk, **form_changes: Any) -> requests.Response:
    return kiosk.submit(gs_setup_body(COMPANY, _reserve(kiosk), **form_changes))


def _errors(response: requests.Response) -> list[tuple[str, str]]:
    assert response.status_code == 422, response.text
    return [(error["field"], error["code"]) for error in response.json()["errors"]]


def _applications(central: Central) -> int:
    with central.database.reading() as connection:
        count: int = connection.execute("SELECT COUNT(*) FROM applications").fetchone()[0]
    return count


def test_a_company_with_three_shareholders_a_board_and_a_board_of_supervisors_is_received(
    central: Central, kiosk: Kiosk
) -> None:
    due = (china_today() + timedelta(days=365 * 3)).isoformat()
    directors = [
        person("王丽华", VALID_ID),
        person("李明", OTHER_VALID_ID),
        person("赵刚", "330702197004020017"),
    ]
    supervisors = [
        person("孙红", "330702197509180024"),
        person("周强", "330782198201270038"),
        person("吴芳", "33070219910713004X"),
    ]

    response = _submit(
        kiosk,
        registered_capital="300",
        shareholders=[
            {**person("王丽华", VALID_ID), "subscribed_capital": "150", "contribution_date": due},
            {
                **person("李明", OTHER_VALID_ID),
                "subscribed_capital": "90.5",
                "contribution_date": due,
            },
            {
                **person("赵刚", "330702197004020017", "13600136000"),
                "subscribed_capital": "59.5",
                "contribution_date": due,
            },
        ],
        board_form="board",
        directors=directors,
        supervision="board_of_supervisors",
        supervisors=supervisors,
        manager=person("李明", OTHER_VALID_ID),
        legal_representative=person("李明", OTHER_VALID_ID, "13900139000"),
        legal_representative_role="manager",
        financial_officer=person("陈静", THIRD_VALID_ID, "13700137000"),
        liaison={**person("王丽华", VALID_ID, "13800138000"), "email": "lihua@example.com"},
    )

    assert response.status_code == 201, response.text
    assert response.json()["receipt"]["entity_name"] == COMPANY
    assert _applications(central) == 1


def test_a_company_whose_shareholders_all_agree_to_have_no_supervisor_is_received(
    kiosk: Kiosk,
) -> None:
    response = _submit(kiosk, supervision="none", supervisors=None)

    assert response.status_code == 201, response.text


def test_company_with_supervisors_sent_while_none_chosen_is_refused(
    central: Central, kiosk: Kiosk
) -> None:
    response = _submit(kiosk, supervision="none")

    assert _errors(response) == [("form.supervisors", "hidden")]
    assert "supervision" in response.json()["errors"][0]["message"]
    assert _applications(central) == 0


def test_company_with_an_audit_committee_sends_no_supervisors_either(kiosk: Kiosk) -> None:
    assert _errors(_submit(kiosk, supervision="audit_committee")) == [
        ("form.supervisors", "hidden")
    ]


def test_company_choosing_one_supervisor_must_name_them(kiosk: Kiosk) -> None:
    assert _errors(_submit(kiosk, supervision="supervisor", supervisors=None)) == [
        ("form.supervisors", "required")
    ]


def test_company_must_say_how_it_is_supervised_and_then_sends_no_supervisors(
    kiosk: Kiosk,
) -> None:
    # With no answer, the supervisors' field is not asked for, so sending it is wrong too.
    assert sorted(_errors(_submit(kiosk, supervision=None))) == [
        ("form.supervision", "required"),
        ("form.supervisors", "hidden"),
    ]


def test_shareholders_subscribing_less_than_the_capital_are_told_once(
    central: Central, kiosk: Kiosk
) -> None:
    response = _submit(kiosk, registered_capital="120")

    assert _errors(response) == [("form.shareholders", "sum_mismatch")]
    message = response.json()["errors"][0]["message"]
    assert "add up to the registered capital" in message
    assert "120" in message
    assert _applications(central) == 0


def _five_years_from(day: date) -> date:
    try:
        return day.replace(year=day.year + 5)
    except ValueError:  # 29 February: the month's last day five years on
        return day.replace(year=day.year + 5, day=28)


@pytest.mark.parametrize(
    ("due", "code"),
    [
        (lambda today: today - timedelta(days=1), "too_early"),
        (lambda today: _five_years_from(today) + timedelta(days=1), "too_late"),
    ],
    ids=["yesterday", "five-years-and-a-day"],
)
def test_a_contribution_due_before_today_or_beyond_five_years_is_refused(
    kiosk: Kiosk, due: Callable[[date], date], code: str
) -> None:
    body = gs_setup_body(COMPANY, "NR-unused")
    body["form"]["shareholders"][1]["contribution_date"] = due(china_today()).isoformat()

    assert _errors(kiosk.submit(body)) == [("form.shareholders[1].contribution_date", code)]


def test_contributions_due_today_or_on_the_last_day_of_the_five_years_are_received(
    kiosk: Kiosk,
) -> None:
    today = china_today()
    body = gs_setup_body(COMPANY, _reserve(kiosk))
    body["form"]["shareholders"][0]["contribution_date"] = today.isoformat()
    body["form"]["shareholders"][1]["contribution_date"] = _five_years_from(today).isoformat()

    response = kiosk.submit(body)

    assert response.status_code == 201, response.text


def test_financial_officer_and_liaison_must_give_a_mobile(kiosk: Kiosk) -> None:
    response = _submit(
        kiosk,
        financial_officer=person("陈静", THIRD_VALID_ID),
        liaison=person("王丽华", VALID_ID, "12345678901"),
    )

    assert sorted(_errors(response)) == [
        ("form.financial_officer.mobile", "required"),
        ("form.liaison.mobile", "cn_mobile"),
    ]


def test_a_director_without_a_mobile_is_fine_because_the_catalogue_does_not_ask(
    kiosk: Kiosk,
) -> None:
    response = _submit(kiosk, directors=[person("王丽华", VALID_ID)])

    assert response.status_code == 201, response.text


def test_the_manager_is_required_when_the_manager_is_the_legal_representative(
    kiosk: Kiosk,
) -> None:
    assert _errors(_submit(kiosk, legal_representative_role="manager")) == [
        ("form.manager", "required")
    ]


def test_an_under_age_director_is_refused(kiosk: Kiosk) -> None:
    today = china_today()
    seventeen = today.replace(year=today.year - 17, day=min(today.day, 28))
    minor = resident_id(seventeen)

    response = _submit(kiosk, directors=[person("王丽华", VALID_ID), person("王小明", minor)])

    assert _errors(response) == [("form.directors[1].id_number", "min_age")]


def test_a_shareholder_with_a_passport_is_not_checked_as_a_resident_card(kiosk: Kiosk) -> None:
    body = gs_setup_body(COMPANY, _reserve(kiosk))
    body["form"]["shareholders"][1].update(
        {"name": "Anna Schmidt", "document_type": "passport", "id_number": "C01X00T47"}
    )

    response = kiosk.submit(body)

    assert response.status_code == 201, response.text


def test_a_wrong_resident_card_number_is_reported_at_its_path(kiosk: Kiosk) -> None:
    body = gs_setup_body(COMPANY, "NR-unused")
    body["form"]["shareholders"][1]["id_number"] = "330782199202020028"

    assert _errors(kiosk.submit(body)) == [("form.shareholders[1].id_number", "cn_resident_id")]


def test_the_same_director_listed_twice_is_refused(kiosk: Kiosk) -> None:
    response = _submit(
        kiosk,
        board_form="board",
        directors=[
            person("王丽华", VALID_ID),
            person("李明", OTHER_VALID_ID),
            person("王丽华", VALID_ID),
        ],
    )

    assert _errors(response) == [("form.directors[2].id_number", "duplicate")]


def test_a_document_type_outside_the_six_of_the_interface_is_refused(kiosk: Kiosk) -> None:
    liaison = {**person("王丽华", VALID_ID, "13800138000"), "document_type": "driving_licence"}

    assert _errors(_submit(kiosk, liaison=liaison)) == [("form.liaison.document_type", "option")]


def test_a_company_as_shareholder_is_received_with_its_credit_code_and_refused_without(
    central: Central, kiosk: Kiosk
) -> None:
    due = (china_today() + timedelta(days=365)).isoformat()
    company_shareholder = {
        **person("李明", OTHER_VALID_ID),  # its legal representative
        "shareholder_type": "legal_person",
        "entity_name": "金华市恒泰投资有限公司",
        "subscribed_capital": "40",
        "contribution_date": due,
    }
    shareholders = [
        {**person("王丽华", VALID_ID), "subscribed_capital": "60", "contribution_date": due},
        company_shareholder,
    ]
    token = _reserve(kiosk)  # a refused application does not use up its reservation

    def submit() -> requests.Response:
        body = gs_setup_body(COMPANY, token, registered_capital="100", shareholders=shareholders)
        return kiosk.submit(body)

    refused = submit()
    assert refused.status_code == 422
    assert ("form.shareholders[1].uscc", "required") in _errors(refused)

    company_shareholder["uscc"] = "91330702MA2ABCDE0J"
    received = submit()
    assert received.status_code == 201, received.text

    # A person's shareholder sends no company entries: they are hidden for a person.
    shareholders[0]["uscc"] = "91330702MA2ABCDE0J"
    hidden = submit()
    assert ("form.shareholders[0].uscc", "hidden") in _errors(hidden)
    assert _applications(central) == 1
