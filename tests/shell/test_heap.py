"""The kiosk keeps its C heap compact (`kiosk.heap`; why in that module, the figures
from bench/bench_startup.py): its threads share two malloc arenas, not one each, and
the heap's free pages go back to the system as each citizen is forgotten.

The arenas' cases run in a fresh Python: an arena, once a thread has it, is the
process's for good, and the test process has many threads already.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
import threading

import pytest

from kiosk.workflow import events as ev
from kiosk.workflow.states import Attract, ServiceMenu
from tests.shell.conftest import KioskDriver

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's arenas")

ARENAS_IN_USE = """
import ctypes, os, tempfile, threading

def arenas_in_use():
    libc = ctypes.CDLL("libc.so.6")
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = (ctypes.c_char_p, ctypes.c_char_p)
    libc.malloc_info.argtypes = (ctypes.c_int, ctypes.c_void_p)
    libc.fclose.argtypes = (ctypes.c_void_p,)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "heap.xml")
        stream = libc.fopen(path.encode(), b"w")
        libc.malloc_info(0, stream)
        libc.fclose(stream)
        with open(path) as xml:
            return xml.read().count("<heap nr=")

THREADS = 6
all_in = threading.Barrier(THREADS + 1)

def allocate():
    block = bytearray(64 * 1024)  # from an arena: under the size malloc maps on its own
    all_in.wait()
    all_in.wait()
    del block
"""


def arenas_after(script: str) -> int:
    """The arenas in use while the script's threads hold their blocks (it prints them)."""
    code = ARENAS_IN_USE + textwrap.dedent(script)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return int(done.stdout.split()[-1])


THREADS_ALLOCATING = """
threads = [threading.Thread(target=allocate) for _ in range(THREADS)]
for thread in threads:
    thread.start()
all_in.wait()
"""
AND_THEN = """
print(arenas_in_use())
all_in.wait()
for thread in threads:
    thread.join()
"""


def test_without_a_limit_six_threads_take_an_arena_each() -> None:
    # The ground the limit stands on: glibc's default, on this machine.
    assert arenas_after(THREADS_ALLOCATING + AND_THEN) >= 6


def test_limited_the_same_six_threads_share_two() -> None:
    limited = "from kiosk.heap import limit_arenas\nassert limit_arenas()\n"
    assert arenas_after(limited + THREADS_ALLOCATING + AND_THEN) <= 2


def test_the_kiosks_runner_limits_them_before_its_workers_start() -> None:
    workers = """
from kiosk.shell.background import QtRunner
runner = QtRunner(workers=THREADS)
for _ in range(THREADS):
    runner.run(allocate, lambda _: None)
all_in.wait()
print(arenas_in_use())
all_in.wait()
runner.shutdown()
"""
    assert arenas_after(workers) <= 2


FREED_IN_BETWEEN = """
import ctypes, os

def resident_mib():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

blocks = [b"\\x01" * (64 * 1024) for _ in range(400)]  # 25 MiB, every page written
del blocks[::2]  # every other one freed: free space between blocks in use, kept
before = resident_mib()
from kiosk.heap import give_back_freed
given = give_back_freed()
print(given, before - resident_mib())
"""


def test_the_free_pages_between_blocks_in_use_go_back_to_the_system() -> None:
    done = subprocess.run(
        [sys.executable, "-c", FREED_IN_BETWEEN],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    given, released_mib = done.stdout.split()
    assert given == "True"
    assert float(released_mib) > 6  # of the 12.5 MiB freed (not quite all in whole pages)


def test_as_a_citizen_is_forgotten_a_worker_gives_the_heap_back(
    kiosk: KioskDriver, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    monkeypatch.setattr(
        "kiosk.shell.app.give_back_freed", lambda: threads.append(threading.current_thread())
    )
    kiosk.press("点击这里开始")
    kiosk.wait_for(ServiceMenu)
    assert threads == []  # nothing to give back while the citizen is here
    kiosk.workflow.dispatch(ev.Cancelled())
    kiosk.wait_for(Attract)
    kiosk.qtbot.waitUntil(lambda: len(threads) == 1)
    assert threads[0] is not threading.main_thread()  # never on the UI thread


def test_on_a_c_library_without_the_call_the_heap_is_left_as_it_is(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # musl or macOS have no malloc_trim or M_ARENA_MAX: the kiosk says so and goes on.
    from kiosk.heap import _glibc

    with caplog.at_level(logging.INFO, logger="kiosk.heap"):
        assert _glibc("malloc_trim_of_another_libc") is None
    assert "the C heap is left as it is" in caplog.text
