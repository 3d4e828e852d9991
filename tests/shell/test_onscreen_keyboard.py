"""The on-screen keyboard on a real X display: Pinyin first, never over the field.

Offscreen Qt never shows the virtual keyboard, so this test starts Xvfb and a
kiosk window manager (as the kiosk's own machine runs), then runs the kiosk in a
child process that taps fields and keys with xdotool like a finger
(`tests/shell/keyboard_probe.py`) and reports what it saw.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
X_TOOLS = ("Xvfb", "matchbox-window-manager", "xdotool")


@pytest.fixture(scope="module")
def x_display() -> Iterator[str]:
    """A 1920x1080 X display with a window manager; both stop when the module ends."""
    missing = [tool for tool in X_TOOLS if shutil.which(tool) is None]
    assert not missing, f"the test command installs {missing} (scripts/bootstrap.sh)"
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as chosen:
        display = f":{chosen.readline().strip()}"
    wm = subprocess.Popen(
        ["matchbox-window-manager", "-use_titlebar", "no", "-use_cursor", "no"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield display
    finally:
        for process in (wm, xvfb):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def typed(x_display: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    data_dir = tmp_path_factory.mktemp("keyboard-kiosk")
    env = {
        **os.environ,
        "DISPLAY": x_display,
        "QT_QPA_PLATFORM": "xcb",
        "QT_IM_MODULE": "qtvirtualkeyboard",
        "PYTHONPATH": str(REPO),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.shell.keyboard_probe", str(data_dir)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, f"the probe printed no report (exit {done.returncode}): {done.stderr[-2000:]}"
    report: dict[str, Any] = json.loads(lines[-1])
    shots = Path(os.environ.get("KIOSK_SCREENSHOTS", REPO / "artifacts" / "screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    for shot in data_dir.glob("keyboard-*.png"):
        shutil.copy(shot, shots / f"13-{shot.name}")
    return report


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
