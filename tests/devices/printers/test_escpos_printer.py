"""EscposReceiptPrinter: byte-exact rendering, the devstack sink, and a status-answering TCP printer."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from escpos.printer import Dummy

from devices.errors import DeviceConfigError, PrinterError
from devices.printers.escpos import EscposReceiptPrinter
from devices.printers.escpos_connections import (
    NetworkConnection,
    SerialConnection,
    UsbConnection,
    connection_from_config,
)
from devices.printers.escpos_render import render_ticket
from devices.protocols import PrintOutcome, ReceiptPrinter, Ticket, TicketLine
from devices.status import DeviceState
from tests.devices.printers.conftest import PrintStack

Q = {n: b"\x10\x04" + bytes([n]) for n in (1, 2, 3, 4)}
ALL_QUERIES = Q[1] + Q[2] + Q[3] + Q[4]
READY = {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12}

TICKET = Ticket(
    lines=(
        TicketLine("自助服务回执", bold=True, double_size=True, align="center"),
        TicketLine("号码：A017"),
    ),
    qr="KX-1",
)


class DummyConnection:
    """Opens python-escpos Dummy printers and keeps the last one for inspection."""

    missing_state = DeviceState.NO_DEVICE
    timeout_s = 1.0

    def __init__(self) -> None:
        self.last: Dummy | None = None

    def describe(self) -> str:
        return "dummy"

    def open(self, profile: str | None) -> Any:
        self.last = Dummy(profile=profile)
        return self.last

    def set_timeout(self, device: Any, timeout_s: float) -> None:
        """Dummy has no reads to bound."""

    def discard_input(self, device: Any) -> None:
        """Dummy never receives anything."""


class StatusPrinter:
    """A TCP 'printer' that answers DLE EOT n with the byte configured for n.

    ``rounds[i]`` answers the i-th set of four queries (the last one repeats);
    a missing n is never answered. Everything received is kept in ``received``.
    """

    def __init__(self, *rounds: dict[int, int]) -> None:
        self.rounds = rounds
        self.received = bytearray()
        self.queries = 0
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                pending = b""
                while chunk := conn.recv(4096):
                    self.received += chunk
                    pending += chunk
                    while (at := pending.find(b"\x10\x04")) >= 0 and len(pending) > at + 2:
                        n = pending[at + 2]
                        pending = pending[at + 3 :]
                        answers = self.rounds[min(self.queries // 4, len(self.rounds) - 1)]
                        self.queries += 1
                        if n in answers:
                            conn.sendall(bytes([answers[n]]))

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def status_printer() -> Iterator[type[StatusPrinter]]:
    made: list[StatusPrinter] = []

    class Tracked(StatusPrinter):
        def __init__(self, *rounds: dict[int, int]) -> None:
            super().__init__(*rounds)
            made.append(self)

    yield Tracked
    for server in made:
        server.close()


def network(port: int, **kwargs: Any) -> EscposReceiptPrinter:
    return EscposReceiptPrinter(
        NetworkConnection("127.0.0.1", port, timeout_s=2.0), status_timeout_s=0.2, **kwargs
    )


# -- rendering ---------------------------------------------------------------------


def test_ticket_renders_to_exact_escpos_bytes_with_gb18030_chinese() -> None:
    expected = (
        b"\x1b@"  # ESC @ initialise
        b"\x1c&"  # FS & Chinese mode
        b"\x1d!\x11\x1bE\x01\x1ba\x01"  # GS ! double w+h, ESC E bold, ESC a center
        + "自助服务回执".encode("gb18030")
        + b"\n"
        + b"\x1d!\x00\x1bE\x00\x1ba\x00"
        + "号码：A017".encode("gb18030")
        + b"\n"
        + b"\x1d!\x00\x1bE\x00\x1ba\x00"  # back to plain before the QR
        + b"\x1ba\x01"
        + b"\x1d(k\x04\x001A2\x00"  # QR model 2
        + b"\x1d(k\x03\x001C\x06"  # module size 6
        + b"\x1d(k\x03\x001E0"  # error correction L
        + b"\x1d(k\x07\x001P0KX-1"  # store the data
        + b"\x1d(k\x03\x001Q0"  # print it
        + b"\x1ba\x00"
        + b"\x1bd\x06\x1dV\x00"  # feed 6 lines, full cut
    )
    assert render_ticket(TICKET) == expected


def test_fullwidth_punctuation_without_han_characters_is_still_gb18030() -> None:
    data = render_ticket(Ticket(lines=(TicketLine("：（）"),), cut=False))

    assert "：（）".encode("gb18030") + b"\n" in data
    assert b"\x1bt" not in data  # no code-page switch


def test_control_characters_in_text_cannot_inject_printer_commands() -> None:
    data = render_ticket(Ticket(lines=(TicketLine("A\x1bd\x09\x1dV\x00B"),), cut=False))

    assert b"A d  V B\n" in data
    assert b"\x1dV" not in data


def test_unknown_alignment_is_a_printer_error() -> None:
    with pytest.raises(PrinterError, match="alignment"):
        render_ticket(Ticket(lines=(TicketLine("x", align="justify"),)))


# -- Dummy: no status channel --------------------------------------------------------


def test_printer_without_a_status_channel_refuses_by_default_and_sends_no_ticket() -> None:
    connection = DummyConnection()
    printer = EscposReceiptPrinter(connection)

    result = printer.print_ticket(TICKET)

    assert isinstance(printer, ReceiptPrinter)
    assert result.outcome is PrintOutcome.FAILED
    assert "status unknown" in result.detail
    assert connection.last is not None
    assert connection.last.output == Q[1]  # the question, never the ticket


def test_unconfirmed_printing_sends_exact_bytes_and_says_unconfirmed() -> None:
    connection = DummyConnection()
    printer = EscposReceiptPrinter(connection, allow_unconfirmed=True)

    result = printer.print_ticket(TICKET)
    status = printer.status()

    assert result.outcome is PrintOutcome.PRINTED
    assert "unconfirmed" in result.detail
    assert connection.last is not None
    assert connection.last.output == Q[1]  # status() asked and got no answer
    assert status.state is DeviceState.ONLINE
    assert "unknown" in status.reason


# -- a TCP printer that answers status ------------------------------------------------


def test_ready_printer_gets_queries_then_the_ticket_then_queries(status_printer: Any) -> None:
    server = status_printer(READY)

    result = network(server.port).print_ticket(TICKET)

    assert result.outcome is PrintOutcome.PRINTED, result.detail
    assert result.detail == "ready"
    assert bytes(server.received) == ALL_QUERIES + render_ticket(TICKET) + ALL_QUERIES


def test_paper_near_end_prints_and_reports_low_paper(status_printer: Any) -> None:
    server = status_printer({**READY, 4: 0x1E})
    printer = network(server.port)

    result = printer.print_ticket(TICKET)
    status = printer.status()

    assert result.outcome is PrintOutcome.PRINTED
    assert result.detail == "paper near end"
    assert status.state is DeviceState.ONLINE
    assert status.media == "low"
    assert status.heartbeat_word() == "warning"


def test_paper_out_printer_reports_failure_and_prints_nothing(status_printer: Any) -> None:
    server = status_printer({1: 0x1A, 2: 0x32, 3: 0x12, 4: 0x7E})
    printer = network(server.port)

    result = printer.print_ticket(TICKET)
    status = printer.status()

    assert result.outcome is PrintOutcome.PAPER_OUT
    assert result.detail == "not printed: paper out"
    assert bytes(server.received) == ALL_QUERIES + ALL_QUERIES  # print, then status()
    assert status.state is DeviceState.USER_ERROR
    assert status.media == "out"


def test_cover_open_printer_reports_failure_and_prints_nothing(status_printer: Any) -> None:
    server = status_printer({1: 0x1A, 2: 0x16, 3: 0x12, 4: 0x12})

    result = network(server.port).print_ticket(TICKET)

    assert result.outcome is PrintOutcome.FAILED
    assert result.detail == "not printed: cover open"
    assert bytes(server.received) == ALL_QUERIES


def test_paper_running_out_during_the_ticket_is_unconfirmed_not_retry_safe(
    status_printer: Any,
) -> None:
    server = status_printer(READY, {1: 0x1A, 2: 0x32, 3: 0x12, 4: 0x7E})

    result = network(server.port).print_ticket(TICKET)

    # The ticket was sent: part of it, or all of it, may be out.
    assert result.outcome is PrintOutcome.UNCONFIRMED
    assert not result.retry_safe
    assert "sent, then: paper out" in result.detail
    assert bytes(server.received) == ALL_QUERIES + render_ticket(TICKET) + ALL_QUERIES


def test_printer_falling_silent_after_the_ticket_was_sent_is_unconfirmed(
    status_printer: Any,
) -> None:
    server = status_printer(READY, {})

    result = network(server.port).print_ticket(TICKET)

    assert result.outcome is PrintOutcome.UNCONFIRMED
    assert not result.retry_safe
    assert "stopped answering status" in result.detail
    assert bytes(server.received) == ALL_QUERIES + render_ticket(TICKET) + Q[1]


def test_silent_printer_is_status_unknown_and_gets_no_ticket(status_printer: Any) -> None:
    server = status_printer({})
    printer = network(server.port)

    started = time.monotonic()
    result = printer.print_ticket(TICKET)
    elapsed = time.monotonic() - started

    assert result.outcome is PrintOutcome.FAILED
    assert result.retry_safe  # nothing was sent
    assert "no answer to DLE EOT 1 within 0.2 s" in result.detail
    assert bytes(server.received) == Q[1]
    assert elapsed < 1.0
    assert printer.status().state is DeviceState.HARDWARE_ERROR


def test_garbage_status_answer_is_status_unknown_not_a_crash(status_printer: Any) -> None:
    server = status_printer({**READY, 2: 0xFF})

    result = network(server.port).print_ticket(TICKET)

    assert result.outcome is PrintOutcome.FAILED
    assert "answer ff to DLE EOT 2 is not a status byte" in result.detail


def test_unreachable_network_printer_is_offline() -> None:
    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        port = placeholder.getsockname()[1]  # bound, not listening: connection refused
        printer = network(port)

        result = printer.print_ticket(TICKET)
        status = printer.status()

    assert result.outcome is PrintOutcome.OFFLINE
    assert result.detail.startswith(f"not printed: printer not reachable at tcp://127.0.0.1:{port}")
    assert status.state is DeviceState.OFFLINE


# -- the devstack's port-9100 sink ---------------------------------------------------


def _new_jobs(outdir: Path, before: set[Path], timeout: float = 3.0) -> list[bytes]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        new = sorted(set(outdir.glob("job-*.bin")) - before)
        if new:
            return [p.read_bytes() for p in new]
        time.sleep(0.05)
    return []


def test_sink_receives_the_exact_ticket_when_unconfirmed_printing_is_allowed(
    devstack_print: PrintStack,
) -> None:
    token = uuid.uuid4().hex[:8]
    ticket = Ticket(lines=(TicketLine(f"排队号 {token}", double_size=True),), qr=token)
    before = set(devstack_print.escpos_out.glob("job-*.bin"))
    printer = network(devstack_print.escpos_port, allow_unconfirmed=True)

    result = printer.print_ticket(ticket)

    assert result.outcome is PrintOutcome.PRINTED
    assert "unconfirmed" in result.detail
    jobs = [job for job in _new_jobs(devstack_print.escpos_out, before) if token.encode() in job]
    assert jobs == [Q[1] + render_ticket(ticket)]


def test_sink_gets_only_the_status_question_when_confirmation_is_required(
    devstack_print: PrintStack,
) -> None:
    before = set(devstack_print.escpos_out.glob("job-*.bin"))

    result = network(devstack_print.escpos_port).print_ticket(TICKET)

    assert result.outcome is PrintOutcome.FAILED
    assert "status unknown" in result.detail
    assert Q[1] in _new_jobs(devstack_print.escpos_out, before)
    assert not any(
        "自助服务回执".encode("gb18030") in p.read_bytes()
        for p in set(devstack_print.escpos_out.glob("job-*.bin")) - before
    )


# -- configuration -------------------------------------------------------------------


def test_connections_are_built_from_config() -> None:
    assert connection_from_config({"type": "network", "host": "10.0.0.5"}) == NetworkConnection(
        "10.0.0.5", 9100
    )
    assert connection_from_config(
        {"type": "serial", "port": "/dev/ttyS1", "baudrate": "115200"}
    ) == SerialConnection("/dev/ttyS1", 115200)
    assert connection_from_config(
        {"type": "usb", "vendor_id": "04b8", "product_id": "0x0202"}
    ) == UsbConnection(0x04B8, 0x0202)


@pytest.mark.parametrize(
    "config",
    [
        {"type": "bluetooth"},
        {"type": "network"},
        {"type": "usb", "vendor_id": "zz", "product_id": 1},
    ],
)
def test_bad_connection_config_is_a_config_error(config: dict[str, Any]) -> None:
    with pytest.raises(DeviceConfigError):
        connection_from_config(config)
