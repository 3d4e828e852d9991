"""One visit (issue 11 point 8), without Qt: the licence by post, the bank account at a
bank branch, and the permit applied for right after the registration (证照联办)."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from devices.simulated import SimulatedIdReader, SimulatedPrinter, SimulatedReceiptPrinter
from kiosk.bank_handoff import KIND, PURPOSE, BankHandoffDesk
from kiosk.catalogue import Catalogue, parse_catalogue
from kiosk.clock import ManualClock
from kiosk.delivery import licence_delivery
from kiosk.documents.receipt_content import ReceiptPlace, compose_receipt
from kiosk.documents.receipt_qr import NumberKind, parse_receipt_qr
from kiosk.documents.receipt_words import delivery_words
from kiosk.forms.engine import FormSession
from kiosk.permits import carried_from, fill_from, permit_offers
from kiosk.receipts import PrintingReceiptDesk
from kiosk.slip_printing import SlipMedium
from kiosk.steps import registered  # noqa: F401 - every step kind registers itself
from kiosk.steps.kinds import StepContext, Switch
from kiosk.steps.result import rules
from kiosk.submissions import OutboxSubmissionDesk
from kiosk.sync.engine import SyncEngine
from kiosk.workflow import events as ev
from kiosk.workflow.delays import Delays
from kiosk.workflow.machine import KioskWorkflow
from kiosk.workflow.states import Filling, Finished, ReadingGuidance
from offline_cache.consents import ConsentLog
from offline_cache.db import Database
from offline_cache.outbox import Outbox
from offline_cache.print_journal import PrintJournal, PrintState
from tests.conftest import InlineRunner, ManualScheduler, state_now
from tests.shell.test_citizen_journey import decode_qr_codes

ID_NUMBER = "330702196205050824"
COMPANY = "金华市婺城区恒泰餐饮有限公司"
BANK = "中国工商银行金华婺城支行"
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
POSTED = {
    "licence_delivery": "post",
    "delivery_recipient": "王丽华",
    "delivery_mobile": "13912345678",
    "delivery_region": "330702",
    "delivery_address": "八一南街100号3楼301室",
}


def _form(catalogue: Catalogue, code: str, prefill: dict[str, str] | None = None) -> FormSession:
    schema = catalogue.service(code).form
    assert schema is not None
    return FormSession(schema, prefill, catalogue=catalogue, today=NOW.date)


def _company(catalogue: Catalogue, scope: list[str]) -> FormSession:
    """A company's registration as far as the permit is concerned."""
    form = _form(catalogue, "GS-SETUP", {"name": "王丽华", "id_number": ID_NUMBER})
    assert form.fill_reserved("company_name", COMPANY) == ()
    form.set_value("domicile", "浙江省金华市婺城区八一南街100号3楼301室")
    form.set_value("contact_mobile", "13800138000")
    form.set_json("scope", scope)
    form.set_json(
        "legal_representative",
        {
            "name": "王丽华",
            "document_type": "cn_resident_id",
            "id_number": ID_NUMBER,
            "mobile": "13800138000",
        },
    )
    form.mark_identified("cn_resident_id", ID_NUMBER, "王丽华")
    return form


# -- the licence by post (证照快递) ----------------------------------------------------


def test_the_licence_is_printed_at_a_kiosk_unless_the_citizen_chooses_otherwise(
    catalogue: Catalogue,
) -> None:
    form = _form(catalogue, "GT-SETUP", {"name": "王丽华"})
    assert form.value("licence_delivery") == "kiosk_print"  # the catalogue's default
    assert not form.visible("delivery_address")  # asked only for the post
    chosen = licence_delivery(form.schema, form.payload(), catalogue.regions)
    assert chosen is not None
    assert chosen.how == "kiosk_print"
    assert "delivery_recipient" not in form.payload()  # prefilled, but hidden: not sent


def test_choosing_the_post_asks_where_and_the_receipt_names_it_masked(
    catalogue: Catalogue,
) -> None:
    service = catalogue.service("GT-SETUP")
    form = _form(catalogue, "GT-SETUP", {"name": "王丽华", "id_number": ID_NUMBER})
    form.set_json("licence_delivery", "post")
    assert form.value("delivery_recipient") == "王丽华"  # prefilled from the card
    assert {p.field for p in form.page_problems(1)} >= {
        "delivery_mobile",
        "delivery_region",
        "delivery_address",
    }
    for name, value in POSTED.items():
        form.set_json(name, value)
    assert [p for p in form.page_problems(1) if "delivery" in p.field] == []
    receipt = compose_receipt(
        service=service,
        catalogue=catalogue,
        form=form.payload(),
        applicant={"name": "王丽华", "id_number": ID_NUMBER},
        document=None,
        reference="K0001-000007",
        application_no=None,
        submitted_at=NOW,
        accepted_at=None,
        place=ReceiptPlace("K-330702-0001", "测试大厅"),
    )
    assert receipt.delivery is not None
    assert receipt.delivery.how == "post"
    zh, en = delivery_words(receipt)
    assert "营业执照邮寄至：金华市婺城区八一南街****，收件人 王*华（139****5678）" in zh
    assert "posted to Wucheng District, Jinhua, 八一南街****, for 王*华 (139****5678)" in en
    for private in ("13912345678", "100号3楼301室", "王丽华，"):
        assert private not in zh + en


def test_the_counter_is_said_plainly_and_an_unknown_option_by_its_own_label(
    catalogue: Catalogue, catalogue_data: dict[str, Any]
) -> None:
    form = _form(catalogue, "GT-SETUP")
    form.set_json("licence_delivery", "counter")
    chosen = licence_delivery(form.schema, form.payload(), catalogue.regions)
    assert chosen is not None
    assert chosen.how == "counter"
    # Another province names the question and its options its own way: still read.
    data = copy.deepcopy(catalogue_data)
    field = _field(data, "GT-SETUP", "licence_delivery")
    field["name"] = "lingzhao"
    field["label"] = {"zh": "营业执照领取方式", "en": "Licence"}
    field["options"] = [
        {"value": "youji", "label": {"zh": "免费邮寄", "en": "Free post"}},
        {"value": "dianzi", "label": {"zh": "仅电子营业执照", "en": "Electronic only"}},
    ]
    field.pop("default")
    for other in _fields(data, "GT-SETUP"):
        for key in ("visible_if", "required_if"):
            if other.get(key, {}).get("field") == "licence_delivery":
                other[key]["field"] = "lingzhao"
                other[key]["equals"] = "youji"
    other_catalogue = parse_catalogue(data)
    form = _form(other_catalogue, "GT-SETUP")
    form.set_json("lingzhao", "youji")
    form.set_json("delivery_address", "八一南街100号")
    posted = licence_delivery(form.schema, form.payload(), other_catalogue.regions)
    assert posted is not None
    assert posted.how == "post"
    assert posted.address == "八一南街****"
    form.set_json("lingzhao", "dianzi")
    electronic = licence_delivery(form.schema, form.payload(), other_catalogue.regions)
    assert electronic is not None
    assert electronic.how == "other"
    assert electronic.label.zh == "仅电子营业执照"


# -- 证照联办: the permit the scope needs ------------------------------------------------


def test_a_catering_scope_offers_the_food_permit_and_nothing_else_does(
    catalogue: Catalogue,
) -> None:
    gs = catalogue.service("GS-SETUP")
    offered = permit_offers(catalogue, gs, _company(catalogue, ["G0201", "L0101"]))
    assert [s.code for s in offered] == ["FOOD-PERMIT"]
    assert permit_offers(catalogue, gs, _company(catalogue, ["G0201", "G0103"])) == ()
    # A licensed item whose permit the catalogue does not offer as a service.
    assert permit_offers(catalogue, gs, _company(catalogue, ["L0201"])) == ()
    # Two food items name the one permit once.
    both = permit_offers(catalogue, gs, _company(catalogue, ["L0101", "L0102"]))
    assert [s.code for s in both] == ["FOOD-PERMIT"]
    # The permit's own result does not offer the permit again.
    permit = catalogue.service("FOOD-PERMIT")
    own = _form(catalogue, "FOOD-PERMIT")
    own.set_json("scope", ["L0101"])
    assert permit_offers(catalogue, permit, own) == ()


def test_a_central_without_the_permit_service_offers_nothing_and_one_naming_it_in_requires_does(
    catalogue_data: dict[str, Any],
) -> None:
    without = copy.deepcopy(catalogue_data)
    without["services"] = [s for s in without["services"] if s["code"] != "FOOD-PERMIT"]
    for entry in without["business_scope"]:
        entry.pop("permit_service", None)
    plain = parse_catalogue(without)
    assert permit_offers(plain, plain.service("GS-SETUP"), _company(plain, ["L0101"])) == ()
    # Leniently: a central that names the permit's service in the item's ``requires``.
    lenient = copy.deepcopy(catalogue_data)
    for entry in lenient["business_scope"]:
        if entry.pop("permit_service", None):
            entry["requires"] = "FOOD-PERMIT"
    named = parse_catalogue(lenient)
    offered = permit_offers(named, named.service("GS-SETUP"), _company(named, ["L0101"]))
    assert [s.code for s in offered] == ["FOOD-PERMIT"]


def test_the_permit_form_is_filled_from_the_registration_and_linked_to_it(
    catalogue: Catalogue,
) -> None:
    carried = carried_from(_company(catalogue, ["L0101", "G0201"]), "KA20261123-000042")
    permit = _form(catalogue, "FOOD-PERMIT", {"linked_application": carried.number})
    filled = fill_from(permit, carried)
    assert set(filled) == {
        "company_name",
        "legal_representative",
        "domicile",
        "contact_mobile",
        "scope",
    }
    assert permit.value("linked_application") == "KA20261123-000042"
    assert permit.is_locked(permit.schema.field("linked_application"))  # read-only, prefilled
    assert permit.value("company_name") == COMPANY
    assert permit.json_value("scope") == ["L0101", "G0201"]
    assert permit.is_identified(permit.json_value("legal_representative"))  # read here
    # What the registration did not ask is left for the citizen.
    assert {p.field for p in permit.page_problems(1)} == {
        "premises_address",
        "business_form",
        "food_items",
    }


def test_an_answer_the_permit_would_refuse_is_not_carried(
    catalogue: Catalogue, catalogue_data: dict[str, Any]
) -> None:
    data = copy.deepcopy(catalogue_data)
    _field(data, "FOOD-PERMIT", "domicile")["min_length"] = 60
    strict = parse_catalogue(data)
    carried = carried_from(_company(strict, ["L0101"]), "K0001-000003")
    permit = _form(strict, "FOOD-PERMIT")
    assert "domicile" not in fill_from(permit, carried)
    assert permit.value("domicile") == ""
    assert permit.value("linked_application") == "K0001-000003"  # by its name, not prefilled


def test_the_result_switches_only_to_a_permit_the_scope_names(catalogue: Catalogue) -> None:
    gs = catalogue.service("GS-SETUP")
    done = Finished("GS-SETUP", "K0001-000001", "KA20261123-000001", receipt="printed")
    food = StepContext(gs, _company(catalogue, ["L0101"]), ())
    plain = StepContext(gs, _company(catalogue, ["G0201"]), ())
    assert rules(done, ev.ContinueWith("FOOD-PERMIT"), food) == Switch("FOOD-PERMIT")
    assert rules(done, ev.ContinueWith("FOOD-PERMIT"), plain) == done
    assert rules(done, ev.ContinueWith("NAME-DECL"), food) == done


def test_the_bank_question_is_asked_then_answered(catalogue: Catalogue) -> None:
    context = StepContext(catalogue.service("GT-SETUP"), None, ())
    done = Finished("GT-SETUP", "K0001-000001", None, receipt="printed")
    asking = rules(done, ev.BankAccountAsked(), context)
    assert asking == Finished("GT-SETUP", "K0001-000001", None, "printed", handoff="asking")
    assert isinstance(asking, Finished)
    declined = rules(asking, ev.BankConsentDeclined(), context)
    assert isinstance(declined, Finished)
    assert declined.handoff == "declined"
    assert rules(declined, ev.BankConsentGiven(), context) == declined  # not asked now
    asked_again = rules(declined, ev.BankAccountAsked(), context)
    assert isinstance(asked_again, Finished)
    printing = rules(asked_again, ev.BankConsentGiven(), context)
    assert isinstance(printing, Finished)
    assert printing.handoff == "printing"
    failed = rules(printing, ev.BankSlipPrinted("failed", "paper out"), context)
    assert isinstance(failed, Finished)
    assert (failed.handoff, failed.handoff_detail) == (
        "failed",
        "paper out",
    )
    again = rules(failed, ev.BankConsentGiven(), context)  # "try printing the slip again"
    assert isinstance(again, Finished)
    assert again.handoff == "printing"


# -- the whole result, through the workflow on real parts ----------------------------


class Kiosk:
    """The workflow over SQLite, the simulated reader and printers, with a scope-asking
    sole proprietorship: a province's catalogue may ask GT-SETUP's scope from the list."""

    def __init__(
        self,
        tmp_path: Path,
        db: Database,
        catalogue_data: dict[str, Any],
        *,
        bank: str | None,
        tickets: SimulatedReceiptPrinter | None = None,
    ) -> None:
        data = copy.deepcopy(catalogue_data)
        scope = _field(data, "GT-SETUP", "business_scope")
        scope.update(name="scope", type="scope", min_items=1, example=["G0101"])
        for key in ("min_length", "max_length", "multiline"):
            scope.pop(key)
        self.catalogue = parse_catalogue(data)
        assert self.catalogue.service("GT-SETUP").offered_on_kiosk
        self.clock = ManualClock(NOW)
        self.reader = SimulatedIdReader()
        self.reader.remove()
        self.printer = SimulatedPrinter(tmp_path / "printed")
        self.db = db
        outbox = Outbox(db)
        engine = SyncEngine(outbox, lambda: None, self.clock)
        self.receipts = PrintingReceiptDesk(
            self.printer,
            tmp_path / "receipts",
            PrintJournal(db),
            self.clock,
            delete_when_printed=True,
            slips=SlipMedium(tickets),
        )
        self.consents = ConsentLog(db)
        self.scheduler = ManualScheduler()
        self.workflow = KioskWorkflow(
            reader=self.reader,
            submissions=OutboxSubmissionDesk(outbox, engine, self.clock, kiosk_id="K-330702-0001"),
            receipts=self.receipts,
            runner=InlineRunner(),
            scheduler=self.scheduler,
            clock=self.clock,
            delays=Delays(idle_timeout_s=60, idle_warning_s=20),
            kiosk_id="K-330702-0001",
            bank=BankHandoffDesk(bank, self.consents, self.receipts, self.clock) if bank else None,
        )
        self.workflow.set_catalogue(self.catalogue)

    def register(self, scope: list[str]) -> Finished:
        wf = self.workflow
        wf.dispatch(ev.Started())
        wf.dispatch(ev.ServiceChosen("GT-SETUP"))
        wf.dispatch(ev.NextPressed())
        self.reader.insert()
        self.scheduler.fire_all()
        wf.set_value("mobile", "13800138000")
        wf.dispatch(ev.NextPressed())
        wf.set_value("trade_name", "金华市婺城区丽华小吃店")
        wf.set_json("scope", scope)
        for name, value in POSTED.items():
            wf.set_json(name, value)
        wf.dispatch(ev.NextPressed())
        wf.dispatch(ev.SubmitPressed())
        state = wf.state
        assert isinstance(state, Finished), state
        assert state.receipt == "printed", state
        return state

    def journal(self, kind: str) -> list[Any]:
        return [job for job in PrintJournal(self.db).jobs() if job.kind == kind]


def test_declining_the_bank_shares_records_and_prints_nothing(
    tmp_path: Path, db: Database, catalogue_data: dict[str, Any]
) -> None:
    kiosk = Kiosk(tmp_path, db, catalogue_data, bank=BANK)
    kiosk.register(["G0101"])
    wf = kiosk.workflow
    assert wf.bank_name == BANK  # a registration, at a bank branch
    printed_before = sorted((tmp_path / "printed").iterdir())
    wf.dispatch(ev.BankAccountAsked())
    wf.dispatch(ev.BankConsentDeclined())
    assert isinstance(wf.state, Finished)
    assert wf.state.handoff == "declined"
    assert kiosk.consents.all() == []
    assert kiosk.journal(KIND) == []
    assert sorted((tmp_path / "printed").iterdir()) == printed_before


def test_consenting_records_the_consent_and_prints_the_slip_for_the_counter(
    tmp_path: Path, db: Database, catalogue_data: dict[str, Any]
) -> None:
    kiosk = Kiosk(tmp_path, db, catalogue_data, bank=BANK)
    finished = kiosk.register(["G0101"])
    wf = kiosk.workflow
    wf.dispatch(ev.BankAccountAsked())
    wf.dispatch(ev.BankConsentGiven())
    assert isinstance(wf.state, Finished)
    assert wf.state.handoff == "printed"

    [consent] = kiosk.consents.all()
    assert (consent.purpose, consent.reference, consent.recipient) == (
        PURPOSE,
        finished.reference,  # queued: the provisional reference the citizen holds
        BANK,
    )
    assert consent.shared == ("application_no", "enterprise_name", "applicant_name")
    [job] = kiosk.journal(KIND)
    assert (job.reference, job.state) == (finished.reference, PrintState.PRINTED)
    # No printer besides the document printer: an A5 slip, its file gone once printed.
    [slip] = [p for p in (tmp_path / "printed").glob("*.pdf") if "handoff" in p.name]
    text = "".join(page.extract_text() for page in PdfReader(slip).pages)
    for shown in (finished.reference, "金华市婺城区丽华小吃店", "王丽华", BANK):
        assert shown in text
    assert ID_NUMBER not in text
    assert ID_NUMBER[-4:] + " " not in text
    assert not list((tmp_path / "receipts").glob("bank_handoff*"))
    [code] = decode_qr_codes(slip, tmp_path)
    qr = parse_receipt_qr(code)
    assert (qr.kind, qr.number, qr.service) == (
        NumberKind.REFERENCE,
        finished.reference,
        "GT-SETUP",
    )

    # Asking again prints nothing twice and keeps the one consent.
    wf.dispatch(ev.BankAccountAsked())
    assert isinstance(wf.state, Finished)
    assert wf.state.handoff == "printed"
    assert len(kiosk.consents.all()) == 1


def test_the_slip_goes_to_the_receipt_printer_when_the_kiosk_has_one(
    tmp_path: Path, db: Database, catalogue_data: dict[str, Any]
) -> None:
    tickets = SimulatedReceiptPrinter()
    kiosk = Kiosk(tmp_path, db, catalogue_data, bank=BANK, tickets=tickets)
    finished = kiosk.register(["G0101"])
    kiosk.workflow.dispatch(ev.BankAccountAsked())
    kiosk.workflow.dispatch(ev.BankConsentGiven())
    [ticket] = tickets.tickets
    assert ticket.qr is not None
    assert parse_receipt_qr(ticket.qr).number == finished.reference
    words = "\n".join(line.text for line in ticket.lines)
    assert BANK in words
    assert "王丽华" in words
    assert ID_NUMBER not in words


def test_a_kiosk_outside_a_bank_offers_no_account(
    tmp_path: Path, db: Database, catalogue_data: dict[str, Any]
) -> None:
    kiosk = Kiosk(tmp_path, db, catalogue_data, bank=None)
    kiosk.register(["G0101"])
    assert kiosk.workflow.bank_name is None


def test_the_citizen_goes_on_to_the_food_permit_without_reading_the_card_again(
    tmp_path: Path, db: Database, catalogue_data: dict[str, Any]
) -> None:
    kiosk = Kiosk(tmp_path, db, catalogue_data, bank=None)
    finished = kiosk.register(["G0101", "L0101"])
    wf = kiosk.workflow
    assert [s.code for s in wf.permit_offers()] == ["FOOD-PERMIT"]
    delivery = wf.licence_delivery()
    assert delivery is not None
    assert delivery.place("zh") == "金华市婺城区八一南街****"
    kiosk.reader.remove()  # a read now would find nothing: the document is carried over
    wf.dispatch(ev.ContinueWith("FOOD-PERMIT"))
    assert wf.state == Filling("FOOD-PERMIT", 0)
    form = wf.form
    assert form is not None
    assert form.schema is kiosk.catalogue.service("FOOD-PERMIT").form
    assert form.value("linked_application") == finished.reference
    assert form.json_value("scope") == ["G0101", "L0101"]
    assert form.is_locked(form.schema.field("linked_application"))

    # Back to the permit's guidance and on again: the form is made anew, filled again.
    wf.dispatch(ev.BackPressed())
    assert state_now(wf) == ReadingGuidance("FOOD-PERMIT")
    wf.dispatch(ev.NextPressed())
    kiosk.reader.insert()
    kiosk.scheduler.fire_all()
    assert wf.state == Filling("FOOD-PERMIT", 0)
    assert wf.form is not None
    assert wf.form.value("linked_application") == finished.reference
    assert wf.form.json_value("scope") == ["G0101", "L0101"]


def test_no_consent_row_holds_personal_data(db: Database) -> None:
    log = ConsentLog(db)
    log.record(PURPOSE, "KA20261123-000001", BANK, ("application_no",), "2026-11-23T10:00:00+08:00")
    log.record(PURPOSE, "KA20261123-000001", "another bank", ("x",), "2026-11-23T11:00:00+08:00")
    [kept] = log.all()
    assert (kept.recipient, kept.given_at) == (BANK, "2026-11-23T10:00:00+08:00")  # the first
    columns = [row[1] for row in db.connection.execute("PRAGMA table_info(consents)")]
    assert columns == ["id", "purpose", "reference", "recipient", "shared", "given_at"]
    with pytest.raises(ValueError, match="names of the items"):
        log.record(PURPOSE, "K0001-000001", BANK, ("name,id",), "2026-11-23T10:00:00+08:00")


def _fields(data: dict[str, Any], code: str) -> list[dict[str, Any]]:
    service = next(s for s in data["services"] if s["code"] == code)
    return [f for p in service["form"]["pages"] for s in p["sections"] for f in s["fields"]]


def _field(data: dict[str, Any], code: str, name: str) -> dict[str, Any]:
    return next(f for f in _fields(data, code) if f["name"] == name)
