"""A citizen prints their business licence on the real widgets, against the embedded central
sandbox: approved at the registration office, the card put down, the two numbers typed,
printed once ("take your licence"); and without paper, nothing printed, then tried again."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from devices.simulated import SimulatedPrinter
from kiosk.documents.licence_content import licence_slip
from kiosk.licences import OpenedLicence, Refusal
from kiosk.shell.router import DrawContext
from kiosk.workflow.states import Filling, PrintingLicence, ReadingGuidance, ServiceMenu
from tests.central.support import gt_setup_body
from tests.shell.conftest import KioskDriver
from tests.shell.test_accessibility import _check_controls
from tests.shell.text_fit import cut_texts

CARD_ID = "330702196205050824"  # the simulated reader's card: 王丽华


def approved_application(kiosk: KioskDriver) -> tuple[str, str]:
    """The citizen's sole proprietorship, received earlier and approved by the office today:
    its application number and the credit code the approval gave it."""
    services = kiosk.app.services
    kiosk.qtbot.waitUntil(lambda: services.client() is not None, timeout=30000)
    client = services.client()
    assert client is not None
    body = gt_setup_body(CARD_ID)
    number = client.post_idempotent("/v1/applications", str(uuid.uuid4()), body)["application_no"]
    database = kiosk.app.config.data_dir / "central-sandbox" / "central.db"
    done = subprocess.run(
        [sys.executable, "-m", "central", "approve", number],
        env=dict(os.environ, KIOSK_CENTRAL_DATABASE=f"sqlite:///{database}"),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return number, done.stdout.strip().splitlines()[-1]


def up_to_the_numbers(kiosk: KioskDriver, number: str, uscc: str) -> None:
    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)
    # Low on a long menu, inside its kinetic scroll area: a finger's tap.
    kiosk.tap(kiosk.button("营业执照自助打印"))
    kiosk.wait_for(ReadingGuidance)
    kiosk.press("开始办理")
    kiosk.put_document_down()
    kiosk.wait_for(Filling)
    kiosk.type_into("uscc", uscc)
    kiosk.type_into("application_no", number)


def phase_is(kiosk: KioskDriver, phase: str) -> None:
    kiosk.qtbot.waitUntil(
        lambda: getattr(kiosk.workflow.state, "phase", None) == phase, timeout=20000
    )


def test_citizen_prints_licence_once_approved(kiosk: KioskDriver) -> None:
    number, uscc = approved_application(kiosk)
    up_to_the_numbers(kiosk, number, uscc)
    form = kiosk.workflow.form
    assert form is not None
    assert form.value("id_number") == CARD_ID  # from the card, not typed
    kiosk.screenshot("licence-01-numbers")

    kiosk.press("打印营业执照")
    phase_is(kiosk, "printed")

    texts = kiosk.texts()
    assert "请取走您的营业执照" in texts
    assert "金华市婺城区丽华百货店" in texts
    assert f"统一社会信用代码：{uscc}" in texts
    kiosk.screenshot("licence-02-take-your-licence")
    _check_controls(kiosk, "licence printed")
    assert cut_texts(kiosk.window) == []
    [paper] = list(kiosk.app.config.print_dir.glob("licence-*.pdf"))
    text = "".join(page.extract_text() for page in PdfReader(paper).pages)
    assert uscc in text
    assert "经营者" in text
    assert CARD_ID not in text

    kiosk.press("Switch to English")  # the same words, in English, fit as well
    assert "Please take your licence" in kiosk.texts()
    assert cut_texts(kiosk.window) == []
    kiosk.press("Finish")
    kiosk.qtbot.waitUntil(lambda: type(kiosk.workflow.state).__name__ == "Attract")

    # The same licence again: refused in plain words, nothing printed.
    up_to_the_numbers(kiosk, number, uscc)
    kiosk.press("打印营业执照")
    phase_is(kiosk, "refused")
    assert "这份营业执照已经打印过了" in kiosk.texts()
    assert "营业执照正本只打印一次。" in kiosk.texts()
    kiosk.screenshot("licence-03-already-printed")
    assert len(list(kiosk.app.config.print_dir.glob("licence-*.pdf"))) == 1


def test_without_paper_nothing_is_printed_and_trying_again_prints_it(
    kiosk: KioskDriver,
) -> None:
    number, uscc = approved_application(kiosk)
    printer = kiosk.app.services.printer
    assert isinstance(printer, SimulatedPrinter)
    printer.set_paper("out")
    up_to_the_numbers(kiosk, number, uscc)

    kiosk.press("打印营业执照")
    phase_is(kiosk, "failed")
    assert "没有打印出任何内容" in kiosk.texts()
    kiosk.screenshot("licence-04-nothing-printed")
    _check_controls(kiosk, "licence not printed")
    assert cut_texts(kiosk.window) == []
    kiosk.press("Switch to English")
    assert "Nothing was printed" in kiosk.texts()
    assert cut_texts(kiosk.window) == []
    kiosk.press("切换到中文")
    state = kiosk.workflow.state
    assert isinstance(state, PrintingLicence)
    first_job = getattr(state.job, "print_job", None)

    printer.set_paper("ok")
    kiosk.press("再试一次")
    phase_is(kiosk, "printed")
    again = kiosk.workflow.state
    assert isinstance(again, PrintingLicence)
    assert getattr(again.job, "print_job", None) not in (None, first_job)
    assert len(list(Path(kiosk.app.config.print_dir).glob("licence-*.pdf"))) == 1


ENDS = [
    ("opening", None),
    ("printing", None),
    ("printed", None),
    ("failed", None),
    ("unconfirmed", None),
    *[("refused", refusal.value) for refusal in Refusal],
]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_end_of_a_licence_print_is_said_plainly_and_nothing_is_cut(
    kiosk: KioskDriver, language: str
) -> None:
    kiosk.window.set_language(language)
    job = OpenedLicence(
        "PJ-0123456789abcdef",
        "KA20261122-000001",
        licence_slip(
            {"uscc": "91330702MA2ABCDE0J", "name": "金华市婺城区青禾信息技术有限公司"},
            {},
            printed_on=date(2026, 11, 22),
        ),
    )
    title = kiosk.workflow.catalogue.service("LICENCE-PRINT").title.get(language)  # type: ignore[union-attr]
    context = DrawContext(language, title, None, can_scan=False, card_on_reader=True)
    seen: set[str] = set()
    for phase, refusal in ENDS:
        state = PrintingLicence("LICENCE-PRINT", phase, job=job, refusal=refusal)
        kiosk.window.router.show(state, context)
        assert kiosk.window.router.licence_print.isVisible()
        assert cut_texts(kiosk.window) == [], f"{language} {phase} {refusal}"
        _check_controls(kiosk, f"{language} {phase} {refusal}")
        shown = kiosk.texts()
        assert shown not in seen, f"{phase} {refusal} says the same as another end"
        seen.add(shown)
        if phase in ("printing", "printed", "failed", "unconfirmed"):
            assert "金华市婺城区青禾信息技术有限公司" in shown
        if language == "zh" and phase in ("unconfirmed", "refused"):
            kiosk.screenshot(f"licence-05-{phase}-{refusal or ''}".rstrip("-"))
