"""The attract screen is painted before the heavy parts of the kiosk are imported.

Checked in a fresh interpreter, as `python -m kiosk` starts: the command line is
parsed and the first window painted, and at that moment neither the services, the
workflow, the step screens, nor reportlab, requests or the demo panel are loaded.
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
    from PySide6.QtWidgets import QApplication
    from kiosk.shell.first_paint import after_first_paint
    from kiosk.shell.launch import FirstWindow, ensure_application
    qt = ensure_application(spacing=False)
    window = FirstWindow(config.site_name)
    def painted():
        print(sorted(m for m in {heavy!r} if m in sys.modules), flush=True)
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
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
