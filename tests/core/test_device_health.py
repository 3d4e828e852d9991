"""Which device troubles a citizen is told about, and that watching never stops."""

from __future__ import annotations

import pytest

from devices.simulated import SimulatedIdReader
from devices.status import DeviceState, DeviceStatus
from kiosk.device_health import DeviceWatch, citizen_notices

OK = DeviceStatus(DeviceState.ONLINE, "fine", media="ok")


@pytest.mark.parametrize(
    ("printer", "reader", "expected"),
    [
        (OK, OK, ()),
        (DeviceStatus(DeviceState.ONLINE, "paper low", "low"), OK, ()),
        (DeviceStatus(DeviceState.USER_ERROR, "paper out", "out"), OK, ("printer_unavailable",)),
        (DeviceStatus(DeviceState.OFFLINE, "offline"), OK, ("printer_unavailable",)),
        (OK, DeviceStatus(DeviceState.DEVICE_BUSY, "reading"), ()),
        (OK, DeviceStatus(DeviceState.USER_ERROR, "card upside down"), ()),
        (OK, DeviceStatus(DeviceState.NO_DEVICE, "unplugged"), ("reader_unavailable",)),
        (
            DeviceStatus(DeviceState.HARDWARE_ERROR, "jam"),
            DeviceStatus(DeviceState.HARDWARE_ERROR, "broken"),
            ("printer_unavailable", "reader_unavailable"),
        ),
    ],
)
def test_citizen_is_told_only_what_stops_them(
    printer: DeviceStatus, reader: DeviceStatus, expected: tuple[str, ...]
) -> None:
    assert citizen_notices({"printer": printer, "id_reader": reader}) == expected


class _BrokenStatus:
    name = "printer"

    def status(self) -> DeviceStatus:
        raise RuntimeError("driver bug")


def test_a_driver_that_raises_is_a_broken_printer_not_a_dead_watch() -> None:
    watch = DeviceWatch({"printer": _BrokenStatus(), "id_reader": SimulatedIdReader()})

    report = watch.poll()

    assert report.notices == ("printer_unavailable",)
    assert "driver bug" in report.statuses["printer"].reason


def test_reader_unplugged_is_announced_after_three_polls_in_a_row() -> None:
    reader = SimulatedIdReader()
    watch = DeviceWatch({"id_reader": reader})
    watch.poll()
    reader.set_attached(False)

    seen = [watch.poll().notices for _ in range(3)]

    assert seen == [(), (), ("reader_unavailable",)]
