"""The printed acceptance receipt (受理回执), checked on real PDFs.

Every test renders the PDF with reportlab and reads it back as a reader would:
its text with pypdf, its layout with poppler's ``pdftotext -bbox``, and its QR
code with zxing-cpp on the page as ``pdftoppm`` renders it for the printer.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from devices.simulated import SimulatedIdReader, SimulatedPrinter
from kiosk.catalogue import Catalogue, Field, FormSchema, Page, Section, Text
from kiosk.clock import CHINA_TZ, ManualClock
from kiosk.config import load_config
from kiosk.documents.receipt import ReceiptData, write_receipt_pdf
from kiosk.documents.receipt_content import (
    ReceiptPlace,
    business_fields,
    compose_receipt,
    scope_items,
)
from kiosk.documents.receipt_qr import (
    NumberKind,
    ReceiptQr,
    ReceiptQrError,
    format_receipt_qr,
    parse_receipt_qr,
)
from kiosk.documents.working_days import add_working_days, is_working_day
from kiosk.receipts import PrintingReceiptDesk
from kiosk.workflow import events as ev
from kiosk.workflow.machine import KioskWorkflow
from kiosk.workflow.ports import StoreOutcome, Submission
from kiosk.workflow.states import Filling, Finished, Reviewing
from offline_cache.db import Database
from offline_cache.print_journal import PrintJournal
from tests.conftest import InlineRunner, ManualScheduler, sample_receipt

FULL_ID = "330702196205050824"
MASKED_ID = "3307**********0824"
REFERENCE = "K0001-000123"
APPLICATION_NO = "KA20261106-000042"
AUTHORITY = "金华市婺城区市场监督管理局"
FRIDAY_AFTERNOON = datetime(2026, 11, 6, 16, 0, tzinfo=CHINA_TZ)


# -- reading a PDF back -------------------------------------------------------------
def pdf_text(pdf: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(pdf).pages)


def flat(text: str) -> str:
    """Without white space: a wrapped line reads as one."""
    return re.sub(r"\s", "", text)


def missing(pdf: Path, *expected: str) -> list[str]:
    """Which of ``expected`` the PDF does not print (wrapping aside)."""
    text = flat(pdf_text(pdf))
    return [e for e in expected if flat(e) not in text]


def pdf_words(pdf: Path) -> tuple[float, float, list[tuple[str, float, float, float, float]]]:
    """The page size and every word's box (x0, y0, x1, y1), as poppler lays them out."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    assert page is not None
    words = [
        (word, float(x0), float(y0), float(x1), float(y1))
        for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            html,
        )
    ]
    return float(page.group(1)), float(page.group(2)), words


def font_sizes(pdf: Path) -> dict[str, float]:
    """The font size each run of text is drawn in, on the first page."""
    sizes: dict[str, float] = {}

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            sizes[text.strip()] = size

    PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    return sizes


def decode_qr_codes(pdf: Path, tmp_path: Path) -> list[str]:
    """Render the PDF as the printer would and read every QR code on it."""
    assert shutil.which("pdftoppm"), "poppler-utils is needed to render the receipt"
    prefix = tmp_path / f"{pdf.stem}-page"
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(prefix)], check=True)
    codes: list[str] = []
    for page in sorted(tmp_path.glob(f"{pdf.stem}-page*.png")):
        codes += [result.text for result in zxingcpp.read_barcodes(Image.open(page))]
    return codes


def render(receipt: ReceiptData, tmp_path: Path, name: str = "receipt") -> Path:
    return write_receipt_pdf(receipt, tmp_path / f"{name}.pdf")


# -- a kiosk whose central answers at once (or not at all) --------------------------
class Central:
    """The submission desk: keeps the submission, and the central's number if it answers."""

    def __init__(self, application_no: str | None) -> None:
        self.application_no = application_no
        self.submissions: list[Submission] = []

    def store(self, submission: Submission) -> StoreOutcome:
        self.submissions.append(submission)
        return StoreOutcome(reference=REFERENCE)

    def deliver(self, reference: str) -> str | None:
        return self.application_no


def citizen_submits(
    tmp_path: Path,
    db: Database,
    catalogue: Catalogue,
    *,
    application_no: str | None,
    authority: str = AUTHORITY,
) -> Path:
    """A citizen registers a sole proprietorship; returns the receipt that came out."""
    reader = SimulatedIdReader()
    reader.remove()  # the card goes on the reader once asked for
    printer = SimulatedPrinter(tmp_path / "printed")
    clock = ManualClock(FRIDAY_AFTERNOON)
    scheduler = ManualScheduler()
    workflow = KioskWorkflow(
        reader=reader,
        submissions=Central(application_no),
        receipts=PrintingReceiptDesk(printer, tmp_path / "receipts", PrintJournal(db), clock),
        runner=InlineRunner(),
        scheduler=scheduler,
        clock=clock,
        site_name="金华市婺城区市民服务中心",
        kiosk_id="K-330702-0001",
        authority=authority,
    )
    workflow.set_catalogue(catalogue)
    workflow.dispatch(ev.Started())
    workflow.dispatch(ev.ServiceChosen("GT-SETUP"))
    workflow.dispatch(ev.NextPressed())  # past the guidance: start
    reader.insert()
    scheduler.fire_all()
    assert isinstance(workflow.state, Filling)
    workflow.set_value("mobile", "13800138000")
    workflow.dispatch(ev.NextPressed())
    workflow.set_value("trade_name", "金华市婺城区丽华百货店")
    workflow.set_value("business_scope", "日用百货销售；服装服饰零售")
    workflow.dispatch(ev.NextPressed())
    assert isinstance(workflow.state, Reviewing)
    workflow.dispatch(ev.SubmitPressed())
    state = workflow.state
    assert isinstance(state, Finished)
    assert state.receipt == "printed"
    [pdf] = printer.output_dir.glob("*.pdf")
    return pdf


# -- the citizen's stories ----------------------------------------------------------
def test_citizen_receipt_names_the_authority_scope_address_and_materials(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    pdf = citizen_submits(tmp_path, db, catalogue, application_no=APPLICATION_NO)

    assert (
        missing(
            pdf,
            "受理回执",
            f"受理机关：{AUTHORITY}",
            APPLICATION_NO,
            "个体工商户设立登记",
            "Register a sole proprietorship",
            "王丽华",
            MASKED_ID,
            "金华市婺城区丽华百货店",
            "浙江省金华市婺城区将军路88号",  # the business address, prefilled from the card
            "日用百货销售；服装服饰零售",
            "电子申请表",  # received electronically ...
            "居民身份证（读卡器读取）",
            "经营者本人有效身份证件",  # ... and the catalogue's list
            "2026-11-06 16:00",  # submitted, and received by the central
            "3 个工作日，2026-11-11 前",  # Friday + 3 working days: Wednesday
            "3 working days, by 2026-11-11",
            "短信",
            "12345",
            "办件进度查询",  # the catalogue's lookup service
            "营业执照自助打印",  # the catalogue's licence printing
            "金华市婺城区市民服务中心",
            "K-330702-0001",
            "本回执仅证明申请材料已提交，不代表登记已核准",
            "it is not an approval",
        )
        == []
    )
    assert "尚未送达" not in pdf_text(pdf)


def test_queued_receipt_prints_the_reference_large_with_the_sms_promise(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    queued = citizen_submits(tmp_path, db, catalogue, application_no=None)

    assert (
        missing(
            queued,
            REFERENCE,
            "申请编号将通过短信发送",
            "Your application number will follow by text message (SMS)",
            "尚未送达登记机关",  # no acceptance time while queued
            "3 个工作日，2026-11-11 前",
        )
        == []
    )
    sizes = font_sizes(queued)
    assert sizes[REFERENCE] >= 30  # large: the citizen reads it out on the phone
    assert sizes[REFERENCE] > 2 * sizes["申请编号将通过短信发送"]


def test_receipt_qr_decodes_to_the_lookup_payload(tmp_path: Path) -> None:
    delivered = render(sample_receipt(REFERENCE, APPLICATION_NO), tmp_path, "delivered")
    queued = render(sample_receipt(REFERENCE), tmp_path, "queued")

    [code] = decode_qr_codes(delivered, tmp_path)
    assert code == f"KRV1|A|{APPLICATION_NO}|GT-SETUP|K-330702-0001|2026-11-02"
    assert parse_receipt_qr(code) == ReceiptQr(
        NumberKind.APPLICATION, APPLICATION_NO, "GT-SETUP", "K-330702-0001", date(2026, 11, 2)
    )
    [code] = decode_qr_codes(queued, tmp_path)
    assert parse_receipt_qr(code) == ReceiptQr(
        NumberKind.REFERENCE, REFERENCE, "GT-SETUP", "K-330702-0001", date(2026, 11, 2)
    )


def test_long_business_scope_wraps_inside_the_page(tmp_path: Path) -> None:
    items = tuple(
        Text(
            f"第{n}项技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广", f"Item {n} " * 12
        )
        for n in range(1, 21)
    )
    address = "浙江省金华市婺城区" + "八一南街一百号东方大厦" * 9
    receipt = replace(
        sample_receipt("5b0e3c1e-7d1f-4f0a-9a51-2f4c1c0e9d11"),  # a long reference shrinks
        business_scope=items,
        business_address=address,
        business_name="金华市婺城区" + "丽华" * 20 + "百货店",
    )
    pdf = render(receipt, tmp_path)

    width, height, words = pdf_words(pdf)
    assert words
    outside = [w for w in words if w[1] < 0 or w[2] < 0 or w[3] > width or w[4] > height]
    assert outside == []
    margin = 30.0  # 13 mm is 37 pt: every word stays well inside the paper's edge
    assert max(w[3] for w in words) < width - margin
    # Wrapped, not cut: every item is there in full.
    assert missing(pdf, address, *(item.zh for item in items)) == []


def test_a_company_receipt_with_six_scope_items_fits_on_one_page(
    tmp_path: Path, catalogue_data: dict[str, Any], catalogue: Catalogue
) -> None:
    scope = tuple(
        Text(entry["text"]["zh"], entry["text"]["en"])
        for entry in catalogue_data["business_scope"][:6]
    )
    receipt = replace(
        sample_receipt(REFERENCE),
        service_title_zh="有限责任公司设立登记",
        business_name="金华市婺城区丽华信息技术有限公司",
        business_address="浙江省金华市婺城区八一南街100号东方大厦一楼102室（自主申报）",
        business_scope=scope,
        materials_listed=tuple(m.title for m in catalogue.service("GS-SETUP").materials),
        licence_print_service=Text("营业执照自助打印", "Print your business licence"),
        lookup_service=Text("办件进度查询", "Check an application"),
    )
    pdf = render(receipt, tmp_path)

    assert len(PdfReader(pdf).pages) == 1
    assert missing(pdf, "（第一项为主营项目）", *(item.zh for item in scope)) == []


def test_receipt_never_prints_a_full_identity_number(tmp_path: Path, catalogue: Catalogue) -> None:
    service = catalogue.service("GT-SETUP")
    receipt = compose_receipt(
        service=service,
        catalogue=catalogue,
        form={"operator_name": "王丽华", "operator_id_number": FULL_ID, "trade_name": "丽华百货店"},
        applicant={"name": "王丽华", "document_type": "cn_resident_id", "id_number": FULL_ID},
        document=None,
        reference=REFERENCE,
        application_no=None,
        submitted_at=FRIDAY_AFTERNOON,
        accepted_at=None,
        place=ReceiptPlace("K-330702-0001", "测试大厅"),
    )
    pdf = render(receipt, tmp_path)

    assert missing(pdf, MASKED_ID) == []
    assert FULL_ID not in flat(pdf_text(pdf))
    assert all(FULL_ID not in code for code in decode_qr_codes(pdf, tmp_path))
    assert FULL_ID not in pdf.read_bytes().decode("latin-1")
    with pytest.raises(ValueError, match="not masked"):
        replace(receipt, masked_id_number=FULL_ID)


def test_receipt_without_a_known_authority_says_the_sms_will_name_it(
    tmp_path: Path, db: Database, catalogue: Catalogue
) -> None:
    pdf = citizen_submits(tmp_path, db, catalogue, application_no=APPLICATION_NO, authority="")

    assert missing(pdf, "受理机关：将在短信和办理结果中告知") == []
    assert "市场监督管理局" not in pdf_text(pdf)


def test_technician_names_the_authority_in_the_configuration(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\nauthority = "{AUTHORITY}"\n', encoding="utf-8")

    assert load_config(config).authority == AUTHORITY
    assert load_config(None).authority == ""


# -- reading the catalogue's data ---------------------------------------------------
def test_business_fields_come_from_the_catalogue_data(catalogue: Catalogue) -> None:
    sole = business_fields(catalogue.service("GT-SETUP").form)
    company = business_fields(catalogue.service("GS-SETUP").form)

    assert (sole.name, sole.address, sole.scope) == (
        "trade_name",
        "business_address",
        "business_scope",
    )
    # A field of type "scope" is the scope, whatever its name.
    assert (company.name, company.address, company.scope) == ("company_name", "domicile", "scope")


def test_another_centrals_field_names_are_found_by_their_labels() -> None:
    def text(name: str, zh: str, kind: str = "text") -> Field:
        return Field(name=name, type=kind, label=Text(zh, ""))

    schema = FormSchema(
        (
            Page(
                Text("", ""),
                (
                    Section(
                        Text("", ""),
                        (
                            text("mingcheng", "个体户名称"),
                            text("changsuo", "经营场所"),
                            text("fanwei", "经营范围", "scope"),
                        ),
                    ),
                ),
            ),
        )
    )
    roles = business_fields(schema)

    assert (roles.name, roles.address, roles.scope) == ("mingcheng", "changsuo", "fanwei")
    assert business_fields(None) == business_fields(FormSchema(()))


def test_scope_codes_print_as_the_catalogue_texts_and_unknown_codes_as_codes() -> None:
    texts = {"G0101": Text("日用百货销售", "Retail of daily goods")}

    assert scope_items(["G0101", "X9"], texts) == (
        Text("日用百货销售", "Retail of daily goods"),
        Text("X9", ""),
    )
    assert scope_items("日用百货销售", texts) == (Text("日用百货销售", ""),)
    assert scope_items("", texts) == ()


# -- the QR payload and the promised date --------------------------------------------
_IDENT = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-",
    max_size=64,
)
_QRS = st.builds(
    ReceiptQr,
    kind=st.sampled_from(NumberKind),
    number=_IDENT.filter(bool),
    service=_IDENT,
    kiosk_id=_IDENT,
    submitted_on=st.dates(min_value=date(1000, 1, 1)),
)


@given(_QRS)
def test_receipt_qr_payload_round_trips(qr: ReceiptQr) -> None:
    assert parse_receipt_qr(format_receipt_qr(qr)) == qr


@pytest.mark.parametrize(
    "text",
    [
        APPLICATION_NO,  # a bare number is not a receipt code
        "KRV2|A|KA1|GT-SETUP|K-1|2026-11-02",
        "KRV1|A|KA1|GT-SETUP|K-1",
        "KRV1|X|KA1|GT-SETUP|K-1|2026-11-02",
        "KRV1|A||GT-SETUP|K-1|2026-11-02",
        "KRV1|A|KA 1|GT-SETUP|K-1|2026-11-02",
        "KRV1|A|KA1|GT-SETUP|K-1|20261102",
        "KRV1|A|KA1|GT-SETUP|K-1|2026-02-30",
    ],
)
def test_lookup_screen_refuses_what_is_not_a_receipt_code(text: str) -> None:
    with pytest.raises(ReceiptQrError):
        parse_receipt_qr(text)


def test_a_number_the_code_cannot_carry_is_refused() -> None:
    with pytest.raises(ReceiptQrError):
        format_receipt_qr(ReceiptQr(NumberKind.REFERENCE, "K1|A", "", "", date(2026, 1, 1)))


@given(st.dates(max_value=date(9000, 1, 1)), st.integers(min_value=0, max_value=60))
def test_promise_date_is_that_many_working_days_later(start: date, days: int) -> None:
    due = add_working_days(start, days)

    between = [start + timedelta(n) for n in range(1, (due - start).days + 1)]
    assert sum(is_working_day(day) for day in between) == days
    if days:
        assert is_working_day(due)  # the last day counted is itself a working day
    else:
        assert due == start


def test_receipt_dates_are_china_dates_whatever_the_clock_zone(tmp_path: Path) -> None:
    late_utc = datetime(2026, 11, 2, 17, 0, tzinfo=UTC)  # 01:00 on the 3rd in Jinhua
    receipt = replace(sample_receipt(REFERENCE, APPLICATION_NO), submitted_at=late_utc)

    assert receipt.qr.submitted_on == date(2026, 11, 3)
    assert missing(render(receipt, tmp_path), "2026-11-03 01:00") == []


def test_promise_date_skips_the_weekend() -> None:
    friday = date(2026, 11, 6)

    assert add_working_days(friday, 1) == date(2026, 11, 9)  # Monday
    assert add_working_days(friday + timedelta(1), 1) == date(2026, 11, 9)  # from Saturday
    assert add_working_days(friday, 5) == date(2026, 11, 13)
    with pytest.raises(ValueError, match="negative"):
        add_working_days(friday, -1)
    assert sample_receipt(REFERENCE).promise_date == date(2026, 11, 5)  # Monday + 3
