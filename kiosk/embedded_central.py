"""Starts the central sandbox as a child process on loopback (the embedded default).

The sandbox is a separate deployable: the kiosk never imports it, it runs
``python -m central`` and reads the bound port from a file the sandbox writes
once it accepts connections.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


class EmbeddedCentralError(RuntimeError):
    """The sandbox could not be started or did not answer."""


class EmbeddedCentral:
    """The sandbox's process, with its database under the kiosk's data directory."""

    def __init__(self, data_dir: Path) -> None:
        self._folder = data_dir / "central-sandbox"
        self._process: subprocess.Popen[bytes] | None = None
        self.url: str | None = None

    @property
    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["KIOSK_CENTRAL_DATABASE"] = f"sqlite:///{self._folder / 'central.db'}"
        return env

    def start(self, timeout_s: float = 30.0) -> str:
        """Start the sandbox and return its base URL; blocks until it answers."""
        self._folder.mkdir(parents=True, exist_ok=True)
        port_file = self._folder / "port"
        port_file.unlink(missing_ok=True)
        log = (self._folder / "central.log").open("ab")
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "central",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--port-file",
                str(port_file),
            ],
            env=self._env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        log.close()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise EmbeddedCentralError(
                    f"the central sandbox exited with {self._process.returncode};"
                    f" see {self._folder / 'central.log'}"
                )
            text = port_file.read_text().strip() if port_file.is_file() else ""
            if text.isdigit():
                self.url = f"http://127.0.0.1:{int(text)}"
                return self.url
            time.sleep(0.05)
        self.stop()
        raise EmbeddedCentralError(f"the central sandbox did not start within {timeout_s:.0f} s")

    def enrolment_code(self, kiosk_id: str, site: str) -> str:
        """Ask the sandbox's operator command for a one-time enrolment code."""
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "central",
                "enrolment-code",
                "--kiosk-id",
                kiosk_id,
                "--site",
                site,
            ],
            env=self._env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:
            raise EmbeddedCentralError(f"enrolment-code failed: {done.stderr.strip()[-300:]}")
        return lines[-1].strip()

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
