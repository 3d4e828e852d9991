"""Parsed and laid-out input, over many examples: any text wraps to the roll without losing
a character, any answer of a central's queue is a ticket or a clear refusal, and a slip
kept for the print journal reads back as it was written."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.protocols import Ticket, TicketLine
from kiosk.catalogue import Text
from kiosk.clock import CHINA_TZ
from kiosk.documents.thermal import COLUMNS, width, wrap
from kiosk.documents.ticket_file import TicketFileError, read_ticket, ticket_json
from kiosk.queueing.central_queue import Request
from kiosk.queueing.central_queue import read_ticket as read_answer
from kiosk.sync.errors import CentralBusy

NOW = datetime(2026, 11, 23, 9, 40, tzinfo=CHINA_TZ)
REQUEST = Request("enquiry", Text("咨询", "Enquiry"))
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("登记企业　，。 "),
    max_size=200,
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=texts, columns=st.integers(min_value=2, max_value=COLUMNS))
def test_any_text_wraps_within_the_roll_and_keeps_every_character(text: str, columns: int) -> None:
    lines = wrap(text, columns)

    assert all(width(line) <= columns for line in lines)
    kept = "".join("".join(lines).split())
    assert kept == "".join(text.split())


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    answer=st.dictionaries(
        st.sampled_from(
            ["ticket", "waiting", "estimated_wait_minutes", "window", "label", "issued_at", "hall"]
        ),
        json_values,
    )
)
def test_any_answer_of_a_central_is_a_ticket_or_a_clear_refusal(answer: dict[str, Any]) -> None:
    try:
        ticket = read_answer(answer, REQUEST, NOW)
    except CentralBusy:
        return
    assert ticket.number.strip() == ticket.number != ""
    assert ticket.waiting is None or ticket.waiting >= 0
    assert ticket.estimated_wait_minutes is None or ticket.estimated_wait_minutes >= 0
    assert ticket.issued_at.tzinfo is not None


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    lines=st.lists(
        st.builds(
            TicketLine,
            texts,
            bold=st.booleans(),
            double_size=st.booleans(),
            align=st.sampled_from(["left", "center", "right"]),
        ),
        max_size=8,
    ),
    qr=st.none() | st.text(max_size=60),
)
def test_a_kept_slip_reads_back_as_it_was_written(
    tmp_path_factory: pytest.TempPathFactory, lines: list[TicketLine], qr: str | None
) -> None:
    path = tmp_path_factory.mktemp("slip") / "s.ticket.json"
    slip = Ticket(tuple(lines), qr=qr)
    path.write_bytes(ticket_json(slip))

    assert read_ticket(path) == slip


def test_a_file_that_is_not_a_slip_is_refused_plainly(tmp_path: Path) -> None:
    path = tmp_path / "x.ticket.json"
    for content in (b"", b"[]", b'{"version": 2, "lines": [], "cut": true}', b"\xff"):
        path.write_bytes(content)
        with pytest.raises(TicketFileError):
            read_ticket(path)


def test_a_date_or_a_number_is_never_split_across_lines() -> None:
    lines = wrap("承诺时限：3 个工作日，2026-11-05 前（遇法定节假日顺延）", 28)

    assert any("2026-11-05" in line for line in lines)
    assert wrap("Submitted 2026-11-02 09:30; not yet", 20) == [
        "Submitted 2026-11-02",
        "09:30; not yet",
    ]
