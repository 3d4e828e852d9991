"""The attract screen is painted before the heavy parts of the kiosk are imported.

Checked in a fresh interpreter, as `python -m kiosk` starts: the command line is
parsed and the first window painted, and at that moment neither the services, the
workflow, the step screens, nor reportlab, requests or the demo panel are loaded;
nor PySide's ``Qt`` namespace, whose hundred-odd enums take about 20 ms to create.
Only the one window is shown on the way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

HEAVY = (
    "requests",
    "reportlab",
    "kiosk.shell.dev_panel",
    "kiosk.shell.app",
    "kiosk.runtime",
    "kiosk.workflow.machine",
    "kiosk.shell.router",
    "cryptography",
    "smartcard",
)

FIRST_PAINT = textwrap.dedent(
    """
    import sys
    from kiosk.cli import _parser, config_from_args
    argv = ["--windowed", "--data-dir", sys.argv[1]]
    config = config_from_args(_parser(argv).parse_args(argv))
    import PySide6.QtCore
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget
    from kiosk.shell.first_paint import after_first_paint
    from kiosk.shell.launch import FirstWindow, ensure_application
    qt = ensure_application(spacing=False)
    shown = []
    class WindowsShown(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
                if watched.isWindow():
                    shown.append(type(watched).__name__)
            return False
    watcher = WindowsShown()
    qt.installEventFilter(watcher)
    window = FirstWindow(config.site_name)
    def painted():
        loaded = sorted(m for m in {heavy!r} if m in sys.modules)
        if "Qt" in vars(PySide6.QtCore):
            loaded.append("the Qt namespace")
        print(loaded, shown, flush=True)
        qt.quit()
    after_first_paint(window, painted)
    window.show()
    qt.exec()
    """
).replace("{heavy!r}", repr(HEAVY))


def test_the_attract_screen_is_painted_before_anything_heavy_is_imported(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "[] ['FirstWindow']", done.stdout + done.stderr
