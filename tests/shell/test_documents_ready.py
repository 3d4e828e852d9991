"""The kiosk registers its documents' CJK font on a worker as it starts, so that the
first citizen's receipt does not wait for it (and the window does not stall on their
"submit"); a kiosk with no such font says so in its log and goes on."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from reportlab.pdfbase import pdfmetrics

from kiosk.documents import fonts
from kiosk.workflow.states import Attract
from tests.shell.conftest import make_kiosk


def test_the_documents_font_is_ready_before_the_first_citizen_submits(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in a fresh process: no font registered yet.
    monkeypatch.delitem(pdfmetrics._fonts, fonts.CJK_FONT_NAME, raising=False)
    app = make_kiosk(tmp_path)
    try:
        qtbot.waitUntil(
            lambda: fonts.CJK_FONT_NAME in pdfmetrics.getRegisteredFontNames(), timeout=30000
        )
        assert isinstance(app.workflow.state, Attract)  # nobody has started
    finally:
        app.close()


def test_a_kiosk_without_the_font_says_so_and_starts_anyway(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delitem(pdfmetrics._fonts, fonts.CJK_FONT_NAME, raising=False)
    monkeypatch.setattr(fonts, "CANDIDATES", ())
    caplog.set_level(logging.ERROR, logger="kiosk.runtime")
    app = make_kiosk(tmp_path, cjk_font=tmp_path / "no-such-font.ttf")
    try:
        qtbot.waitUntil(lambda: "documents cannot be printed" in caplog.text, timeout=30000)
        assert "fonts-wqy-microhei" in caplog.text  # what to install
        qtbot.waitUntil(lambda: app.workflow.catalogue is not None, timeout=30000)
    finally:
        app.close()
