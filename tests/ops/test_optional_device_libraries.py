"""The kiosk core needs none of the device libraries (pyscard, pycups, python-escpos).

Each check runs in a fresh interpreter where importing ``smartcard``, ``cups`` or
``escpos`` fails as it does on a machine without them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

OFFSCREEN_NOTE = "This plugin does not support propagateSizeHints()"

REFUSE_DEVICE_LIBRARIES = """
import importlib.abc, sys

class _NotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"smartcard", "cups", "escpos"}:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, _NotInstalled())
"""


def _without_device_libraries(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` with a sitecustomize that makes the device libraries unimportable."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(REFUSE_DEVICE_LIBRARIES)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_a_kiosk_without_device_libraries_builds_its_simulated_services(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        for name in ("smartcard", "cups", "escpos"):
            try:
                __import__(name)
            except ModuleNotFoundError:
                pass
            else:
                raise SystemExit(f"{{name}} is importable: this check would prove nothing")
        import devices.emrtd, devices.printers, kiosk.cli, kiosk.runtime, kiosk.shell.app
        from kiosk.config import load_config
        config = load_config(None).with_overrides(data_dir=Path({str(tmp_path / "data")!r}))
        services = kiosk.runtime.KioskServices(config)
        print(sorted(services.devices))
        services.close()
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("smartcard", "cups", "escpos")))
        """
    )

    done = _without_device_libraries(tmp_path, "-c", script)

    assert done.returncode == 0, done.stdout + done.stderr
    devices, loaded = done.stdout.splitlines()
    assert "'id_reader'" in devices
    assert "'printer'" in devices
    assert loaded == "[]"


@pytest.mark.parametrize(
    ("section", "driver", "options", "package", "extra"),
    [
        ("id_reader", "emrtd-pcsc", "", "pyscard", "devices"),
        ("printer", "cups", 'queue = "kiosk-a4"', "pycups", "cups"),
        (
            "receipt_printer",
            "escpos",
            'connection = { type = "network", host = "127.0.0.1" }',
            "python-escpos",
            "devices",
        ),
    ],
)
def test_a_technician_configuring_a_driver_without_its_library_is_told_what_to_install(
    tmp_path: Path, section: str, driver: str, options: str, package: str, extra: str
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[devices.{section}]\ndriver = "{driver}"\n{options}\n')

    done = _without_device_libraries(
        tmp_path,
        "-m",
        "kiosk",
        "--windowed",
        "--config",
        str(config),
        "--data-dir",
        str(tmp_path / "data"),
    )

    # The attract screen is up before the drivers are built: the headless test display
    # says it cannot resize it (a real screen says nothing); that line is not the kiosk's.
    lines = [line for line in done.stderr.strip().splitlines() if line != OFFSCREEN_NOTE]
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1, done.stderr
    assert f"driver {driver!r} needs {package}" in lines[0]
    assert f"pip install 'business-kiosk[{extra}]'" in lines[0]
