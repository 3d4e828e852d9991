"""Benchmark: one resident-ID-card read over serial against the wire time it needs.

Starts the devstack SAM simulator on a private pty with ``--baud 115200`` (each
byte paced at 10 bits / 115200 bit/s both ways), reads the card repeatedly with
`SerialResidentIdReader` (find + select + read text + photo; the appended
address is off so the figure matches the classic three-command sequence),
lifting and re-presenting the card between reads, and prints the measured read
time against the wire time of the bytes actually exchanged, as a ratio. A
ratio near 1.0 means the driver adds next to nothing on top of the UART.

Usage (from the repository root): .venv/bin/python -m bench.bench_resident_id [--reads 20]
The devstack is found via $KIOSK_DEVSTACK_DIR, else <repo>/../shared/devstack.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from devices.protocols import ReadOutcome
from devices.resident_id import SerialResidentIdReader

REPO = Path(__file__).resolve().parents[1]


def simulator_script() -> Path:
    configured = os.environ.get("KIOSK_DEVSTACK_DIR")
    devstack = Path(configured) if configured else REPO.parent / "shared" / "devstack"
    script = devstack / "idcard" / "sam_reader_sim.py"
    if not script.is_file():
        sys.exit(f"SAM simulator not found at {script} (set KIOSK_DEVSTACK_DIR)")
    return script


def wait_for_log(log: Path, message: str, count: int) -> None:
    """Wait until the simulator has logged ``message`` ``count`` times (signals are async)."""
    deadline = time.monotonic() + 5
    while log.read_text(errors="replace").count(message) < count:
        if time.monotonic() > deadline:
            sys.exit(f"simulator never logged {message!r}")
        time.sleep(0.002)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=20)
    parser.add_argument("--baud", type=int, default=115200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        port_file, log = Path(tmp) / "port", Path(tmp) / "sim.log"
        with log.open("wb") as log_out:
            sim = subprocess.Popen(
                [sys.executable, str(simulator_script()), "--port-file", str(port_file),
                 "--baud", str(args.baud)],
                stdout=log_out,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
            try:
                run(sim, port_file, log, args.reads, args.baud)
            finally:
                sim.send_signal(signal.SIGTERM)
                sim.wait(timeout=5)


def run(sim: subprocess.Popen[bytes], port_file: Path, log: Path, reads: int, baud: int) -> None:
    deadline = time.monotonic() + 10
    while not port_file.exists():
        if time.monotonic() > deadline or sim.poll() is not None:
            sys.exit(f"simulator did not start:\n{log.read_text(errors='replace')}")
        time.sleep(0.01)
    reader = SerialResidentIdReader(
        port_file.read_text().strip(), baudrate=baud, read_appended_address=False
    )
    times: list[float] = []
    wire_bytes: list[int] = []
    try:
        for n in range(reads + 1):
            before = reader.bytes_exchanged
            start = time.perf_counter()
            result = reader.read()
            elapsed = time.perf_counter() - start
            if result.outcome is not ReadOutcome.OK:
                sys.exit(f"read {n} failed: {result.outcome} {result.detail}")
            if n:  # the first read pays one-off costs (stdnum's place table): not timed
                times.append(elapsed)
                wire_bytes.append(reader.bytes_exchanged - before)
            sim.send_signal(signal.SIGUSR1)  # lift the card ...
            wait_for_log(log, "card removed", n + 1)
            sim.send_signal(signal.SIGUSR2)  # ... and put it back
            wait_for_log(log, "card inserted", n + 1)
    finally:
        reader.close()

    byte_count = statistics.median(wire_bytes)
    wire_ms = byte_count * 10 / baud * 1000
    median_ms = statistics.median(times) * 1000
    print(f"reads: {len(times)} at {baud} baud (find + select + read text + photo)")
    print(f"bytes exchanged per read: {byte_count:.0f}")
    print(f"wire time (10 bits/byte): {wire_ms:.1f} ms")
    print(
        f"read time: median {median_ms:.1f} ms, min {min(times) * 1000:.1f} ms, "
        f"max {max(times) * 1000:.1f} ms"
    )
    print(f"ratio read/wire: {median_ms / wire_ms:.2f}")


if __name__ == "__main__":
    main()
