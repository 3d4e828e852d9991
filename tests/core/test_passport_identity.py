"""A citizen with a passport: the details that open the chip, typed or scanned, and the face."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from devices.emrtd.mrz import MrzKey
from devices.identity import Authenticity, DocumentType, Verdict
from devices.protocols import ReadOutcome
from devices.simulated import synthetic_resident_card
from devices.simulated.passport import passport_mrz_lines, synthetic_passport
from kiosk.catalogue import Catalogue
from kiosk.mrz_entry import key_from_entry, key_from_scan
from kiosk.photos import drawable_face
from kiosk.workflow import events as ev
from kiosk.workflow.states import Filling, IdentityCheck
from kiosk.workflow.transitions import next_state
from offline_cache.db import Database
from tests.conftest import state_now
from tests.core.test_workflow import Desk, S

PASSPORT_DETAILS = ("ea 1234567", "1985-03-14", "2031/07/20")


def at_passport_step(tmp_path: Path, db: Database, catalogue: Catalogue) -> Desk:
    desk = Desk(tmp_path, db, catalogue)
    desk.begin(passport=True)
    return desk


def test_citizen_types_the_passport_details_and_the_chip_opens_with_the_face(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = at_passport_step(tmp_path, db, catalogue)
    assert desk.workflow.state == IdentityCheck(S, needs_key=True)
    assert desk.scheduler.pending == []  # nothing to poll until the citizen types

    desk.workflow.dispatch(ev.MrzKeyTyped(*PASSPORT_DETAILS))

    assert state_now(desk.workflow) == Filling(S, 0)
    document = desk.workflow.document
    assert document is not None
    assert document.document_type is DocumentType.PASSPORT
    assert desk.workflow.form is not None
    assert desk.workflow.form.value("operator_name") == "李卫明"
    face = desk.workflow.face
    assert face is not None
    assert Image.open(io.BytesIO(face)).format == "JPEG"
    # The key is the citizen's data: once read, the reader no longer holds it.
    assert desk.reader.read().outcome is ReadOutcome.KEY_NEEDED


def test_mistyped_details_are_explained_field_by_field_without_touching_the_chip(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = at_passport_step(tmp_path, db, catalogue)
    reads = desk.reader.reads

    desk.workflow.dispatch(ev.MrzKeyTyped("E1", "1985-02-30", ""))

    state = desk.workflow.state
    assert isinstance(state, IdentityCheck)
    assert state.needs_key
    assert [(p.field, p.code) for p in state.key_problems] == [
        ("document_number", "document_number"),
        ("birth_date", "not_a_date"),
        ("expiry_date", "required"),
    ]
    assert desk.reader.reads == reads


def test_details_the_chip_refuses_are_asked_again_and_the_chip_is_not_hammered(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = at_passport_step(tmp_path, db, catalogue)

    desk.workflow.dispatch(ev.MrzKeyTyped("EA1234567", "1985-03-15", "2031-07-20"))

    assert desk.workflow.state == IdentityCheck(S, needs_key=True, problem="access_denied")
    assert desk.scheduler.pending == []
    desk.workflow.dispatch(ev.MrzKeyTyped(*PASSPORT_DETAILS))
    assert state_now(desk.workflow) == Filling(S, 0)


def test_scanned_photo_page_opens_the_chip_and_a_bad_scan_says_so(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = at_passport_step(tmp_path, db, catalogue)

    desk.workflow.dispatch(ev.MrzScanned("https://example.org/not-a-passport"))
    assert desk.workflow.state == IdentityCheck(S, needs_key=True, problem="mrz_unreadable")

    desk.workflow.dispatch(ev.MrzScanned("\n".join(passport_mrz_lines())))
    assert state_now(desk.workflow) == Filling(S, 0)


def test_passport_put_down_after_the_details_is_waited_for_then_read(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = at_passport_step(tmp_path, db, catalogue)
    desk.reader.remove()
    desk.workflow.dispatch(ev.MrzKeyTyped(*PASSPORT_DETAILS))
    state = desk.workflow.state
    assert state == IdentityCheck(S, problem="no_document", with_key=True)
    assert state.needs_key is False

    desk.reader.insert_passport()
    desk.scheduler.fire_all()
    assert desk.workflow.state == Filling(S, 0)


def test_details_arriving_when_none_are_asked_for_change_nothing(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = at_passport_step(tmp_path, db, catalogue)
    desk.reader.remove()
    desk.workflow.dispatch(ev.MrzKeyTyped(*PASSPORT_DETAILS))
    waiting = desk.workflow.state
    reads = desk.reader.reads

    desk.workflow.dispatch(ev.MrzScanned("not an MRZ"))  # a late scan, say
    desk.workflow.dispatch(ev.MrzKeyTyped("E1", "", ""))

    assert desk.workflow.state == waiting
    assert desk.reader.reads == reads


def test_starting_over_forgets_the_typed_details(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = at_passport_step(tmp_path, db, catalogue)
    desk.reader.remove()
    desk.workflow.dispatch(ev.MrzKeyTyped(*PASSPORT_DETAILS))

    desk.workflow.dispatch(ev.Cancelled())
    desk.reader.insert_passport()

    assert desk.reader.read().outcome is ReadOutcome.KEY_NEEDED


def test_document_that_fails_its_authenticity_check_is_refused_and_not_read_again(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    desk = Desk(tmp_path, db, catalogue)
    forged = replace(
        synthetic_resident_card(),
        authenticity=Authenticity(Verdict.FAILED, "failed: DG1 hash does not match the SOD"),
    )
    desk.workflow.dispatch(ev.Started())
    desk.workflow.dispatch(ev.ServiceChosen(S))
    desk.workflow.dispatch(ev.NextPressed())  # past the guidance: start
    desk.reader.insert(forged)
    desk.scheduler.fire_all()

    assert desk.workflow.state == IdentityCheck(S, problem="not_genuine")
    assert desk.workflow.document is None
    assert desk.scheduler.pending == []


def test_key_needed_only_matters_at_the_identity_step() -> None:
    state = IdentityCheck(S, reading=True)
    assert next_state(state, ev.DocumentNotRead("key_needed"), None, None) == IdentityCheck(
        S, needs_key=True
    )
    # Typed details arriving when none were asked for change nothing.
    assert next_state(IdentityCheck(S), ev.MrzKeyTyped(*PASSPORT_DETAILS), None, None) == (
        IdentityCheck(S)
    )
    # A resident ID card the SAM refuses is not a passport key problem.
    assert next_state(state, ev.DocumentNotRead("access_denied"), None, None) == IdentityCheck(
        S, problem="access_denied"
    )


def test_typed_details_accept_the_ways_people_write_dates() -> None:
    expected = MrzKey("EA1234567", "850314", "310720")
    for birth in ("1985-03-14", "1985/03/14", "19850314", "850314", "１９８５－０３－１４"):
        assert key_from_entry(" EA1234567 ", birth, "2031-07-20") == expected


@given(st.text(max_size=60), st.text(max_size=20), st.text(max_size=20))
def test_anything_typed_gives_a_key_or_field_problems(number: str, birth: str, expiry: str) -> None:
    result = key_from_entry(number, birth, expiry)
    assert isinstance(result, MrzKey) or all(p.field for p in result)


@given(st.text(max_size=200))
def test_anything_scanned_gives_a_key_or_nothing(text: str) -> None:
    assert key_from_scan(text) is None or isinstance(key_from_scan(text), MrzKey)


def test_jpeg_2000_face_is_converted_and_a_licensed_or_broken_photo_is_not_shown() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), (200, 150, 120)).save(buffer, format="JPEG2000")
    passport = replace(synthetic_passport(), photo=buffer.getvalue(), photo_media_type="image/jp2")

    png = drawable_face(passport)

    assert png is not None
    assert Image.open(io.BytesIO(png)).size == (60, 80)
    assert drawable_face(replace(passport, photo=b"\x00\x00\x00\x0cjP  broken")) is None
    assert drawable_face(synthetic_resident_card()) is None
