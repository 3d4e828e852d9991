"""A worker's Python gives the UI thread the GIL back within half a millisecond
(`kiosk.shell.background.GIL_SLICE_S`; why, and what it measured, in that module)."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from kiosk.shell.background import GIL_SLICE_S, QtRunner


@pytest.fixture
def python_default_slices() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    yield
    sys.setswitchinterval(before)


def test_the_kiosks_workers_hand_the_gil_round_in_short_slices(
    python_default_slices: None,
) -> None:
    runner = QtRunner(workers=1)
    try:
        assert sys.getswitchinterval() == pytest.approx(GIL_SLICE_S, rel=0.05)
        assert GIL_SLICE_S <= 0.001
    finally:
        runner.shutdown()


def test_a_shorter_slice_set_before_is_kept(python_default_slices: None) -> None:
    sys.setswitchinterval(GIL_SLICE_S / 5)
    runner = QtRunner(workers=1)
    try:
        assert sys.getswitchinterval() == pytest.approx(
            GIL_SLICE_S / 5, rel=0.05
        )  # kept in whole microseconds
    finally:
        runner.shutdown()
