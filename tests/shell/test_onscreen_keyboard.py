"""The on-screen keyboard on a real X display: Pinyin first, never over the field.

Offscreen Qt never shows the virtual keyboard, so this test starts Xvfb and a
kiosk window manager (as the kiosk's own machine runs), then runs the kiosk in a
child process that taps fields and keys with xdotool like a finger
(`tests/shell/keyboard_probe.py`) and reports what it saw.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.shell.conftest import run_probe


@pytest.fixture(scope="module")
def typed(x_display: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    data_dir = tmp_path_factory.mktemp("keyboard-kiosk")
    return run_probe("tests.shell.keyboard_probe", data_dir, x_display, pictures="13-keyboard-")


@pytest.mark.parametrize("field", ["mobile", "business_scope", "trade_name", "passport_expiry"])
def test_keyboard_never_covers_the_field_being_typed(typed: dict[str, Any], field: str) -> None:
    seen = typed[field]
    assert seen["keyboard_visible"], f"no keyboard for {field}"
    assert seen["field_visible"]
    assert seen["field_bottom"] < seen["keyboard_top"], seen


def test_chinese_interface_types_chinese_with_pinyin_on_the_screen(
    typed: dict[str, Any],
) -> None:
    assert typed["mobile"]["layout"] == "zh_CN"
    assert typed["typed_in_chinese"] == "你好"  # n-i-h-a-o, then the space bar


def test_keyboard_follows_the_language_and_resets_for_the_next_citizen(
    typed: dict[str, Any],
) -> None:
    assert typed["layout_in_english"] == "en_GB"
    assert typed["layout_next_session"] == "zh_CN"
    assert typed["language_next_session"] == "zh"


def test_a_real_tap_reaches_a_choice_inside_a_kinetic_scroll_area(typed: dict[str, Any]) -> None:
    assert typed["region_tapped"] == "330702"
