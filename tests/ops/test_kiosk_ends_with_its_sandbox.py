"""The sandbox child ends with the kiosk: on a stop signal, and when the kiosk is killed."""

from __future__ import annotations

import signal

import psutil
import pytest

from tests.ops.conftest import RunningKiosk, sandboxes_of

WAIT_S = 30.0  # a bound for a stuck process, not a measurement


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "INT"])
def test_technician_stops_the_kiosk_and_its_sandbox_goes_too(
    running_kiosk: RunningKiosk, stop_signal: signal.Signals
) -> None:
    running_kiosk.process.send_signal(stop_signal)

    status = running_kiosk.process.wait(WAIT_S)
    _, alive = psutil.wait_procs([running_kiosk.sandbox], timeout=WAIT_S)

    assert status == 0, running_kiosk.log.read_text()
    assert alive == []
    assert sandboxes_of(running_kiosk.data_dir) == []


def test_a_crashed_kiosk_takes_its_sandbox_with_it(running_kiosk: RunningKiosk) -> None:
    running_kiosk.process.kill()  # SIGKILL: no handler, no close(); only the kernel can tell

    running_kiosk.process.wait(WAIT_S)
    _, alive = psutil.wait_procs([running_kiosk.sandbox], timeout=WAIT_S)

    assert alive == []
    assert sandboxes_of(running_kiosk.data_dir) == []
