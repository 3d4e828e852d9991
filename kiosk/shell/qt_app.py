"""The one QApplication, with the kiosk's style, spacing, roles and fonts.

Light on purpose: the first window (`kiosk.shell.launch`) needs it before
anything else of the kiosk is imported.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from screens import accessible_roles
from screens.style import STYLE_SHEET

if TYPE_CHECKING:
    from screens.spacing_style import SpacingStyle


def ensure_application(*, spacing: bool = True) -> QApplication:
    """The QApplication, created once with the kiosk's style and fonts.

    ``spacing=False`` leaves out the layout spacing for fingers (`SpacingStyle`, whose
    Qt enums take a while to load): the first window holds one button, and the full
    kiosk asks again with it.
    """
    app = QApplication.instance()
    if app is None:
        if "offscreen" not in os.environ.get("QT_QPA_PLATFORM", ""):
            # The on-screen keyboard (with Pinyin) for a touch screen with no keyboard.
            os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    accessible_roles.install()
    if spacing:
        kiosk_style(app)
    app.setStyleSheet(STYLE_SHEET)
    font = QFont()
    font.setFamilies(["Noto Sans CJK SC", "WenQuanYi Micro Hei", "Sans Serif"])
    app.setFont(font)
    return app


def kiosk_style(app: QApplication) -> SpacingStyle:
    """The application's `SpacingStyle`, set on it the first time.

    Held here: under a style sheet ``app.style()`` is Qt's style-sheet style, with
    this one beneath it out of Python's sight.
    """
    from screens.spacing_style import SpacingStyle

    style = app.property("kiosk_style")
    if not isinstance(style, SpacingStyle):
        style = SpacingStyle()
        app.setStyle(style)
        app.setProperty("kiosk_style", style)
    return style
