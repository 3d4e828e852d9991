"""The serial transport to a SAM: one command out, one answer back, retried where safe.

Every exchange clears stale input, writes the command frame and reads until a
whole answer frame is in, skipping any noise before its preamble. An attempt
fails on silence, on bytes that never form a frame (garbage, a truncated
answer), on a bad checksum, or when the SAM says our command arrived damaged
(SW3 10/11). Each failure is retried with the *same* command: every SAM command
is safe to repeat, including 30 01, whose mangled answer still counts on the
card (the selection survives a read, so re-sending 30 01 works where a new
find would answer 80).

pyserial exceptions (port gone, unplugged USB adapter) become `PortUnavailable`.
"""

from __future__ import annotations

import contextlib
import sys
import time
from typing import Protocol

import serial

from devices.resident_id.errors import AnswerTimeout, FrameError, PortUnavailable
from devices.resident_id.frames import (
    Response,
    bytes_still_needed,
    decode_response,
    encode_command,
    split_frame,
)
from devices.resident_id.status_words import RETRYABLE_STATUS, Command

BITS_PER_BYTE = 10  # 8N1: start bit, 8 data bits, stop bit
# How long one port.read() may block before the deadline is checked again.
_POLL_S = 0.05

# What pyserial lets escape when the device vanishes: its own exception, the
# OS error, and on POSIX a bare termios.error from tcflush/tcsetattr (not an OSError).
if sys.platform == "win32":
    _PORT_ERRORS: tuple[type[Exception], ...] = (serial.SerialException, OSError)
else:
    import termios

    _PORT_ERRORS = (serial.SerialException, OSError, termios.error)


class SerialPort(Protocol):
    """The part of `serial.Serial` the link uses (a test or bench can wrap one)."""

    def write(self, data: bytes, /) -> int | None: ...

    def read(self, size: int = 1, /) -> bytes: ...

    def reset_input_buffer(self) -> None: ...

    def close(self) -> None: ...


def open_serial_port(port: str, baudrate: int, write_timeout_s: float) -> SerialPort:
    """Open a port 8N1 with a short read timeout (the link polls against its own deadline)."""
    try:
        handle: SerialPort = serial.Serial(
            port,
            baudrate=baudrate,
            bytesize=serial.EIGHTBITS,
            parity=serial.PARITY_NONE,
            stopbits=serial.STOPBITS_ONE,
            timeout=_POLL_S,
            write_timeout=write_timeout_s,
        )
    except (*_PORT_ERRORS, ValueError) as exc:
        raise PortUnavailable(f"cannot open serial port {port}: {exc}") from exc
    handle.reset_input_buffer()  # bytes a previous user left queued are not ours
    return handle


class SamLink:
    """Command/answer exchanges with retries over an open port."""

    def __init__(self, port: SerialPort, *, baudrate: int, timeout_s: float, retries: int) -> None:
        self._port = port
        self._byte_time_s = BITS_PER_BYTE / baudrate
        self._timeout_s = timeout_s
        self._attempts = 1 + retries
        self.bytes_sent = 0
        self.bytes_received = 0

    def exchange(self, command: Command) -> Response:
        """Send a command and return the SAM's answer, retrying damaged exchanges."""
        failure: Exception | None = None
        for _ in range(self._attempts):
            try:
                response = self._attempt(command)
            except (AnswerTimeout, FrameError) as exc:
                failure = exc
                continue
            if response.sw3 in RETRYABLE_STATUS:
                failure = FrameError(f"the SAM received a damaged command (SW3 {response.sw3:02X})")
                continue
            return response
        tries = f"after {self._attempts} attempt{'s' if self._attempts > 1 else ''}"
        if isinstance(failure, AnswerTimeout):
            raise AnswerTimeout(f"no answer to {command.label} {tries}") from failure
        raise FrameError(f"{command.label}: {failure} ({tries})") from failure

    def close(self) -> None:
        # Closing a port that already vanished may fail: nothing is left to release.
        with contextlib.suppress(*_PORT_ERRORS):
            self._port.close()

    def _attempt(self, command: Command) -> Response:
        frame = encode_command(command)
        try:
            self._port.reset_input_buffer()
            self._port.write(frame)
        except _PORT_ERRORS as exc:
            raise PortUnavailable(
                f"serial port failed while sending {command.label}: {exc}"
            ) from exc
        self.bytes_sent += len(frame)
        return self._receive(command)

    def _receive(self, command: Command) -> Response:
        # The answer must begin within timeout_s (covers the SAM's own work,
        # up to a second for a read on real hardware); once a header is in,
        # allow twice the wire time of what it announces, so a long answer at a
        # low baud rate is not cut off and a truncated one is noticed quickly.
        deadline = time.monotonic() + self._timeout_s
        buffer = b""
        received = 0
        header_seen = False
        while True:
            skip, frame = split_frame(buffer)
            buffer = buffer[skip:]
            if frame is not None:
                return decode_response(frame)
            need = bytes_still_needed(buffer)
            if not header_seen and len(buffer) >= 7:
                header_seen = True
                deadline = max(deadline, time.monotonic() + 2 * need * self._byte_time_s + _POLL_S)
            if time.monotonic() >= deadline:
                if received == 0:
                    raise AnswerTimeout(f"no answer to {command.label}")
                if header_seen:
                    raise FrameError(f"answer cut short: {len(buffer)} bytes, {need} missing")
                raise FrameError(f"{received} bytes that form no frame")
            try:
                chunk = self._port.read(need)
            except _PORT_ERRORS as exc:
                raise PortUnavailable(
                    f"serial port failed while reading the answer to {command.label}: {exc}"
                ) from exc
            received += len(chunk)
            self.bytes_received += len(chunk)
            buffer += chunk
