"""Reading the registration form's values as the articles of association use them.

The form's JSON (money as decimal strings in 万元, dates as ``YYYY-MM-DD``,
people as lists of ``{"name", "document_type", "id_number", ...}``) is loose:
`ArticlesRoles` says which field holds what, and the helpers here turn raw
values into clean text, amounts, dates, flags and people (identity numbers
masked), returning None for anything unusable instead of raising. This lives
apart from `kiosk.documents.articles` so that the legal wording there deals only
with well-formed values, and the value rules can change without touching it.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Any

from kiosk.documents.receipt_data import mask_id_number

# -- which field holds what ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticlesRoles:
    """The form's field names for each piece of the articles.

    Defaults follow the limited-company form (``GS-SETUP``) of the test
    catalogue (``tests/data/catalogue_doc.json``) where it has the field, and
    plain names otherwise; the sandbox's own catalogue names the subscribed
    amount ``subscribed_capital`` (``ArticlesRoles(subscribed_amount=...)``).
    ``subscribed_amount``, ``contribution_date`` and ``contribution_form`` are
    sub-fields of each shareholder; ``contribution_methods`` is a form-level
    field for forms that ask the methods once, given to every shareholder who
    has none of their own. ``business_term`` is a number of years, a long-term
    choice, or a choice whose years are in ``business_term_years``.
    ``audit_committee`` and ``supervisor_waiver`` are yes/no fields: the board
    has an audit committee in place of supervisors (Art. 69); all shareholders
    agreed to have no supervisor (Art. 83).
    """

    company_name: str = "company_name"
    domicile: str = "domicile"
    business_scope: str = "scope"
    registered_capital: str = "registered_capital"
    shareholders: str = "shareholders"
    subscribed_amount: str = "subscribed_amount"
    contribution_date: str = "contribution_date"
    contribution_form: str = "contribution_form"
    contribution_methods: str = "contribution_methods"
    legal_representative: str = "legal_representative"
    legal_representative_role: str = "legal_representative_role"
    directors: str = "directors"
    supervisors: str = "supervisors"
    manager: str = "manager"
    audit_committee: str = "audit_committee"
    supervisor_waiver: str = "supervisor_waiver"
    business_term: str = "business_term"
    business_term_years: str = "term_years"
    other_provisions: str = "other_provisions"
    shareholder_entity_name: str = "entity_name"
    """A shareholder that is a company: its name (the person is its legal representative)."""
    shareholder_uscc: str = "uscc"

    @classmethod
    def from_mapping(cls, names: Mapping[str, str]) -> ArticlesRoles:
        """Roles from a mapping (e.g. the catalogue's); unknown roles raise ValueError."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(names) - known)
        if unknown:
            raise ValueError(f"unknown articles roles: {', '.join(unknown)}")
        return cls(**{k: str(v) for k, v in names.items()})


# -- values as the template reads them ---------------------------------------------

DOCUMENT_TYPES: Mapping[str, str] = {
    "cn_resident_id": "居民身份证",
    "hmt_residence_permit": "港澳台居民居住证",
    "foreign_permanent_resident": "外国人永久居留身份证",
    "hk_mo_travel_permit": "港澳居民来往内地通行证",
    "tw_travel_permit": "台湾居民来往大陆通行证",
    "passport": "护照",
}

#: Option values seen for the form of contribution, with their legal name (Art. 48).
#: A value not listed is printed as given (a catalogue may use the Chinese words).
CONTRIBUTION_FORMS: Mapping[str, str] = {
    "currency": "货币",
    "cash": "货币",
    "money": "货币",
    "monetary": "货币",
    "in_kind": "实物",
    "physical": "实物",
    "intellectual_property": "知识产权",
    "ip": "知识产权",
    "land_use_right": "土地使用权",
    "equity": "股权",
    "debt": "债权",
    "claims": "债权",
    "creditor_rights": "债权",
}

#: Not allowed as contributions (市场主体登记管理条例 Art. 13).
FORBIDDEN_CONTRIBUTIONS = frozenset(
    {"劳务", "信用", "自然人姓名", "商誉", "特许经营权", "设定担保的财产"}
)

LONG_TERM = frozenset({"long", "long_term", "long-term", "perpetual", "unlimited", "长期"})
_YES = frozenset({"true", "yes", "y", "1", "agree", "agreed", "consent", "是", "同意"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_SHAREHOLDERS = 50  # Art. 42


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    document: str
    """Document type and masked number, e.g. 居民身份证 3307**********0824, or ''."""
    id_number: str

    def same_as(self, other: Person) -> bool:
        if self.id_number and other.id_number:
            return self.id_number == other.id_number
        return self.name == other.name

    @property
    def described(self) -> str:
        return f"{self.name}（{self.document}）" if self.document else self.name


def clean_text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def parse_money(value: Any) -> Decimal | None:
    """A non-negative amount in 万元, or None; huge or absurdly fine amounts count as none."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount < 0:
        return None
    amount = amount.normalize()
    exponent = amount.as_tuple().exponent
    if amount.adjusted() > 12 or (isinstance(exponent, int) and exponent < -6):
        return None
    return amount


def plain_amount(amount: Decimal) -> str:
    text = format(amount, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_date(value: Any) -> date | None:
    if not isinstance(value, str) or not _DATE.fullmatch(value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def zh_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def is_yes(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value == 1
    if isinstance(value, str):
        return value.strip().lower() in _YES
    if isinstance(value, list | tuple):
        return any(is_yes(v) for v in value)
    return False


def parse_people(value: Any) -> list[Any]:
    """A people field as a list; one person (a ``person`` field) as a list of one."""
    if isinstance(value, Mapping):
        return [value]
    if isinstance(value, list | tuple):
        return list(value)
    return []


def parse_person(value: Any) -> Person | None:
    if not isinstance(value, Mapping):
        return None
    name = clean_text(value.get("name"))
    if name is None:
        return None
    number = value.get("id_number")
    number = (
        "".join(unicodedata.normalize("NFKC", number).split()).upper()
        if isinstance(number, str)
        else ""
    )
    kind = value.get("document_type")
    label = DOCUMENT_TYPES.get(kind, "证件") if isinstance(kind, str) else "证件"
    document = f"{label} {mask_id_number(number)}" if number else ""
    return Person(name=name, document=document, id_number=number)


def contribution_labels(value: Any) -> list[str]:
    values = value if isinstance(value, list | tuple) else [value]
    labels = []
    for item in values:
        text = clean_text(item)
        if text is not None:
            labels.append(CONTRIBUTION_FORMS.get(text.lower(), text))
    return list(dict.fromkeys(labels))


def parse_years(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdecimal():
        value = int(value.strip())
    if isinstance(value, int | float) and value == value and 0 < value < 1000:
        return int(value)
    return None


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (article and chapter numbers)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    head = chinese_number(n // 100) + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + digits[rest]
    return head + (digits[rest // 10] + "十" + (digits[rest % 10] if rest % 10 else ""))


def enumerate_items(items: Sequence[str]) -> str:
    return "；".join(f"（{chinese_number(i)}）{item}" for i, item in enumerate(items, 1)) + "。"


def percent(amount: Decimal, total: Decimal) -> str:
    with localcontext() as ctx:
        ctx.prec = 40
        share = (amount * 100 / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return plain_amount(share)
