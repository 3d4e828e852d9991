"""Starts the central sandbox as a child process on loopback (the embedded default).

The sandbox is a separate deployable: the kiosk never imports it, it runs
``python -m central`` and reads the bound port from a file the sandbox writes
once it accepts connections.

The sandbox ends with the kiosk: `EmbeddedCentral.stop` (from the kiosk's close)
terminates it, and on Linux a kiosk that dies without closing (a crash, SIGKILL)
takes it along through the kernel's parent-death signal (see `_spawn_tied`).
"""

from __future__ import annotations

import ctypes
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


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
        self._process = _spawn_tied(
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


def _spawn_tied(args: list[str], **popen: Any) -> subprocess.Popen[bytes]:
    """Popen ``args`` so that the child gets SIGTERM when this process dies (Linux).

    PR_SET_PDEATHSIG fires when the *thread* that forked the child ends, not the
    process, and the kiosk starts the sandbox on a pool thread that may retire
    any time. So the child is forked by a thread of its own that lives exactly as
    long as the child: it waits for it, and dies only with it or with the process.
    """
    preexec = _die_with_this_process()
    if preexec is None:
        return subprocess.Popen(args, **popen)
    handed: queue.Queue[subprocess.Popen[bytes] | BaseException] = queue.Queue()

    def keep() -> None:
        try:
            process = subprocess.Popen(args, preexec_fn=preexec, **popen)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, who raises it
            handed.put(exc)
            return
        handed.put(process)
        process.wait()

    threading.Thread(target=keep, name="central-sandbox-keeper", daemon=True).start()
    result = handed.get()
    if isinstance(result, BaseException):
        raise result
    return result


def _die_with_this_process() -> Callable[[], None] | None:
    """The child's pre-exec step asking the kernel for SIGTERM at its parent's death."""
    if not sys.platform.startswith("linux"):
        return None
    # Looked up here, not in the child: after fork only the forking thread exists,
    # and loading a library there could wait forever on a lock another thread held.
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    parent = os.getpid()

    def preexec() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        # The parent may have died between fork and prctl: then no signal will come.
        if os.getppid() != parent:
            os.kill(os.getpid(), signal.SIGTERM)

    return preexec
