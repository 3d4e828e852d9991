"""Switching the interface language with Qt's translation mechanism.

Source strings are English; Chinese comes from ``screens/i18n/kiosk_zh_CN.qm``,
compiled from the .ts file by ``pyside6-lrelease`` (the run and test scripts do
it; if the .qm is missing it is compiled here once).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

import screens

log = logging.getLogger(__name__)

I18N_DIR = Path(screens.__file__).parent / "i18n"


def compiled_catalogue(language: str) -> Path | None:
    """The .qm file for ``language``, compiling it from its .ts if needed."""
    ts = I18N_DIR / f"kiosk_{language}.ts"
    qm = ts.with_suffix(".qm")
    if qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    import shutil  # a developer's checkout only: an installed kiosk has its .qm
    import subprocess

    # The venv's own tool when the venv is not on PATH (e.g. `.venv/bin/kiosk`).
    beside_python = Path(sys.executable).with_name("pyside6-lrelease")
    lrelease = shutil.which("pyside6-lrelease") or (
        str(beside_python) if beside_python.is_file() else None
    )
    if ts.is_file() and lrelease:
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=False)
    return qm if qm.is_file() else None


class LanguageSwitcher:
    """Installs the Chinese translator ("zh") or none ("en")."""

    def __init__(self) -> None:
        self._translator = QTranslator()
        self._installed = False
        self.language = "en"
        self._listeners: list[Callable[[str], None]] = []

    def subscribe(self, listener: Callable[[str], None]) -> None:
        """Be told each language set, at once (Qt's LanguageChange events come later)."""
        self._listeners.append(listener)

    def set_language(self, language: str) -> None:
        self.uninstall()
        app = QCoreApplication.instance()
        assert app is not None
        if language == "zh":
            qm = compiled_catalogue("zh_CN")
            if qm is not None and self._translator.load(str(qm)):
                app.installTranslator(self._translator)
                self._installed = True
                QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
            else:
                log.error("Chinese translation not found in %s", I18N_DIR)
        else:
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        self.language = language
        for listener in list(self._listeners):
            listener(language)

    def uninstall(self) -> None:
        """Remove this switcher's translator from the application."""
        app = QCoreApplication.instance()
        if self._installed and app is not None:
            app.removeTranslator(self._translator)
        self._installed = False
