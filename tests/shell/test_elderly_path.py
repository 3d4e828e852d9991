"""An elderly first-time citizen registers a sole proprietorship alone, by touch and ear.

On a real X display with the on-screen keyboard (`tests/shell/elderly_probe.py`):
larger text and reading aloud turned on with one touch each in the header, every
letter and digit typed on the keyboard's keys (the shop's name chosen among the
Pinyin keyboard's words), nothing touched smaller than 60 px, and no member of
staff: only the card goes on the reader and comes back by hand.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.shell.conftest import central_applications, run_probe
from tests.shell.elderly_probe import MOBILE

TOUCH_TARGET_PX = 60

#: What each screen says first when it opens (speech reads the screen, then its controls).
READ_ALOUD = {
    "Attract": "企业登记自助服务",
    "ServiceMenu": "请选择您要办理的事项",
    "ReadingGuidance": "开始前请了解",
    "IdentityCheck": "请放置您的身份证件",
    "Filling 0": "经营者信息",
    "Filling 1": "经营信息",
    "Reviewing": "请核对您填写的信息",
    "Finished": "您的申请已被受理",
}


@pytest.fixture(scope="module")
def visit(x_display: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    data_dir = tmp_path_factory.mktemp("elderly-kiosk")
    report = run_probe("tests.shell.elderly_probe", data_dir, x_display, pictures="14-elderly-")
    report["central"] = central_applications(data_dir)
    return report


def test_elderly_citizen_registers_sole_proprietor_alone_with_large_text_and_speech(
    visit: dict[str, Any],
) -> None:
    assert "problem" not in visit, visit.get("problem")
    # The plain path, start to finish, and back to the start for the next citizen.
    assert visit["states"] == [
        "Attract",
        "ServiceMenu",
        "ReadingGuidance",
        "IdentityCheck",
        "Filling",
        "Reviewing",
        "Submitting",
        "Finished",
        "Attract",
    ]
    assert visit["receipt"] == "printed"
    [application] = visit["central"]
    assert application["application_no"] == visit["application_no"]
    assert application["form"]["mobile"] == MOBILE
    assert application["form"]["trade_name"] == "丽华百货商店"
    assert application["form"]["business_scope"] == "日用百货销售"


def test_every_touch_lands_on_something_at_least_60_px(visit: dict[str, Any]) -> None:
    touches = visit["touches"]
    assert len(touches) > 60  # the buttons, the fields, and every key typed
    small = [t for t in touches if min(t["width"], t["height"]) < TOUCH_TARGET_PX]
    assert small == []


def test_the_buttons_are_in_sight_without_scrolling_even_with_the_keyboard_up(
    visit: dict[str, Any],
) -> None:
    """Only a field lower on a long form needs the form dragged up; never a button
    (in larger text, the page's own buttons stay on the screen, and "Done typing"
    stays above the keyboard)."""
    buttons = [t for t in visit["touches"] if t["kind"] == "button"]
    assert {t["what"] for t in buttons} >= {"输入完成", "下一步", "核对我的信息", "提交", "完成"}
    assert [t for t in buttons if t["scrolled"]] == []


def test_everything_typed_was_typed_on_the_on_screen_keyboard(visit: dict[str, Any]) -> None:
    keys = visit["keys"]
    assert "".join(k for k in keys if k.isdigit()) == MOBILE
    letters = "".join(k for k in keys if k.isalpha())
    assert letters == "lihua" + "baihuo" + "shangdian" + "riyong" + "baihuo" + "xiaoshou"
    assert "\n" in keys  # Enter after the mobile number: the last box, so typing is done
    assert [t["what"] for t in visit["touches"] if t["kind"] == "candidate"] == ["word '丽华'"]
    assert visit["mobile_typed"] == MOBILE
    assert visit["trade_name_typed"] == "丽华百货商店"
    assert visit["business_scope_typed"] == "日用百货销售"


def test_every_screen_was_in_larger_text_and_read_aloud(visit: dict[str, Any]) -> None:
    assert len(visit["large_text"]) == len(READ_ALOUD)
    assert all(visit["large_text"].values()), visit["large_text"]
    said: list[tuple[str, str]] = [tuple(pair) for pair in visit["said"]]
    for screen, opening in READ_ALOUD.items():
        assert any(on == screen and text.startswith(opening) for on, text in said), (
            screen,
            [text[:40] for on, text in said if on == screen],
        )
    # The field touched is said with what it needs, and the number to keep is read out.
    assert ("Filling 0", "手机号码，必填，未填写。") in said
    finished = " ".join(text for on, text in said if on == "Finished")
    assert "您的申请编号" in finished
    assert "330702196205050824" not in " ".join(text for _, text in said)


def test_the_next_citizen_starts_with_the_kiosk_as_it_was_set_up(visit: dict[str, Any]) -> None:
    assert visit["after"] == {"large_text": False, "speech_on": False, "form": False}
