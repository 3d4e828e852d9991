"""What a business licence (营业执照) shows, read leniently from the central's print job.

central-api.md gives the print job's ``licence`` as "all fields printed on the
slip" without fixing their names, so this reads what the sandbox sends (``name``,
``type``, ``items`` of ``{key, label, value}``, ``date_of_establishment``,
``registration_authority``) and the plain names another central may use
(``legal_representative``, ``registered_capital``, ``address`` …). A field it does
not know is ignored; one that is missing is printed blank. Texts may be plain or
``{"zh", "en"}`` (the licence is Chinese: ``zh`` is used).

The items and their labels follow registration.md §7.2: a company shows
法定代表人, 注册资本, 成立日期 and 住所; an individual business (个体工商户) shows
经营者, 组成形式, 注册日期 and 经营场所. Nothing on a licence is an identity number:
one found in a value anyway is masked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from kiosk.documents.receipt_data import mask_id_number

GSXT_CAPTION = "扫描二维码登录“国家企业信用信息公示系统”了解更多登记、备案、许可、监管信息"
"""The caption beside the licence's QR code (registration.md §7.1)."""

# Each item of the slip, and the keys a central may send it under (first the sandbox's).
_ALIASES: dict[str, tuple[str, ...]] = {
    "representative": (
        "legal_representative",
        "operator",
        "representative",
        "person_in_charge",
        "investor",
    ),
    "composition": ("composition", "form_of_operation"),
    "scope": ("scope", "business_scope"),
    "capital": ("registered_capital", "capital"),
    "address": ("domicile", "premises", "address", "business_address"),
}
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_NUMBER = re.compile(r"^\s*(?:人民币)?\s*(\d+(?:\.\d+)?)\s*(万元|万|元)?\s*(?:人民币)?\s*$")


@dataclass(frozen=True, slots=True)
class LicenceLine:
    """One item as printed: its label and its content."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class LicenceSlip:
    """The variable text of a licence and its verification QR, ready to lay out."""

    uscc: str
    name: str
    entity_type: str
    individual: bool
    """An individual business (个体工商户): its labels differ (§7.2)."""
    representative: str
    composition: str
    scope: str
    capital: str
    date_label: str
    date_text: str
    """The date of establishment or registration, ``YYYY年MM月DD日`` (or blank)."""
    address: str
    authority: str
    issued_text: str
    """The date of issue under the registration authority, ``YYYY年MM月DD日``."""
    qr: str
    """The central's ``verification.qr``, carried by the QR code as it is."""

    @property
    def lines(self) -> tuple[tuple[LicenceLine, ...], tuple[LicenceLine, ...]]:
        """The items in the licence's two columns, in the order §7.2 lists them."""
        if self.individual:
            left = (
                LicenceLine("名称", self.name),
                LicenceLine("类型", self.entity_type),
                LicenceLine("经营者", self.representative),
                LicenceLine("经营范围", self.scope),
            )
            right = (
                LicenceLine("组成形式", self.composition),
                LicenceLine(self.date_label, self.date_text),
                LicenceLine("经营场所", self.address),
            )
            return left, right
        left = (
            LicenceLine("名称", self.name),
            LicenceLine("类型", self.entity_type),
            LicenceLine("法定代表人", self.representative),
            LicenceLine("经营范围", self.scope),
        )
        right = (
            LicenceLine("注册资本", self.capital),
            LicenceLine(self.date_label, self.date_text),
            LicenceLine("住所", self.address),
        )
        return left, right


def licence_slip(licence: Any, verification: Any, *, printed_on: date) -> LicenceSlip:
    """The slip of the print job's ``licence`` and ``verification`` (any JSON: lenient)."""
    data = licence if isinstance(licence, dict) else {}
    items = _items(data)
    uscc = _text(data.get("uscc")).strip().upper()
    entity_type = _text(data.get("type") or data.get("entity_type"))
    individual = "个体" in entity_type or (not entity_type and uscc.startswith("92"))
    date_label = _text(data.get("date_label"))
    if date_label not in ("成立日期", "注册日期"):
        date_label = "注册日期" if individual else "成立日期"
    established = _chinese_date(
        data.get("date_of_establishment") or data.get("established") or data.get("date_text")
    )
    issued = _chinese_date(data.get("date_of_issue") or data.get("issued_on")) or _format_date(
        printed_on
    )
    qr = verification.get("qr") if isinstance(verification, dict) else None
    return LicenceSlip(
        uscc=uscc,
        name=_masked(_text(data.get("name"))),
        entity_type=_masked(entity_type),
        individual=individual,
        representative=_masked(_item(data, items, "representative")),
        composition=_masked(_item(data, items, "composition")),
        scope=_masked(_item(data, items, "scope")),
        capital=capital_text(_item(data, items, "capital")),
        date_label=date_label,
        date_text=established,
        address=_masked(_item(data, items, "address")),
        authority=_masked(_text(data.get("registration_authority") or data.get("authority"))),
        issued_text=issued,
        qr=qr if isinstance(qr, str) else "",
    )


def capital_text(value: str) -> str:
    """Registered capital as licences print it: ``100万元``.

    A bare amount is taken as 万元 (the unit registered capital is declared in);
    an amount in 元 is turned into 万元; anything else is printed as sent.
    """
    found = _NUMBER.match(value)
    if not found:
        return value.strip()
    try:
        amount = Decimal(found.group(1))
    except InvalidOperation:
        return value.strip()
    if found.group(2) == "元":
        amount = amount / 10000
    return f"{amount.normalize():f}万元"


def _items(data: dict[str, Any]) -> dict[str, str]:
    """The ``items`` list by key (an item without a key or value is ignored)."""
    found: dict[str, str] = {}
    items = data.get("items")
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict) and isinstance(item.get("key"), str):
            found.setdefault(item["key"], _text(item.get("value")))
    return found


def _item(data: dict[str, Any], items: dict[str, str], what: str) -> str:
    for key in _ALIASES[what]:
        if items.get(key):
            return items[key]
        value = _text(data.get(key))
        if value:
            return value
    return ""


def _text(value: Any) -> str:
    """A plain or ``{zh, en}`` text; a number as written; anything else blank."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return _text(value.get("zh") or value.get("en"))
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    return ""


def _chinese_date(value: Any) -> str:
    """``YYYY年MM月DD日`` from an ISO date (or an RFC 3339 time); a text already in
    that form as it is; anything else blank."""
    text = _text(value)
    try:
        return _format_date(date.fromisoformat(text[:10]))
    except ValueError:
        pass
    return text if re.fullmatch(r"\d{4}年\d{2}月\d{2}日", text) else ""


def _format_date(day: date) -> str:
    return f"{day.year:04d}年{day.month:02d}月{day.day:02d}日"


def _masked(text: str) -> str:
    """A licence never shows an identity number: mask any that a central put in a text."""
    return _ID_NUMBER.sub(lambda found: mask_id_number(found.group(0)), text)
