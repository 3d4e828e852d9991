"""Keeping the C heap compact over a day of citizens: fewer malloc arenas.

glibc gives every thread an arena of its own at its first allocation, up to
eight per core. The kiosk's workers compose receipts and talk to the central,
and space freed in one thread's arena cannot serve another's: the kiosk's
resident memory grew in steps of several MiB over the first hundreds of
citizens, with a third of the heap free but held (bench/bench_startup.py, and
glibc's own figures from `mallinfo2`). With two arenas the free space is reused.

glibc only: elsewhere (musl, macOS) `limit_arenas` says so and changes nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

log = logging.getLogger(__name__)

ARENAS = 2
"""The main thread's and one more, which the other threads share with it."""

_M_ARENA_MAX = -8  # glibc's malloc.h


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Let threads started from now on share ``arenas`` malloc arenas; True when set.

    Threads that already have an arena keep it, so the earlier this runs the better:
    before the kiosk starts its workers.
    """
    name = ctypes.util.find_library("c")
    try:
        mallopt = ctypes.CDLL(name).mallopt if name else None
    except (OSError, AttributeError):
        mallopt = None
    if mallopt is None:
        log.info("not glibc: the C heap's arenas are left as they are")
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_ARENA_MAX, arenas))
