"""The presence monitor against the real pcscd, including a pcscd restart."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from devices.emrtd import EmrtdPcscReader, MrzKey
from devices.pcsc import PresenceEvent, PresenceKind, PresenceMonitor
from tests.devices.emrtd.conftest import RESTART_MARK, PassportFactory, PcscStack
from tests.devices.emrtd.devstack import TEST_READER, wait_for

pytestmark = pytest.mark.pcsc


class Recorder:
    """Collects events and the names of the threads that delivered them."""

    def __init__(self) -> None:
        self.events: list[PresenceEvent] = []
        self.threads: set[str] = set()
        self._lock = threading.Lock()

    def __call__(self, event: PresenceEvent) -> None:
        with self._lock:
            self.events.append(event)
            self.threads.add(threading.current_thread().name)

    def kinds(self, reader: str = TEST_READER) -> list[PresenceKind]:
        with self._lock:
            return [e.kind for e in self.events if e.reader == reader]

    def count(self, kind: PresenceKind, reader: str = TEST_READER) -> int:
        return self.kinds(reader).count(kind)


def test_monitor_reports_a_card_pulled_and_put_back_from_its_own_thread(
    passport: PassportFactory,
) -> None:
    card = passport()
    recorder = Recorder()
    monitor = PresenceMonitor(recorder, poll_interval=0.05, reader_filter="Virtual PCD")
    monitor.start()
    try:
        wait_for(lambda: recorder.count(PresenceKind.CARD_INSERTED) == 1, 5, "card seen")
        card.pull()
        wait_for(lambda: recorder.count(PresenceKind.CARD_REMOVED) == 1, 5, "card removal")
        card.insert()
        wait_for(lambda: recorder.count(PresenceKind.CARD_INSERTED) == 2, 5, "card back")
    finally:
        started = time.monotonic()
        monitor.stop()
        stop_seconds = time.monotonic() - started

    assert recorder.kinds()[:1] == [PresenceKind.READER_ATTACHED]
    assert recorder.kinds()[1:] == [
        PresenceKind.CARD_INSERTED,
        PresenceKind.CARD_REMOVED,
        PresenceKind.CARD_INSERTED,
    ]
    assert recorder.threads == {"pcsc-presence"}
    assert monitor.snapshot()[TEST_READER] is not None
    assert not monitor.running
    assert stop_seconds < 1.0


def test_monitor_survives_a_callback_that_raises(passport: PassportFactory) -> None:
    card = passport()
    seen: list[PresenceEvent] = []

    def clumsy(event: PresenceEvent) -> None:
        seen.append(event)
        raise RuntimeError("a kiosk screen bug")

    monitor = PresenceMonitor(clumsy, poll_interval=0.05, reader_filter=TEST_READER)
    monitor.start()
    try:
        wait_for(lambda: any(e.kind is PresenceKind.CARD_INSERTED for e in seen), 5, "card")
        card.pull()
        wait_for(lambda: any(e.kind is PresenceKind.CARD_REMOVED for e in seen), 5, "removal")
        assert monitor.running
    finally:
        monitor.stop()


@pytest.mark.pcscd_restart
def test_monitor_recovers_by_itself_when_pcscd_restarts_and_reports_the_card_again(
    pcsc_stack: PcscStack, passport: PassportFactory, trusted_pki: Path
) -> None:
    if not (pcsc_stack.started_pcscd or os.environ.get("EMRTD_TEST_MAY_RESTART_PCSCD")):
        pytest.skip(
            "pcscd was started by someone else; set EMRTD_TEST_MAY_RESTART_PCSCD=1 to restart it"
        )
    assert RESTART_MARK == "pcscd_restart"
    passport("--pki", trusted_pki)
    recorder = Recorder()
    monitor = PresenceMonitor(recorder, poll_interval=0.1, misses_to_gone=3)
    monitor.start()
    try:
        wait_for(lambda: recorder.count(PresenceKind.CARD_INSERTED) == 1, 5, "card seen")
        pid = int(pcsc_stack.pcscd_pid_file.read_text())
        os.kill(pid, signal.SIGTERM)
        wait_for(lambda: not _alive(pid), 10, "pcscd to exit")
        wait_for(lambda: recorder.count(PresenceKind.READER_DETACHED) == 1, 5, "reader gone")
        assert not monitor.service_up
        # In a container without an init that reaps orphans the dead pcscd stays
        # a zombie, which start_pcsc.sh's `kill -0` takes for a live one.
        if pcsc_stack.pcscd_pid_file.read_text().strip() == str(pid):
            pcsc_stack.pcscd_pid_file.unlink()
        pcsc_stack.start_pcscd()
        # the emulator reconnects to the new vpcd by itself (every 0.2 s)
        wait_for(lambda: recorder.count(PresenceKind.CARD_INSERTED) == 2, 15, "card again")
    finally:
        monitor.stop()

    assert monitor.context_restarts >= 1
    assert recorder.kinds() == [
        PresenceKind.READER_ATTACHED,
        PresenceKind.CARD_INSERTED,
        PresenceKind.CARD_REMOVED,
        PresenceKind.READER_DETACHED,
        PresenceKind.READER_ATTACHED,
        PresenceKind.CARD_INSERTED,
    ]
    reader = EmrtdPcscReader(TEST_READER, MrzKey("E12345678", "900101", "300101"), trusted_pki)
    assert reader.read().ok


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie child of another process still answers kill 0; check its state
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False
