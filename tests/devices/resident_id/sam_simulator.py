"""A private SAM simulator per test (shared/devstack/idcard/sam_reader_sim.py on a pty).

Each test starts its own simulator with its own card JSON and faults, waits for
the port file, and stops it with SIGTERM at the end. The simulator's log (it
logs command names and status bytes, never card data) doubles as a record of
what the driver sent, so a test can check *which* commands were retried.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[3]
SAMPLE_CARD: dict[str, Any] = {
    "name": "测试样例",
    "sex": "1",
    "nation": "01",
    "birth": "19900517",
    "address": "浙江省金华市婺城区示例路1号",
    "id_number": "330702199005171238",
    "authority": "金华市公安局婺城分局",
    "valid_from": "20200101",
    "valid_to": "长期",
}


def devstack_dir() -> Path:
    """The devstack: $KIOSK_DEVSTACK_DIR, else <repo>/../shared/devstack."""
    configured = os.environ.get("KIOSK_DEVSTACK_DIR")
    return Path(configured) if configured else REPO.parent / "shared" / "devstack"


def simulator_script() -> Path:
    """The simulator script, or fail (under CI) / skip (elsewhere) saying why."""
    script = devstack_dir() / "idcard" / "sam_reader_sim.py"
    if not script.is_file():
        reason = f"SAM simulator not found at {script} (set KIOSK_DEVSTACK_DIR)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return script


class SamSimulator:
    """One running simulator process and its pty."""

    def __init__(
        self,
        workdir: Path,
        *,
        card: dict[str, Any] | None = None,
        faults: tuple[str, ...] = (),
        extra_args: tuple[str, ...] = (),
        photo: bytes | None = None,
    ) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        card_data = dict(SAMPLE_CARD if card is None else card)
        if photo is not None:
            (workdir / "photo.wlt").write_bytes(photo)
            card_data["wlt_file"] = "photo.wlt"
        self.card_path = workdir / "card.json"
        self.card_path.write_text(json.dumps(card_data, ensure_ascii=False), encoding="utf-8")
        port_file = workdir / "port"
        self.log_path = workdir / "sim.log"
        args = [sys.executable, str(simulator_script()), "--card", str(self.card_path)]
        args += ["--port-file", str(port_file), "--seed", "7", *extra_args]
        for fault in faults:
            args += ["--fault", fault]
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT)
        self.port = self._wait_for_port(port_file)

    def _wait_for_port(self, port_file: Path) -> str:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if port_file.exists():
                return port_file.read_text().strip()
            if self.process.poll() is not None:
                raise RuntimeError(f"simulator exited early:\n{self.log()}")
            time.sleep(0.01)
        self.stop()
        raise RuntimeError("simulator did not write its port file within 10 s")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def commands(self) -> list[str]:
        """Command names the simulator executed or faulted, in order ("find", "read" ...)."""
        names = []
        for line in self.log().splitlines():
            if " frame #" in line:
                names.append(line.split(" frame #", 1)[1].split()[1].rstrip(":"))
        return names

    def _signal_and_wait(self, sig: signal.Signals, message: str) -> None:
        before = self.log().count(message)
        self.process.send_signal(sig)
        deadline = time.monotonic() + 5
        while self.log().count(message) == before:
            if time.monotonic() > deadline:
                raise RuntimeError(f"simulator did not log {message!r}")
            time.sleep(0.005)

    def lift_card(self) -> None:
        self._signal_and_wait(signal.SIGUSR1, "card removed")

    def put_card_back(self) -> None:
        self._signal_and_wait(signal.SIGUSR2, "card inserted")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
