"""The name check's screen in every outcome, in both languages, on the real window."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.forms.validation import FieldProblem
from kiosk.names import CannotReserveNow, Checked, Refused
from kiosk.shell.router import DrawContext
from kiosk.sync.client import NameCheckResult, NameConflict, NameReservation
from kiosk.workflow.states import NameChecking
from tests.shell.conftest import KioskDriver
from tests.shell.text_fit import cut_texts

FULL = "金华市婺城区丽华科技有限公司"
OUTCOMES = {
    "checking": None,
    "reserved": Checked(
        NameCheckResult(
            FULL,
            True,
            (NameConflict("金华市婺城区丽华电子科技有限公司", "similar"),),
            (),
            NameReservation("tok-1", datetime(2027, 1, 3, tzinfo=UTC)),
        )
    ),
    "taken": Checked(NameCheckResult(FULL, False, (NameConflict(FULL, "identical"),), (), None)),
    "refused": Refused(
        "金华市婺城区金华科技有限公司",
        (FieldProblem("trade_name", "trade_name_is_place", {"place": "金华"}),),
        "kiosk",
    ),
    "offline": CannotReserveNow(FULL, "offline"),
}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_name_check_outcome_is_shown_in_plain_words_and_nothing_is_cut(
    kiosk: KioskDriver, language: str
) -> None:
    kiosk.window.set_language(language)
    for name, outcome in OUTCOMES.items():
        kiosk.window.router.show(NameChecking("NAME-DECL", outcome), _context(kiosk, language))
        screen = kiosk.window.name_check
        assert screen.isVisible()
        texts = kiosk.texts()
        assert cut_texts(kiosk.window) == [], f"{language} {name}"
        if outcome is not None:
            assert outcome.full_name in texts
        if name == "taken":
            assert ("相同名称" if language == "zh" else "the same name") in texts
        if name == "refused":
            assert "金华" in texts
        if name == "offline":
            assert ("再试一次" if language == "zh" else "Try again") in kiosk.visible_buttons()
        if language == "zh":
            kiosk.screenshot(f"14-name-check-{name}")


def _context(kiosk: KioskDriver, language: str) -> DrawContext:
    title = kiosk.workflow.catalogue.service("NAME-DECL").title.get(language)  # type: ignore[union-attr]
    return DrawContext(language, title, None, can_scan=False, card_on_reader=False)
