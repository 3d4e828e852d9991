"""Every part of the kiosk that touches the outbox seals and opens its bodies with the data
key (issue 9, point 4): the running kiosk, `kiosk sync run`, `kiosk outbox`, `kiosk lookup`."""

from __future__ import annotations

import ast
import json
import sqlite3
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.clock import ManualClock
from kiosk.config import KioskConfig
from kiosk.keys import open_data_key
from kiosk.runtime import KioskServices
from kiosk.sealed_outbox import sealed_outbox
from kiosk.submissions import OutboxSubmissionDesk
from kiosk.sync.engine import SyncEngine
from kiosk.workflow.ports import Submission
from offline_cache.db import Database
from offline_cache.outbox import Outbox

REPO = Path(__file__).resolve().parents[2]
ID_NUMBER = "330702198503121239"
OTHER_ID_NUMBER = "330702199001010023"


def outbox_calls_without_a_key() -> list[str]:
    """``Outbox(...)`` built in the kiosk's code without saying ``body_key`` (file:line).

    A tool that only counts rows may say ``body_key=None``: it neither stores a body
    nor opens one."""
    found = []
    for path in sorted((REPO / "kiosk").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Outbox"
                and not any(keyword.arg == "body_key" for keyword in node.keywords)
            ):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_no_part_of_the_kiosk_builds_an_outbox_that_stores_bodies_in_clear() -> None:
    # Build it with kiosk.sealed_outbox (open_kiosk_outbox, or sealed_outbox with the key);
    # a tool that only counts rows says body_key=None.
    assert outbox_calls_without_a_key() == []


def queue_submission(data: Path, *, sealed: bool) -> str:
    """A submission queued on this kiosk, as the kiosk queues it (or as one from before)."""
    db = Database.open(data / "kiosk.sqlite3")
    try:
        outbox = sealed_outbox(db, open_data_key(data)) if sealed else Outbox(db)
        clock = ManualClock()
        desk = OutboxSubmissionDesk(
            outbox, SyncEngine(outbox, lambda: None, clock), clock, kiosk_id="K-330702-0001"
        )
        applicant = {"name": "王丽华", "document_type": "cn_resident_id", "id_number": ID_NUMBER}
        stored = desk.store(Submission("GT-SETUP", "2026.11.1", applicant, {}))
        assert stored.reference is not None
        return stored.reference
    finally:
        db.close()


def clear_bodies(data: Path) -> list[str]:
    conn = sqlite3.connect(data / "kiosk.sqlite3")
    try:
        return [row[0] for row in conn.execute("SELECT body FROM outbox WHERE body != ''")]
    finally:
        conn.close()


def test_the_kiosk_seals_at_start_what_an_older_kiosk_queued_in_clear(tmp_path: Path) -> None:
    data = tmp_path / "data"
    reference = queue_submission(data, sealed=False)
    assert len(clear_bodies(data)) == 1

    services = KioskServices(KioskConfig(data_dir=data, fullscreen=False), ManualClock())
    try:
        assert clear_bodies(data) == []
        item = services.outbox.find(reference)
        assert item is not None
        assert item.body["applicant"]["id_number"] == ID_NUMBER  # the kiosk opens it
    finally:
        services.close()


def test_the_technicians_commands_read_sealed_submissions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    reference = queue_submission(data, sealed=True)
    assert clear_bodies(data) == []

    assert main(["outbox", "--json", "--data-dir", str(data)]) == 0
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["reference"], row["kind"], row["state"], row["unreadable"]) == (
        reference,
        "application",
        "pending",
        False,
    )

    # The look-up compares the identity number inside the sealed body: the
    # applicant's finds it queued, anyone else's finds nothing.
    assert main(["lookup", reference, "--id-number", ID_NUMBER, "--data-dir", str(data)]) == 0
    assert "not sent yet" in capsys.readouterr().out
    wrong = main(["lookup", reference, "--id-number", OTHER_ID_NUMBER, "--data-dir", str(data)])
    assert wrong == 1
    assert "not found" in capsys.readouterr().out


def test_a_data_key_others_can_read_stops_the_commands_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    queue_submission(data, sealed=True)
    (data / "keys" / "data.key").chmod(0o644)

    assert main(["outbox", "--data-dir", str(data)]) == 1
    assert "chmod 600" in capsys.readouterr().err
