"""Keeping the C heap compact over a day of citizens: fewer malloc arenas, and the
free pages given back between citizens.

glibc gives every thread an arena of its own at its first allocation, up to
eight per core. The kiosk's workers compose receipts and talk to the central,
and space freed in one thread's arena cannot serve another's: the kiosk's
resident memory grew in steps of several MiB over the first hundreds of
citizens, with a third of the heap free but held (bench/bench_startup.py, and
glibc's own figures from `mallinfo2`). With two arenas the free space is reused.

What a session frees stays with the process too, as free space in the heap, until
`give_back_freed` returns the heap's whole free pages to the system (about 8 MiB
after a registration, in under 1 ms). The kiosk does it as each citizen is
forgotten; those of the pages that held the citizen's answers and are now free
go back too, and the system zeroes a page before it serves anyone again.

glibc only: elsewhere (musl, macOS) both say so in the log and change nothing.
"""

from __future__ import annotations

import ctypes
import logging
from functools import cache
from typing import Any

log = logging.getLogger(__name__)

ARENAS = 2
"""The main thread's and one more, which the other threads share with it."""

_M_ARENA_MAX = -8  # glibc's malloc.h


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Let threads started from now on share ``arenas`` malloc arenas; True when set.

    Threads that already have an arena keep it, so the earlier this runs the better:
    before the kiosk starts its workers.
    """
    mallopt = _glibc("mallopt")
    if mallopt is None:
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_ARENA_MAX, arenas))


def give_back_freed() -> bool:
    """Return the heap's whole free pages to the system; True when some were.

    Takes each arena's lock in turn (under 1 ms in all): run it on a worker.
    """
    malloc_trim = _glibc("malloc_trim")
    if malloc_trim is None:
        return False
    malloc_trim.argtypes = (ctypes.c_size_t,)
    malloc_trim.restype = ctypes.c_int
    return bool(malloc_trim(0))


@cache
def _glibc(function: str) -> Any:
    """glibc's ``function``, or None (said once) on another C library."""
    # The symbols the process already has: `ctypes.util.find_library` would run
    # ldconfig in a subprocess (3 ms, on the UI thread as the runner is made).
    try:
        return getattr(ctypes.CDLL(None), function)
    except (OSError, AttributeError):
        log.info("no glibc %s here: the C heap is left as it is", function)
        return None
