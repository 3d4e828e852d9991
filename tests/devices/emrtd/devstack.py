"""Test helpers for the real PC/SC stack: pcscd + vpcd + the devstack's emulated passport.

Tests put their own card on the *second* vpcd reader (``Virtual PCD 00 01``,
port 35964) and leave the first one to ``start_pcsc.sh``'s default card.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from smartcard import scard

from devices.pcsc import PcscContext, PcscError

TEST_READER = "Virtual PCD 00 01"
TEST_PORT = 35964
CHN_MRZ = (
    "P<CHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
    "E123456782CHN9001011M3001019<<<<<<<<<<<<<<02",
)
PYTHON = sys.executable  # the kiosk venv: it has cryptography + asn1crypto


def find_devstack() -> Path:
    """KIOSK_DEVSTACK_DIR, else <repo>/../shared/devstack."""
    env = os.environ.get("KIOSK_DEVSTACK_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "devstack"


def card_present(reader: str = TEST_READER) -> bool | None:
    """True/False for the card in ``reader``; None if pcscd or the reader is missing."""
    try:
        with PcscContext() as context:
            if reader not in context.list_readers():
                return None
            hresult, states = scard.SCardGetStatusChange(
                context.handle, 0, [(reader, scard.SCARD_STATE_UNAWARE)]
            )
    except PcscError:
        return None
    if hresult & 0xFFFFFFFF or not states:
        return None
    return bool(states[0][1] & scard.SCARD_STATE_PRESENT)


def wait_for(predicate: object, timeout: float, what: str) -> None:
    """Poll ``predicate`` every 20 ms until true, else AssertionError with ``what``."""
    assert callable(predicate)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@dataclass
class EmulatedPassport:
    """One running ``epass_card.py`` process on the test reader."""

    process: subprocess.Popen[bytes]
    log: Path
    args: list[str] = field(default_factory=list)

    def pull(self) -> None:
        """Card out of the reader (SIGUSR1)."""
        self.process.send_signal(signal.SIGUSR1)

    def insert(self) -> None:
        """Card back in (SIGUSR2)."""
        self.process.send_signal(signal.SIGUSR2)

    def stop(self) -> None:
        """SIGTERM, then wait; KILL only if it hangs."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def start_passport(
    devstack: Path, log: Path, *args: str, wait_present: bool = True, mrz: tuple[str, str] = CHN_MRZ
) -> EmulatedPassport:
    """Start the emulated passport on the test reader with ``args`` (its options)."""
    script = devstack / "smartcard" / "epass_card.py"
    cmd = [PYTHON, str(script), "--port", str(TEST_PORT), "--mrz", *mrz, *args]
    with log.open("wb") as out:
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    card = EmulatedPassport(process, log, list(args))
    if wait_present:
        try:
            # pcscd polls readers every 400 ms; the card shows ~0.25 s after start
            wait_for(lambda: process.poll() is None and card_present() is True, 10, "the card")
        except AssertionError:
            card.stop()
            raise AssertionError(f"emulated passport did not appear:\n{card.log_text()}") from None
    return card
