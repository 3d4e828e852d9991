"""Fixtures: the real pcscd + vpcd stack and per-test emulated passports.

The session fixture finds the devstack (``KIOSK_DEVSTACK_DIR``, else
``<repo>/../shared/devstack``), starts pcscd through its ``start_pcsc.sh`` if no
pcscd answers, and waits for the second vpcd reader. If that fails the PC/SC
tests are skipped with the reason, or fail loudly when ``CI`` is set. At the end
of the session it stops what it started (pcscd, the default card), nothing else.

Each test that needs a card calls the ``passport`` factory with the emulator
options it needs; the card runs on ``Virtual PCD 00 01`` and is stopped with
SIGTERM after the test, which then waits until pcscd has seen the reader empty
so the next test's card is really the next card.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from devices.pcsc import PcscError, list_readers
from tests.devices.emrtd.devstack import (
    CHN_MRZ,
    PYTHON,
    TEST_READER,
    EmulatedPassport,
    card_present,
    find_devstack,
    start_passport,
    wait_for,
)
from tests.ops.started_services import snapshot, stop_started

RESTART_MARK = "pcscd_restart"
PCSC_SERVICES = ("pcscd", "epass_card")  # start_pcsc.sh's pid files


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{RESTART_MARK}: restarts the shared pcscd; runs last in the session"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Restarting pcscd disturbs every PC/SC test, so such tests go last.
    last = [item for item in items if item.get_closest_marker(RESTART_MARK)]
    for item in last:
        items.remove(item)
    items.extend(last)


@dataclass
class PcscStack:
    """The running stack: devstack folder, environment for its scripts, ownership."""

    devstack: Path
    env: dict[str, str]
    started_pcscd: bool

    @property
    def pcscd_pid_file(self) -> Path:
        return Path(self.env["DEVSTACK_RUN"]) / "pcscd.pid"

    def start_pcscd(self) -> None:
        done = subprocess.run(
            [str(self.devstack / "start_pcsc.sh")],
            env=self.env,
            capture_output=True,
            timeout=60,
        )
        assert done.returncode == 0, (done.stdout + done.stderr).decode(errors="replace")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PC/SC stack unavailable in CI: {reason}", pytrace=False)
    pytest.skip(f"PC/SC stack unavailable: {reason}")


def _readers() -> list[str]:
    try:
        return list_readers()
    except PcscError:
        return []


@pytest.fixture(scope="session")
def pcsc_stack() -> Iterator[PcscStack]:
    devstack = find_devstack()
    if not (devstack / "smartcard" / "epass_card.py").is_file():
        _unavailable(f"no devstack at {devstack} (set KIOSK_DEVSTACK_DIR)")
    env = dict(os.environ)
    env.setdefault("DEVSTACK_RUN", "/tmp/devstack-run")
    env.update(SKIP_INSTALL="1", DEVSTACK_PYTHON=PYTHON)
    started = False
    before = snapshot(Path(env["DEVSTACK_RUN"]), PCSC_SERVICES)
    if TEST_READER not in _readers():
        try:
            subprocess.run(
                [str(devstack / "start_pcsc.sh")],
                env=env,
                check=True,
                capture_output=True,
                timeout=60,
            )
            started = True
        except (OSError, subprocess.SubprocessError) as exc:
            output = getattr(exc, "stdout", b"") or b""
            stop_started(Path(env["DEVSTACK_RUN"]), before)
            _unavailable(f"start_pcsc.sh failed: {exc} {output.decode(errors='replace')}")
        end = time.monotonic() + 10
        while TEST_READER not in _readers() and time.monotonic() < end:
            time.sleep(0.05)
        if TEST_READER not in _readers():
            stop_started(Path(env["DEVSTACK_RUN"]), before)
            _unavailable(f"pcscd runs but {TEST_READER!r} never appeared")
    yield PcscStack(devstack, env, started)
    stop_started(Path(env["DEVSTACK_RUN"]), before)


@pytest.fixture(scope="session")
def face_jpeg(pcsc_stack: PcscStack) -> Path:
    return pcsc_stack.devstack / "smartcard" / "samples" / "face_zhang_san.jpg"


@pytest.fixture(scope="session")
def dg11_json(pcsc_stack: PcscStack) -> Path:
    return pcsc_stack.devstack / "smartcard" / "samples" / "dg11_zhang_san.json"


def _build_pki(stack: PcscStack, directory: Path, *extra: str) -> Path:
    subprocess.run(
        [
            PYTHON,
            str(stack.devstack / "smartcard" / "epass_card.py"),
            "--build-only",
            "--mrz",
            *CHN_MRZ,
            "--pki",
            str(directory),
            *extra,
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return directory


@pytest.fixture(scope="session")
def trusted_pki(pcsc_stack: PcscStack, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test CSCA + DSC (C=CN) that signs the passports; the kiosk trusts it."""
    return _build_pki(pcsc_stack, tmp_path_factory.mktemp("pki-trusted"))


@pytest.fixture(scope="session")
def other_pki(pcsc_stack: PcscStack, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second, unrelated CSCA (also C=CN): a trust store that trusts someone else."""
    return _build_pki(pcsc_stack, tmp_path_factory.mktemp("pki-other"))


PassportFactory = Callable[..., EmulatedPassport]


@pytest.fixture
def passport(pcsc_stack: PcscStack, tmp_path: Path) -> Iterator[PassportFactory]:
    """Factory: ``passport("--pki", dir, ...)`` starts a card on the test reader."""
    cards: list[EmulatedPassport] = []

    def start(*args: str | Path, wait_present: bool = True) -> EmulatedPassport:
        log = tmp_path / f"epass_card_{len(cards)}.log"
        card = start_passport(pcsc_stack.devstack, log, *map(str, args), wait_present=wait_present)
        cards.append(card)
        return card

    yield start
    for card in cards:
        card.stop()
    # pcscd notices a vanished card at its next 400 ms poll; wait for it so
    # the next test does not talk to this card's ghost.
    wait_for(lambda: card_present() is not True, 10, "the test reader to be empty")


@pytest.fixture(scope="session")
def devstack_dir() -> Path:
    """The devstack folder alone (no services), for ``--build-only`` card files."""
    devstack = find_devstack()
    if not (devstack / "smartcard" / "epass_card.py").is_file():
        _unavailable(f"no devstack at {devstack} (set KIOSK_DEVSTACK_DIR)")
    return devstack


def build_card_files(devstack: Path, out: Path, *args: str) -> dict[int, bytes]:
    """Run the emulator with ``--build-only --dump-files``: {FID: EF bytes}."""
    subprocess.run(
        [
            PYTHON,
            str(devstack / "smartcard" / "epass_card.py"),
            "--build-only",
            "--mrz",
            *CHN_MRZ,
            "--dump-files",
            str(out),
            *args,
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return {int(p.stem, 16): p.read_bytes() for p in out.glob("*.bin")}
