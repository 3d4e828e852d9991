"""What the kiosk makes ready on workers before the first citizen needs it: its
documents' CJK font as it starts (so that the window does not stall on the first
"submit"; a kiosk with no such font says so in its log and goes on), and the pinyin
of the catalogue's districts when the catalogue arrives (for the district picker)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from reportlab.pdfbase import pdfmetrics

from kiosk.documents import fonts
from kiosk.scope_search import _word_syllables
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


def test_the_districts_are_read_into_pinyin_when_the_catalogue_arrives(
    tmp_path: Path, qtbot: QtBot
) -> None:
    _word_syllables.cache_clear()  # as in a fresh process
    app = make_kiosk(tmp_path)
    try:
        qtbot.waitUntil(lambda: app.workflow.catalogue is not None, timeout=30000)
        catalogue = app.workflow.catalogue
        assert catalogue is not None
        assert catalogue.regions
        # Nothing on the attract screen reads pinyin: only the read-ahead does.
        qtbot.waitUntil(lambda: _word_syllables.cache_info().currsize > 0, timeout=30000)
        assert isinstance(app.workflow.state, Attract)
    finally:
        app.close()
