"""The business licence slip (registration.md §7): the items and labels of a company and of an
individual business, read leniently from any central, on one landscape page whose QR code
carries the central's verification text."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from kiosk.documents.licence_content import (
    GSXT_CAPTION,
    capital_text,
    licence_slip,
)
from kiosk.documents.licence_slip import write_licence_pdf
from tests.core.test_receipt_document import decode_qr_codes

QR = "KCV1.central-1.eyJ1c2NjIjoiOTEzMzA3MDJNQTJBQkNERTBKIn0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU"
ISSUED = date(2026, 11, 23)

COMPANY: dict[str, Any] = {
    "uscc": "91330702MA2ABCDE0J",
    "application_no": "KA20261122-000001",
    "name": "金华市婺城区青禾科技有限公司",
    "type": {"zh": "有限责任公司（自然人投资或控股）", "en": "Limited liability company"},
    "items": [
        {"key": "legal_representative", "label": {"zh": "法定代表人"}, "value": "王丽华"},
        {"key": "scope", "label": {"zh": "经营范围"}, "value": "一般项目：软件开发。"},
        {"key": "registered_capital", "label": {"zh": "注册资本"}, "value": "100万元"},
        {"key": "domicile", "label": {"zh": "住所"}, "value": "浙江省金华市婺城区八一南街100号"},
    ],
    "date_label": {"zh": "成立日期", "en": "Date of establishment"},
    "date_of_establishment": "2026-11-22",
    "registration_authority": {"zh": "金华市婺城区市场监督管理局", "en": "Wucheng AMR"},
}

INDIVIDUAL: dict[str, Any] = {
    "uscc": "92330702MA2J8L4R5E",
    "name": "金华市婺城区丽华百货店",
    "type": {"zh": "个体工商户", "en": "Individual business"},
    "items": [
        {"key": "operator", "label": {"zh": "经营者"}, "value": "王丽华"},
        {"key": "composition", "label": {"zh": "组成形式"}, "value": "个人经营"},
        {"key": "scope", "label": {"zh": "经营范围"}, "value": "日用百货销售"},
        {"key": "premises", "label": {"zh": "经营场所"}, "value": "浙江省金华市婺城区将军路88号"},
    ],
    "date_label": {"zh": "注册日期"},
    "date_of_establishment": "2026-11-22",
    "registration_authority": {"zh": "金华市婺城区市场监督管理局"},
}


def pdf_text(pdf: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_a_company_licence_shows_the_company_items_and_the_centrals_qr(tmp_path: Path) -> None:
    slip = licence_slip(COMPANY, {"qr": QR}, printed_on=ISSUED)
    pdf = write_licence_pdf(slip, tmp_path / "licence.pdf")

    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    text = pdf_text(pdf)
    for shown in (
        "营业执照",
        "统一社会信用代码",
        "91330702MA2ABCDE0J",
        "名称",
        "金华市婺城区青禾科技有限公司",
        "类型",
        "有限责任公司（自然人投资或控股）",
        "法定代表人",
        "王丽华",
        "经营范围",
        "一般项目：软件开发。",
        "注册资本",
        "100万元",
        "成立日期",
        "2026年11月22日",
        "住所",
        "浙江省金华市婺城区八一南街100号",
        "登记机关",
        "金华市婺城区市场监督管理局",
        "2026年11月23日",
    ):
        assert shown in text, shown
    assert "经营者" not in text
    assert "经营场所" not in text
    assert "国家企业信用信息公示系统" in text  # the QR's caption
    assert decode_qr_codes(pdf, tmp_path) == [QR]


def test_an_individual_business_licence_uses_its_own_labels(tmp_path: Path) -> None:
    slip = licence_slip(INDIVIDUAL, {"qr": QR}, printed_on=ISSUED)
    text = pdf_text(write_licence_pdf(slip, tmp_path / "licence.pdf"))

    for shown in ("经营者", "组成形式", "个人经营", "注册日期", "经营场所", "将军路88号"):
        assert shown in text, shown
    for company_only in ("法定代表人", "注册资本", "成立日期", "住所"):
        assert company_only not in text.replace("经营场所", ""), company_only


def test_a_very_long_scope_still_fits_one_page_with_a_readable_qr(tmp_path: Path) -> None:
    long_scope = "；".join(f"第{n}项经营活动的详细说明文字" for n in range(200))
    data = {**COMPANY, "items": [*COMPANY["items"][:1], {"key": "scope", "value": long_scope}]}
    pdf = write_licence_pdf(licence_slip(data, {"qr": QR}, printed_on=ISSUED), tmp_path / "l.pdf")

    assert len(PdfReader(pdf).pages) == 1
    assert "第199项" in pdf_text(pdf)
    assert decode_qr_codes(pdf, tmp_path) == [QR]


def test_another_centrals_plain_fields_are_read_and_missing_ones_left_blank() -> None:
    other = {
        "uscc": "91330702ma2abcde0j",
        "name": "金华市婺城区青禾科技有限公司",
        "entity_type": "有限责任公司",
        "legal_representative": "王丽华",
        "registered_capital": "1000000元",
        "address": "浙江省金华市婺城区八一南街100号",
        "established": "2026-11-22T09:00:00+08:00",
        "hologram": {"colour": "gold"},  # unknown: ignored
    }
    slip = licence_slip(other, None, printed_on=ISSUED)

    assert slip.uscc == "91330702MA2ABCDE0J"
    assert not slip.individual
    assert (slip.representative, slip.capital, slip.date_text) == (
        "王丽华",
        "100万元",
        "2026年11月22日",
    )
    assert slip.address == "浙江省金华市婺城区八一南街100号"
    assert (slip.scope, slip.authority, slip.qr) == ("", "", "")  # missing: printed blank
    assert slip.date_label == "成立日期"
    assert slip.issued_text == "2026年11月23日"


def test_a_licence_never_shows_an_identity_number() -> None:
    data = {**INDIVIDUAL, "items": [{"key": "operator", "value": "王丽华 330702196205050824"}]}
    assert licence_slip(data, {}, printed_on=ISSUED).representative == "王丽华 3307**********0824"


def test_registered_capital_is_printed_in_ten_thousand_yuan() -> None:
    assert capital_text("100万元") == "100万元"
    assert capital_text("100") == "100万元"
    assert capital_text("100.00") == "100万元"
    assert capital_text("12.5万") == "12.5万元"
    assert capital_text("1000000元") == "100万元"
    assert capital_text("壹佰万元整") == "壹佰万元整"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["uscc", "name", "type", "items", "key", "value", "zh", "scope", "date_label"]
                + ["date_of_establishment", "registered_capital", "registration_authority", "qr"]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(licence=json_values, verification=json_values)
def test_any_json_from_a_central_gives_a_slip_without_a_crash(
    licence: Any, verification: Any
) -> None:
    slip = licence_slip(licence, verification, printed_on=ISSUED)
    assert all(isinstance(line.value, str) for column in slip.lines for line in column)
    assert slip.date_label in ("成立日期", "注册日期")
    assert GSXT_CAPTION.startswith("扫描二维码")
