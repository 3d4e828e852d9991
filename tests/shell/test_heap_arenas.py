"""The kiosk's threads share two malloc arenas, not one each (`kiosk.heap`; why in
that module, the figures in bench/bench_startup.py).

Each case runs in a fresh Python: an arena, once a thread has it, is the
process's for good, and the test process has many threads already.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

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
