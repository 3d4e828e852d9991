"""SerialCodeScanner over a real pseudo-terminal, including the port going away and back."""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from devices.errors import DeviceError
from devices.protocols import CodeScanner, ScannedCode
from devices.scanners.framing import LineFramer
from devices.scanners.serial_scanner import SerialCodeScanner
from devices.status import DeviceState


class Pty:
    """A pty whose slave is reachable through a stable symlink, like /dev/serial/by-id."""

    def __init__(self, link: Path) -> None:
        self.link = link
        self.master = -1
        self.slave = -1

    def plug(self) -> None:
        self.master, self.slave = os.openpty()
        self.link.unlink(missing_ok=True)
        self.link.symlink_to(os.ttyname(self.slave))

    def unplug(self) -> None:
        self.link.unlink(missing_ok=True)
        os.close(self.master)
        os.close(self.slave)
        self.master = self.slave = -1

    def send(self, data: bytes) -> None:
        os.write(self.master, data)


@pytest.fixture
def pty(tmp_path: Path) -> Iterator[Pty]:
    device = Pty(tmp_path / "scanner-tty")
    device.plug()
    yield device
    if device.master >= 0:
        device.unplug()


def wait_until(check: Callable[[], bool], timeout: float = 3.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.01)
    return check()


@pytest.fixture
def scanner(pty: Pty) -> Iterator[tuple[SerialCodeScanner, queue.Queue[tuple[ScannedCode, str]]]]:
    codes: queue.Queue[tuple[ScannedCode, str]] = queue.Queue()
    device = SerialCodeScanner(
        str(pty.link), 9600, name="desk", reconnect_interval_s=0.05, read_timeout_s=0.05
    )
    device.start(lambda code: codes.put((code, threading.current_thread().name)))
    assert wait_until(lambda: device.status().state is DeviceState.ONLINE)
    yield device, codes
    device.stop()


def test_codes_end_at_cr_lf_or_crlf_and_arrive_on_the_reader_thread(
    pty: Pty, scanner: tuple[SerialCodeScanner, queue.Queue[tuple[ScannedCode, str]]]
) -> None:
    device, codes = scanner
    assert isinstance(device, CodeScanner)

    pty.send(b"6901234567892\r")
    pty.send(b"https://example.invalid/q?x=1\r\n")
    pty.send("营业执照".encode() + b"\n")

    got = [codes.get(timeout=2) for _ in range(3)]
    assert [c.data for c, _ in got] == [
        "6901234567892",
        "https://example.invalid/q?x=1",
        "营业执照",
    ]
    assert {c.source for c, _ in got} == {"desk"}
    assert {thread for _, thread in got} == {"scanner-desk"}


def test_scanner_recovers_when_the_port_disappears_and_comes_back(
    pty: Pty, scanner: tuple[SerialCodeScanner, queue.Queue[tuple[ScannedCode, str]]]
) -> None:
    device, codes = scanner
    pty.send(b"HALF-A-CO")  # cut off by the unplug: must never be delivered
    time.sleep(0.1)

    pty.unplug()
    assert wait_until(lambda: device.status().state is not DeviceState.ONLINE)
    lost = device.status()
    assert lost.state in (DeviceState.OFFLINE, DeviceState.NO_DEVICE)
    assert str(pty.link) in lost.reason

    pty.plug()
    assert wait_until(lambda: device.status().state is DeviceState.ONLINE)
    pty.send(b"DE\rAFTER-REPLUG\r")

    assert codes.get(timeout=2)[0].data == "DE"
    assert codes.get(timeout=2)[0].data == "AFTER-REPLUG"
    assert codes.empty()


def test_a_failing_callback_does_not_stop_later_codes(pty: Pty) -> None:
    seen: list[str] = []

    def flaky(code: ScannedCode) -> None:
        seen.append(code.data)
        if code.data == "BOOM":
            raise RuntimeError("consumer bug")

    device = SerialCodeScanner(str(pty.link), read_timeout_s=0.05)
    device.start(flaky)
    try:
        assert wait_until(lambda: device.status().state is DeviceState.ONLINE)
        pty.send(b"BOOM\rNEXT\r")
        assert wait_until(lambda: seen == ["BOOM", "NEXT"])
    finally:
        device.stop()
    assert device.status().state is DeviceState.OFFLINE


def test_missing_port_is_no_device_and_starting_twice_is_an_error(tmp_path: Path) -> None:
    device = SerialCodeScanner(str(tmp_path / "nothing"), reconnect_interval_s=0.05)
    assert device.status().state is DeviceState.NO_DEVICE

    device.start(lambda code: None)
    try:
        assert wait_until(lambda: "cannot open" in device.status().reason)
        assert device.status().state is DeviceState.NO_DEVICE
        with pytest.raises(DeviceError, match="already started"):
            device.start(lambda code: None)
    finally:
        device.stop()


def test_stop_returns_promptly() -> None:
    master, slave = os.openpty()
    try:
        device = SerialCodeScanner(os.ttyname(slave), read_timeout_s=0.05)
        device.start(lambda code: None)
        assert wait_until(lambda: device.status().state is DeviceState.ONLINE)
        started = time.monotonic()
        device.stop()
        assert time.monotonic() - started < 0.5
    finally:
        os.close(master)
        os.close(slave)


def test_framer_drops_overlong_lines_and_skips_empty_ones() -> None:
    framer = LineFramer(max_length=4)

    assert framer.feed(b"\r\nABCDEFG\rOK\r\n\n") == ["OK"]
    assert framer.dropped == 1
    assert framer.feed(b"AB") == []
    assert framer.feed(b"C\n") == ["ABC"]
